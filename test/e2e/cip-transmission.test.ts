// End to end through the API, a real worker, real Temporal and real PostgreSQL: a CIP request
// from Commerce is recorded, refused decisions change nothing, and the transmission closes it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { insertCaseWithStart } from '../../db/queries/case-starts.js';
import { caseEvents, cases, caseStarts } from '../../db/schema/cases.js';
import { startUnconfirmedCases } from '../../api/routes/start-case.js';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import type { CipTransmissionInput } from '../../workflows/cip-transmission/messages.js';
import { multipartBody } from '../helpers/multipart.js';
import { bearer } from '../helpers/tokens.js';
import { eventually, useTestSystem } from '../helpers/system.js';

const system = useTestSystem();

/** The workflow input the API would send for a request for the provider's own CIP. */
const providerCipRequest = (reference: string, receivedAt: Date, caseId: string): CipTransmissionInput => ({
  caseId,
  requestReference: reference,
  cipOwner: { type: 'provider' },
  requestReceivedAt: receivedAt.toISOString(),
  ruleSetId: 'NPRM-2024',
  timeZone: 'America/New_York',
  openedBy: 'handler.one',
});

describe('CIP transmission requests', () => {
  it('opens a case due 10 calendar days after receipt (NPRM-2024), then closes it on transmission', async () => {
    const reference = `BIS-CIP-${randomUUID()}`;
    // The provider's own CIP on file, in effect from now (so the one in force): the version the transmission names.
    const { payload, headers } = multipartBody({ receivedAt: new Date().toISOString() }, { filename: 'cip.txt', contentType: 'text/plain', content: Buffer.from(`provider CIP ${reference}`) });
    const upload = await system.app.inject({ method: 'POST', url: '/v1/provider/cip-documents', headers: { ...bearer('case_handler'), ...headers }, payload });
    expect(upload.statusCode).toBe(201);
    const cipVersion = String(upload.json().version);
    const created = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: '2026-11-20T15:00:00-05:00' },
    });
    expect(created.statusCode).toBe(201);
    const kase = created.json();
    expect(kase).toMatchObject({
      type: 'cip-transmission',
      status: 'awaiting-transmission',
      subject: { type: 'provider-cip', id: 'provider' },
      ruleSetId: 'NPRM-2024',
      workflowId: `cip-transmission:${reference}`,
      openedAt: '2026-11-20T20:00:00.000Z',
      closedAt: null,
    });
    // Received 20 Nov (New York); day 1 is 21 Nov; the 10th day is 30 Nov, ending at midnight EST.
    expect(kase.details.dueDate).toBe('2026-11-30');
    expect(kase.dueAt).toBe('2026-12-01T04:59:59.999Z');

    // The same Commerce reference cannot open a second case.
    const duplicate = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: '2026-11-20T15:00:00-05:00' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().detail).toContain(kase.id);

    // A malformed decision is refused naming the field, and changes nothing.
    const bad = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${kase.id}/decisions`,
      headers: bearer('case_handler'),
      payload: { decision: 'transmit', params: { transmittedAt: 'soon' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'body.params.cipVersion', message: 'is required (a non-empty string)' }]);

    const ok = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${kase.id}/decisions`,
      headers: { ...bearer('case_handler', 1), 'idempotency-key': `transmit-${reference}` },
      payload: { decision: 'transmit', params: { cipVersion, transmissionReference: 'BIS-ACK-1' } },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ caseId: kase.id, decision: 'transmit', status: 'transmitted' });

    const closed = (await system.app.inject({ method: 'GET', url: `/v1/cases/${kase.id}`, headers: bearer('legal') })).json();
    expect(closed.status).toBe('transmitted');
    expect(closed.closedAt).not.toBeNull();

    // A decision on a closed case is refused with 409.
    const late = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${kase.id}/decisions`,
      headers: bearer('case_handler'),
      payload: { decision: 'withdraw', reason: 'too late' },
    });
    expect(late.statusCode).toBe(409);

    const events = (await system.app.inject({ method: 'GET', url: `/v1/cases/${kase.id}/events`, headers: bearer('legal') })).json();
    expect(events.items.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
      ['case.opened', 'hana.handler'],
      ['cip.on-file', 'system'],
      ['decision.accepted', 'henrik.handler'],
      ['cip.transmitted', 'henrik.handler'],
    ]);
    // The case carries the rules' own explanation of its deadline, line for line.
    const expected = computeDeadline({ obligation: 'cip-transmission', ruleSet: getRuleSet('NPRM-2024'), startedAt: new Date('2026-11-20T20:00:00.000Z'), timeZone: 'America/New_York' });
    expect(events.items[0].data.explanation).toEqual(expected.explanation);
    expect(events.items.at(-1).data).toMatchObject({ cipVersion, sha256: upload.json().document.sha256 });
  });

  it('refuses bad input naming the field and starts nothing', async () => {
    const reference = `BIS-CIP-${randomUUID()}`;
    const res = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: 'last tuesday' },
    });
    expect(res.statusCode).toBe(400);
    // Refused by the schema: not an instant, so not in any year the rules count in either.
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.receivedAt', 'body.receivedAt']);
    expect(res.json().errors).toContainEqual({ field: 'body.receivedAt', message: 'must match format "date-time"' });
    const future = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: '2999-01-01T00:00:00Z' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('body.receivedAt');
    // Nothing anywhere: no case row, no workflow.
    const [rows] = await system.db.sql`select count(*)::int as n from cases where workflow_id = ${`cip-transmission:${reference}`}`;
    expect(rows!.n).toBe(0);
    await expect(system.client.workflow.getHandle(`cip-transmission:${reference}`).describe()).rejects.toThrow(/not found/i);
  });

  it('keeps an accepted request when the worker crashes: a new worker picks the case up', async () => {
    const reference = `BIS-CIP-${randomUUID()}`;
    const reseller = await system.app.inject({
      method: 'POST',
      url: '/v1/resellers',
      headers: bearer('case_handler'),
      payload: { legalName: 'Nordwind Cloud Reselling GmbH', jurisdiction: 'DE' },
    });
    const resellerId: string = reseller.json().id;
    // No worker is polling while the request is accepted (the reseller has no CIP on file yet: the case will ask for it).
    await system.worker.shutdown();
    const res = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('admin'),
      payload: { requestReference: reference, cipOwner: { type: 'foreign-reseller', resellerId }, receivedAt: new Date().toISOString() },
    });
    // Recorded and answered with the case (its row and start in one transaction) although no
    // worker has run its workflow yet: the reseller has no CIP on file, so the case asks for it.
    expect(res.statusCode).toBe(201);
    const caseId: string = res.json().id;
    expect(res.json()).toMatchObject({ status: 'awaiting-reseller-cip', subject: { type: 'foreign-reseller', id: resellerId }, workflowId: `cip-transmission:${reference}` });
    expect(await system.db.db.select().from(caseStarts).where(eq(caseStarts.caseId, caseId))).toHaveLength(1);
    const { startWorker } = await import('../../worker.js');
    const { inject } = await import('vitest');
    system.worker = await startWorker({
      databaseUrl: inject('databaseUrl'),
      temporalAddress: inject('temporalAddress'),
      namespace: 'default',
      taskQueue: system.taskQueue,
      workerOptions: { workflowBundle: { codePath: inject('workflowBundlePath') } },
    });
    // The workflow confirms the case: its opening projection adds the reseller's deadline and the opening events.
    const kase = await eventually(async () => {
      const r = await system.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: bearer('legal') });
      return r.statusCode === 200 && r.json().details.resellerCip ? r.json() : undefined;
    });
    expect(kase).toMatchObject({ id: caseId, status: 'awaiting-reseller-cip', subject: { type: 'foreign-reseller', id: resellerId } });
    expect(await system.db.db.select().from(caseStarts).where(eq(caseStarts.caseId, caseId))).toHaveLength(0);
    const events = await system.db.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
    expect(events.map((e) => e.type)).toEqual(['case.opened', 'reseller-cip.requested']);
  });

  it('starts the workflow of a case recorded before a crash cut off its start, and the workflow confirms it once', async () => {
    const reference = `BIS-CIP-${randomUUID()}`;
    const caseId = randomUUID();
    const receivedAt = new Date(Date.now() - 60_000);
    const deadline = computeDeadline({ obligation: 'cip-transmission', ruleSet: getRuleSet('NPRM-2024'), startedAt: receivedAt, timeZone: 'America/New_York' });
    const input = providerCipRequest(reference, receivedAt, caseId);
    // What the API had committed when it crashed: the case row and its start, no workflow.
    await insertCaseWithStart(system.db.db, {
      row: {
        id: caseId,
        type: 'cip-transmission',
        workflowId: `cip-transmission:${reference}`,
        status: 'awaiting-transmission',
        subjectType: 'provider-cip',
        subjectId: 'provider',
        ruleSetId: 'NPRM-2024',
        openedAt: receivedAt,
        dueAt: deadline.dueAt,
        details: { requestReference: reference },
      },
      start: { workflowType: 'cipTransmissionWorkflow', taskQueue: system.taskQueue, args: [input] },
    });
    // Too recent for the reconciler's default (its own start may still be on the way), not for a run after a restart.
    expect((await startUnconfirmedCases(system.app.deps)).started).toBe(0);
    expect((await startUnconfirmedCases(system.app.deps, { olderThanMs: 0 })).started).toBeGreaterThanOrEqual(1);
    // A second run finds the workflow already started: nothing starts twice.
    const again = await startUnconfirmedCases(system.app.deps, { olderThanMs: 0 });
    expect(again.failed).toBe(0);
    await eventually(async () => ((await system.db.db.select().from(caseStarts).where(eq(caseStarts.caseId, caseId))).length === 0 ? true : undefined));
    // The opening events once each (the provider's CIP on file, if an earlier test put one there, is named too).
    const events = await system.db.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
    expect(events[0]?.type).toBe('case.opened');
    expect(events.filter((e) => e.type === 'case.opened')).toHaveLength(1);
    // The workflow's opening projection replaced what was recorded.
    const [row] = await system.db.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: 'awaiting-transmission', projectionSeq: events.length, details: { requestReference: reference, dueDate: deadline.dueDate, cipOwner: { type: 'provider' } } });
    const described = await system.client.workflow.getHandle(`cip-transmission:${reference}`).describe();
    expect(described.memo).toMatchObject({ caseId });
  });

  it("takes back a recorded case whose business id another request's workflow holds, and that workflow then opens its own case", async () => {
    const reference = `BIS-CIP-${randomUUID()}`;
    const workflowId = `cip-transmission:${reference}`;
    const receivedAt = new Date(Date.now() - 60_000);
    const deadline = computeDeadline({ obligation: 'cip-transmission', ruleSet: getRuleSet('NPRM-2024'), startedAt: receivedAt, timeZone: 'America/New_York' });
    const input = (caseId: string) => providerCipRequest(reference, receivedAt, caseId);
    // One Commerce reference twice: the first request came while PostgreSQL was down (Temporal
    // alone accepted it: a workflow, no row yet); the second, once it was back, recorded its row
    // and start, and the API crashed before its start found the id taken.
    const [lostStart, wonStart] = [randomUUID(), randomUUID()];
    await insertCaseWithStart(system.db.db, {
      row: { id: lostStart, type: 'cip-transmission', workflowId, status: 'awaiting-transmission', subjectType: 'provider-cip', subjectId: 'provider', ruleSetId: 'NPRM-2024', openedAt: receivedAt, dueAt: deadline.dueAt, details: { requestReference: reference } },
      start: { workflowType: 'cipTransmissionWorkflow', taskQueue: system.taskQueue, args: [input(lostStart)] },
    });
    await system.client.workflow.start('cipTransmissionWorkflow', { taskQueue: system.taskQueue, workflowId, args: [input(wonStart)], memo: { caseId: wonStart } });
    // The reconciler finds the id held by the other request's workflow: the first row is no case.
    await startUnconfirmedCases(system.app.deps, { olderThanMs: 0 });
    const byWorkflowId = () => system.db.db.select().from(cases).where(eq(cases.workflowId, workflowId));
    const opened = await eventually(async () => {
      const rows = await byWorkflowId();
      return rows.length === 1 && rows[0]!.id === wonStart && rows[0]!.projectionSeq > 0 ? rows : undefined;
    });
    expect(opened.map((r) => r.id)).toEqual([wonStart]);
    expect(await system.db.db.select().from(caseStarts).where(eq(caseStarts.caseId, lostStart))).toHaveLength(0);
    expect(await system.db.db.select().from(caseEvents).where(eq(caseEvents.caseId, lostStart))).toHaveLength(0);
  });

  it('refuses a repeat of a request whose case Temporal no longer remembers, and stops the workflow the repeat started', async () => {
    const reference = `BIS-CIP-${randomUUID()}`;
    const workflowId = `cip-transmission:${reference}`;
    const receivedAt = new Date(Date.now() - 60_000);
    // A case opened long ago, its workflow's history past the namespace's retention: only the case table knows it.
    const oldCase = randomUUID();
    await system.db.db.insert(cases).values({
      id: oldCase, type: 'cip-transmission', workflowId, status: 'transmitted', subjectType: 'provider-cip', subjectId: 'provider', ruleSetId: 'NPRM-2024', openedAt: receivedAt, dueAt: receivedAt, closedAt: receivedAt, projectionSeq: 3, details: { requestReference: reference },
    });
    const repeat = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: receivedAt.toISOString() },
    });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json()).toMatchObject({ code: 'case.duplicate' });
    expect(repeat.json().detail).toContain(oldCase);
    const rows = await system.db.db.select().from(cases).where(eq(cases.workflowId, workflowId));
    expect(rows.map((r) => r.id)).toEqual([oldCase]);
    // Nothing runs for the refused repeat.
    const described = await system.client.workflow.getHandle(workflowId).describe().catch(() => undefined);
    if (described) expect(described.status.name).toBe('TERMINATED');
  });
});
