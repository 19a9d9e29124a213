// Messages of the irregular-update workflow, imported by the workflow and by api/.
import { defineQuery } from '@temporalio/workflow';
import type { IrregularChangeKind, irregularUpdateCase } from './case-type.js';

export type IrregularUpdateStatus = (typeof irregularUpdateCase.statuses)[number];

export interface IrregularUpdateInput {
  caseId: string;
  changeKind: IrregularChangeKind;
  /** Whose change: the provider's own, or one foreign reseller's. */
  subject: { type: 'provider-cip'; id: string } | { type: 'foreign-reseller'; id: string };
  /** When the change occurred (ISO 8601): the clock starts here. */
  occurredAt: string;
  /** What changed, without personal data. */
  description: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

export interface IrregularUpdateState {
  caseId: string;
  status: IrregularUpdateStatus;
  dueAt: string;
  dueDate: string;
  deadlineExplanation: string[];
  remindersSent: string[];
  overdue: boolean;
  submitted?: { at: string; proposedBy: string; approvedBy: string; summary: string; onTime: boolean; submissionReference: string | null };
}

export const irregularUpdateStateQuery = defineQuery<IrregularUpdateState>('state');
