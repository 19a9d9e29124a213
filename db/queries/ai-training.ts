// Named queries over large-AI-model training transactions and their report versions. Each
// takes `(db | tx, params)`.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { cases } from '../schema/cases.js';
import {
  aiTrainingReportVersions,
  aiTrainingTransactions,
  type AiTrainingReportVersionRow,
  type AiTrainingTransactionRow,
  type NewAiTrainingTransactionRow,
} from '../schema/ai-training.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';

/** Stores a transaction once per external reference; a repeat returns the stored one. */
export async function insertAiTrainingTransaction(
  db: DbOrTx,
  params: { transaction: NewAiTrainingTransactionRow },
): Promise<{ created: boolean; transaction: AiTrainingTransactionRow }> {
  const [inserted] = await db.insert(aiTrainingTransactions).values(params.transaction).onConflictDoNothing().returning();
  if (inserted) return { created: true, transaction: inserted };
  const existing = await getAiTrainingTransactionByReference(db, { externalReference: params.transaction.externalReference });
  if (!existing) throw new Error(`transaction ${params.transaction.externalReference} conflicted but cannot be read`);
  return { created: false, transaction: existing };
}

export async function getAiTrainingTransaction(db: DbOrTx, params: { id: string }): Promise<AiTrainingTransactionRow | undefined> {
  const [row] = await db.select().from(aiTrainingTransactions).where(eq(aiTrainingTransactions.id, params.id));
  return row;
}

export async function getAiTrainingTransactionByReference(
  db: DbOrTx,
  params: { externalReference: string },
): Promise<AiTrainingTransactionRow | undefined> {
  const [row] = await db.select().from(aiTrainingTransactions).where(eq(aiTrainingTransactions.externalReference, params.externalReference));
  return row;
}

export interface AiTrainingTransactionFilters {
  route?: 'direct' | 'through-reseller';
  resellerId?: string;
  covered?: boolean;
}

/** Newest first, keyset pages. */
export async function listAiTrainingTransactions(
  db: DbOrTx,
  params: { filters: AiTrainingTransactionFilters; limit: number; after?: KeysetCursor },
): Promise<Page<AiTrainingTransactionRow>> {
  const t = aiTrainingTransactions;
  const conditions = [
    params.filters.route ? eq(t.route, params.filters.route) : undefined,
    params.filters.resellerId ? eq(t.resellerId, params.filters.resellerId) : undefined,
    params.filters.covered === undefined ? undefined : sql`(${t.coverage}->>'covered')::boolean = ${params.filters.covered}`,
  ];
  return selectKeysetPage(db, t, { at: 'createdAt', id: 'id' }, conditions, params);
}

export async function getAiTrainingTransactionByCase(db: DbOrTx, params: { caseId: string }): Promise<AiTrainingTransactionRow | undefined> {
  const [row] = await db.select().from(aiTrainingTransactions).where(eq(aiTrainingTransactions.caseId, params.caseId));
  return row;
}

/** Transactions whose report case was never opened (a crash between storing and starting). */
export async function listAiTrainingTransactionsWithoutCase(db: DbOrTx, params: { limit: number }): Promise<AiTrainingTransactionRow[]> {
  const t = aiTrainingTransactions;
  const rows = await db
    .select({ transaction: t })
    .from(t)
    .leftJoin(cases, eq(cases.id, t.caseId))
    .where(isNull(cases.id))
    .orderBy(asc(t.createdAt))
    .limit(params.limit);
  return rows.map((r) => r.transaction);
}

export type NewReportVersion = Omit<
  AiTrainingReportVersionRow,
  'approvedAt' | 'approvedBy' | 'filedAt' | 'filedBy' | 'filingReceipt' | 'filedOnTime'
>;

/** Writes a version once (its id is chosen by the workflow, so a retried write is a no-op). */
export async function insertReportVersion(db: DbOrTx, params: { version: NewReportVersion }): Promise<void> {
  await db.insert(aiTrainingReportVersions).values(params.version).onConflictDoNothing();
}

export async function recordReportVersionApproval(db: DbOrTx, params: { versionId: string; approvedAt: Date; approvedBy: string }): Promise<void> {
  await db
    .update(aiTrainingReportVersions)
    .set({ approvedAt: params.approvedAt, approvedBy: params.approvedBy })
    .where(and(eq(aiTrainingReportVersions.id, params.versionId), isNull(aiTrainingReportVersions.approvedAt)));
}

/** Adds the filing record once; a repeat leaves the first one. */
export async function recordReportVersionFiling(
  db: DbOrTx,
  params: { versionId: string; filedAt: Date; filedBy: string; filingReceipt: string; filedOnTime: boolean | null },
): Promise<void> {
  await db
    .update(aiTrainingReportVersions)
    .set({ filedAt: params.filedAt, filedBy: params.filedBy, filingReceipt: params.filingReceipt, filedOnTime: params.filedOnTime })
    .where(and(eq(aiTrainingReportVersions.id, params.versionId), isNull(aiTrainingReportVersions.filedAt)));
}

export async function listReportVersions(db: DbOrTx, params: { caseId: string }): Promise<AiTrainingReportVersionRow[]> {
  return db.select().from(aiTrainingReportVersions).where(eq(aiTrainingReportVersions.caseId, params.caseId)).orderBy(asc(aiTrainingReportVersions.version));
}
