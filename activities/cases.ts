// Projects workflow state into PostgreSQL. Every write is idempotent (case id, projection seq,
// event key), so an activity retried after a crash of the worker or the database writes once.
import { recordCaseOpening, recordCaseProjection } from '../db/queries/cases.js';
import type { ActivityDeps } from './deps.js';

/** Dates travel through Temporal as ISO strings. */
export interface CaseEventInput {
  key: string;
  type: string;
  occurredAt: string;
  actor: string;
  data?: Record<string, unknown>;
}

/** A four-eyes proposal waiting for a second person, as the case row shows it. */
export interface PendingApprovalInput {
  decision: string;
  proposedBy: string;
  proposedAt: string;
  reason: string;
}

export interface OpenCaseInput {
  caseId: string;
  type: string;
  status: string;
  subjectType: string;
  subjectId: string;
  ruleSetId: string;
  workflowId: string;
  openedAt: string;
  dueAt?: string | null;
  /** Set when the case is closed from the start (its input refused by the rules). */
  closedAt?: string | null;
  assignee?: string | null;
  details?: Record<string, unknown>;
  pendingApproval?: PendingApprovalInput | null;
  /** The events that explain the change, in order. */
  events?: CaseEventInput[];
  /** Written by workflows before `events` existed (a task scheduled then may still arrive). */
  event?: CaseEventInput;
}

export interface CaseTransitionInput {
  caseId: string;
  seq: number;
  status: string;
  dueAt?: string | null;
  closedAt?: string | null;
  details?: Record<string, unknown>;
  pendingApproval?: PendingApprovalInput | null;
  events?: CaseEventInput[];
  event?: CaseEventInput;
}

const eventsOf = (input: { events?: CaseEventInput[]; event?: CaseEventInput }) => input.events ?? (input.event ? [input.event] : []);

function toEvent(caseId: string, e: CaseEventInput) {
  return { caseId, eventKey: e.key, type: e.type, occurredAt: new Date(e.occurredAt), actor: e.actor, data: e.data ?? {} };
}

const toDate = (iso: string | null | undefined) => (iso === undefined ? undefined : iso === null ? null : new Date(iso));

export function createCaseActivities({ db }: ActivityDeps) {
  return {
    async openCase(input: OpenCaseInput): Promise<void> {
      // One statement: the case row and its opening events exist together or not at all, and a
      // case the API recorded first is confirmed (its start leaves the outbox).
      const events = eventsOf(input);
      await recordCaseOpening(
        db,
        {
          id: input.caseId,
          type: input.type,
          status: input.status,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          ruleSetId: input.ruleSetId,
          workflowId: input.workflowId,
          openedAt: new Date(input.openedAt),
          dueAt: toDate(input.dueAt) ?? null,
          ...(input.closedAt ? { closedAt: new Date(input.closedAt) } : {}),
          assignee: input.assignee ?? null,
          details: input.details ?? {},
          pendingApproval: input.pendingApproval ?? null,
          // The opening's events are the case's first: its projection's sequence is their number.
          projectionSeq: events.length,
        },
        events.map((event) => toEvent(input.caseId, event)),
      );
    },

    async recordCaseTransition(input: CaseTransitionInput): Promise<void> {
      // One statement: a status change is never visible without the event that explains it.
      await recordCaseProjection(
        db,
        {
          caseId: input.caseId,
          seq: input.seq,
          status: input.status,
          dueAt: toDate(input.dueAt),
          closedAt: toDate(input.closedAt),
          details: input.details,
          ...(input.pendingApproval !== undefined ? { pendingApproval: input.pendingApproval } : {}),
        },
        eventsOf(input).map((event) => toEvent(input.caseId, event)),
      );
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
