// Proposals to close an account in use, and their approval or rejection (four-eyes).
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { accountClosureProposals, type AccountClosureProposalRow } from '../schema/account-closures.js';

export async function pendingClosureProposal(db: DbOrTx, params: { accountId: string }): Promise<AccountClosureProposalRow | undefined> {
  const [row] = await db
    .select()
    .from(accountClosureProposals)
    .where(and(eq(accountClosureProposals.accountId, params.accountId), isNull(accountClosureProposals.outcome)))
    .limit(1);
  return row;
}

/** Every proposal to close the account, newest first. */
export async function listClosureProposals(db: DbOrTx, params: { accountId: string }): Promise<AccountClosureProposalRow[]> {
  return db.select().from(accountClosureProposals).where(eq(accountClosureProposals.accountId, params.accountId)).orderBy(desc(accountClosureProposals.proposedAt));
}

export async function insertClosureProposal(
  db: DbOrTx,
  params: Pick<AccountClosureProposalRow, 'id' | 'accountId' | 'reason' | 'closeAt' | 'proposedBy' | 'proposedAt'>,
): Promise<AccountClosureProposalRow> {
  const [row] = await db.insert(accountClosureProposals).values(params).returning();
  return row!;
}

/** Decides a waiting proposal; undefined when none was waiting (decided meanwhile). */
export async function decideClosureProposal(
  db: DbOrTx,
  params: { id: string; outcome: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; decisionReason: string | null },
): Promise<AccountClosureProposalRow | undefined> {
  const [row] = await db
    .update(accountClosureProposals)
    .set({ outcome: params.outcome, decidedBy: params.decidedBy, decidedAt: params.decidedAt, decisionReason: params.decisionReason })
    .where(and(eq(accountClosureProposals.id, params.id), isNull(accountClosureProposals.outcome)))
    .returning();
  return row;
}
