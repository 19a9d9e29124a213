// Activities of the reseller workflows (oversight and termination, CIP transmission for a
// reseller). Every write is idempotent (ids chosen by the workflow, status updates that can be
// repeated), so a retry after a crash of the worker or the database changes nothing more.
import { inArray } from 'drizzle-orm';
import { setAccountStatus } from '../db/queries/customers.js';
import { getDocumentMeta } from '../db/queries/documents.js';
import {
  currentCipVersion,
  getCipVersion,
  insertAuthorityReportIfAbsent,
  insertResellerIssueIfAbsent,
  listResellerAccountIds,
  setResellerStatus,
  type CipOwner,
} from '../db/queries/resellers.js';
import { accounts } from '../db/schema/customers.js';
import type { ResellerStatus } from '../db/schema/resellers.js';
import type { ActivityDeps } from './deps.js';

/** A CIP version on file, as a workflow may hold it: ids and digests, no content. */
export interface CipVersionRef {
  version: number;
  documentId: string;
  sha256: string;
  effectiveAt: string;
}

export interface ClosedAccount {
  accountId: string;
  customerId: string;
  closedAt: string;
}

/** Accounts a termination closes: those in use. Pending or already ended ones are left as they are. */
const CLOSABLE = ['open', 'monitored', 'interim-restricted'] as const;

export function createResellerActivities({ db }: ActivityDeps) {
  async function describe(owner: CipOwner, row: { version: number; documentId: string; effectiveAt: Date } | undefined): Promise<CipVersionRef | null> {
    if (!row) return null;
    const document = await getDocumentMeta(db, { id: row.documentId });
    return { version: row.version, documentId: row.documentId, sha256: document!.sha256, effectiveAt: row.effectiveAt.toISOString() };
  }

  return {
    /** The version of an owner's CIP in force at `at`, or null when none is on file. */
    async findCurrentCip(input: { owner: CipOwner; at: string }): Promise<CipVersionRef | null> {
      return describe(input.owner, await currentCipVersion(db, { owner: input.owner, at: new Date(input.at) }));
    },

    /** One version of an owner's CIP, or null when that version is not on file. */
    async findCipVersion(input: { owner: CipOwner; version: number }): Promise<CipVersionRef | null> {
      return describe(input.owner, await getCipVersion(db, { owner: input.owner, version: input.version }));
    },

    async setResellerStatus(input: { resellerId: string; status: ResellerStatus; reason: string | null; at: string; actor: string }): Promise<void> {
      await setResellerStatus(db, { id: input.resellerId, status: input.status, reason: input.reason, at: new Date(input.at), actor: input.actor });
    },

    async recordResellerIssues(input: {
      resellerId: string;
      caseId: string;
      issues: { id: string; description: string }[];
      identifiedAt: string;
      cureBy: string;
      identifiedBy: string;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        for (const issue of input.issues) {
          await insertResellerIssueIfAbsent(tx, {
            id: issue.id,
            resellerId: input.resellerId,
            caseId: input.caseId,
            description: issue.description,
            identifiedAt: new Date(input.identifiedAt),
            cureBy: new Date(input.cureBy),
            identifiedBy: input.identifiedBy,
          });
        }
      });
    },

    async recordAuthorityReport(input: {
      id: string;
      resellerId: string;
      caseId: string;
      recipient: string;
      sentAt: string;
      summary: string;
      reference: string | null;
      recordedBy: string;
    }): Promise<void> {
      await insertAuthorityReportIfAbsent(db, { ...input, sentAt: new Date(input.sentAt), documentId: null });
    },

    /**
     * Closes every account in use that serves the reseller, at `at`. Returns every account of
     * the reseller that is closed now (also those an earlier attempt closed), so that the
     * workflow starts record retention for each.
     */
    async closeResellerAccounts(input: { resellerId: string; at: string; actor: string }): Promise<{ closed: ClosedAccount[]; notClosed: { accountId: string; status: string }[] }> {
      return db.transaction(async (tx) => {
        const ids = await listResellerAccountIds(tx, { resellerId: input.resellerId });
        if (ids.length === 0) return { closed: [], notClosed: [] };
        const rows = await tx.select().from(accounts).where(inArray(accounts.id, ids)).for('update');
        const closed: ClosedAccount[] = [];
        const notClosed: { accountId: string; status: string }[] = [];
        for (const row of rows) {
          let current = row;
          if ((CLOSABLE as readonly string[]).includes(row.status)) {
            current = (await setAccountStatus(tx, { accountId: row.id, status: 'closed', at: new Date(input.at), actor: input.actor }))!;
          }
          if (current.status === 'closed' && current.closedAt) {
            closed.push({ accountId: current.id, customerId: current.customerId, closedAt: current.closedAt.toISOString() });
          } else {
            notClosed.push({ accountId: current.id, status: current.status });
          }
        }
        closed.sort((a, b) => a.accountId.localeCompare(b.accountId));
        notClosed.sort((a, b) => a.accountId.localeCompare(b.accountId));
        return { closed, notClosed };
      });
    },
  };
}

export type ResellerActivities = ReturnType<typeof createResellerActivities>;
