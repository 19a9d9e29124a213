// Messages of the customer-identification workflow, imported by the workflow and by api/. Its
// decisions and statuses are declared in case-type.ts; the facts it hears in kit/facts.ts.
import { defineQuery } from '@temporalio/workflow';
import { beneficialOwnerAddedFact, customerFactsChangedFact, verificationRecordedFact } from '../kit/facts.js';
import { customerIdentificationCase } from './case-type.js';

export type { BeneficialOwnerAdded, CustomerFactsChanged, VerificationRecorded } from '../kit/facts.js';

export interface CustomerIdentificationInput {
  caseId: string;
  customerId: string;
  accountId: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

export const CUSTOMER_IDENTIFICATION_DECISIONS = Object.keys(customerIdentificationCase.decisions) as CustomerIdentificationDecision[];
export type CustomerIdentificationDecision = keyof typeof customerIdentificationCase.decisions;

/**
 * `needs-correction`: the recorded facts cannot be classified, waiting for corrected facts;
 * `not-tracked`: customer and all beneficial owners are U.S. persons, nothing more is tracked;
 * `prohibited`: a special measure in force prohibits the account.
 */
export type CustomerIdentificationStatus = (typeof customerIdentificationCase.statuses)[number];

/** The facts' signals, as the API and the tests send them. */
export const verificationRecordedSignal = verificationRecordedFact.signal;
export const beneficialOwnerAddedSignal = beneficialOwnerAddedFact.signal;
export const customerFactsChangedSignal = customerFactsChangedFact.signal;

export interface CustomerIdentificationState {
  caseId: string;
  status: CustomerIdentificationStatus;
  trackingRequired?: boolean;
  pendingProposal?: { decision: 'refuse' | 'close'; proposedBy: string; reason: string } | undefined;
  verifiedParties: string[];
}

export const customerIdentificationStateQuery = defineQuery<CustomerIdentificationState>('state');
