// The case model every obligation shares. A case is one obligation instance (one workflow);
// its row is a projection of the workflow's state, written idempotently by activities so that
// the API can list and filter without asking Temporal. The event log is append-only: a
// trigger (see the migration) refuses UPDATE and DELETE, so the legal record cannot be edited.
import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';

export interface PendingApproval {
  decision: string;
  proposedBy: string;
  proposedAt: string;
  reason: string;
}

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** Obligation type, e.g. `cip-transmission`, `customer-identification`. */
    type: text('type').notNull(),
    /** Workflow-defined state, e.g. `awaiting-transmission`, `closed`. */
    status: text('status').notNull(),
    /** What the case is about, by reference only: personal data stays in its own tables. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** The rule set the case was opened under; it keeps it for its whole life. */
    ruleSetId: text('rule_set_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    assignee: text('assignee'),
    /** Non-personal facts the workflow exposes for lists (e.g. outcome, deadline explanation). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** A four-eyes proposal waiting for a second person (decision, proposedBy, proposedAt, reason), or null. */
    pendingApproval: jsonb('pending_approval').$type<PendingApproval | null>(),
    /** Sequence of the last workflow projection applied; older projections are ignored. */
    projectionSeq: integer('projection_seq').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_workflow_id_key').on(t.workflowId),
    index('cases_type_status_idx').on(t.type, t.status),
    index('cases_due_at_idx').on(t.dueAt),
    index('cases_assignee_idx').on(t.assignee),
    index('cases_subject_idx').on(t.subjectType, t.subjectId),
    // The case list's order and keyset pagination (newest first, ties by id): scanned backwards.
    index('cases_opened_at_id_idx').on(t.openedAt, t.id),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /**
     * Deterministic key chosen by the writer (workflow or API) so that a retried activity or
     * request appends the event once.
     */
    eventKey: text('event_key').notNull(),
    type: text('type').notNull(),
    /** When it happened: workflow time for workflow events, request time for API events. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`now()`),
    /** Token subject of the person or system that caused it (`system` for timers). */
    actor: text('actor').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    // Tamper evidence: each case's events form one hash chain. The database computes these three
    // on insert (trigger `case_events_chain`), whatever a writer sends, so no writer can forge
    // them; the unique (case_id, chain_seq) index and the hash function live in the migration.
    /** Position of the event in its case's chain, from 1. */
    chainSeq: integer('chain_seq').notNull().default(0),
    /** Hash of the case's previous event (64 zeros for the first). */
    prevHash: text('prev_hash').notNull().default(''),
    /** SHA-256 over prevHash and this event's content. */
    hash: text('hash').notNull().default(''),
  },
  (t) => [uniqueIndex('case_events_case_key').on(t.caseId, t.eventKey), index('case_events_case_idx').on(t.caseId, t.id)],
);

/**
 * The outbox of case starts: a case the API recorded (its row written in the same transaction)
 * whose workflow has not yet confirmed it. The workflow's opening projection deletes the row; a
 * row left behind (the API crashed, or Temporal was unreachable, between the commit and the
 * start) is started again by the API's reconciler, so an accepted case always gets its workflow.
 */
export const caseStarts = pgTable(
  'case_starts',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    workflowType: text('workflow_type').notNull(),
    workflowId: text('workflow_id').notNull(),
    taskQueue: text('task_queue').notNull(),
    /** The workflow's arguments (IDs and non-personal facts, as every workflow payload). */
    args: jsonb('args').$type<unknown[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the reconciler last tried to start it (null: only the API's own start so far). */
    attemptedAt: timestamp('attempted_at', { withTimezone: true }),
  },
  (t) => [index('case_starts_created_at_idx').on(t.createdAt)],
);

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseStartRow = typeof caseStarts.$inferSelect;
