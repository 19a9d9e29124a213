// Input the API must refuse before anything is stored or started, against real PostgreSQL and
// Temporal: bodies that are not valid UTF-8, repeats that say something else than the first
// request under the same key, and facts the rules cannot compute with.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getCaseById, getCaseByWorkflowId, listCaseEvents } from '../db/queries/cases.js';
import { workflowIdFor } from '../workflows/ids.js';
import { bearer } from './helpers/tokens.js';
import { foreignOwner, germanEntityApplication } from './helpers/applications.js';
import { eventually, useTestSystem } from './helpers/system.js';
import { registerReseller } from './helpers/resellers.js';

const system = useTestSystem();

type Role = Parameters<typeof bearer>[0];
const post = (url: string, payload: object, role: Role = 'case_handler', headers: Record<string, string> = {}) =>
  system.app.inject({ method: 'POST', url, headers: { ...bearer(role), ...headers }, payload });

/** A foreign entity with a foreign 30% owner, as a handler would enter it. */
const application = () => germanEntityApplication({ beneficialOwners: [foreignOwner('Anna Owner', 30)] });

/** A customer whose identification case waits for verification (it accepts `refuse`). */
async function caseAwaitingVerification() {
  const res = await post('/v1/customers', application());
  expect([201, 202]).toContain(res.statusCode);
  const { caseId, customer } = res.json() as { caseId: string; customer: { id: string } };
  await eventually(async () => ((await getCaseById(system.db.db, { id: caseId }))?.status === 'awaiting-verification' ? true : undefined));
  return { caseId, customerId: customer.id };
}

const events = async (caseId: string) => (await listCaseEvents(system.db.db, { caseId, limit: 500 })).items;

describe('a JSON body that is not valid UTF-8', () => {
  it('is refused with a 400 problem naming the body, and the case history gains nothing', async () => {
    const { caseId } = await caseAwaitingVerification();
    const before = await events(caseId);
    const payload = Buffer.concat([
      Buffer.from('{"decision":"refuse","reason":"bad ', 'latin1'),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from('"}', 'latin1'),
    ]);
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/decisions`,
      headers: { ...bearer('case_handler'), 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, errors: [{ field: 'body', message: 'is not valid UTF-8' }] });
    // Nothing reached the workflow: no proposal, the case as it was.
    expect(await events(caseId)).toEqual(before);
    expect((await getCaseById(system.db.db, { id: caseId }))?.status).toBe('awaiting-verification');
  });

  it('is refused on every JSON route, with or without a charset, and valid UTF-8 still passes', async () => {
    const bad = Buffer.concat([Buffer.from('{"assignee":"h', 'latin1'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}', 'latin1')]);
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${randomUUID()}/assignment`,
      headers: { ...bearer('case_handler'), 'content-type': 'application/json; charset=utf-8' },
      payload: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body', message: 'is not valid UTF-8' }]);
    // Well-formed multi-byte text is not mistaken for bad input (the unknown case answers 404).
    const good = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${randomUUID()}/assignment`,
      headers: { ...bearer('case_handler'), 'content-type': 'application/json' },
      payload: Buffer.from(JSON.stringify({ assignee: 'Jürgen Müller ✓' }), 'utf8'),
    });
    expect(good.statusCode).toBe(404);
  });

  it('keeps the JSON parser strict about prototype poisoning', async () => {
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${randomUUID()}/assignment`,
      headers: { ...bearer('case_handler'), 'content-type': 'application/json' },
      payload: '{"assignee":"x","__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('a JSON body that does not parse, or is empty', () => {
  it('is refused with a 400 problem naming the body, whose type names the same problem as its code, and the case history gains nothing', async () => {
    const { caseId } = await caseAwaitingVerification();
    const before = await events(caseId);
    for (const [payload, message] of [['{"decision":"refuse",', 'is not valid JSON'], ['', expect.stringContaining('is empty')]] as const) {
      const res = await system.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/decisions`, headers: { ...bearer('case_handler'), 'content-type': 'application/json' }, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json(), payload).toMatchObject({ type: 'https://cipdesk.dev/problems/request.malformed', code: 'request.malformed', errors: [{ field: 'body', message }] });
    }
    expect(await events(caseId)).toEqual(before);
    expect((await getCaseById(system.db.db, { id: caseId }))?.status).toBe('awaiting-verification');
  });
});

describe('a body in a content type no route reads', () => {
  it('is refused with 415 naming headers.content-type, and the case history gains nothing', async () => {
    const { caseId } = await caseAwaitingVerification();
    const before = await events(caseId);
    for (const [url, payload] of [[`/v1/cases/${caseId}/decisions`, '{"decision":"refuse","reason":"sent as text"}'], [`/v1/cases/${caseId}/notes`, 'hello']] as const) {
      const res = await system.app.inject({ method: 'POST', url, headers: { ...bearer('case_handler'), 'content-type': 'text/plain' }, payload });
      expect(res.statusCode, url).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json(), url).toMatchObject({ code: 'request.unsupported_media_type', errors: [{ field: 'headers.content-type', message: expect.stringContaining('application/json') }] });
      expect(res.json().type, url).toBe('https://cipdesk.dev/problems/request.unsupported_media_type');
    }
    expect(await events(caseId)).toEqual(before);
    expect((await getCaseById(system.db.db, { id: caseId }))?.status).toBe('awaiting-verification');
  });
});

describe('a repeat that says something else', () => {
  it('under the same Idempotency-Key as an earlier decision is refused with 409; an identical repeat gets the first answer', async () => {
    const { caseId } = await caseAwaitingVerification();
    const key = `key-${randomUUID()}`;
    const first = await post(`/v1/cases/${caseId}/decisions`, { decision: 'refuse', reason: 'documents forged' }, 'case_handler', { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    const same = await post(`/v1/cases/${caseId}/decisions`, { decision: 'refuse', reason: 'documents forged' }, 'case_handler', { 'idempotency-key': key });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual(first.json());
    const history = await events(caseId);

    const otherReason = await post(`/v1/cases/${caseId}/decisions`, { decision: 'refuse', reason: 'another reason' }, 'case_handler', { 'idempotency-key': key });
    expect(otherReason.statusCode).toBe(409);
    expect(otherReason.json()).toMatchObject({
      code: 'idempotency.key_reused',
      errors: [{ field: 'headers.idempotency-key', message: 'was used for a different request' }],
    });
    expect(otherReason.json().detail).toMatch(/different decision request/);
    // Another person repeating the key is another request too.
    const otherActor = await post(`/v1/cases/${caseId}/decisions`, { decision: 'refuse', reason: 'documents forged' }, 'case_handler', {
      'idempotency-key': key,
      ...bearer('case_handler', 1),
    });
    expect(otherActor.statusCode).toBe(409);
    expect(await events(caseId)).toEqual(history);
  });

  it('a retry of the decision that closed the case gets the first answer, not "closed"', async () => {
    const { caseId } = await caseAwaitingVerification();
    expect((await post(`/v1/cases/${caseId}/decisions`, { decision: 'refuse', reason: 'documents forged' })).statusCode).toBe(200);
    const key = `key-${randomUUID()}`;
    const approval = { decision: 'approve', reason: 'the forgery is plain' };
    const first = await post(`/v1/cases/${caseId}/decisions`, approval, 'reviewer', { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    await eventually(async () => ((await getCaseById(system.db.db, { id: caseId }))?.closedAt ? true : undefined));
    const history = await events(caseId);

    // The client lost the first answer and retries: the decision was taken, and it says so.
    const retry = await post(`/v1/cases/${caseId}/decisions`, approval, 'reviewer', { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    // Anything else on the closed case is still refused: another request under the key, or a new key.
    const other = await post(`/v1/cases/${caseId}/decisions`, { decision: 'reject', reason: 'no' }, 'reviewer', { 'idempotency-key': key });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency.key_reused');
    const fresh = await post(`/v1/cases/${caseId}/decisions`, approval, 'reviewer', { 'idempotency-key': `key-${randomUUID()}` });
    expect(fresh.statusCode).toBe(409);
    expect(fresh.json().code).toBe('decision.case_closed');
    expect(await events(caseId)).toEqual(history);
  });

  it('under the same change reference as an earlier irregular update is refused with 409, and the case keeps its clock', async () => {
    const changeReference = `CHG-${randomUUID()}`;
    const body = { changeKind: 'business-operations', occurredAt: '2026-11-20T10:00:00Z', description: 'A new region in Frankfurt', changeReference };
    const first = await post('/v1/irregular-updates', body);
    expect([201, 202]).toContain(first.statusCode);
    const caseRow = await eventually(async () => getCaseByWorkflowId(system.db.db, { workflowId: workflowIdFor('irregular-update', `provider/${changeReference}`) }));
    const again = await post('/v1/irregular-updates', { ...body });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(caseRow.id);
    for (const changed of [{ ...body, occurredAt: '2026-10-01T10:00:00Z' }, { ...body, changeKind: 'corporate-structure' }, { ...body, description: 'A merger' }]) {
      const res = await post('/v1/irregular-updates', changed);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'irregular_update.reference_conflict', errors: [{ field: 'body.changeReference' }] });
    }
    expect((await getCaseById(system.db.db, { id: caseRow.id }))?.dueAt).toEqual(caseRow.dueAt);
  });

  it('without a change reference, repeated (a retry of a lost answer), answers 200 with the same case; another description for the same change is a 409', async () => {
    // An instant of its own (this file's other changes use whole hours): the change is known by its kind and instant.
    const occurredAt = new Date(Date.UTC(2026, 10, 21, 9, 0, 0, Math.floor(Math.random() * 3_600_000))).toISOString();
    const body = { changeKind: 'cip-implementation', occurredAt, description: 'A new identity verification vendor' };
    const first = await post('/v1/irregular-updates', body);
    expect([201, 202]).toContain(first.statusCode);
    const caseRow = await eventually(async () =>
      getCaseByWorkflowId(system.db.db, { workflowId: workflowIdFor('irregular-update', `provider/cip-implementation-${occurredAt.replaceAll(':', '')}`) }),
    );
    const again = await post('/v1/irregular-updates', { ...body });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(caseRow.id);
    const other = await post('/v1/irregular-updates', { ...body, description: 'A merger' });
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json()).toMatchObject({ code: 'irregular_update.change_conflict', errors: [{ field: 'body.description' }] });
    // Another kind of change at the same instant is another change.
    const corporate = await post('/v1/irregular-updates', { ...body, changeKind: 'corporate-structure' });
    expect([201, 202]).toContain(corporate.statusCode);
    expect(corporate.json().id).not.toBe(caseRow.id);
  });

  it("about a change at a reseller after the provider terminated it is refused with 409 naming body.occurredAt, and opens no case", async () => {
    const resellerId = await registerReseller(system.app);
    await system.db.sql`update resellers set status = 'terminated', status_changed_at = '2026-11-10T00:00:00Z' where id = ${resellerId}`;
    const changeReference = `CHG-${randomUUID()}`;
    const after = await post('/v1/irregular-updates', { changeKind: 'cip-contact', occurredAt: '2026-11-20T10:00:00Z', description: 'A new CIP officer', changeReference, resellerId });
    expect(after.statusCode, after.body).toBe(409);
    expect(after.json()).toMatchObject({ code: 'reseller.terminated', errors: [{ field: 'body.occurredAt', message: "is after the reseller's termination (2026-11-10T00:00:00.000Z)" }] });
    expect(await getCaseByWorkflowId(system.db.db, { workflowId: workflowIdFor('irregular-update', `${resellerId}/${changeReference}`) })).toBeUndefined();
    // A change while it was still the provider's reseller is still reported.
    const before = await post('/v1/irregular-updates', { changeKind: 'cip-contact', occurredAt: '2026-11-01T10:00:00Z', description: 'A new CIP officer', changeReference, resellerId });
    expect([201, 202]).toContain(before.statusCode);
  });

  it('under the same externalReference as an earlier application is refused with 409 and stores nothing', async () => {
    const body = application();
    const first = await post('/v1/customers', body);
    expect([201, 202]).toContain(first.statusCode);
    // The same facts in another key order are the same application.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await post('/v1/customers', reordered);
    expect(again.statusCode).toBe(200);
    expect(again.json().customer.id).toBe(first.json().customer.id);

    const changed = await post('/v1/customers', { ...body, name: 'Another Name GmbH', organizedUnderUsLaw: true });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({
      code: 'customer.application_conflict',
      errors: [{ field: 'body.externalReference', message: 'was used for an application with different facts' }],
    });
    const customerId = first.json().customer.id as string;
    const [row] = await system.db.sql`select us_person_status from customers where id = ${customerId}`;
    expect(row!.us_person_status).not.toBe('us');
    const names = await system.db.sql`select i.name from party_identities i join parties p on p.id = i.party_id where p.customer_id = ${customerId}`;
    expect(names.map((n) => n.name)).not.toContain('Another Name GmbH');
  });
});

describe('input the rules cannot compute with', () => {
  it('a CIP request received in year 164 is refused naming body.receivedAt, and no workflow starts', async () => {
    const requestReference = `BIS-CIP-${randomUUID().slice(0, 8)}`;
    const res = await post('/v1/cip-transmission-requests', { requestReference, cipOwner: { type: 'provider' }, receivedAt: '0164-11-19T18:08:19.381Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.receivedAt', message: 'must be an instant in a year from 1000 to 9999 (the years the rules count calendar days in)' }]);
    await expect(system.client.workflow.getHandle(workflowIdFor('cip-transmission', requestReference)).describe()).rejects.toThrow(/not found/i);
  });

  it('an event before the order its part of the rule implements is refused naming the field; a backfill after it is accepted', async () => {
    const tooEarly = [
      ['/v1/cip-transmission-requests', { requestReference: `BIS-CIP-${randomUUID().slice(0, 8)}`, cipOwner: { type: 'provider' }, receivedAt: '2020-12-31T15:00:00Z' }, 'body.receivedAt', 'case_handler'],
      ['/v1/special-measures', { target: { jurisdiction: 'KP' }, kind: 'prohibition', issuedAt: '2019-05-01T12:00:00Z', federalRegisterCitation: `84 FR ${randomUUID().slice(0, 4)}` }, 'body.issuedAt', 'legal'],
      ['/v1/deadlines/compute', { obligation: 'record-retention', startedAt: '1999-01-01T00:00:00Z' }, 'body.startedAt', 'case_handler'],
    ] as const;
    for (const [url, body, field, role] of tooEarly) {
      const res = await post(url, body, role);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors, url).toEqual([{ field, message: expect.stringMatching(/is before 2021-01-19, the first day an event can fall under the customer-identification provisions of rule set NPRM-2024 \(Executive Order 13984/) }]);
    }
    await expect(system.client.workflow.getHandle(workflowIdFor('cip-transmission', tooEarly[0][1].requestReference)).describe()).rejects.toThrow(/not found/i);
    // A provider bringing an existing program's records onto the desk may date them after the order.
    const backfill = await post('/v1/cip-transmission-requests', { requestReference: `BIS-CIP-${randomUUID().slice(0, 8)}`, cipOwner: { type: 'provider' }, receivedAt: '2023-06-01T15:00:00Z' });
    expect(backfill.statusCode, backfill.body).toBe(201);
  });

  it('a reseller id with control characters is refused naming the field', async () => {
    const res = await post('/v1/cip-transmission-requests', {
      requestReference: `BIS-CIP-${randomUUID().slice(0, 8)}`,
      cipOwner: { type: 'foreign-reseller', resellerId: 'reseller\u0007\nbell' },
      receivedAt: new Date().toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('body.cipOwner.resellerId');
  });

  it('an account closure or access the retention clock cannot count from is refused, and the account is as it was', async () => {
    // An account in use: opened through its case is slow here, so open it as the workflow would.
    const created = await post('/v1/customers', application());
    const accountId = created.json().accountId as string;
    await system.db.sql`update accounts set status = 'open', opened_at = '0100-01-01T00:00:00Z' where id = ${accountId}`;
    const closure = await post(`/v1/accounts/${accountId}/closure`, { reason: 'customer left', closedAt: '0500-06-01T00:00:00Z' });
    expect(closure.statusCode).toBe(400);
    expect(closure.json().errors).toEqual([{ field: 'body.closedAt', message: 'must be an instant in a year from 1000 to 9999 (the years the rules count calendar days in)' }]);
    const access = await post(`/v1/accounts/${accountId}/accesses`, { accessedAt: '0999-12-31T00:00:00Z' }, 'scheduler');
    expect(access.statusCode).toBe(400);
    expect(access.json().errors[0].field).toBe('body.accessedAt');
    const [row] = await system.db.sql`select status, closed_at, last_accessed_at from accounts where id = ${accountId}`;
    expect(row).toMatchObject({ status: 'open', closed_at: null, last_accessed_at: null });
  });
});

describe('a JSON body field of another type than its schema says', () => {
  it('is refused naming the field, never coerced: a year as text, a subject as a number', async () => {
    // Schema validation comes before anything the route reads, so no anniversary need be recorded.
    const period = await post('/v1/certifications', { period: '2026' }, 'scheduler');
    expect(period.statusCode, period.body).toBe(400);
    expect(period.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(period.json().errors).toEqual([{ field: 'body.period', message: 'must be integer' }]);

    const { caseId } = await caseAwaitingVerification();
    const before = await getCaseById(system.db.db, { id: caseId });
    const assignment = await post(`/v1/cases/${caseId}/assignment`, { assignee: 42 });
    expect(assignment.statusCode, assignment.body).toBe(400);
    expect(assignment.json().errors.map((e: { field: string }) => e.field)).toContain('body.assignee');
    expect((await getCaseById(system.db.db, { id: caseId }))?.assignee).toBe(before?.assignee);
    // The query string is text: a number there is still read from its text.
    const page = await system.app.inject({ method: 'GET', url: '/v1/cases?limit=2', headers: bearer('case_handler') });
    expect(page.statusCode).toBe(200);
  });
});

describe('a query parameter its route does not declare', () => {
  it('is refused naming it, on every list, never ignored into an unfiltered list', async () => {
    for (const url of ['/v1/cases?openedFrom=2026-01-01', '/v1/cases?limit=2&stauts=open', '/v1/resellers?jurisdicton=DE', '/v1/customers?kind=entity&colour=red', '/v1/legal/cases?subject=x']) {
      const res = await system.app.inject({ method: 'GET', url, headers: bearer('legal') });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const unknown = new URL(url, 'http://x').searchParams;
      const named = res.json().errors.map((e: { field: string }) => e.field) as string[];
      expect(named.some((f) => [...unknown.keys()].some((k) => f === `querystring.${k}`)), `${url}: ${JSON.stringify(named)}`).toBe(true);
    }
    expect((await system.app.inject({ method: 'GET', url: '/v1/cases?limit=2&status=open', headers: bearer('legal') })).statusCode).toBe(200);
  });
});
