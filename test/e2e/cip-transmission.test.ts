// End to end through the API, a real worker, real Temporal and real PostgreSQL: a CIP request
// from Commerce is recorded, refused decisions change nothing, and the transmission closes it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import { multipartBody } from '../helpers/multipart.js';
import { bearer } from '../helpers/tokens.js';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.js';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.close();
});

describe('CIP transmission requests', () => {
  it('opens a case due 10 calendar days after receipt (NPRM-2024), then closes it on transmission', async () => {
    const reference = `BIS-CIP-${randomUUID()}`;
    // The provider's own CIP on file: the version the transmission names.
    const { payload, headers } = multipartBody({ receivedAt: '2026-01-02T09:00:00Z' }, { filename: 'cip.txt', contentType: 'text/plain', content: Buffer.from(`provider CIP ${reference}`) });
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
    // Accepted (the workflow exists in Temporal) even though no worker has run it yet.
    expect(res.statusCode).toBe(202);
    const { caseId } = res.json();
    const { startWorker } = await import('../../worker.js');
    const { inject } = await import('vitest');
    system.worker = await startWorker({
      databaseUrl: inject('databaseUrl'),
      temporalAddress: inject('temporalAddress'),
      namespace: 'default',
      taskQueue: system.taskQueue,
    });
    const kase = await eventually(async () => {
      const r = await system.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: bearer('legal') });
      return r.statusCode === 200 ? r.json() : undefined;
    });
    expect(kase).toMatchObject({ id: caseId, status: 'awaiting-reseller-cip', subject: { type: 'foreign-reseller', id: resellerId } });
  });
});
