// The case projection against a real PostgreSQL: Temporal's history is the record, and the
// projection of it must never go backwards when an older write arrives after a newer one
// (activity retries, a worker that resumes late).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cipTransmissionCaseRow, useSharedDatabase } from '../../test/helpers/database.js';
import { confirmCaseStart, insertCaseWithStart, isCaseStartPending } from './case-starts.js';
import { verifyCaseEventChains } from './audit.js';
import { applyCaseProjection, getCaseById, insertCaseIfAbsent, listCaseEvents, openCaseProjection, recordCaseOpening, recordCaseProjection } from './cases.js';

const db = useSharedDatabase();

async function newCase() {
  const row = cipTransmissionCaseRow();
  await insertCaseIfAbsent(db.db, row);
  return row.id;
}

describe('applyCaseProjection', () => {
  it('applies newer projections and ignores an older one written after a newer one', async () => {
    const id = await newCase();
    const closedAt = new Date('2026-11-25T10:00:00.000Z');
    expect(await applyCaseProjection(db.db, { caseId: id, seq: 1, status: 'awaiting-transmission', dueAt: new Date('2026-12-01T04:59:59.999Z'), details: { step: 1 } })).toBe(true);
    expect(await applyCaseProjection(db.db, { caseId: id, seq: 3, status: 'closed', closedAt, details: { step: 3 } })).toBe(true);
    // The projection of seq 2 arrives late (a retried activity): it must change nothing.
    expect(await applyCaseProjection(db.db, { caseId: id, seq: 2, status: 'escalated', closedAt: null, details: { step: 2 } })).toBe(false);
    const row = await getCaseById(db.db, { id });
    expect(row).toMatchObject({ status: 'closed', projectionSeq: 3, closedAt, details: { step: 3 }, dueAt: new Date('2026-12-01T04:59:59.999Z') });
  });

  it('ignores a repeat of the projection already applied (same sequence)', async () => {
    const id = await newCase();
    expect(await applyCaseProjection(db.db, { caseId: id, seq: 1, status: 'awaiting-transmission' })).toBe(true);
    expect(await applyCaseProjection(db.db, { caseId: id, seq: 1, status: 'closed' })).toBe(false);
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'awaiting-transmission', projectionSeq: 1, closedAt: null });
  });

  it('changes nothing for an unknown case', async () => {
    expect(await applyCaseProjection(db.db, { caseId: randomUUID(), seq: 1, status: 'closed' })).toBe(false);
  });
});

describe('recordCaseProjection', () => {
  const event = (key: string, type: string, at: string, data: Record<string, unknown> = {}) => ({ eventKey: key, type, occurredAt: new Date(at), actor: 'handler.one', data });
  const eventsOf = async (caseId: string) => (await listCaseEvents(db.db, { caseId, limit: 50 })).items;

  it('writes the change and its events in order, on the case\'s hash chain', async () => {
    const id = await newCase();
    const closedAt = new Date('2026-11-25T10:00:00.000Z');
    await recordCaseProjection(db.db, { caseId: id, seq: 2, status: 'withdrawn', closedAt, details: { step: 2 }, pendingApproval: null }, [
      event('wf:1', 'decision.accepted', '2026-11-25T10:00:00.000Z', { decision: 'withdraw', reason: 'withdrawn by Commerce' }),
      event('wf:2', 'request.withdrawn', '2026-11-25T10:00:00.000Z', { reason: 'withdrawn by Commerce' }),
    ]);
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'withdrawn', projectionSeq: 2, closedAt, details: { step: 2 }, pendingApproval: null });
    const events = await eventsOf(id);
    expect(events.map((e) => [e.eventKey, e.type, e.chainSeq, e.actor])).toEqual([
      ['wf:1', 'decision.accepted', 1, 'handler.one'],
      ['wf:2', 'request.withdrawn', 2, 'handler.one'],
    ]);
    expect(events[0]).toMatchObject({ occurredAt: new Date('2026-11-25T10:00:00.000Z'), data: { decision: 'withdraw', reason: 'withdrawn by Commerce' } });
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect((await verifyCaseEventChains(db.db, { caseId: id, maxBreaks: 10 })).breaks).toEqual([]);
  });

  it('writes once when retried, and a late older projection adds only its missing events', async () => {
    const id = await newCase();
    const second = [event('wf:2', 'case.note', '2026-11-24T10:00:00.000Z')];
    const third = [event('wf:3', 'case.closed', '2026-11-25T10:00:00.000Z')];
    await recordCaseProjection(db.db, { caseId: id, seq: 3, status: 'closed' }, third);
    await recordCaseProjection(db.db, { caseId: id, seq: 3, status: 'closed' }, third);
    // seq 2 arrives after seq 3 (a retried activity): its event is recorded, the row stays as seq 3 left it.
    await recordCaseProjection(db.db, { caseId: id, seq: 2, status: 'escalated' }, second);
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'closed', projectionSeq: 3 });
    expect((await eventsOf(id)).map((e) => e.eventKey)).toEqual(['wf:3', 'wf:2']);
  });

  it('writes a change without events', async () => {
    const id = await newCase();
    await recordCaseProjection(db.db, { caseId: id, seq: 1, status: 'awaiting-transmission', dueAt: null }, []);
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'awaiting-transmission', projectionSeq: 1, dueAt: null });
    expect(await eventsOf(id)).toEqual([]);
  });
});

describe('openCaseProjection', () => {
  const opening = (id: string, status: string, seq: number) => ({
    id,
    type: 'cip-transmission',
    status,
    subjectType: 'provider-cip',
    subjectId: 'provider',
    ruleSetId: 'NPRM-2024',
    workflowId: `projection-order-test:${id}`,
    openedAt: new Date('2026-11-20T15:00:00.000Z'),
    dueAt: new Date('2026-12-01T04:59:59.999Z'),
    details: { from: status },
    projectionSeq: seq,
  });

  it("replaces what the API recorded with the workflow's opening, and keeps the outbox in step", async () => {
    const id = randomUUID();
    const recorded = await insertCaseWithStart(db.db, {
      row: { ...opening(id, 'awaiting-transmission', 0), details: { recordedBy: 'api' } },
      start: { workflowType: 'cipTransmissionWorkflow', taskQueue: 'q', args: [{ caseId: id }] },
    });
    expect(recorded).toMatchObject({ id, projectionSeq: 0, details: { recordedBy: 'api' } });
    expect(await isCaseStartPending(db.db, { caseId: id })).toBe(true);
    // The same workflow id cannot be recorded twice (a second request for the business id).
    expect(await insertCaseWithStart(db.db, { row: { ...opening(randomUUID(), 'x', 0), workflowId: `projection-order-test:${id}` }, start: { workflowType: 'w', taskQueue: 'q', args: [] } })).toBeUndefined();
    // The workflow's opening: the row as it found it, its first events, the start confirmed, in one statement (a retry writes once).
    const openingEvents = [
      { eventKey: 'wf:1', type: 'case.opened', occurredAt: new Date('2026-11-20T15:00:00.000Z'), actor: 'api', data: {} },
      { eventKey: 'wf:2', type: 'reseller-cip.requested', occurredAt: new Date('2026-11-20T15:00:00.000Z'), actor: 'system', data: { resellerId: 'r-1' } },
    ];
    await recordCaseOpening(db.db, opening(id, 'awaiting-reseller-cip', 2), openingEvents);
    await recordCaseOpening(db.db, opening(id, 'awaiting-reseller-cip', 2), openingEvents);
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'awaiting-reseller-cip', projectionSeq: 2, details: { from: 'awaiting-reseller-cip' } });
    expect(await isCaseStartPending(db.db, { caseId: id })).toBe(false);
    expect((await listCaseEvents(db.db, { caseId: id, limit: 10 })).items.map((e) => [e.eventKey, e.chainSeq, e.data])).toEqual([
      ['wf:1', 1, {}],
      ['wf:2', 2, { resellerId: 'r-1' }],
    ]);
  });

  it('is ignored once a later projection was applied (a retried opening arriving late)', async () => {
    const id = randomUUID();
    await openCaseProjection(db.db, opening(id, 'awaiting-transmission', 1));
    expect(await applyCaseProjection(db.db, { caseId: id, seq: 2, status: 'transmitted' })).toBe(true);
    await openCaseProjection(db.db, opening(id, 'awaiting-transmission', 1));
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'transmitted', projectionSeq: 2 });
  });
});
