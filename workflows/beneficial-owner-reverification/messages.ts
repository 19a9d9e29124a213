import { defineQuery } from '@temporalio/workflow';
import { beneficialOwnerReverificationCase } from './case-type.js';

export interface BeneficialOwnerReverificationInput {
  caseId: string;
  customerId: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
  /** When the customer's information was last verified (ISO): the periodic clock runs from here. */
  lastVerifiedAt: string;
  /** State carried across continue-as-new; absent on the first run. */
  carried?: { lastSeq: number; dueReasons: string[]; newOwnerIds: string[] };
}

// Its decisions and statuses are declared in case-type.ts.
export const BENEFICIAL_OWNER_REVERIFICATION_DECISIONS = Object.keys(beneficialOwnerReverificationCase.decisions) as (keyof typeof beneficialOwnerReverificationCase.decisions)[];

export type ReverificationStatus = (typeof beneficialOwnerReverificationCase.statuses)[number];

export interface BeneficialOwnerReverificationState {
  caseId: string;
  status: ReverificationStatus;
  nextDueAt: string;
  nextDueDate: string;
  /** Why re-verification is due: 'periodic', 'beneficial-owner-added' and/or 'ownership-changed'. */
  dueReasons: string[];
  newOwnerIds: string[];
}

export const beneficialOwnerReverificationStateQuery = defineQuery<BeneficialOwnerReverificationState>('state');
