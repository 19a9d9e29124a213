// Messages of the record-retention workflow. The facts it hears (accesses, legal holds) are
// declared in kit/facts.ts; the API delivers them to the account's open cases after storing them.
import { defineQuery } from '@temporalio/workflow';
import { accountAccessedFact, legalHoldReleasedFact, legalHoldSetFact } from '../kit/facts.js';
import type { recordRetentionCase } from './case-type.js';

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

export type RecordRetentionStatus = (typeof recordRetentionCase.statuses)[number];

export const accountAccessedSignal = accountAccessedFact.signal;
export const legalHoldSetSignal = legalHoldSetFact.signal;
export const legalHoldReleasedSignal = legalHoldReleasedFact.signal;

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
