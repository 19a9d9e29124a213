// Messages of the record-retention workflow. The API signals these facts after storing them
// (api/routes/customers/retention-signals.ts defines the same names for the API side).
import { defineQuery, defineSignal } from '@temporalio/workflow';

export interface RecordRetentionInput {
  caseId: string;
  customerId: string;
  accountId: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
  /** When the account was closed (ISO). */
  closedAt: string;
  /** State carried across continue-as-new; absent on the first run. */
  carried?: { lastSeq: number; lastAccessAt: string | null; holdIds: string[]; status: RecordRetentionStatus };
}

export type RecordRetentionStatus = 'retaining' | 'on-legal-hold' | 'disposed';

export const accountAccessedSignal = defineSignal<[{ at: string }]>('accountAccessed');
export const legalHoldSetSignal = defineSignal<[{ holdId: string }]>('legalHoldSet');
export const legalHoldReleasedSignal = defineSignal<[{ holdId: string }]>('legalHoldReleased');

export interface RecordRetentionState {
  caseId: string;
  status: RecordRetentionStatus;
  disposableAt: string;
  disposableAfterDate: string;
  lastAccessAt: string | null;
  legalHolds: string[];
  explanation: string[];
}

export const recordRetentionStateQuery = defineQuery<RecordRetentionState>('state');
