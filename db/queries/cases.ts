// Named queries over the case model. Each takes `(db | tx, params)` so callers choose whether
// it runs alone or inside their transaction.
import { and, asc, eq, gt, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';
import { caseEvents, cases, caseStarts, type CaseEventRow, type CaseRow, type NewCaseRow, type PendingApproval } from '../schema/cases.js';

export async function getCaseById(db: DbOrTx, params: { id: string }): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, params.id)).limit(1);
  return row;
}

export async function getCaseByWorkflowId(db: DbOrTx, params: { workflowId: string }): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.workflowId, params.workflowId)).limit(1);
  return row;
}

/**
 * The cases of one subject (a customer, an account, a reseller) among some case types, oldest
 * first; only open ones with `open: true`. How a fact about the subject finds the cases to tell.
 */
export async function listCasesOfSubject(
  db: DbOrTx,
  params: { subjectType: string; subjectId: string; types: readonly string[]; open?: boolean },
): Promise<CaseRow[]> {
  if (params.types.length === 0) return [];
  return db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.subjectType, params.subjectType),
        eq(cases.subjectId, params.subjectId),
        inArray(cases.type, [...params.types]),
        params.open ? isNull(cases.closedAt) : undefined,
      ),
    )
    .orderBy(asc(cases.openedAt), asc(cases.id));
}

export interface CaseListFilter {
  type?: string;
  status?: string;
  assignee?: string;
  unassigned?: boolean;
  dueBefore?: Date;
  subjectType?: string;
  subjectId?: string;
  open?: boolean;
}

/** Newest first, keyset-paginated on (opened_at, id) so pages stay stable while cases arrive. */
export async function listCases(
  db: DbOrTx,
  params: CaseListFilter & { limit: number; after?: KeysetCursor },
): Promise<Page<CaseRow>> {
  const where: (SQL | undefined)[] = [
    params.type ? eq(cases.type, params.type) : undefined,
    params.status ? eq(cases.status, params.status) : undefined,
    params.assignee ? eq(cases.assignee, params.assignee) : undefined,
    params.unassigned === undefined ? undefined : params.unassigned ? sql`${cases.assignee} is null` : sql`${cases.assignee} is not null`,
    params.dueBefore ? lte(cases.dueAt, params.dueBefore) : undefined,
    params.subjectType ? eq(cases.subjectType, params.subjectType) : undefined,
    params.subjectId ? eq(cases.subjectId, params.subjectId) : undefined,
    params.open === undefined ? undefined : params.open ? sql`${cases.closedAt} is null` : sql`${cases.closedAt} is not null`,
  ];
  return selectKeysetPage(db, cases, { at: 'openedAt', id: 'id' }, where, params);
}

export async function listCaseEvents(
  db: DbOrTx,
  params: { caseId: string; limit: number; afterId?: number },
): Promise<Page<CaseEventRow>> {
  const rows = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, params.caseId), params.afterId ? gt(caseEvents.id, params.afterId) : undefined))
    .orderBy(asc(caseEvents.id))
    .limit(params.limit + 1);
  const items = rows.slice(0, params.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > params.limit && last ? String(last.id) : null };
}

/** Idempotent: a second call with the same id leaves the first row as it is. */
export async function insertCaseIfAbsent(db: DbOrTx, params: NewCaseRow): Promise<void> {
  await db.insert(cases).values(params).onConflictDoNothing({ target: cases.id });
}

/**
 * A workflow's opening projection: creates the row, or, when the API recorded the case first
 * (the outbox of case starts), replaces what the API wrote with what the workflow found. Like
 * every projection, it is ignored where a projection as new or newer was applied.
 */
function openingUpsert(db: DbOrTx, params: NewCaseRow & { projectionSeq: number }) {
  return db
    .insert(cases)
    .values(params)
    .onConflictDoUpdate({
      target: cases.id,
      set: {
        status: sql`excluded.status`,
        dueAt: sql`excluded.due_at`,
        details: sql`excluded.details`,
        pendingApproval: sql`excluded.pending_approval`,
        projectionSeq: sql`excluded.projection_seq`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${cases.projectionSeq} < excluded.projection_seq`,
    });
}

export async function openCaseProjection(db: DbOrTx, params: NewCaseRow & { projectionSeq: number }): Promise<void> {
  await openingUpsert(db, params);
}

/**
 * Appends a case's events once per key, in the order given (the hash chain follows it), after
 * the statement `first` in the same statement: one round trip, atomic without a transaction.
 */
async function withEventsAppended(db: DbOrTx, first: SQL, caseId: string, events: readonly Omit<NewCaseEvent, 'caseId'>[]): Promise<void> {
  const rows = events.map((e) => ({ eventKey: e.eventKey, type: e.type, occurredAt: e.occurredAt.toISOString(), actor: e.actor, data: e.data ?? {} }));
  await db.execute(sql`
    with ${first}
    insert into ${caseEvents} (case_id, event_key, type, occurred_at, actor, data)
    select ${caseId}::uuid, e.value->>'eventKey', e.value->>'type', (e.value->>'occurredAt')::timestamptz, e.value->>'actor', e.value->'data'
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(value, position)
    order by e.position
    on conflict (case_id, event_key) do nothing`);
}

/**
 * The opening projection with its events, and the case's start confirmed (it leaves the outbox
 * of case starts), in one statement: the row and its first events exist together or not at all.
 */
export async function recordCaseOpening(db: DbOrTx, params: NewCaseRow & { id: string; projectionSeq: number }, events: readonly Omit<NewCaseEvent, 'caseId'>[]): Promise<void> {
  await withEventsAppended(
    db,
    sql`opened as (${openingUpsert(db, params).getSQL()}), confirmed as (delete from ${caseStarts} where ${caseStarts.caseId} = ${params.id})`,
    params.id,
    events,
  );
}

export interface CaseProjection {
  caseId: string;
  /** Monotonic per case; a projection older than the one applied is ignored (retries, races). */
  seq: number;
  status: string;
  dueAt?: Date | null;
  closedAt?: Date | null;
  details?: Record<string, unknown>;
  pendingApproval?: PendingApproval | null;
}

function projectionUpdate(db: DbOrTx, p: CaseProjection) {
  return db
    .update(cases)
    .set({
      status: p.status,
      projectionSeq: p.seq,
      updatedAt: sql`now()`,
      ...(p.dueAt !== undefined ? { dueAt: p.dueAt } : {}),
      ...(p.closedAt !== undefined ? { closedAt: p.closedAt } : {}),
      ...(p.details !== undefined ? { details: p.details } : {}),
      ...(p.pendingApproval !== undefined ? { pendingApproval: p.pendingApproval } : {}),
    })
    .where(and(eq(cases.id, p.caseId), lt(cases.projectionSeq, p.seq)))
    .returning({ id: cases.id });
}

/** Returns false when a newer (or the same) projection had already been applied. */
export async function applyCaseProjection(db: DbOrTx, p: CaseProjection): Promise<boolean> {
  const updated = await projectionUpdate(db, p);
  return updated.length > 0;
}

/**
 * A case's change and the events that explain it, in one statement (so one round trip, and
 * atomic without a transaction of its own): the row is updated unless a newer projection was
 * applied, and each event is appended once per key, in the order given (the hash chain follows
 * it). What a decision's answer waits for, so it costs one round trip to the database, not five.
 */
export async function recordCaseProjection(db: DbOrTx, p: CaseProjection, events: readonly Omit<NewCaseEvent, 'caseId'>[]): Promise<void> {
  await withEventsAppended(db, sql`projected as (${projectionUpdate(db, p).getSQL()})`, p.caseId, events);
}

export interface NewCaseEvent {
  caseId: string;
  eventKey: string;
  type: string;
  occurredAt: Date;
  actor: string;
  data?: Record<string, unknown>;
}

/** Appends once per (case, eventKey); a retry of the same event is a no-op. */
export async function appendCaseEvent(db: DbOrTx, e: NewCaseEvent): Promise<void> {
  await db
    .insert(caseEvents)
    .values({ ...e, data: e.data ?? {} })
    .onConflictDoNothing({ target: [caseEvents.caseId, caseEvents.eventKey] });
}

export async function setCaseAssignee(db: DbOrTx, params: { caseId: string; assignee: string | null }): Promise<boolean> {
  const updated = await db
    .update(cases)
    .set({ assignee: params.assignee, updatedAt: sql`now()` })
    .where(eq(cases.id, params.caseId))
    .returning({ id: cases.id });
  return updated.length > 0;
}

