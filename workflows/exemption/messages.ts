import { defineQuery } from '@temporalio/workflow';

export type ExemptionScope = 'provider' | 'account-type' | 'lessee' | 'foreign-reseller';

/** What the exemption covers, as a case subject: `provider-cip:provider`, `account-type:<name>`, `customer:<id>`, `foreign-reseller:<id>`. */
export interface ExemptionSubject {
  type: 'provider-cip' | 'account-type' | 'customer' | 'foreign-reseller';
  id: string;
}

/** Starts an exemption's case: IDs and non-personal facts; the program document stays in PostgreSQL. */
export interface ExemptionInput {
  caseId: string;
  exemptionId: string;
  applicationReference: string;
  scope: ExemptionScope;
  subject: ExemptionSubject;
  programDocumentId: string;
  submittedAt: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

// `input-refused`: every case type's status for a start the rules refuse (workflows/kit/refused-input.ts).
export type ExemptionCaseStatus = 'awaiting-decision' | 'grant-proposed' | 'granted' | 'notification-overdue' | 'denied' | 'withdrawn' | 'revoked' | 'input-refused';

export interface ExemptionNotificationRecord {
  id: string;
  reference: string;
  notifiedAt: string;
  dueAt: string;
  late: boolean;
  recordedBy: string;
}

export interface ExemptionState {
  caseId: string;
  exemptionId: string;
  status: ExemptionCaseStatus;
  grantedAt?: string;
  commerceReference?: string;
  /** While the exemption stands: when the next annual notification is due, and why. */
  notificationDueAt?: string;
  notificationDueDate?: string;
  notificationExplanation?: string[];
  notifications: ExemptionNotificationRecord[];
  /** Every annual notification deadline that passed without a notification (breaches stay). */
  missedNotifications: string[];
  remindersSent: string[];
  revokedAt?: string;
  /** The case opened on revocation to resume the normal CIP duties (its workflow id). */
  dutyResumption?: string;
}

export const exemptionStateQuery = defineQuery<ExemptionState>('exemptionState');
