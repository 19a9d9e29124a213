// The outbox of case starts (see the `caseStarts` table): the API records a case and its start
// in one transaction; the workflow's opening projection confirms it; the reconciler starts what
// was left behind.
import { and, asc, eq, getTableColumns, getTableName, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../client.js';
import { caseStarts, cases, type CaseRow, type CaseStartRow, type NewCaseRow } from '../schema/cases.js';

// The intake's one statement, built once from the schema: a case row (every column, in the
// schema's order) and its start inserted from what the case insert returned. It runs as a named
// prepared statement (postgres.js keeps one per connection), so each request sends its values
// alone: no statement to build, parse and plan per request, and one round trip where an unnamed
// statement with parameters takes two (describe, then execute). Intake waits on it.
const CASE_COLUMNS = Object.entries(getTableColumns(cases));
const START_COLUMNS = [caseStarts.caseId, caseStarts.workflowType, caseStarts.workflowId, caseStarts.taskQueue, caseStarts.args];
const quoted = (name: string) => `"${name}"`;
// The start's own values follow the case's: workflow type, workflow id, task queue, arguments.
const startParameter = (n: number) => `$${CASE_COLUMNS.length + n}`;
const RECORD_CASE_WITH_START = [
  `with recorded as (insert into ${quoted(getTableName(cases))} (${CASE_COLUMNS.map(([, c]) => quoted(c.name)).join(', ')})`,
  `values (${CASE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) on conflict do nothing returning ${quoted(cases.id.name)})`,
  `insert into ${quoted(getTableName(caseStarts))} (${START_COLUMNS.map((c) => quoted(c.name)).join(', ')})`,
  `select ${quoted(cases.id.name)}, ${startParameter(1)}, ${startParameter(2)}, ${startParameter(3)}, ${startParameter(4)}::jsonb from recorded`,
  `returning ${quoted(caseStarts.caseId.name)}`,
].join(' ');

/**
 * Writes a case row and its start, or nothing when the workflow id already has a case (the
 * business id was used before): answers the row written, or undefined. One statement (the start
 * is inserted from what the case insert returned), so both exist or neither, in one round trip.
 * Takes the database, not a transaction: the statement commits on its own.
 */
export async function insertCaseWithStart(
  db: Database,
  params: { row: NewCaseRow & { workflowId: string }; start: { workflowType: string; taskQueue: string; args: unknown[] } },
): Promise<CaseRow | undefined> {
  const now = new Date();
  const row: CaseRow = {
    dueAt: null,
    closedAt: null,
    assignee: null,
    details: {},
    pendingApproval: null,
    projectionSeq: 0,
    ...params.row,
    createdAt: now,
    updatedAt: now,
  };
  const values = CASE_COLUMNS.map(([key, column]) => {
    const value = row[key as keyof CaseRow];
    return value === null || value === undefined ? null : (column.mapToDriverValue(value) as string | number);
  });
  const written = await db.$client.unsafe(RECORD_CASE_WITH_START, [...values, params.start.workflowType, row.workflowId, params.start.taskQueue, JSON.stringify(params.start.args)], { prepare: true });
  return written.length > 0 ? row : undefined;
}

/** True while the case's start waits for its workflow's confirmation. */
export async function isCaseStartPending(db: DbOrTx, params: { caseId: string }): Promise<boolean> {
  const [row] = await db.select({ caseId: caseStarts.caseId }).from(caseStarts).where(eq(caseStarts.caseId, params.caseId)).limit(1);
  return row !== undefined;
}

/** The workflow has confirmed its case: the start is done. */
export async function confirmCaseStart(tx: DbOrTx, params: { caseId: string }): Promise<void> {
  await tx.delete(caseStarts).where(eq(caseStarts.caseId, params.caseId));
}

/**
 * Starts not confirmed since `before` (and not tried since then), oldest first: the ones whose
 * start was lost.
 */
export async function listUnconfirmedCaseStarts(db: DbOrTx, params: { before: Date; limit: number }): Promise<CaseStartRow[]> {
  return db
    .select()
    .from(caseStarts)
    .where(and(lt(caseStarts.createdAt, params.before), or(isNull(caseStarts.attemptedAt), lt(caseStarts.attemptedAt, params.before))))
    .orderBy(asc(caseStarts.createdAt))
    .limit(params.limit);
}

export async function markCaseStartAttempted(db: DbOrTx, params: { caseId: string }): Promise<void> {
  await db.update(caseStarts).set({ attemptedAt: sql`now()` }).where(eq(caseStarts.caseId, params.caseId));
}

/**
 * Takes back a case recorded by the API whose workflow id turned out to be held by another
 * workflow (one started before the case table knew of it): only while nothing but the API wrote it.
 */
export async function withdrawUnconfirmedCase(tx: DbOrTx, params: { caseId: string }): Promise<void> {
  const [start] = await tx.delete(caseStarts).where(eq(caseStarts.caseId, params.caseId)).returning();
  if (start) await tx.delete(cases).where(and(eq(cases.id, params.caseId), eq(cases.projectionSeq, 0)));
}
