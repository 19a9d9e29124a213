// The outbox of case starts (see the `caseStarts` table): the API records a case and its start
// in one transaction; the workflow's opening projection confirms it; the reconciler starts what
// was left behind.
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { caseStarts, cases, type CaseRow, type CaseStartRow, type NewCaseRow } from '../schema/cases.js';

/**
 * Writes a case row and its start, or nothing when the workflow id already has a case (the
 * business id was used before): answers the row written, or undefined. One statement (the start
 * is inserted from what the case insert returned), so both exist or neither, in one round trip.
 */
export async function insertCaseWithStart(
  db: DbOrTx,
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
  const recordCase = db.insert(cases).values(row).onConflictDoNothing().returning({ id: cases.id });
  const written = await db.execute(sql`
    with recorded as (${recordCase.getSQL()})
    insert into ${caseStarts} (case_id, workflow_type, workflow_id, task_queue, args)
    select id, ${params.start.workflowType}, ${row.workflowId}, ${params.start.taskQueue}, ${JSON.stringify(params.start.args)}::jsonb from recorded
    returning case_id`);
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
