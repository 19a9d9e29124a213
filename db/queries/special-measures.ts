// Special measures: recorded determinations, their extensions and status history, and the one
// answer every caller uses to ask which measures apply to a subject at an instant
// (`specialMeasuresFor`). Whether a measure is in its phase-in, in force, expired or revoked
// at an instant is decided by rules/ from the recorded facts; the SQL filter of `?activeAt=`
// states the same rule over the stored dates (and is checked against rules/ in the tests).
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import {
  getRuleSet,
  specialMeasureEffect,
  type SpecialMeasure,
  type SpecialMeasureFinding,
  type SpecialMeasureSubject,
} from '../../rules/index.js';
import type { DbOrTx } from '../client.js';
import { accounts, parties, partyIdentities } from '../schema/customers.js';
import { resellers, type ResellerRow } from '../schema/resellers.js';
import { cases } from '../schema/cases.js';
import {
  specialMeasureExtensions,
  specialMeasureStatusHistory,
  specialMeasures,
  type NewSpecialMeasureRow,
  type SpecialMeasureExtensionRow,
  type SpecialMeasureRow,
  type SpecialMeasureStatusName,
  type SpecialMeasureStatusRow,
} from '../schema/special-measures.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';

export interface SpecialMeasureRecord {
  measure: SpecialMeasureRow;
  extensions: SpecialMeasureExtensionRow[];
}

export interface SpecialMeasureDetail extends SpecialMeasureRecord {
  history: SpecialMeasureStatusRow[];
}

/** The measure as rules/ read it. */
export function toRuleMeasure({ measure, extensions }: SpecialMeasureRecord): SpecialMeasure {
  return {
    id: measure.id,
    issuedAt: measure.issuedAt,
    ...(measure.jurisdiction ? { jurisdictions: [measure.jurisdiction] } : {}),
    ...(measure.designatedPerson ? { designatedPerson: measure.designatedPerson } : {}),
    kind: measure.kind,
    conditions: measure.conditions,
    ...(measure.expiresOn ? { expiresOn: measure.expiresOn } : {}),
    extensions: extensions.map((e) => ({
      publishedAt: e.publishedAt,
      federalRegisterCitation: e.federalRegisterCitation,
      ...(e.newEndDate ? { newEndDate: e.newEndDate } : {}),
    })),
    ...(measure.revokedAt ? { revokedAt: measure.revokedAt } : {}),
  };
}

/**
 * Stores a new measure with its first status entry. A second measure for the same target under
 * the same Federal Register citation is not stored: the existing one is returned (`created: false`).
 */
export async function insertSpecialMeasure(
  tx: DbOrTx,
  params: { measure: NewSpecialMeasureRow; extensions: Omit<SpecialMeasureExtensionRow, 'recordedAt'>[]; actor: string; at: Date },
): Promise<{ created: boolean; record: SpecialMeasureRecord }> {
  const [inserted] = await tx.insert(specialMeasures).values(params.measure).onConflictDoNothing().returning();
  if (!inserted) {
    const [existing] = await tx
      .select()
      .from(specialMeasures)
      .where(and(eq(specialMeasures.federalRegisterCitation, params.measure.federalRegisterCitation), eq(specialMeasures.targetKey, params.measure.targetKey)));
    return { created: false, record: { measure: existing!, extensions: await listExtensions(tx, existing!.id) } };
  }
  if (params.extensions.length > 0) await tx.insert(specialMeasureExtensions).values(params.extensions);
  await appendSpecialMeasureStatus(tx, {
    measureId: inserted.id,
    eventKey: 'recorded',
    status: inserted.status,
    occurredAt: params.at,
    actor: params.actor,
    data: { federalRegisterCitation: inserted.federalRegisterCitation, extensions: params.extensions.length },
  });
  return { created: true, record: { measure: inserted, extensions: await listExtensions(tx, inserted.id) } };
}

async function listExtensions(db: DbOrTx, measureId: string): Promise<SpecialMeasureExtensionRow[]> {
  return db.select().from(specialMeasureExtensions).where(eq(specialMeasureExtensions.measureId, measureId)).orderBy(asc(specialMeasureExtensions.publishedAt));
}

export async function getSpecialMeasure(db: DbOrTx, params: { id: string }): Promise<SpecialMeasureDetail | undefined> {
  const [measure] = await db.select().from(specialMeasures).where(eq(specialMeasures.id, params.id));
  if (!measure) return undefined;
  const history = await db
    .select()
    .from(specialMeasureStatusHistory)
    .where(eq(specialMeasureStatusHistory.measureId, measure.id))
    .orderBy(asc(specialMeasureStatusHistory.id));
  return { measure, extensions: await listExtensions(db, measure.id), history };
}

/** Appends a status entry (once per event key) and sets the measure's last recorded status. */
export async function appendSpecialMeasureStatus(
  db: DbOrTx,
  params: { measureId: string; eventKey: string; status: SpecialMeasureStatusName; occurredAt: Date; actor: string; data?: Record<string, unknown> },
): Promise<boolean> {
  const [row] = await db
    .insert(specialMeasureStatusHistory)
    .values({ ...params, data: params.data ?? {} })
    .onConflictDoNothing()
    .returning({ id: specialMeasureStatusHistory.id });
  if (row) await db.update(specialMeasures).set({ status: params.status }).where(eq(specialMeasures.id, params.measureId));
  return row !== undefined;
}

/** The end of a measure at instant `at`: the latest extension published by then, else its initial end. */
const expiryAsOf = (at: Date) =>
  sql`coalesce((select e.expires_at from ${specialMeasureExtensions} e where e.measure_id = ${specialMeasures.id} and e.published_at <= ${at.toISOString()}::timestamptz order by e.published_at desc limit 1), ${specialMeasures.initialExpiresAt})`;

export interface SpecialMeasureListFilter {
  targetType?: SpecialMeasureRow['targetType'];
  jurisdiction?: string;
  kind?: SpecialMeasureRow['kind'];
  status?: SpecialMeasureStatusName;
  federalRegisterCitation?: string;
  /** Only measures in force at this instant: past their phase-in, not expired (counting extensions published by then), not revoked. */
  activeAt?: Date;
}

/** Newest issuance first, keyset-paginated on (issued_at, id). */
export async function listSpecialMeasures(
  db: DbOrTx,
  params: SpecialMeasureListFilter & { limit: number; after?: KeysetCursor },
): Promise<Page<SpecialMeasureRecord>> {
  const at = params.activeAt;
  const where = [
    params.targetType ? eq(specialMeasures.targetType, params.targetType) : undefined,
    params.jurisdiction ? eq(specialMeasures.jurisdiction, params.jurisdiction) : undefined,
    params.kind ? eq(specialMeasures.kind, params.kind) : undefined,
    params.status ? eq(specialMeasures.status, params.status) : undefined,
    params.federalRegisterCitation ? eq(specialMeasures.federalRegisterCitation, params.federalRegisterCitation) : undefined,
    at
      ? and(
          lte(specialMeasures.issuedAt, at),
          sql`${specialMeasures.implementationDueAt} < ${at.toISOString()}::timestamptz`,
          sql`${expiryAsOf(at)} >= ${at.toISOString()}::timestamptz`,
          or(isNull(specialMeasures.revokedAt), gt(specialMeasures.revokedAt, at)),
        )
      : undefined,
  ];
  const page = await selectKeysetPage(db, specialMeasures, { at: 'issuedAt', id: 'id' }, where, params);
  const extensions = page.items.length
    ? await db
        .select()
        .from(specialMeasureExtensions)
        .where(sql`${specialMeasureExtensions.measureId} in ${page.items.map((m) => m.id)}`)
        .orderBy(asc(specialMeasureExtensions.publishedAt))
    : [];
  return { items: page.items.map((measure) => ({ measure, extensions: extensions.filter((e) => e.measureId === measure.id) })), nextCursor: page.nextCursor };
}

/** Measures issued by `at` and not revoked by then: the candidates rules/ judge. */
async function listMeasuresIssuedBy(db: DbOrTx, at: Date): Promise<SpecialMeasureRecord[]> {
  const measures = await db
    .select()
    .from(specialMeasures)
    .where(and(lte(specialMeasures.issuedAt, at), or(isNull(specialMeasures.revokedAt), gt(specialMeasures.revokedAt, at))))
    .orderBy(asc(specialMeasures.issuedAt));
  const extensions = measures.length
    ? await db.select().from(specialMeasureExtensions).where(sql`${specialMeasureExtensions.measureId} in ${measures.map((m) => m.id)}`)
    : [];
  return measures.map((measure) => ({ measure, extensions: extensions.filter((e) => e.measureId === measure.id) }));
}

/** True when some measure was issued by `at` and not revoked by then (a cheap check before reading a subject's personal data). */
export async function anySpecialMeasureIssuedBy(db: DbOrTx, params: { at: Date }): Promise<boolean> {
  const [row] = await db
    .select({ id: specialMeasures.id })
    .from(specialMeasures)
    .where(and(lte(specialMeasures.issuedAt, params.at), or(isNull(specialMeasures.revokedAt), gt(specialMeasures.revokedAt, params.at))))
    .limit(1);
  return row !== undefined;
}

export interface SpecialMeasureApplication extends SpecialMeasureFinding {
  federalRegisterCitation: string;
  targetType: SpecialMeasureRow['targetType'];
}

/**
 * Which special measures apply to this prospective customer (or reseller, or an account
 * already open: `purpose: 'maintaining'`) at this instant, and with what effect: refuse,
 * conditions, warn (phase-in) or review (a near match on name, or an open account under a rule
 * set whose measures reach openings only). The one answer for every caller; measures with no
 * effect are left out. Each measure is judged under the rule set and zone it was recorded with.
 */
export async function specialMeasuresFor(
  db: DbOrTx,
  params: { subject: SpecialMeasureSubject; at: Date; purpose?: 'opening' | 'maintaining' },
): Promise<SpecialMeasureApplication[]> {
  return applySpecialMeasures(await listMeasuresIssuedBy(db, params.at), params.subject, params.at, params.purpose ?? 'opening');
}

/** The judgement of `specialMeasuresFor` over measures already loaded (an impact scan judges one measure against many subjects). */
export function applySpecialMeasures(
  records: readonly SpecialMeasureRecord[],
  subject: SpecialMeasureSubject,
  at: Date,
  purpose: 'opening' | 'maintaining',
): SpecialMeasureApplication[] {
  return records
    .map((record) => ({
      record,
      finding: specialMeasureEffect(toRuleMeasure(record), subject, at, { ruleSet: getRuleSet(record.measure.ruleSetId), timeZone: record.measure.timeZone }, purpose),
    }))
    .filter(({ finding }) => finding.effect !== 'none')
    .map(({ record, finding }) => ({ ...finding, federalRegisterCitation: record.measure.federalRegisterCitation, targetType: record.measure.targetType }));
}

/** Records an extension once (by citation) and moves the measure's end to the latest published extension's. */
export async function insertSpecialMeasureExtension(
  tx: DbOrTx,
  params: Omit<SpecialMeasureExtensionRow, 'id' | 'recordedAt'>,
): Promise<void> {
  await tx.insert(specialMeasureExtensions).values({ id: randomUUID(), ...params }).onConflictDoNothing();
  const [latest] = await tx
    .select()
    .from(specialMeasureExtensions)
    .where(eq(specialMeasureExtensions.measureId, params.measureId))
    .orderBy(desc(specialMeasureExtensions.publishedAt))
    .limit(1);
  if (latest) {
    await tx
      .update(specialMeasures)
      .set({ expiresAt: latest.expiresAt, expiryDate: latest.expiryDate, expiryExplanation: latest.explanation })
      .where(eq(specialMeasures.id, params.measureId));
  }
}

/** Records the revocation once: a repeat keeps the first. */
export async function revokeSpecialMeasure(
  db: DbOrTx,
  params: { measureId: string; revokedAt: Date; federalRegisterCitation: string | null; reason: string; revokedBy: string },
): Promise<void> {
  await db
    .update(specialMeasures)
    .set({ revokedAt: params.revokedAt, revocationCitation: params.federalRegisterCitation, revocationReason: params.reason, revokedBy: params.revokedBy })
    .where(and(eq(specialMeasures.id, params.measureId), isNull(specialMeasures.revokedAt)));
}

/** A customer an impact scan looks at, and whether any of its accounts has been opened yet. */
export interface ImpactCandidateCustomer {
  customerId: string;
  /** False while its every account is a pending application (not yet opened): a measure's opening effect applies to it. */
  accountOpened: boolean;
}

/** Account statuses of an account in use (opened, possibly restricted or monitored). */
const OPENED_ACCOUNT_STATUSES = ['open', 'interim-restricted', 'monitored'] as const;

/**
 * Customers with an account not closed or refused (a pending application counts); for a measure
 * against a jurisdiction, only those with a party (the customer or a beneficial owner) located
 * there. Each says whether one of its accounts has been opened.
 */
export async function listImpactCandidateCustomers(db: DbOrTx, params: { jurisdiction: string | null }): Promise<ImpactCandidateCustomer[]> {
  const rows = await db
    .select({
      customerId: parties.customerId,
      accountOpened: sql<boolean>`bool_or(${inArray(accounts.status, [...OPENED_ACCOUNT_STATUSES])})`,
    })
    .from(parties)
    .innerJoin(partyIdentities, eq(partyIdentities.partyId, parties.id))
    .innerJoin(accounts, eq(accounts.customerId, parties.customerId))
    .where(
      and(
        isNull(parties.removedAt),
        inArray(accounts.status, ['pending', ...OPENED_ACCOUNT_STATUSES]),
        params.jurisdiction ? sql`${partyIdentities.address}->>'country' = ${params.jurisdiction}` : undefined,
      ),
    )
    .groupBy(parties.customerId)
    .orderBy(asc(parties.customerId));
  return rows.map((r) => ({ customerId: r.customerId, accountOpened: r.accountOpened === true }));
}

/** Resellers not terminated; for a measure against a jurisdiction, those organised there. */
export async function listImpactCandidateResellers(db: DbOrTx, params: { jurisdiction: string | null }): Promise<ResellerRow[]> {
  return db
    .select()
    .from(resellers)
    .where(and(ne(resellers.status, 'terminated'), params.jurisdiction ? eq(resellers.jurisdiction, params.jurisdiction) : undefined))
    .orderBy(asc(resellers.id));
}

/**
 * Measures stored but whose case never appeared (the API stopped between storing the measure
 * and starting its workflow), oldest first. A measure whose workflow started but has not yet
 * written its case is listed too: starting it again is a no-op.
 */
export async function listSpecialMeasuresWithoutCase(db: DbOrTx, params: { limit: number }): Promise<SpecialMeasureRecord[]> {
  const rows = await db
    .select({ measure: specialMeasures })
    .from(specialMeasures)
    .leftJoin(cases, eq(cases.id, specialMeasures.caseId))
    .where(isNull(cases.id))
    .orderBy(asc(specialMeasures.createdAt))
    .limit(params.limit);
  const records: SpecialMeasureRecord[] = [];
  for (const { measure } of rows) records.push({ measure, extensions: await listExtensions(db, measure.id) });
  return records;
}

/**
 * The subjects (customer or reseller) of a measure's impact-review cases still open: those its
 * scan opened and those a reseller's registration opened under it.
 */
export async function openImpactReviewSubjects(db: DbOrTx, params: { measureId: string }): Promise<{ subjectType: string; subjectId: string }[]> {
  return db
    .selectDistinct({ subjectType: cases.subjectType, subjectId: cases.subjectId })
    .from(cases)
    .where(and(eq(cases.type, 'special-measure-impact-review'), isNull(cases.closedAt), sql`${cases.details}->>'measureId' = ${params.measureId}`))
    .orderBy(asc(cases.subjectType), asc(cases.subjectId));
}
