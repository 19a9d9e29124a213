// Tamper evidence: an attacker with database access disables the append-only triggers and edits
// or deletes entries; GET /v1/audit/verify names the chain and the position where it breaks.
// Each test puts the rows back as they were, so the shared database stays intact for others.
import { randomUUID } from 'node:crypto';
import type { TransactionSql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { appendCaseEvent, insertCaseIfAbsent } from '../../db/queries/cases.js';
import { recordPersonalDataRead } from '../../db/queries/customers.js';
import { bearer } from '../helpers/tokens.js';
import { useTestSystem } from '../helpers/system.js';

const system = useTestSystem();

async function caseWithEvents(count: number): Promise<string> {
  const caseId = randomUUID();
  const db = system.db.db;
  await insertCaseIfAbsent(db, {
    id: caseId,
    type: 'cip-transmission',
    status: 'awaiting-transmission',
    subjectType: 'provider',
    subjectId: 'provider',
    ruleSetId: 'NPRM-2024',
    workflowId: `audit-test:${caseId}`,
    openedAt: new Date('2026-11-02T15:00:00Z'),
  });
  for (let i = 1; i <= count; i++) {
    await appendCaseEvent(db, { caseId, eventKey: `e${i}`, type: 'test.event', occurredAt: new Date(), actor: 'hana.handler', data: { n: i } });
  }
  return caseId;
}

/** Runs `tamper` as a database owner would, with the append-only triggers switched off. */
async function asAttacker(tamper: (sql: TransactionSql) => Promise<unknown>) {
  await system.db.sql.begin(async (sql) => {
    await sql`SET LOCAL session_replication_role = replica`;
    await tamper(sql);
  });
}

const verify = async (query = '') => {
  const res = await system.app.inject({ method: 'GET', url: `/v1/audit/verify${query}`, headers: bearer('legal') });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    intact: boolean;
    records: { record: string; intact: boolean; entries: number; breaks: { kind: string; chain: string; position: number; entryId: number; missingPositions?: { from: number; to: number } }[]; headsDigest: string }[];
  };
};
const caseRecord = (r: Awaited<ReturnType<typeof verify>>) => r.records.find((x) => x.record === 'case_events')!;
const readsRecord = (r: Awaited<ReturnType<typeof verify>>) => r.records.find((x) => x.record === 'personal_data_reads')!;

describe('hash chains of the legal record', () => {
  it('chains every case event to the one before it, whatever the writer sent', async () => {
    const caseId = await caseWithEvents(3);
    const rows = await system.db.sql<{ chain_seq: number; prev_hash: string; hash: string }[]>`
      SELECT chain_seq, prev_hash, hash FROM case_events WHERE case_id = ${caseId} ORDER BY id`;
    expect(rows.map((r) => r.chain_seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    // A writer cannot choose its own chain values: the database overwrites them.
    await system.db.sql`INSERT INTO case_events (case_id, event_key, type, occurred_at, actor, chain_seq, prev_hash, hash)
      VALUES (${caseId}, 'forged', 'test.event', now(), 'mallory', 1, 'x', 'y')`;
    const [forged] = await system.db.sql<{ chain_seq: number; prev_hash: string }[]>`SELECT chain_seq, prev_hash FROM case_events WHERE case_id = ${caseId} AND event_key = 'forged'`;
    expect(forged).toEqual({ chain_seq: 4, prev_hash: rows[2]!.hash });
    const report = caseRecord(await verify(`?caseId=${caseId}`));
    expect(report).toMatchObject({ intact: true, entries: 4, breaks: [] });
  });

  it('reports an event edited in place as altered, with its case and position', async () => {
    const caseId = await caseWithEvents(4);
    const before = caseRecord(await verify(`?caseId=${caseId}`));
    const [third] = await system.db.sql<{ id: string; actor: string }[]>`SELECT id, actor FROM case_events WHERE case_id = ${caseId} AND chain_seq = 3`;
    try {
      await asAttacker((sql) => sql`UPDATE case_events SET actor = 'someone-else' WHERE id = ${third!.id}`);
      const report = await verify(`?caseId=${caseId}`);
      expect(report.intact).toBe(false);
      expect(caseRecord(report).breaks).toEqual([{ kind: 'altered', chain: caseId, position: 3, entryId: Number(third!.id) }]);
    } finally {
      await asAttacker((sql) => sql`UPDATE case_events SET actor = ${third!.actor} WHERE id = ${third!.id}`);
    }
    expect(caseRecord(await verify(`?caseId=${caseId}`))).toMatchObject({ intact: true, headsDigest: before.headsDigest });
  });

  it('reports a deleted event as missing at the position after the gap', async () => {
    const caseId = await caseWithEvents(4);
    const [second] = await system.db.sql<{ id: string; row: string }[]>`
      SELECT id, to_jsonb(e)::text AS row FROM case_events e WHERE case_id = ${caseId} AND chain_seq = 2`;
    try {
      await asAttacker((sql) => sql`DELETE FROM case_events WHERE id = ${second!.id}`);
      const report = caseRecord(await verify(`?caseId=${caseId}`));
      expect(report.intact).toBe(false);
      expect(report.breaks).toEqual([expect.objectContaining({ kind: 'missing', chain: caseId, position: 3, missingPositions: { from: 2, to: 2 } })]);
    } finally {
      await asAttacker((sql) => sql`INSERT INTO case_events SELECT * FROM jsonb_populate_record(null::case_events, ${second!.row}::jsonb)`);
    }
    expect(caseRecord(await verify(`?caseId=${caseId}`)).intact).toBe(true);
  });

  it('reports an event replaced and re-hashed by the link of the entry after it', async () => {
    const caseId = await caseWithEvents(3);
    const [first] = await system.db.sql<{ id: string; hash: string; data: unknown }[]>`SELECT id, hash, data FROM case_events WHERE case_id = ${caseId} AND chain_seq = 1`;
    try {
      // The attacker knows the hash function and recomputes the edited entry's own hash.
      await asAttacker(async (sql) => {
        await sql`UPDATE case_events SET data = '{"n": 99}'::jsonb WHERE id = ${first!.id}`;
        await sql`UPDATE case_events e SET hash = case_event_chain_hash(e) WHERE id = ${first!.id}`;
      });
      const report = caseRecord(await verify(`?caseId=${caseId}`));
      expect(report.breaks).toEqual([expect.objectContaining({ kind: 'relinked', chain: caseId, position: 2 })]);
    } finally {
      await asAttacker((sql) => sql`UPDATE case_events SET data = ${JSON.stringify(first!.data)}::jsonb, hash = ${first!.hash} WHERE id = ${first!.id}`);
    }
    expect(caseRecord(await verify(`?caseId=${caseId}`)).intact).toBe(true);
  });

  it('chains the personal-data reads log and reports an edited read', async () => {
    const customerId = randomUUID();
    await system.db.sql`INSERT INTO customers (id, kind, external_reference, created_by)
      VALUES (${customerId}, 'individual', ${`audit-${customerId}`}, 'hana.handler')`;
    const read = await recordPersonalDataRead(system.db.db, { customerId, actor: 'lena.legal', purpose: 'compliance-audit', fields: ['name'] });
    expect(read.chainSeq).toBeGreaterThan(0);
    expect(readsRecord(await verify()).intact).toBe(true);
    try {
      await asAttacker((sql) => sql`UPDATE personal_data_reads SET actor = 'nobody' WHERE id = ${read.id}`);
      const report = readsRecord(await verify());
      expect(report.breaks).toEqual([{ kind: 'altered', chain: 'personal_data_reads', position: read.chainSeq, entryId: read.id }]);
    } finally {
      await asAttacker((sql) => sql`UPDATE personal_data_reads SET actor = 'lena.legal' WHERE id = ${read.id}`);
    }
    expect(readsRecord(await verify()).intact).toBe(true);
  });

  it('is for legal and admins only', async () => {
    for (const role of ['case_handler', 'reviewer', 'scheduler'] as const) {
      const res = await system.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(role) });
      expect(res.statusCode).toBe(403);
    }
    expect((await system.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer('admin') })).statusCode).toBe(200);
  });
});
