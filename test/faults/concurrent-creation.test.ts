// The same creation request sent 50 times at once, as a client retrying in a hurry or several
// handlers pressing the same button would: whatever the interleaving, one case comes of it, and
// every answer names that case (or says plainly that it exists already). Real PostgreSQL and
// Temporal; the requests run concurrently through the API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaseById } from '../../db/queries/cases.js';
import { workflowIdFor } from '../../workflows/ids.js';
import { registerReseller } from '../helpers/resellers.js';
import { bearer } from '../helpers/tokens.js';
import { foreignOwner, germanEntityApplication } from '../helpers/applications.js';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.js';

const CONCURRENT = 50;
let system: TestSystem;
let resellerId: string;
beforeAll(async () => {
  system = await startTestSystem();
  resellerId = await registerReseller(system.app);
});
afterAll(async () => {
  await system?.close();
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  system.app.inject({ method: 'POST', url, headers: { ...bearer('case_handler'), ...headers }, payload });
const all = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: CONCURRENT }, make));
const statuses = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.statusCode]: (counts[r.statusCode] ?? 0) + 1 }), {});
const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;

/** Every case event of the cases with this workflow id, by type: the history must hold each once. */
async function eventTypes(workflowId: string): Promise<string[]> {
  const rows = await system.db.sql`select e.type from case_events e join cases c on c.id = e.case_id where c.workflow_id = ${workflowId} order by e.id`;
  return rows.map((r) => r.type as string);
}

describe('50 concurrent creation requests with one business id', () => {
  it('CIP request with one requestReference: one accepted, the others 409 naming it, one case, one workflow', async () => {
    const requestReference = `BIS-CIP-RACE-${randomUUID()}`;
    const body = { requestReference, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() };
    const responses = await all(() => post('/v1/cip-transmission-requests', body));
    const accepted = responses.filter((r) => r.statusCode === 201 || r.statusCode === 202);
    expect(accepted, JSON.stringify(statuses(responses))).toHaveLength(1);
    const refused = responses.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(CONCURRENT - 1);
    const caseId = (accepted[0]!.json() as { id?: string; caseId?: string }).id ?? accepted[0]!.json().caseId;
    for (const r of refused) expect(r.json()).toMatchObject({ code: 'case.duplicate' });

    const workflowId = workflowIdFor('cip-transmission', requestReference);
    // The API recorded the case; its workflow confirms it with the opening events.
    await eventually(async () => ((await eventTypes(workflowId)).includes('case.opened') ? true : undefined));
    expect(await count(system.db.sql`select count(*)::int as n from cases where workflow_id = ${workflowId}`)).toBe(1);
    expect((await eventTypes(workflowId)).filter((t) => t === 'case.opened')).toHaveLength(1);
    // A later 409 names the case the first request opened, now that its row exists.
    const late = await post('/v1/cip-transmission-requests', body);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain(caseId);
  });

  it('customer application with one externalReference: every answer names the same customer and case; one of each stored', async () => {
    const externalReference = `cust-race-${randomUUID()}`;
    const body = germanEntityApplication({ externalReference, beneficialOwners: [foreignOwner('Anna Owner', 30)] });
    const responses = await all(() => post('/v1/customers', body));
    expect(responses.every((r) => [200, 201, 202].includes(r.statusCode)), JSON.stringify(statuses(responses))).toBe(true);
    const answers = responses.map((r) => r.json() as { customer: { id: string }; caseId: string; accountId: string });
    expect(new Set(answers.map((a) => a.customer.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.caseId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.accountId)).size).toBe(1);
    const customerId = answers[0]!.customer.id;
    expect(await count(system.db.sql`select count(*)::int as n from customers where external_reference = ${externalReference}`)).toBe(1);
    expect(await count(system.db.sql`select count(*)::int as n from accounts where customer_id = ${customerId}`)).toBe(1);
    expect(await count(system.db.sql`select count(*)::int as n from parties where customer_id = ${customerId}`)).toBe(2);
    const workflowId = workflowIdFor('customer-identification', answers[0]!.accountId);
    await eventually(async () => ((await getCaseById(system.db.db, { id: answers[0]!.caseId })) ? true : undefined));
    expect(await count(system.db.sql`select count(*)::int as n from cases where workflow_id = ${workflowId}`)).toBe(1);
    expect((await eventTypes(workflowId)).filter((t) => t === 'case.opened')).toHaveLength(1);
  });

  it('AI-training transaction with one externalReference: one transaction, one report case', async () => {
    const externalReference = `txn-race-${randomUUID()}`;
    const body = {
      externalReference,
      foreignPerson: { type: 'reseller-customer', resellerId, resellerCustomerReference: 'RC-1001' },
      transactionAt: '2026-11-20T10:00:00Z',
      run: {
        operations: '100000000000000000000000001',
        cluster: { coLocatedInSingleDataCentre: true, networkingGbitPerSecond: '400', peakOperationsPerSecond: '2e20' },
        operationsPeriod: { start: '2026-11-01T00:00:00Z', end: '2027-01-31T00:00:00Z' },
        modelName: 'Aurora-XL',
        cybersecurityPractices: 'Hardware keys for administrators',
      },
      contactInfoRef: 'vault-contact-1',
      paymentInfoRef: 'vault-payment-1',
    };
    const responses = await all(() => post('/v1/ai-training-transactions', body));
    expect(responses.every((r) => [200, 201, 202].includes(r.statusCode)), JSON.stringify(statuses(responses))).toBe(true);
    const answers = responses.map((r) => r.json() as { transaction: { id: string }; caseId: string });
    expect(new Set(answers.map((a) => a.transaction.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.caseId)).size).toBe(1);
    expect(await count(system.db.sql`select count(*)::int as n from ai_training_transactions where external_reference = ${externalReference}`)).toBe(1);
    const workflowId = workflowIdFor('ai-training-report', externalReference);
    await eventually(async () => ((await getCaseById(system.db.db, { id: answers[0]!.caseId })) ? true : undefined));
    expect(await count(system.db.sql`select count(*)::int as n from cases where workflow_id = ${workflowId}`)).toBe(1);
    expect((await eventTypes(workflowId)).filter((t) => t === 'case.opened')).toHaveLength(1);
  });
});

describe('50 concurrent decisions with one Idempotency-Key', () => {
  it('decide once: every answer is the first answer, the history holds the decision once', async () => {
    const requestReference = `BIS-CIP-KEY-${randomUUID()}`;
    const opened = await post('/v1/cip-transmission-requests', { requestReference, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() });
    expect([201, 202]).toContain(opened.statusCode);
    const caseId = (opened.json() as { id?: string; caseId?: string }).id ?? opened.json().caseId;
    await eventually(async () => ((await getCaseById(system.db.db, { id: caseId }))?.status === 'awaiting-transmission' ? true : undefined));
    const before = await eventTypes(workflowIdFor('cip-transmission', requestReference));

    const key = `key-${randomUUID()}`;
    const decision = { decision: 'withdraw', reason: 'Commerce withdrew the request by letter' };
    const responses = await all(() => post(`/v1/cases/${caseId}/decisions`, decision, { 'idempotency-key': key }));
    expect(statuses(responses)).toEqual({ 200: CONCURRENT });
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    const after = await eventTypes(workflowIdFor('cip-transmission', requestReference));
    expect(after.slice(before.length).filter((t) => t === 'decision.accepted')).toHaveLength(1);
    expect((await getCaseById(system.db.db, { id: caseId }))?.status).toBe('withdrawn');
  });
});
