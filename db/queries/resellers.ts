// Foreign resellers, their accounts, CIP versions (the provider's own too) and the oversight
// record. Functions take `(db | tx, params)`; transactions are chosen by the callers.
import { and, asc, desc, eq, ilike, inArray, isNull, lte, sql } from 'drizzle-orm';
import { cipVersionInForce } from '../../rules/index.js';
import type { DbOrTx } from '../client.js';
import { accounts } from '../schema/customers.js';
import {
  authorityReports,
  cipDocuments,
  resellerAccounts,
  resellerIssueAnswers,
  resellerIssues,
  resellerNoncomplianceEvidence,
  resellers,
  type AuthorityReportRow,
  type CipDocumentRow,
  type NoncomplianceEvidenceRow,
  type ResellerContact,
  type ResellerIssueAnswerRow,
  type ResellerIssueRow,
  type ResellerRow,
  type ResellerStatus,
} from '../schema/resellers.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';

export interface NewReseller {
  id: string;
  legalName: string;
  jurisdiction: string;
  contacts: ResellerContact[];
  createdBy: string;
  createdAt: Date;
}

export async function insertReseller(db: DbOrTx, reseller: NewReseller): Promise<ResellerRow> {
  const [row] = await db
    .insert(resellers)
    .values({ ...reseller, updatedAt: reseller.createdAt, status: 'active' })
    .returning();
  return row!;
}

export async function getResellerById(db: DbOrTx, params: { id: string }): Promise<ResellerRow | undefined> {
  const [row] = await db.select().from(resellers).where(eq(resellers.id, params.id));
  return row;
}

/** The reseller row locked for the rest of the transaction (status changes, version numbers). */
export async function lockReseller(db: DbOrTx, params: { id: string }): Promise<ResellerRow | undefined> {
  const [row] = await db.select().from(resellers).where(eq(resellers.id, params.id)).for('update');
  return row;
}

export interface ResellerListFilter {
  status?: ResellerStatus;
  jurisdiction?: string;
  /** Part of the legal name, case-insensitive. */
  name?: string;
  accountId?: string;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listResellers(db: DbOrTx, params: ResellerListFilter & { limit: number; after?: KeysetCursor }): Promise<Page<ResellerRow>> {
  const where = [
    params.status ? eq(resellers.status, params.status) : undefined,
    params.jurisdiction ? eq(resellers.jurisdiction, params.jurisdiction) : undefined,
    params.name ? ilike(resellers.legalName, `%${params.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    params.accountId
      ? sql`exists (select 1 from ${resellerAccounts} where ${resellerAccounts.resellerId} = ${resellers.id} and ${resellerAccounts.accountId} = ${params.accountId}::uuid)`
      : undefined,
  ];
  return selectKeysetPage(db, resellers, { at: 'createdAt', id: 'id' }, where, params);
}

export async function updateResellerRow(
  db: DbOrTx,
  params: { id: string; at: Date; patch: Partial<Pick<ResellerRow, 'legalName' | 'jurisdiction' | 'contacts'>> },
): Promise<ResellerRow | undefined> {
  const [row] = await db
    .update(resellers)
    .set({ ...params.patch, updatedAt: params.at })
    .where(eq(resellers.id, params.id))
    .returning();
  return row;
}

export async function setResellerStatus(
  db: DbOrTx,
  params: { id: string; status: ResellerStatus; reason: string | null; at: Date; actor: string },
): Promise<ResellerRow | undefined> {
  const [row] = await db
    .update(resellers)
    .set({ status: params.status, statusReason: params.reason, statusChangedAt: params.at, statusChangedBy: params.actor, updatedAt: params.at })
    .where(eq(resellers.id, params.id))
    .returning();
  return row;
}

/** Of the given account ids, those that do not exist. */
export async function missingAccounts(db: DbOrTx, params: { accountIds: string[] }): Promise<string[]> {
  if (params.accountIds.length === 0) return [];
  const found = await db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, params.accountIds));
  const known = new Set(found.map((r) => r.id));
  return params.accountIds.filter((id) => !known.has(id));
}

export async function listResellerAccountIds(db: DbOrTx, params: { resellerId: string }): Promise<string[]> {
  const rows = await db
    .select({ accountId: resellerAccounts.accountId })
    .from(resellerAccounts)
    .where(eq(resellerAccounts.resellerId, params.resellerId))
    .orderBy(asc(resellerAccounts.addedAt), asc(resellerAccounts.accountId));
  return rows.map((r) => r.accountId);
}

/** Makes the reseller's accounts exactly `accountIds` (the ones already linked keep their date). */
export async function replaceResellerAccounts(db: DbOrTx, params: { resellerId: string; accountIds: string[]; actor: string; at: Date }): Promise<void> {
  const current = await listResellerAccountIds(db, { resellerId: params.resellerId });
  const removed = current.filter((id) => !params.accountIds.includes(id));
  const added = params.accountIds.filter((id) => !current.includes(id));
  if (removed.length) {
    await db.delete(resellerAccounts).where(and(eq(resellerAccounts.resellerId, params.resellerId), inArray(resellerAccounts.accountId, removed)));
  }
  if (added.length) {
    await db
      .insert(resellerAccounts)
      .values(added.map((accountId) => ({ resellerId: params.resellerId, accountId, addedBy: params.actor, addedAt: params.at })))
      .onConflictDoNothing();
  }
}

// --- CIP versions -------------------------------------------------------------------------

export type CipOwner = { type: 'provider' } | { type: 'foreign-reseller'; resellerId: string };

const ownerIs = (owner: CipOwner) =>
  owner.type === 'provider'
    ? and(eq(cipDocuments.ownerType, 'provider'), isNull(cipDocuments.resellerId))
    : and(eq(cipDocuments.ownerType, 'foreign-reseller'), eq(cipDocuments.resellerId, owner.resellerId));

/**
 * Records the next version of an owner's CIP. Callers run it in a transaction that serialises
 * versions of one owner (the reseller row locked, or the advisory lock below for the provider).
 */
export async function insertCipVersion(
  db: DbOrTx,
  params: { id: string; owner: CipOwner; label: string | null; documentId: string; receivedAt: Date; effectiveAt: Date; recordedBy: string },
): Promise<CipDocumentRow> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`cip:${params.owner.type === 'provider' ? 'provider' : params.owner.resellerId}`}))`);
  const [last] = await db
    .select({ version: sql<number>`coalesce(max(${cipDocuments.version}), 0)` })
    .from(cipDocuments)
    .where(ownerIs(params.owner));
  const [row] = await db
    .insert(cipDocuments)
    .values({
      id: params.id,
      ownerType: params.owner.type,
      resellerId: params.owner.type === 'provider' ? null : params.owner.resellerId,
      version: Number(last?.version ?? 0) + 1,
      label: params.label,
      documentId: params.documentId,
      receivedAt: params.receivedAt,
      effectiveAt: params.effectiveAt,
      recordedBy: params.recordedBy,
    })
    .returning();
  return row!;
}

/** Every version of an owner's CIP, newest first. */
export async function listCipVersions(db: DbOrTx, params: { owner: CipOwner }): Promise<CipDocumentRow[]> {
  return db.select().from(cipDocuments).where(ownerIs(params.owner)).orderBy(desc(cipDocuments.version));
}

export async function getCipVersion(db: DbOrTx, params: { owner: CipOwner; version: number }): Promise<CipDocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(cipDocuments)
    .where(and(ownerIs(params.owner), eq(cipDocuments.version, params.version)));
  return row;
}

/**
 * The version in force at `at`, as rules/ `cipVersionInForce` chooses it (the latest effective
 * date not after `at`, then the higher number), from the versions already effective.
 */
export async function currentCipVersion(db: DbOrTx, params: { owner: CipOwner; at: Date }): Promise<CipDocumentRow | undefined> {
  const effective = await db
    .select()
    .from(cipDocuments)
    .where(and(ownerIs(params.owner), lte(cipDocuments.effectiveAt, params.at)));
  return cipVersionInForce(effective, params.at);
}

// --- Oversight record ---------------------------------------------------------------------

export async function insertNoncomplianceEvidence(
  db: DbOrTx,
  row: Omit<NoncomplianceEvidenceRow, 'recordedAt' | 'caseId' | 'caseWorkflowId'> & { caseId?: string | null; caseWorkflowId?: string | null; recordedAt?: Date },
): Promise<NoncomplianceEvidenceRow> {
  const [inserted] = await db.insert(resellerNoncomplianceEvidence).values(row).returning();
  return inserted!;
}

/** The evidence that opened the reseller's latest oversight case (its workflow id is on it). */
export async function latestOversightEvidence(db: DbOrTx, params: { resellerId: string }): Promise<NoncomplianceEvidenceRow | undefined> {
  const [row] = await db
    .select()
    .from(resellerNoncomplianceEvidence)
    .where(and(eq(resellerNoncomplianceEvidence.resellerId, params.resellerId), sql`${resellerNoncomplianceEvidence.caseWorkflowId} is not null`))
    .orderBy(desc(resellerNoncomplianceEvidence.recordedAt), desc(resellerNoncomplianceEvidence.id))
    .limit(1);
  return row;
}

export async function listNoncomplianceEvidence(db: DbOrTx, params: { resellerId: string }): Promise<NoncomplianceEvidenceRow[]> {
  return db
    .select()
    .from(resellerNoncomplianceEvidence)
    .where(eq(resellerNoncomplianceEvidence.resellerId, params.resellerId))
    .orderBy(asc(resellerNoncomplianceEvidence.recordedAt), asc(resellerNoncomplianceEvidence.id));
}

/** The evidence that opened an oversight case: the first one recorded with its workflow id. */
export async function openingEvidenceOf(db: DbOrTx, params: { caseWorkflowId: string }): Promise<NoncomplianceEvidenceRow | undefined> {
  const [row] = await db
    .select()
    .from(resellerNoncomplianceEvidence)
    .where(eq(resellerNoncomplianceEvidence.caseWorkflowId, params.caseWorkflowId))
    .orderBy(asc(resellerNoncomplianceEvidence.recordedAt), asc(resellerNoncomplianceEvidence.id))
    .limit(1);
  return row;
}

/** Idempotent on the id (chosen by the workflow), so a retried activity records the issue once. */
export async function insertResellerIssueIfAbsent(db: DbOrTx, row: ResellerIssueRow): Promise<void> {
  await db.insert(resellerIssues).values(row).onConflictDoNothing();
}

export async function getResellerIssue(db: DbOrTx, params: { resellerId: string; issueId: string }): Promise<ResellerIssueRow | undefined> {
  const [row] = await db
    .select()
    .from(resellerIssues)
    .where(and(eq(resellerIssues.resellerId, params.resellerId), eq(resellerIssues.id, params.issueId)));
  return row;
}

export async function listResellerIssues(db: DbOrTx, params: { resellerId: string; caseId?: string }): Promise<ResellerIssueRow[]> {
  return db
    .select()
    .from(resellerIssues)
    .where(and(eq(resellerIssues.resellerId, params.resellerId), params.caseId ? eq(resellerIssues.caseId, params.caseId) : undefined))
    .orderBy(asc(resellerIssues.identifiedAt), asc(resellerIssues.id));
}

export async function insertIssueAnswer(db: DbOrTx, row: Omit<ResellerIssueAnswerRow, 'recordedAt'>): Promise<ResellerIssueAnswerRow> {
  const [inserted] = await db.insert(resellerIssueAnswers).values(row).returning();
  return inserted!;
}

export async function listIssueAnswers(db: DbOrTx, params: { resellerId: string }): Promise<ResellerIssueAnswerRow[]> {
  return db
    .select()
    .from(resellerIssueAnswers)
    .where(eq(resellerIssueAnswers.resellerId, params.resellerId))
    .orderBy(asc(resellerIssueAnswers.receivedAt), asc(resellerIssueAnswers.id));
}

/** Idempotent on the id (chosen by the workflow). */
export async function insertAuthorityReportIfAbsent(db: DbOrTx, row: Omit<AuthorityReportRow, 'recordedAt'>): Promise<void> {
  await db.insert(authorityReports).values(row).onConflictDoNothing();
}

export async function listAuthorityReports(db: DbOrTx, params: { resellerId: string }): Promise<AuthorityReportRow[]> {
  return db
    .select()
    .from(authorityReports)
    .where(eq(authorityReports.resellerId, params.resellerId))
    .orderBy(asc(authorityReports.sentAt), asc(authorityReports.id));
}

/** Reseller statuses while an oversight case is open. */
export const RESELLER_STATUSES_UNDER_OVERSIGHT: readonly ResellerStatus[] = ['under-review', 'terminating'];

export type OversightEvidenceOutcome =
  | { outcome: 'unknown-reseller' }
  | { outcome: 'reseller-terminated'; reseller: ResellerRow }
  | { outcome: 'recorded'; evidence: NoncomplianceEvidenceRow; opened: boolean };

/**
 * Records evidence of non-compliance against a reseller, in the caller's transaction: added to
 * the reseller's open oversight case, or opening a new one (the reseller goes under review). The
 * reseller row is locked first, so two reports at once cannot open two cases. Idempotent on the
 * evidence id: a repeat (a retried activity) finds what the first call recorded.
 */
export async function recordOversightEvidence(
  tx: DbOrTx,
  input: {
    id: string;
    resellerId: string;
    description: string;
    source: string;
    observedAt: Date;
    recordedBy: string;
    at: Date;
    /** The ids the case gets if this evidence opens one. */
    newCase: { caseId: string; workflowId: string };
  },
): Promise<OversightEvidenceOutcome> {
  const reseller = await lockReseller(tx, { id: input.resellerId });
  if (!reseller) return { outcome: 'unknown-reseller' };
  const [already] = await tx.select().from(resellerNoncomplianceEvidence).where(eq(resellerNoncomplianceEvidence.id, input.id));
  if (already) return { outcome: 'recorded', evidence: already, opened: already.caseWorkflowId === input.newCase.workflowId };
  if (reseller.status === 'terminated') return { outcome: 'reseller-terminated', reseller };
  const open = RESELLER_STATUSES_UNDER_OVERSIGHT.includes(reseller.status) ? await latestOversightEvidence(tx, { resellerId: input.resellerId }) : undefined;
  const base = {
    id: input.id,
    resellerId: input.resellerId,
    description: input.description,
    source: input.source,
    observedAt: input.observedAt,
    documentId: null,
    recordedBy: input.recordedBy,
    recordedAt: input.at,
  };
  if (open?.caseWorkflowId) {
    return { outcome: 'recorded', evidence: await insertNoncomplianceEvidence(tx, { ...base, caseId: open.caseId, caseWorkflowId: open.caseWorkflowId }), opened: false };
  }
  const evidence = await insertNoncomplianceEvidence(tx, { ...base, caseId: input.newCase.caseId, caseWorkflowId: input.newCase.workflowId });
  await setResellerStatus(tx, { id: input.resellerId, status: 'under-review', reason: 'evidence of non-compliance recorded', at: input.at, actor: input.recordedBy });
  return { outcome: 'recorded', evidence, opened: true };
}
