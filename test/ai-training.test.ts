// Large-AI-model training transactions through the API, against real PostgreSQL and Temporal:
// the rules judge the run before anything is stored.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAiTrainingTransactionByReference } from '../db/queries/ai-training.js';
import { registerReseller } from './helpers/resellers.js';
import { bearer } from './helpers/tokens.js';
import { germanEntityApplication } from './helpers/applications.js';
import { eventually, useTestSystem } from './helpers/system.js';

let resellerId: string;
const system = useTestSystem();
beforeAll(async () => {
  resellerId = await registerReseller(system.app);
});

type Role = Parameters<typeof bearer>[0];
const post = (url: string, payload: object, role: Role = 'case_handler') =>
  system.app.inject({ method: 'POST', url, headers: bearer(role), payload });
const get = (url: string, role: Role = 'case_handler') => system.app.inject({ method: 'GET', url, headers: bearer(role) });

const qualifyingRun = {
  operations: '100000000000000000000000001',
  cluster: { coLocatedInSingleDataCentre: true, networkingGbitPerSecond: '400', peakOperationsPerSecond: '2e20' },
  operationsPeriod: { start: '2026-11-01T00:00:00Z', end: '2027-01-31T00:00:00Z' },
  modelName: 'Aurora-XL',
  cybersecurityPractices: 'Hardware keys for administrators; weights encrypted at rest; quarterly penetration tests',
};

function resellerTransaction(overrides: Record<string, unknown> = {}) {
  return {
    externalReference: `txn-${randomUUID()}`,
    foreignPerson: { type: 'reseller-customer', resellerId, resellerCustomerReference: 'RC-1001' },
    transactionAt: '2026-11-20T10:00:00Z',
    run: qualifyingRun,
    contactInfoRef: 'vault-contact-1',
    paymentInfoRef: 'vault-payment-1',
    ...overrides,
  };
}

async function foreignCustomer(): Promise<string> {
  const res = await post('/v1/customers', germanEntityApplication());
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().customer.id;
}

describe('POST /v1/ai-training-transactions', () => {
  it("records a covered run through a reseller, with the rules' finding", async () => {
    const body = resellerTransaction();
    const res = await post('/v1/ai-training-transactions', body);
    expect([201, 202]).toContain(res.statusCode);
    const created = res.json();
    expect(created.transaction).toMatchObject({
      externalReference: body.externalReference,
      route: 'through-reseller',
      resellerCustomerReference: 'RC-1001',
      ruleSetId: 'NPRM-2024',
      run: { operations: qualifyingRun.operations, modelName: 'Aurora-XL' },
      coverage: { covered: true },
      belowThresholdReason: null,
      createdBy: 'hana.handler',
    });
    expect(created.transaction.coverage.reasons[0]).toContain('sec. 4.2(c)(iii)');
    expect(created.caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`/v1/ai-training-transactions/${created.transaction.id}`);

    const again = await post('/v1/ai-training-transactions', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().transaction.id).toBe(created.transaction.id);

    const read = await get(`/v1/ai-training-transactions/${created.transaction.id}`, 'legal');
    expect(read.statusCode).toBe(200);
    expect(read.json().transaction).toEqual(created.transaction);
  });

  it('refuses a repeat of the reference that says something else (another time, another run) with 409, and keeps the first', async () => {
    const body = resellerTransaction();
    const first = await post('/v1/ai-training-transactions', body);
    expect([201, 202]).toContain(first.statusCode);
    const id = first.json().transaction.id as string;
    // The same facts from another handler, in another key order, are the same transaction.
    const reordered = await post('/v1/ai-training-transactions', Object.fromEntries(Object.entries(body).reverse()), 'admin');
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().transaction.id).toBe(id);
    for (const changed of [
      { ...body, transactionAt: '2026-11-01T10:00:00Z' },
      { ...body, knowledgeAt: '2026-11-21T10:00:00Z' },
      { ...body, run: { ...qualifyingRun, operations: '300000000000000000000000000' } },
    ]) {
      const res = await post('/v1/ai-training-transactions', changed);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'ai_training.reference_conflict', errors: [{ field: 'body.externalReference' }] });
    }
    const read = await get(`/v1/ai-training-transactions/${id}`);
    expect(read.json().transaction).toEqual(first.json().transaction);
  });

  it("records the provider's own foreign customer as the direct route", async () => {
    const customerId = await foreignCustomer();
    const res = await post('/v1/ai-training-transactions', {
      ...resellerTransaction(),
      foreignPerson: { type: 'customer', customerId },
      knowledgeAt: '2026-11-22T10:00:00Z',
    });
    expect([201, 202]).toContain(res.statusCode);
    expect(res.json().transaction).toMatchObject({ route: 'direct', customerId, resellerId: null, knowledgeAt: '2026-11-22T10:00:00.000Z' });

    // Its history names the provider's own clock only: the reseller's two are not this case's.
    const obligations = await eventually(async () => {
      const history = await get(`/v1/cases/${res.json().caseId}/history`, 'legal');
      const named = (history.json().deadlines as { obligation: string }[]).map((d) => d.obligation);
      return named.length === 1 ? named : undefined;
    });
    expect(obligations).toEqual(['ai-report-provider']);
  });

  it('refuses a run that is not covered unless a handler gives a reason, and stores nothing', async () => {
    const below = resellerTransaction({
      run: { ...qualifyingRun, cluster: { ...qualifyingRun.cluster, peakOperationsPerSecond: '9e19' } },
    });
    const refused = await post('/v1/ai-training-transactions', below);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'ai_training.not_covered', errors: [{ field: 'body.belowThresholdReason' }] });
    expect(refused.json().detail).toContain('criteria not met: cluster-peak-capacity');
    expect(await getAiTrainingTransactionByReference(system.db.db, { externalReference: below.externalReference })).toBeUndefined();

    const opened = await post('/v1/ai-training-transactions', { ...below, belowThresholdReason: 'Customer plans to add racks next month' });
    expect([201, 202]).toContain(opened.statusCode);
    expect(opened.json().transaction).toMatchObject({ coverage: { covered: false }, belowThresholdReason: 'Customer plans to add racks next month' });
  });

  it('10^24 operations on biological data is not covered', async () => {
    const res = await post('/v1/ai-training-transactions', resellerTransaction({ run: { ...qualifyingRun, operations: '1e24', primarilyBiologicalSequenceData: true } }));
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('criteria not met: training-operations');
  });

  it.each([
    ['a knowledge date before the transaction', { knowledgeAt: '2026-11-19T10:00:00Z' }, 'body.knowledgeAt'],
    ['a transaction in the future', { transactionAt: '2999-01-01T00:00:00Z' }, 'body.transactionAt'],
    // Before Executive Order 14110 was signed no transaction falls under the rule: a typo of a millennium, or a day too early.
    ['a transaction in 1026', { transactionAt: '1026-11-10T12:00:00Z', knowledgeAt: '2026-11-11T00:00:00Z' }, 'body.transactionAt'],
    ['a transaction before Executive Order 14110', { transactionAt: '2023-10-29T12:00:00Z' }, 'body.transactionAt'],
    ['operations in words', { run: { ...qualifyingRun, operations: 'a lot' } }, 'body.run.operations'],
    ['a negative bandwidth', { run: { ...qualifyingRun, cluster: { ...qualifyingRun.cluster, networkingGbitPerSecond: '-4' } } }, 'body.run.cluster.networkingGbitPerSecond'],
    ['a period that ends before it starts', { run: { ...qualifyingRun, operationsPeriod: { start: '2027-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' } } }, 'body.run.operationsPeriod.end'],
    ['personal data instead of a reference', { contactInfoRef: 'Greta Owner <greta@example.org>' }, 'body.contactInfoRef'],
  ])('refuses %s, naming the field, and stores nothing', async (_name, change, field) => {
    const body = resellerTransaction(change);
    const res = await post('/v1/ai-training-transactions', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await getAiTrainingTransactionByReference(system.db.db, { externalReference: body.externalReference })).toBeUndefined();
  });

  it('refuses an unknown customer with 422 naming the field', async () => {
    const res = await post('/v1/ai-training-transactions', { ...resellerTransaction(), foreignPerson: { type: 'customer', customerId: randomUUID() } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'body.foreignPerson.customerId', message: 'no such customer' }]);
  });

  it('refuses a reseller that is not registered', async () => {
    const res = await post('/v1/ai-training-transactions', {
      ...resellerTransaction(),
      foreignPerson: { type: 'reseller-customer', resellerId: randomUUID(), resellerCustomerReference: 'RC-9' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.foreignPerson.resellerId');
  });

  it('lets only handlers and admins record a transaction; every role may read', async () => {
    expect((await post('/v1/ai-training-transactions', resellerTransaction(), 'reviewer')).statusCode).toBe(403);
    expect((await post('/v1/ai-training-transactions', resellerTransaction(), 'scheduler')).statusCode).toBe(403);
    const list = await get('/v1/ai-training-transactions?route=through-reseller&limit=2', 'scheduler');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect(list.json().items.every((t: { route: string }) => t.route === 'through-reseller')).toBe(true);
    const notCovered = await get('/v1/ai-training-transactions?covered=false', 'legal');
    expect(notCovered.json().items.every((t: { coverage: { covered: boolean } }) => !t.coverage.covered)).toBe(true);
    expect((await get('/v1/ai-training-transactions?cursor=bogus')).statusCode).toBe(400);
    expect((await get(`/v1/ai-training-transactions/${randomUUID()}`)).statusCode).toBe(404);
  });
});
