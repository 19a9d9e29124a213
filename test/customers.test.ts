// Customers, beneficial owners, verifications, accounts and legal holds through the API,
// against real PostgreSQL and Temporal.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reconcileCustomerCases } from '../api/routes/customers/reconcile.js';
import { insertCaseIfAbsent, listCaseEvents } from '../db/queries/cases.js';
import { insertCustomerApplication, setAccountStatus } from '../db/queries/customers.js';
import { workflowIdFor } from '../workflows/ids.js';
import { bearer } from './helpers/tokens.js';
import { foreignOwner, germanEntityApplication } from './helpers/applications.js';
import { eventually, useTestSystem } from './helpers/system.js';

const system = useTestSystem();

/** A foreign entity with two foreign beneficial owners (40% and a substantial-control one). */
function application(externalReference = `cust-${randomUUID()}`) {
  return germanEntityApplication({
    externalReference,
    ipAccesses: [{ ip: '198.51.100.23', accessedAt: '2026-01-10T09:00:00Z', kind: 'administration' }],
    beneficialOwners: [
      foreignOwner('Greta Owner', 40, { email: 'greta@nordlicht.example' }),
      { locatedInUnitedStates: false, substantialControl: { reason: 'chief executive officer' }, name: 'Karl Control' },
    ],
  });
}

async function post(url: string, payload: object, role: Parameters<typeof bearer>[0] = 'case_handler') {
  return system.app.inject({ method: 'POST', url, headers: bearer(role), payload });
}
async function get(url: string, role: Parameters<typeof bearer>[0] = 'case_handler') {
  return system.app.inject({ method: 'GET', url, headers: bearer(role) });
}

async function createCustomer(body = application()) {
  const res = await post('/v1/customers', body);
  expect([201, 202]).toContain(res.statusCode);
  return res.json() as {
    customer: { id: string; parties: { id: string; role: string }[] };
    accountId: string;
    caseId: string;
    case: null | { id: string };
  };
}

const countCustomers = async (externalReference: string) =>
  (await system.db.sql`select count(*)::int as n from customers where external_reference = ${externalReference}`)[0]!.n as number;

describe('POST /v1/customers', () => {
  it('refuses bad input naming the fields, and stores and starts nothing', async () => {
    const ref = `bad-${randomUUID()}`;
    const res = await post('/v1/customers', { ...application(ref), kind: 'company', email: 'not an email', beneficialOwners: [{ ownershipPercent: 101 }] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.kind', 'body.email', 'body.beneficialOwners.0.ownershipPercent']));

    const semantic = [
      [{ beneficialOwners: [{ ownershipPercent: 60 }, { ownershipPercent: 50 }] }, 'body.beneficialOwners.1.ownershipPercent'],
      [{ beneficialOwners: [{ name: 'No Stake' }] }, 'body.beneficialOwners.0'],
      [{ ipAccesses: [{ ip: '300.1.2.3', accessedAt: '2026-01-01T00:00:00Z' }] }, 'body.ipAccesses.0.ip'],
      [{ usCitizen: true }, 'body.usCitizen'],
    ] as const;
    for (const [patch, field] of semantic) {
      const r = await post('/v1/customers', { ...application(ref), ...patch });
      expect(r.statusCode, field).toBe(400);
      expect(r.json().errors[0].field).toBe(field);
    }
    expect(await countCustomers(ref)).toBe(0);
    const started = await system.client.workflow
      .list({ query: `WorkflowType = 'customerIdentificationWorkflow' AND TaskQueue = '${system.taskQueue}'` })
      [Symbol.asyncIterator]()
      .next();
    expect(started.done).toBe(true);
  });

  it('stores the application, starts the identification workflow, and answers a repeat with the same customer and case', async () => {
    const body = application();
    const first = await createCustomer(body);
    expect(first.customer.parties.map((p) => p.role)).toEqual(['customer', 'beneficial-owner', 'beneficial-owner']);
    // No personal field in the answer.
    expect(JSON.stringify(first)).not.toMatch(/Nordlicht|Greta|ops@|198\.51/);
    const description = await system.client.workflow.getHandle(workflowIdFor('customer-identification', first.accountId)).describe();
    expect(description.type).toBe('customerIdentificationWorkflow');

    const repeat = await post('/v1/customers', body);
    expect([200, 202]).toContain(repeat.statusCode);
    expect(repeat.json()).toMatchObject({ customer: { id: first.customer.id }, accountId: first.accountId, caseId: first.caseId });
    expect(await countCustomers(body.externalReference)).toBe(1);
    const [accounts] = await system.db.sql`select count(*)::int as n, min(status) as status from accounts where customer_id = ${first.customer.id}`;
    expect(accounts).toEqual({ n: 1, status: 'pending' });
    const [name] = await system.db.sql`select i.name from party_identities i join parties p on p.id = i.party_id where p.customer_id = ${first.customer.id} and p.role = 'customer'`;
    expect(name!.name).toBe('Nordlicht Compute GmbH');
    // A repeat with other facts is not the same application: refused, never silently dropped.
    expect((await post('/v1/customers', { ...body, name: 'Another Name' })).statusCode).toBe(409);
  });

  it('refuses roles that do not handle cases', async () => {
    expect((await post('/v1/customers', application(), 'scheduler')).statusCode).toBe(403);
  });
});

describe('GET /v1/customers/{id}', () => {
  it('shows no personal data without a purpose; with one, to the allowed roles only, and records the read', async () => {
    const { customer } = await createCustomer();
    const plain = await get(`/v1/customers/${customer.id}`, 'scheduler');
    expect(plain.statusCode).toBe(200);
    expect(plain.json().personal).toBeUndefined();
    expect(plain.body).not.toMatch(/Nordlicht|Greta|DE89/);
    // Left out, and said so: which fields, and why (this role may not read them at all).
    expect(plain.json().withheld.map((w: { field: string }) => w.field)).toEqual([
      'personal.parties[].name',
      'personal.parties[].address',
      'personal.parties[].paymentMethods',
      'personal.parties[].email',
      'personal.parties[].telephone',
      'personal.parties[].ipAccesses',
      'personal.parties[].identityDocuments',
    ]);
    expect(plain.json().withheld[0].reason).toMatch(/role scheduler may not read it/);
    const byHandler = (await get(`/v1/customers/${customer.id}`, 'case_handler')).json();
    expect(byHandler.personal).toBeUndefined();
    expect(byHandler.withheld).toHaveLength(7);
    expect(byHandler.withheld[0].reason).toMatch(/shown only for a stated purpose: repeat the request with \?purpose= one of identity-verification, /);

    expect((await get(`/v1/customers/${customer.id}?purpose=`)).json().errors[0].field).toBe('querystring.purpose');
    expect((await get(`/v1/customers/${customer.id}?purpose=compliance-audit`, 'scheduler')).statusCode).toBe(403);
    const none = await system.db.sql`select * from personal_data_reads where customer_id = ${customer.id} and actor <> 'system'`;
    expect(none).toHaveLength(0);

    const read = await get(`/v1/customers/${customer.id}?purpose=${'identity-verification'}`, 'reviewer');
    expect(read.statusCode).toBe(200);
    const personal = read.json().personal;
    expect(personal.purpose).toBe('identity-verification');
    expect(read.json().withheld).toEqual([]);
    expect(personal.parties[0]).toMatchObject({
      name: 'Nordlicht Compute GmbH',
      email: 'ops@nordlicht.example',
      address: { country: 'DE' },
      ipAccesses: [{ ip: '198.51.100.23', accessedAt: '2026-01-10T09:00:00.000Z', kind: 'administration' }],
    });
    expect(personal.parties.map((p: { name: string }) => p.name)).toEqual(['Nordlicht Compute GmbH', 'Greta Owner', 'Karl Control']);
    const log = await system.db.sql`select id::int as id, actor, purpose, fields from personal_data_reads where customer_id = ${customer.id} and actor <> 'system'`;
    expect(log).toEqual([{ id: personal.readId, actor: 'rita.reviewer', purpose: 'identity-verification', fields: ['name', 'address', 'paymentMethods', 'email', 'telephone', 'ipAccesses', 'identityDocuments'] }]);
  });

  it('records further IP accesses of a party, refusing a malformed address or a party of another customer', async () => {
    const { customer } = await createCustomer();
    const other = await createCustomer();
    const owner = customer.parties[1]!;
    const bad = await post(`/v1/customers/${customer.id}/ip-accesses`, { partyId: owner.id, accesses: [{ ip: '2001:db8::1', accessedAt: '2026-03-01T08:00:00Z' }, { ip: 'localhost', accessedAt: '2026-03-01T08:00:00Z' }] });
    expect(bad.json().errors).toEqual([{ field: 'body.accesses.1.ip', message: 'must be in one of the formats ipv4, ipv6' }]);
    const wrongParty = await post(`/v1/customers/${customer.id}/ip-accesses`, { partyId: other.customer.parties[0]!.id, accesses: [{ ip: '2001:db8::1', accessedAt: '2026-03-01T08:00:00Z' }] });
    expect(wrongParty.json().errors[0].field).toBe('body.partyId');
    const ok = await post(`/v1/customers/${customer.id}/ip-accesses`, { partyId: owner.id, accesses: [{ ip: '2001:db8::1', accessedAt: '2026-03-01T08:00:00Z' }] }, 'scheduler');
    expect(ok.statusCode).toBe(201);
    const personal = (await get(`/v1/customers/${customer.id}?purpose=compliance-audit`, 'legal')).json().personal;
    expect(personal.parties[1].ipAccesses).toEqual([{ ip: '2001:db8::1', accessedAt: '2026-03-01T08:00:00.000Z', kind: 'access' }]);
  });

  it('answers 404 for an unknown customer and 400 for a malformed id', async () => {
    expect((await get(`/v1/customers/${randomUUID()}`)).json().code).toBe('customer.not_found');
    expect((await get('/v1/customers/nope')).json().errors[0].field).toBe('params.id');
  });
});

describe('beneficial owners', () => {
  it('adds a notified owner, refuses ownership over 100%, and records substantial-control determinations', async () => {
    const { customer } = await createCustomer();
    const added = await post(`/v1/customers/${customer.id}/beneficial-owners`, { ownershipPercent: '35.5', locatedInUnitedStates: false, name: 'Nina New' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ role: 'beneficial-owner', kind: 'individual', ownershipPercent: '35.5' });

    const over = await post(`/v1/customers/${customer.id}/beneficial-owners`, { ownershipPercent: 25 });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].field).toBe('body.ownershipPercent');

    const list = (await get(`/v1/customers/${customer.id}/beneficial-owners`, 'legal')).json();
    expect(list.items).toHaveLength(3);

    const self = customer.parties.find((p) => p.role === 'customer')!;
    const notOwner = await post(`/v1/customers/${customer.id}/beneficial-owners/${self.id}/substantial-control`, { substantialControl: true, reason: 'x' });
    expect(notOwner.statusCode).toBe(400);
    expect(notOwner.json().errors[0].field).toBe('params.partyId');
    const missingReason = await post(`/v1/customers/${customer.id}/beneficial-owners/${added.json().id}/substantial-control`, { substantialControl: true });
    expect(missingReason.json().errors[0].field).toBe('body.reason');

    // A reviewer does not prepare what it may later approve (segregation of duties).
    const byReviewer = await post(
      `/v1/customers/${customer.id}/beneficial-owners/${added.json().id}/substantial-control`,
      { substantialControl: true, reason: 'signs all compute contracts' },
      'reviewer',
    );
    expect(byReviewer.statusCode).toBe(403);
    expect((await get(`/v1/customers/${customer.id}/beneficial-owners`, 'legal')).json().items.find((p: { id: string }) => p.id === added.json().id).substantialControl.determinedBy).toBeNull();
    const determined = await post(`/v1/customers/${customer.id}/beneficial-owners/${added.json().id}/substantial-control`, {
      substantialControl: true,
      reason: 'signs all compute contracts',
    });
    expect(determined.statusCode).toBe(200);
    expect(determined.json().substantialControl).toMatchObject({ determined: true, reason: 'signs all compute contracts', determinedBy: 'hana.handler' });
  });
});

describe('verifications', () => {
  it('records an attempt with discrepancies, keeps their texts behind a purpose, and resolves each once', async () => {
    const { customer } = await createCustomer();
    const other = await createCustomer();
    const owner = customer.parties[1]!;

    const foreignParty = await post(`/v1/customers/${customer.id}/verifications`, {
      partyId: other.customer.parties[0]!.id,
      method: 'documentary',
      methodDetail: 'passport',
      result: 'verified',
    });
    expect(foreignParty.statusCode).toBe(400);
    expect(foreignParty.json().errors).toEqual([{ field: 'body.partyId', message: 'is not a party of this customer' }]);
    const badMethod = await post(`/v1/customers/${customer.id}/verifications`, { partyId: owner.id, method: 'psychic', methodDetail: 'x', result: 'verified' });
    expect(badMethod.json().errors[0].field).toBe('body.method');

    const recorded = await post(`/v1/customers/${customer.id}/verifications`, {
      partyId: owner.id,
      method: 'documentary',
      methodDetail: 'passport, document check by vendor',
      result: 'inconclusive',
      materials: { passportNumber: 'C01X00T47' },
      discrepancies: [{ description: 'birth date on passport differs from application' }],
    });
    expect(recorded.statusCode).toBe(201);
    const attempt = recorded.json();
    expect(attempt).toMatchObject({ partyId: owner.id, result: 'inconclusive', performedBy: 'hana.handler', discrepancies: [{ resolved: false }] });
    expect(recorded.body).not.toMatch(/C01X00T47|birth date/);

    const plain = (await get(`/v1/customers/${customer.id}/verifications`)).json();
    expect(plain.items).toHaveLength(1);
    expect(plain.items[0].materials).toBeUndefined();
    expect(plain.withheld.map((w: { field: string }) => w.field)).toEqual(['items[].materials', 'items[].discrepancies[].description', 'items[].discrepancies[].resolution']);
    expect(plain.withheld[0].reason).toMatch(/stated purpose/);
    const withPurpose = (await get(`/v1/customers/${customer.id}/verifications?purpose=discrepancy-resolution`, 'legal')).json();
    expect(withPurpose.withheld).toEqual([]);
    expect(withPurpose.items[0]).toMatchObject({ materials: { passportNumber: 'C01X00T47' }, discrepancies: [{ description: 'birth date on passport differs from application' }] });
    // The purpose read, and only it (not the plain list above), is in the read log.
    const reads = await system.db.sql`select actor, purpose, fields from personal_data_reads where customer_id = ${customer.id} and actor <> 'system' order by id`;
    expect(reads).toEqual([{ actor: 'lena.legal', purpose: 'discrepancy-resolution', fields: ['verification.materials', 'discrepancy.description', 'discrepancy.resolution'] }]);

    const url = `/v1/customers/${customer.id}/verifications/${attempt.id}/discrepancies/${attempt.discrepancies[0].id}/resolution`;
    // A reviewer does not resolve what it may later approve (segregation of duties).
    expect((await post(url, { resolution: 'resolved by a reviewer' }, 'reviewer')).statusCode).toBe(403);
    const resolved = await post(url, { resolution: 'typing error in the application; confirmed by a second document' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().discrepancies[0]).toMatchObject({ resolved: true, resolvedBy: 'hana.handler' });
    expect((await post(url, { resolution: 'again' })).statusCode).toBe(409);
    const wrongCustomer = `/v1/customers/${other.customer.id}/verifications/${attempt.id}/discrepancies/${attempt.discrepancies[0].id}/resolution`;
    expect((await post(wrongCustomer, { resolution: 'x' })).statusCode).toBe(404);
  });

  it("appends the facts, never personal data, to the account's identification case", async () => {
    // An application stored without the API (its workflow not started), with a case row of its own.
    const customerId = randomUUID();
    const partyId = randomUUID();
    const accountId = randomUUID();
    const caseId = randomUUID();
    await system.db.db.transaction((tx) =>
      insertCustomerApplication(tx, {
        customer: { id: customerId, kind: 'individual', externalReference: `seed-${customerId}`, createdBy: 'test', createdAt: new Date() },
        parties: [{ id: partyId, role: 'customer', kind: 'individual', addedBy: 'test', usCitizen: false, identity: { name: 'Pia Private' } }],
        account: { id: accountId, identificationCaseId: caseId },
      }),
    );
    await insertCaseIfAbsent(system.db.db, {
      id: caseId,
      type: 'customer-identification',
      status: 'awaiting-verification',
      subjectType: 'customer',
      subjectId: customerId,
      ruleSetId: 'NPRM-2024',
      workflowId: workflowIdFor('customer-identification', accountId),
      openedAt: new Date(),
    });
    const res = await post(`/v1/customers/${customerId}/verifications`, {
      partyId,
      method: 'non-documentary',
      methodDetail: 'credit bureau match',
      result: 'failed',
      discrepancies: [{ description: 'Pia Private unknown at this address' }],
    });
    expect(res.statusCode).toBe(201);
    const events = await listCaseEvents(system.db.db, { caseId, limit: 10 });
    expect(events.items.map((e) => [e.type, e.actor, e.data])).toEqual([
      [
        'customer.verification-recorded',
        'hana.handler',
        { attemptId: res.json().id, partyId, method: 'non-documentary', result: 'failed', discrepancies: 1, openDiscrepancies: 1 },
      ],
    ]);
    expect(JSON.stringify(events.items)).not.toContain('Pia');
  });
});

describe('accounts', () => {
  it('records accesses, moving last_accessed_at forward only, and refuses future ones', async () => {
    const { accountId } = await createCustomer();
    // An account applied for at the start of the year (an access before that is refused, below).
    await system.db.sql`update accounts set created_at = '2026-01-02T00:00:00Z' where id = ${accountId}`;
    const first = await post(`/v1/accounts/${accountId}/accesses`, { accessedAt: '2026-02-01T10:00:00Z' }, 'scheduler');
    expect(first.statusCode).toBe(201);
    expect(first.json().lastAccessedAt).toBe('2026-02-01T10:00:00.000Z');
    const late = await post(`/v1/accounts/${accountId}/accesses`, { accessedAt: '2026-01-15T10:00:00Z', kind: 'administration' }, 'admin');
    expect(late.json().lastAccessedAt).toBe('2026-02-01T10:00:00.000Z');
    const future = await post(`/v1/accounts/${accountId}/accesses`, { accessedAt: '2999-01-01T00:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('body.accessedAt');
    const [count] = await system.db.sql`select count(*)::int as n from account_accesses where account_id = ${accountId}`;
    expect(count!.n).toBe(2);
    expect((await get(`/v1/accounts/${accountId}`, 'legal')).json()).toMatchObject({ id: accountId, status: 'pending', lastAccessedAt: '2026-02-01T10:00:00.000Z' });
    expect((await post(`/v1/accounts/${randomUUID()}/accesses`, { accessedAt: '2026-02-01T10:00:00Z' })).statusCode).toBe(404);
  });

  it('refuses an access dated before the account existed, and records nothing', async () => {
    const { accountId } = await createCustomer();
    const [account] = await system.db.sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from accounts where id = ${accountId}`;
    const appliedFor = account!.at as string;
    const before = await post(`/v1/accounts/${accountId}/accesses`, { accessedAt: '2025-06-01T00:00:00Z' }, 'scheduler');
    expect(before.statusCode).toBe(400);
    expect(before.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(before.json().errors).toEqual([{ field: 'body.accessedAt', message: `must not be before the account was applied for (${appliedFor})` }]);
    // Once opened, an access before the opening is refused the same way.
    await system.db.sql`update accounts set status = 'open', opened_at = '2026-11-01T00:00:00Z', created_at = '2026-10-01T00:00:00Z' where id = ${accountId}`;
    const beforeOpening = await post(`/v1/accounts/${accountId}/accesses`, { accessedAt: '2026-10-15T00:00:00Z' }, 'scheduler');
    expect(beforeOpening.statusCode).toBe(400);
    expect(beforeOpening.json().errors).toEqual([{ field: 'body.accessedAt', message: 'must not be before the account was opened (2026-11-01T00:00:00.000Z)' }]);
    const [count] = await system.db.sql`select count(*)::int as n from account_accesses where account_id = ${accountId}`;
    expect(count!.n).toBe(0);
    expect((await get(`/v1/accounts/${accountId}`, 'legal')).json()).toMatchObject({ lastAccessedAt: null });
    expect((await post(`/v1/accounts/${accountId}/accesses`, { accessedAt: '2026-11-02T00:00:00Z' }, 'scheduler')).statusCode).toBe(201);
  });

  it('lets only legal set and release a legal hold, once', async () => {
    const { accountId } = await createCustomer();
    expect((await post(`/v1/accounts/${accountId}/legal-holds`, { reason: 'litigation' }, 'case_handler')).statusCode).toBe(403);
    expect((await post(`/v1/accounts/${accountId}/legal-holds`, { reason: 'litigation' }, 'admin')).statusCode).toBe(403);
    expect((await post(`/v1/accounts/${accountId}/legal-holds`, { reason: ' ' }, 'legal')).json().errors[0].field).toBe('body.reason');

    const set = await post(`/v1/accounts/${accountId}/legal-holds`, { reason: 'subpoena 2026-17' }, 'legal');
    expect(set.statusCode).toBe(201);
    const hold = set.json();
    expect(hold).toMatchObject({ accountId, setBy: 'lena.legal', releasedAt: null });
    expect((await get(`/v1/accounts/${accountId}`)).json().legalHolds).toEqual([hold]);

    const releaseUrl = `/v1/accounts/${accountId}/legal-holds/${hold.id}/release`;
    expect((await post(releaseUrl, {}, 'case_handler')).statusCode).toBe(403);
    const released = await post(releaseUrl, {}, 'legal');
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ id: hold.id, releasedBy: 'lena.legal' });
    // One spelling of the resource in problem codes, so a client matching on `code` finds both.
    const again = await post(releaseUrl, {}, 'legal');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('legal_hold.already_released');
    const unknownHold = randomUUID();
    const unknown = await post(`/v1/accounts/${accountId}/legal-holds/${unknownHold}/release`, {}, 'legal');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'legal_hold.not_found', detail: `legal hold ${unknownHold} does not exist` });
  });
});

describe('reconcileCustomerCases', () => {
  it('starts the identification workflow of a pending account that has none', async () => {
    const customerId = randomUUID();
    const accountId = randomUUID();
    await system.db.db.transaction((tx) =>
      insertCustomerApplication(tx, {
        customer: { id: customerId, kind: 'individual', externalReference: `crash-${customerId}`, createdBy: 'hana.handler', createdAt: new Date() },
        parties: [{ id: randomUUID(), role: 'customer', kind: 'individual', addedBy: 'hana.handler', identity: {} }],
        account: { id: accountId, identificationCaseId: randomUUID() },
      }),
    );
    const handle = system.client.workflow.getHandle(workflowIdFor('customer-identification', accountId));
    await expect(handle.describe()).rejects.toThrow();
    const result = await reconcileCustomerCases(system.app.deps);
    expect(result.started).toBeGreaterThanOrEqual(1);
    expect((await handle.describe()).type).toBe('customerIdentificationWorkflow');
    // Running it again is harmless.
    await reconcileCustomerCases(system.app.deps);
  });

  it('starts record retention for a closed account that has none, so its records are disposed of in time', async () => {
    const customerId = randomUUID();
    const accountId = randomUUID();
    await system.db.db.transaction(async (tx) => {
      await insertCustomerApplication(tx, {
        customer: { id: customerId, kind: 'individual', externalReference: `closed-${customerId}`, createdBy: 'hana.handler', createdAt: new Date() },
        parties: [{ id: randomUUID(), role: 'customer', kind: 'individual', addedBy: 'hana.handler', identity: {} }],
        account: { id: accountId, identificationCaseId: randomUUID() },
      });
      // Closed, then the process died before starting retention.
      await setAccountStatus(tx, { accountId, status: 'closed', at: new Date('2026-03-01T12:00:00Z'), actor: 'hana.handler' });
    });
    const handle = system.client.workflow.getHandle(workflowIdFor('record-retention', accountId));
    await expect(handle.describe()).rejects.toThrow();
    await reconcileCustomerCases(system.app.deps);
    expect((await handle.describe()).type).toBe('recordRetentionWorkflow');
    const kase = await eventually(async () => {
      const res = await get(`/v1/cases?type=record-retention&subjectId=${accountId}`, 'legal');
      return res.json().items[0];
    });
    // Two years after the closure, in the provider's zone.
    expect(kase.details.disposableAfterDate).toBe('2028-03-01');
    const second = await reconcileCustomerCases(system.app.deps);
    expect(second.failed).toBe(0);
  });
});

describe('a repeated application after a crash', () => {
  it('starts the identification workflow the first attempt left unstarted', async () => {
    const customerId = randomUUID();
    const accountId = randomUUID();
    const caseId = randomUUID();
    const externalReference = `half-${customerId}`;
    // What a crash between the commit and the workflow start leaves behind.
    await system.db.db.transaction((tx) =>
      insertCustomerApplication(tx, {
        customer: { id: customerId, kind: 'entity', externalReference, createdBy: 'hana.handler', createdAt: new Date() },
        parties: [{ id: randomUUID(), role: 'customer', kind: 'entity', addedBy: 'hana.handler', identity: {} }],
        account: { id: accountId, identificationCaseId: caseId },
      }),
    );
    const repeat = await post('/v1/customers', application(externalReference));
    expect([200, 202]).toContain(repeat.statusCode);
    expect(repeat.json()).toMatchObject({ customer: { id: customerId }, accountId, caseId });
    const handle = system.client.workflow.getHandle(workflowIdFor('customer-identification', accountId));
    expect((await handle.describe()).type).toBe('customerIdentificationWorkflow');
  });
});

describe('OpenAPI', () => {
  it('documents the customer and account routes', async () => {
    const doc = (await system.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/customers', '/v1/customers/{id}', '/v1/customers/{id}/verifications', '/v1/accounts/{id}/legal-holds']),
    );
  });
});

describe('ownership of an individual customer', () => {
  it('is refused in an application and in a later notice, naming the field', async () => {
    const individual = { kind: 'individual', externalReference: `ind-${randomUUID()}`, usCitizen: false, name: 'Ilse Example', account: {} };
    const withStake = await post('/v1/customers', {
      ...individual,
      beneficialOwners: [{ usCitizen: false, ownershipPercent: 30, name: 'Someone' }],
    });
    expect(withStake.statusCode).toBe(400);
    expect(withStake.json().errors).toEqual([
      { field: 'body.beneficialOwners.0.ownershipPercent', message: expect.stringMatching(/individual customer has no ownership interests/) },
    ]);
    expect(await countCustomers(individual.externalReference)).toBe(0);

    const created = await createCustomer(individual as never);
    const notice = await post(`/v1/customers/${created.customer.id}/beneficial-owners`, { usCitizen: false, ownershipPercent: 25, name: 'Someone' });
    expect(notice.statusCode).toBe(400);
    expect(notice.json().errors[0].field).toBe('body.ownershipPercent');
    // Substantial control over an individual customer is recorded.
    const control = await post(`/v1/customers/${created.customer.id}/beneficial-owners`, {
      usCitizen: false,
      substantialControl: { reason: 'holds a power of attorney over the account' },
      name: 'Someone',
    });
    expect(control.statusCode).toBe(201);
  });
});

describe('customer list', () => {
  it('pages newest first without gaps, filters, and shows no personal data', async () => {
    const batch = `list-${randomUUID()}`;
    const created: string[] = [];
    for (let i = 0; i < 3; i += 1) created.push((await createCustomer(application(`${batch}-${i}`))).customer.id);
    const one = (await get(`/v1/customers?externalReference=${batch}-1`, 'legal')).json();
    expect(one.items.map((c: { id: string }) => c.id)).toEqual([created[1]]);
    expect(JSON.stringify(one)).not.toMatch(/Nordlicht|Greta|ops@/);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await get(`/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'legal')).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    // Newest first: the three just created appear in reverse order of creation.
    expect(seen.filter((id) => created.includes(id))).toEqual([...created].reverse());

    const bad = await get('/v1/customers?cursor=nonsense&trackingRequired=perhaps', 'legal');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['querystring.cursor', 'querystring.trackingRequired']);
  });
});
