import { defineQuery } from '@temporalio/workflow';

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

export const BENEFICIAL_OWNER_REVERIFICATION_DECISIONS = [
  're-verified', // every tracked party verified again: the next period starts now
  'stop', // the customer relationship ended; no more re-verification
] as const;

export type ReverificationStatus = 'scheduled' | 'reverification-due' | 'stopped';

export interface BeneficialOwnerReverificationState {
  caseId: string;
  status: ReverificationStatus;
  nextDueAt: string;
  nextDueDate: string;
  /** Why re-verification is due: 'periodic' and/or 'beneficial-owner-added'. */
  dueReasons: string[];
  newOwnerIds: string[];
}

export const beneficialOwnerReverificationStateQuery = defineQuery<BeneficialOwnerReverificationState>('state');
