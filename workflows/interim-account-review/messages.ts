import { defineQuery } from '@temporalio/workflow';
import { interimAccountReviewCase } from './case-type.js';

export interface InterimAccountReviewInput {
  caseId: string;
  customerId: string;
  accountId: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
  /** Restricted permissions or enhanced monitoring, as the handler set them. */
  restrictions: string[];
}

// Its decisions and statuses are declared in case-type.ts.
export const INTERIM_ACCOUNT_REVIEW_DECISIONS = Object.keys(interimAccountReviewCase.decisions) as (keyof typeof interimAccountReviewCase.decisions)[];

export type InterimOutcome = 'lifted' | 'monitored' | 'closed';

export interface InterimAccountReviewResult {
  outcome: InterimOutcome;
  decidedBy: string;
  /** True when nobody decided by the review deadline and the CIP policy's default applied. */
  byDefault: boolean;
  decidedAt: string;
}

export interface InterimAccountReviewState {
  caseId: string;
  status: 'interim-restricted' | 'pending-approval' | 'escalated' | InterimOutcome;
  reviewDueAt: string;
  reviewDueDate: string;
  remindersSent: string[];
  pendingProposal?: { decision: string; proposedBy: string; reason: string } | undefined;
  result?: InterimAccountReviewResult;
}

export const interimAccountReviewStateQuery = defineQuery<InterimAccountReviewState>('state');
