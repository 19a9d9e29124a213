// Verifying the hash chains of the append-only records (case_events: one chain per case;
// personal_data_reads: one chain). The database computed every hash on insert with the same SQL
// functions used here (see the migration), so verifying is recomputing in SQL and comparing.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * What is wrong at one position of a chain:
 * - `altered`: the entry's content no longer matches its own hash (edited in place);
 * - `missing`: positions before this entry are absent (entries deleted);
 * - `relinked`: the entry's link does not match the hash of the entry before it (that entry was
 *   replaced and re-hashed, or this one was moved).
 */
export type ChainBreakKind = 'altered' | 'missing' | 'relinked';

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The chain: the case id for case_events, `personal_data_reads` for the reads log. */
  chain: string;
  /** Position in the chain (1 = first entry) of the entry where the break shows. */
  position: number;
  /** Row id of that entry. */
  entryId: number;
  /** For `missing`: the positions that are absent. */
  missingPositions?: { from: number; to: number };
}

export interface ChainReport {
  record: 'case_events' | 'personal_data_reads';
  intact: boolean;
  chains: number;
  entries: number;
  /** First breaks, in chain order (at most `maxBreaks`). */
  breaks: ChainBreak[];
  /**
   * SHA-256 over every chain's last hash, in chain order: record it outside the database (a
   * dossier, a ticket, an e-mail to counsel) and compare later to catch a rewritten tail.
   */
  headsDigest: string;
}

interface Row extends Record<string, unknown> {
  chain: string;
  id: string | number;
  chain_seq: number;
  prev_seq: number | null;
  prev_hash: string;
  prev_stored: string | null;
  intact_self: boolean;
}

function breaksOf(rows: Row[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  for (const r of rows) {
    const at = { chain: r.chain, position: r.chain_seq, entryId: Number(r.id) };
    const expectedSeq = (r.prev_seq ?? 0) + 1;
    if (!r.intact_self) breaks.push({ kind: 'altered', ...at });
    if (r.chain_seq !== expectedSeq) {
      breaks.push({ kind: 'missing', ...at, missingPositions: { from: expectedSeq, to: r.chain_seq - 1 } });
    } else if (r.prev_hash !== (r.prev_stored ?? GENESIS_HASH)) {
      breaks.push({ kind: 'relinked', ...at });
    }
  }
  return breaks;
}

const digestOf = (heads: { hash: string }[]) => {
  const h = createHash('sha256');
  for (const head of heads) h.update(`${head.hash}\n`);
  return h.digest('hex');
};

/** Verifies every case's chain of events, or one case's (`caseId`). */
export async function verifyCaseEventChains(db: DbOrTx, params: { caseId?: string; maxBreaks: number }): Promise<ChainReport> {
  const scope = params.caseId ? sql`WHERE case_id = ${params.caseId}` : sql``;
  const suspicious = await db.execute<Row>(sql`
    WITH chained AS (
      SELECT e.case_id::text AS chain, e.id, e.chain_seq, e.prev_hash,
             case_event_chain_hash(e) = e.hash AS intact_self,
             lag(e.chain_seq) OVER w AS prev_seq, lag(e.hash) OVER w AS prev_stored
      FROM case_events e ${scope}
      WINDOW w AS (PARTITION BY e.case_id ORDER BY e.chain_seq)
    )
    SELECT * FROM chained
    WHERE NOT intact_self OR chain_seq <> coalesce(prev_seq, 0) + 1 OR prev_hash <> coalesce(prev_stored, ${GENESIS_HASH})
    ORDER BY chain, chain_seq
    LIMIT ${params.maxBreaks}`);
  const heads = await db.execute<{ chain: string; hash: string; entries: number } & Record<string, unknown>>(sql`
    SELECT DISTINCT ON (case_id) case_id::text AS chain, hash, count(*) OVER (PARTITION BY case_id)::int AS entries
    FROM case_events ${scope} ORDER BY case_id, chain_seq DESC`);
  const breaks = breaksOf([...suspicious]).slice(0, params.maxBreaks);
  return {
    record: 'case_events',
    intact: breaks.length === 0,
    chains: heads.length,
    entries: [...heads].reduce((n, h) => n + h.entries, 0),
    breaks,
    headsDigest: digestOf([...heads]),
  };
}

/** Verifies the one chain of the personal-data reads log. */
export async function verifyPersonalDataReadChain(db: DbOrTx, params: { maxBreaks: number }): Promise<ChainReport> {
  const suspicious = await db.execute<Row>(sql`
    WITH chained AS (
      SELECT 'personal_data_reads' AS chain, r.id, r.chain_seq, r.prev_hash,
             personal_data_read_chain_hash(r) = r.hash AS intact_self,
             lag(r.chain_seq) OVER w AS prev_seq, lag(r.hash) OVER w AS prev_stored
      FROM personal_data_reads r
      WINDOW w AS (ORDER BY r.chain_seq)
    )
    SELECT * FROM chained
    WHERE NOT intact_self OR chain_seq <> coalesce(prev_seq, 0) + 1 OR prev_hash <> coalesce(prev_stored, ${GENESIS_HASH})
    ORDER BY chain_seq
    LIMIT ${params.maxBreaks}`);
  const [head] = await db.execute<{ hash: string; entries: number } & Record<string, unknown>>(sql`
    SELECT hash, (SELECT count(*)::int FROM personal_data_reads) AS entries FROM personal_data_reads ORDER BY chain_seq DESC LIMIT 1`);
  const breaks = breaksOf([...suspicious]).slice(0, params.maxBreaks);
  return {
    record: 'personal_data_reads',
    intact: breaks.length === 0,
    chains: head ? 1 : 0,
    entries: head?.entries ?? 0,
    breaks,
    headsDigest: digestOf(head ? [head] : []),
  };
}
