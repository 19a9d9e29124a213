// The case projection against a real PostgreSQL: Temporal's history is the record, and the
// projection of it must never go backwards when an older write arrives after a newer one
// (activity retries, a worker that resumes late).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cipTransmissionCaseRow, useSharedDatabase } from '../../test/helpers/database.js';
import { confirmCaseStart, insertCaseWithStart, isCaseStartPending } from './case-starts.js';
import { applyCaseProjection, getCaseById, insertCaseIfAbsent, openCaseProjection } from './cases.js';

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
    await db.db.transaction(async (tx) => {
      await openCaseProjection(tx, opening(id, 'awaiting-reseller-cip', 2));
      await confirmCaseStart(tx, { caseId: id });
    });
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'awaiting-reseller-cip', projectionSeq: 2, details: { from: 'awaiting-reseller-cip' } });
    expect(await isCaseStartPending(db.db, { caseId: id })).toBe(false);
  });

  it('is ignored once a later projection was applied (a retried opening arriving late)', async () => {
    const id = randomUUID();
    await openCaseProjection(db.db, opening(id, 'awaiting-transmission', 1));
    expect(await applyCaseProjection(db.db, { caseId: id, seq: 2, status: 'transmitted' })).toBe(true);
    await openCaseProjection(db.db, opening(id, 'awaiting-transmission', 1));
    expect(await getCaseById(db.db, { id })).toMatchObject({ status: 'transmitted', projectionSeq: 2 });
  });
});
