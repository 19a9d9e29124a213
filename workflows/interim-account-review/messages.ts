import { defineQuery } from '@temporalio/workflow';

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

export const INTERIM_ACCOUNT_REVIEW_DECISIONS = [
  'lift-restrictions', // verification succeeded: the account opens without restrictions
  'monitor', // keep the account under additional monitoring
  'close', // propose closing the account: needs a reviewer's approval
  'approve', // reviewer (not the proposer) approves the proposed closure
  'reject', // reviewer rejects the proposed closure
  'corrective-measures', // record corrective measures taken
] as const;

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
  pendingProposal?: { decision: string; proposedBy: string; reason: string };
  result?: InterimAccountReviewResult;
}

export const interimAccountReviewStateQuery = defineQuery<InterimAccountReviewState>('state');
