// Queries legal asks across cases and across the personal-data reads log.
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';
import { caseEvents, cases, type CaseRow } from '../schema/cases.js';
import { accounts, personalDataReads, type PersonalDataReadRow } from '../schema/customers.js';

export interface LegalCaseFilter {
  subjectType?: string;
  subjectId?: string;
  /** Every case about this customer: its own and its accounts' (interim review, record retention). */
  customerId?: string;
  type?: string;
  ruleSetId?: string;
  /** Cases with something recorded in [from, to). */
  from?: Date;
  to?: Date;
  /** true: cases whose deadline was missed (recorded as missed, or passed before the case closed). */
  breachedDeadline?: boolean;
  /** Cases in whose record this person acted (decided, proposed, approved, recorded a fact). */
  actor?: string;
}

const anyEvent = (condition: SQL) => sql`exists (select 1 from ${caseEvents} where ${caseEvents.caseId} = ${cases.id} and ${condition})`;

// A deadline is breached when the workflow recorded it missed, or when the due instant passed
// before the case closed (or, for an open case, before now).
const breached = sql`(${anyEvent(sql`${caseEvents.type} = 'deadline.missed'`)} or ${cases.dueAt} < coalesce(${cases.closedAt}, now()))`;

/** Newest first, keyset-paginated on (opened_at, id). */
export async function findCasesForLegal(
  db: DbOrTx,
  params: LegalCaseFilter & { limit: number; after?: KeysetCursor },
): Promise<Page<CaseRow>> {
  const window =
    params.from || params.to
      ? anyEvent(
          and(
            params.from ? sql`${caseEvents.occurredAt} >= ${params.from.toISOString()}::timestamptz` : undefined,
            params.to ? sql`${caseEvents.occurredAt} < ${params.to.toISOString()}::timestamptz` : undefined,
          )!,
        )
      : undefined;
  const where: (SQL | undefined)[] = [
    params.subjectType ? eq(cases.subjectType, params.subjectType) : undefined,
    params.subjectId ? eq(cases.subjectId, params.subjectId) : undefined,
    params.customerId
      ? or(
          and(eq(cases.subjectType, 'customer'), eq(cases.subjectId, params.customerId)),
          and(eq(cases.subjectType, 'account'), inArray(cases.subjectId, db.select({ id: sql<string>`${accounts.id}::text` }).from(accounts).where(eq(accounts.customerId, params.customerId)))),
        )
      : undefined,
    params.type ? eq(cases.type, params.type) : undefined,
    params.ruleSetId ? eq(cases.ruleSetId, params.ruleSetId) : undefined,
    window,
    params.breachedDeadline === undefined ? undefined : params.breachedDeadline ? breached : sql`not ${breached}`,
    params.actor ? anyEvent(sql`(${caseEvents.actor} = ${params.actor} or ${caseEvents.data}->>'by' = ${params.actor})`) : undefined,
  ];
  return selectKeysetPage(db, cases, { at: 'openedAt', id: 'id' }, where, params);
}

export interface AccessLogFilter {
  customerId?: string;
  actor?: string;
  purpose?: string;
  from?: Date;
  to?: Date;
}

/** Newest first, keyset-paginated on the entry id (ids grow with the time of the read). */
export async function listPersonalDataReads(
  db: DbOrTx,
  params: AccessLogFilter & { limit: number; beforeId?: number },
): Promise<{ items: PersonalDataReadRow[]; nextCursor: string | null }> {
  const r = personalDataReads;
  const rows = await db
    .select()
    .from(r)
    .where(
      and(
        params.customerId ? eq(r.customerId, params.customerId) : undefined,
        params.actor ? eq(r.actor, params.actor) : undefined,
        params.purpose ? eq(r.purpose, params.purpose) : undefined,
        params.from ? sql`${r.readAt} >= ${params.from.toISOString()}::timestamptz` : undefined,
        params.to ? sql`${r.readAt} < ${params.to.toISOString()}::timestamptz` : undefined,
        params.beforeId !== undefined ? sql`${r.id} < ${params.beforeId}` : undefined,
      ),
    )
    .orderBy(desc(r.id))
    .limit(params.limit + 1);
  const items = rows.slice(0, params.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > params.limit && last ? String(last.id) : null };
}
