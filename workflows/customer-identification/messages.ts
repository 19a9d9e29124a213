// Messages of the customer-identification workflow, imported by the workflow and by api/.
import { defineQuery, defineSignal } from '@temporalio/workflow';

export interface CustomerIdentificationInput {
  caseId: string;
  customerId: string;
  accountId: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

export const CUSTOMER_IDENTIFICATION_DECISIONS = [
  'open', // open the account: every tracked party verified
  'open-interim', // open as an interim, restricted account while verification continues
  'monitor', // keep the account under additional monitoring
  'corrective-measures', // record corrective measures (unverifiable or compromised information)
  'refuse', // propose not to open the account: needs a reviewer's approval
  'close', // propose to close the account: needs a reviewer's approval
  'approve', // reviewer (not the proposer) approves a pending refusal or closure
  'reject', // reviewer rejects a pending refusal or closure
] as const;
export type CustomerIdentificationDecision = (typeof CUSTOMER_IDENTIFICATION_DECISIONS)[number];

export type CustomerIdentificationStatus =
  | 'classifying'
  | 'needs-correction' // the recorded facts cannot be classified; waits for corrected facts
  | 'not-tracked' // customer and all beneficial owners are U.S. persons: nothing more is tracked
  | 'prohibited' // a special measure in force prohibits the account
  | 'awaiting-verification'
  | 'interim-restricted'
  | 'monitored'
  | 'pending-approval'
  | 'open'
  | 'refused'
  | 'closed';

/** Facts that arrive on their own: the API signals them after it has stored the record. */
export interface VerificationRecorded {
  attemptId: string;
  partyId: string;
  result: 'verified' | 'failed' | 'inconclusive';
}
export interface BeneficialOwnerAdded {
  partyId: string;
}

export const verificationRecordedSignal = defineSignal<[VerificationRecorded]>('verificationRecorded');
export const beneficialOwnerAddedSignal = defineSignal<[BeneficialOwnerAdded]>('beneficialOwnerAdded');

export interface CustomerIdentificationState {
  caseId: string;
  status: CustomerIdentificationStatus;
  trackingRequired?: boolean;
  pendingProposal?: { decision: 'refuse' | 'close'; proposedBy: string; reason: string };
  interimReviewDueAt?: string;
  verifiedParties: string[];
}

export const customerIdentificationStateQuery = defineQuery<CustomerIdentificationState>('state');
