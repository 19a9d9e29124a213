// Messages of the reseller oversight and termination workflow, imported by the workflow and by
// api/. Its decisions and statuses are declared in case-type.ts; the facts it hears (more
// evidence, the reseller's answers) in the kit's facts.
import { defineQuery } from '@temporalio/workflow';
import { resellerTerminationCase, TERMINATION_GROUNDS } from './case-type.js';

export type ResellerTerminationStatus = (typeof resellerTerminationCase.statuses)[number];
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];

export interface ResellerTerminationInput {
  caseId: string;
  resellerId: string;
  /** The evidence of non-compliance that opened the case. */
  evidenceId: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
  /** When the evidence was recorded (ISO). */
  openedAt: string;
}

/** The case's input from the evidence that opens it (whoever starts it: the API or another case). */
export function oversightCaseInput(
  opening: { id: string; resellerId: string; caseId: string | null; recordedBy: string; recordedAt: Date },
  context: { ruleSetId: string; timeZone: string },
): ResellerTerminationInput {
  if (!opening.caseId) throw new Error(`evidence ${opening.id} opened no case`);
  return {
    caseId: opening.caseId,
    resellerId: opening.resellerId,
    evidenceId: opening.id,
    ruleSetId: context.ruleSetId,
    timeZone: context.timeZone,
    openedBy: opening.recordedBy,
    openedAt: opening.recordedAt.toISOString(),
  };
}

export interface IdentifiedIssue {
  id: string;
  description: string;
  cureBy: string;
  answered: boolean;
  claimsCured: boolean;
}

export interface ResellerTerminationState {
  caseId: string;
  resellerId: string;
  status: ResellerTerminationStatus;
  evidenceIds: string[];
  issues: IdentifiedIssue[];
  cureBy?: string;
  authorityReportIds: string[];
  determination?: { ground: TerminationGround; reason: string; by: string; at: string };
  dueAt?: string;
  dueDate?: string;
  deadlineExplanation?: string[];
  remindersSent: string[];
  closedAccountIds: string[];
  terminatedAt?: string;
  terminatedOnTime?: boolean;
}

export const resellerTerminationStateQuery = defineQuery<ResellerTerminationState>('state');
