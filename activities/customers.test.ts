// The customer activities against the real PostgreSQL of test/global-setup.ts.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../db/client.js';
import {
  getAccountById,
  insertCustomerApplication,
  insertLegalHold,
  insertVerificationAttempt,
  listPartyIdentities,
  listVerificationAttempts,
  recordAccountAccess,
  releaseLegalHold,
  resolveDiscrepancy,
  type NewPartyInput,
} from '../db/queries/customers.js';
import { createCustomerActivities } from './customers.js';
import { recordSpecialMeasure } from '../api/routes/special-measures/special-measures.usecases.js';
import { NPRM_2024 } from '../rules/index.js';
import { daysBeforeToday, issuedInForce } from '../test/helpers/special-measures.js';

let handle: DbHandle;
let activities: ReturnType<typeof createCustomerActivities>;
beforeAll(() => {
  handle = createDb(inject('databaseUrl'), { max: 3 });
  activities = createCustomerActivities({ db: handle.db, clock: () => new Date('2026-03-01T12:00:00Z') });
});
afterAll(async () => {
  await handle?.close();
});

/** A foreign entity with a foreign 40% owner, a U.S. 30% owner and a 10% owner (not a beneficial owner). */
async function foreignEntity() {
  const customerId = randomUUID();
  const accountId = randomUUID();
  const ids = { customer: randomUUID(), foreignOwner: randomUUID(), usOwner: randomUUID(), smallOwner: randomUUID() };
  const identity = (name: string) => ({
    name,
    email: `${name.toLowerCase().replace(/ /g, '.')}@example.test`,
    telephone: '+44 20 7946 0000',
    address: { lines: ['1 High Street'], city: 'London', country: 'GB' },
    paymentMethods: [{ type: 'card' as const, identifier: '4111 1111 1111 1111', source: 'own funds' }],
    ipAccesses: [{ ip: '203.0.113.7', accessedAt: new Date('2026-02-01T10:00:00Z'), kind: 'access' as const }],
  });
  const owner = (id: string, percent: string, facts: Partial<NewPartyInput>, name: string): NewPartyInput => ({
    id,
    role: 'beneficial-owner',
    kind: 'individual',
    ownershipPercent: percent,
    addedBy: 'test',
    ...facts,
    identity: identity(name),
  });
  await handle.db.transaction((tx) =>
    insertCustomerApplication(tx, {
      customer: { id: customerId, kind: 'entity', externalReference: `ext-${customerId}`, createdBy: 'test', createdAt: new Date() },
      parties: [
        { id: ids.customer, role: 'customer', kind: 'entity', addedBy: 'test', organizedUnderUsLaw: false, foreignBranchOfUsEntity: false, locatedInUnitedStates: false, identity: identity('Acme Ltd') },
        owner(ids.foreignOwner, '40', { usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false }, 'Fiona Foreign'),
        owner(ids.usOwner, '30', { usCitizen: true }, 'Uma States'),
        owner(ids.smallOwner, '10', {}, 'Sam Small'),
      ],
      account: { id: accountId, identificationCaseId: randomUUID() },
    }),
  );
  return { customerId, accountId, ids };
}

describe('classifyCustomer', () => {
  it('classifies the customer and its beneficial owners by rules/ and stores the result', async () => {
    const { customerId, ids } = await foreignEntity();
    const result = await activities.classifyCustomer({ customerId, ruleSetId: 'NPRM-2024' });
    expect(result.customerStatus).toBe('foreign');
    expect(result.trackingRequired).toBe(true);
    expect(result.parties).toEqual([
      { partyId: ids.customer, role: 'customer', status: 'foreign', tracked: true },
      { partyId: ids.foreignOwner, role: 'beneficial-owner', status: 'foreign', tracked: true, beneficialOwner: true, basis: ['ownership'] },
      { partyId: ids.usOwner, role: 'beneficial-owner', status: 'us', tracked: false, beneficialOwner: true, basis: ['ownership'] },
      // Unknown would be treated as foreign, but a 10% holder is not a beneficial owner.
      { partyId: ids.smallOwner, role: 'beneficial-owner', status: 'unknown', tracked: false, beneficialOwner: false, basis: [] },
    ]);
    expect(result.reasons.join(' ')).toContain(`Party ${ids.smallOwner} was notified as a beneficial owner but is not one`);
    const [row] = await handle.sql`select us_person_status, tracking_required, classified_rule_set_id from customers where id = ${customerId}`;
    expect(row).toEqual({ us_person_status: 'foreign', tracking_required: true, classified_rule_set_id: 'NPRM-2024' });
    // A retry writes the same thing.
    expect(await activities.classifyCustomer({ customerId, ruleSetId: 'NPRM-2024' })).toEqual(result);
  });

  it('does not track a U.S. customer whose only beneficial owner is a U.S. person', async () => {
    const customerId = randomUUID();
    const ownerId = randomUUID();
    await handle.db.transaction((tx) =>
      insertCustomerApplication(tx, {
        customer: { id: customerId, kind: 'entity', externalReference: `ext-${customerId}`, createdBy: 'test', createdAt: new Date() },
        parties: [
          { id: randomUUID(), role: 'customer', kind: 'entity', addedBy: 'test', organizedUnderUsLaw: true, identity: {} },
          { id: ownerId, role: 'beneficial-owner', kind: 'individual', addedBy: 'test', ownershipPercent: '100', locatedInUnitedStates: true, identity: {} },
        ],
        account: { id: randomUUID(), identificationCaseId: randomUUID() },
      }),
    );
    const result = await activities.classifyCustomer({ customerId, ruleSetId: 'NPRM-2024' });
    expect(result).toMatchObject({ customerStatus: 'us', trackingRequired: false });
    expect((await activities.verificationSummary({ customerId })).trackedParties).toEqual([]);
  });

  it('fails without retry for an unknown customer', async () => {
    const err = await activities.classifyCustomer({ customerId: randomUUID(), ruleSetId: 'NPRM-2024' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
  });
});

describe('checkSpecialMeasures', () => {
  const zone = 'America/New_York';
  const record = (body: Parameters<typeof recordSpecialMeasure>[2]) =>
    recordSpecialMeasure({ db: handle, now: () => new Date('2026-03-01T12:00:00Z'), providerTimeZone: zone }, { subject: 'lena.legal', role: 'legal' }, body);

  it('finds nothing for a customer no measure names', async () => {
    const { customerId } = await foreignEntity();
    const check = await activities.checkSpecialMeasures({ customerId, at: '2026-03-01T00:00:00Z' });
    expect(check).toMatchObject({ measureIds: [], prohibited: false, findings: [] });
    expect(check.reasons).toHaveLength(1);
  });

  it("refuses a customer whose beneficial owner lives in a prohibited jurisdiction, warns in a phase-in, and lists a conditions-measure's conditions", async () => {
    const { customerId, ids } = await foreignEntity();
    const at = new Date('2026-03-01T12:00:00Z');
    const email = `fiona.${randomUUID()}@example.test`;
    await handle.sql`update party_identities set address = jsonb_set(address, '{country}', '"BY"'), email = ${email} where party_id = ${ids.foreignOwner}`;
    const inForce = await record({ target: { jurisdiction: 'BY' }, kind: 'prohibition', issuedAt: issuedInForce(at, NPRM_2024, zone).toISOString(), federalRegisterCitation: `91 FR by-${randomUUID()}` });
    const phaseIn = await record({ target: { jurisdiction: 'BY' }, kind: 'prohibition', issuedAt: daysBeforeToday(at, 2, zone).toISOString(), federalRegisterCitation: `91 FR by-${randomUUID()}` });
    const conditions = await record({
      target: { designatedPerson: { name: 'Someone Else', identifiers: [{ type: 'email', value: email.toUpperCase() }] } },
      kind: 'conditions',
      conditions: ['enhanced monitoring'],
      issuedAt: issuedInForce(at, NPRM_2024, zone).toISOString(),
      federalRegisterCitation: `91 FR person-${randomUUID()}`,
    });
    const check = await activities.checkSpecialMeasures({ customerId, at: at.toISOString() });
    expect(check.prohibited).toBe(true);
    expect(check.measureIds.sort()).toEqual([inForce.record.measure.id, conditions.record.measure.id].sort());
    const byId = new Map(check.findings!.map((f) => [f.measureId, f]));
    expect(byId.get(inForce.record.measure.id)).toMatchObject({ effect: 'refuse', matchedBy: ['jurisdiction BY'] });
    expect(byId.get(phaseIn.record.measure.id)).toMatchObject({ effect: 'warn', state: 'phase-in' });
    expect(byId.get(conditions.record.measure.id)).toMatchObject({ effect: 'conditions', conditions: ['enhanced monitoring'], matchedBy: ['identifier (email)'] });
    // Reading names, addresses and identifiers is a personal read, logged.
    const [log] = await handle.sql`select count(*)::int as n from personal_data_reads where customer_id = ${customerId} and purpose like 'special-measures%'`;
    expect(log!.n).toBe(1);
  });
});

describe('verificationSummary', () => {
  it('tracks the foreign or unknown customer and beneficial owners; the latest attempt and open discrepancies decide', async () => {
    const { customerId, ids } = await foreignEntity();
    let summary = await activities.verificationSummary({ customerId });
    // The U.S. owner and the 10% owner (not a beneficial owner) are not tracked.
    expect(summary.trackedParties.map((p) => p.partyId)).toEqual([ids.customer, ids.foreignOwner]);
    expect(summary.allVerified).toBe(false);

    const attempt = (partyId: string, result: 'verified' | 'failed', performedAt: string, discrepancies: string[] = []) =>
      insertVerificationAttempt(handle.db, {
        attempt: {
          id: randomUUID(),
          customerId,
          partyId,
          method: 'documentary',
          methodDetail: 'registry extract',
          result,
          materials: null,
          performedBy: 'test',
          performedAt: new Date(performedAt),
        },
        discrepancies: discrepancies.map((description) => ({ id: randomUUID(), description })),
      });
    await attempt(ids.customer, 'verified', '2026-02-01T00:00:00Z');
    const withDiscrepancy = await attempt(ids.foreignOwner, 'verified', '2026-02-02T00:00:00Z', ['date of birth differs']);
    summary = await activities.verificationSummary({ customerId });
    expect(summary.trackedParties).toEqual([
      // When the verification that stands was performed: what shows duties resumed after a revoked exemption.
      { partyId: ids.customer, role: 'customer', verified: true, openDiscrepancies: 0, verifiedAt: '2026-02-01T00:00:00.000Z' },
      { partyId: ids.foreignOwner, role: 'beneficial-owner', verified: true, openDiscrepancies: 1, verifiedAt: '2026-02-02T00:00:00.000Z' },
    ]);
    expect(summary.allVerified).toBe(false);

    const d = withDiscrepancy.discrepancies[0]!;
    const resolved = await resolveDiscrepancy(handle.db, {
      customerId,
      attemptId: withDiscrepancy.id,
      discrepancyId: d.id,
      resolution: 'typo in the application; passport confirms',
      resolvedBy: 'test',
      at: new Date(),
    });
    expect(resolved.outcome).toBe('resolved');
    expect((await activities.verificationSummary({ customerId })).allVerified).toBe(true);

    // A later failure un-verifies the customer.
    await attempt(ids.customer, 'failed', '2026-02-05T00:00:00Z');
    summary = await activities.verificationSummary({ customerId });
    expect(summary.allVerified).toBe(false);
    expect(summary.trackedParties[0]).toMatchObject({ partyId: ids.customer, verified: false, verifiedAt: null });
  });
});

describe('accounts', () => {
  it('sets the status idempotently, keeping the first opening and closing instants', async () => {
    const { accountId } = await foreignEntity();
    const interim = { accountId, status: 'interim-restricted' as const, restrictions: ['no-gpu'], reviewDueAt: '2026-04-01T03:59:59.999Z', at: '2026-03-01T10:00:00Z', actor: 'hana' };
    await activities.setAccountStatus(interim);
    await activities.setAccountStatus(interim);
    await activities.setAccountStatus({ accountId, status: 'open', restrictions: [], reviewDueAt: null, at: '2026-03-10T10:00:00Z', actor: 'hana' });
    let account = (await getAccountById(handle.db, { id: accountId }))!;
    expect(account).toMatchObject({ status: 'open', restrictions: [], reviewDueAt: null, closedAt: null });
    expect(account.openedAt?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(await activities.accountRetentionAnchor({ accountId })).toEqual({ closedAt: null, lastAccessAt: null });

    await recordAccountAccess(handle.db, { accountId, accessedAt: new Date('2026-05-01T00:00:00Z'), kind: 'access', recordedBy: 'test' });
    // An access reported late does not move the clock back.
    await recordAccountAccess(handle.db, { accountId, accessedAt: new Date('2026-04-01T00:00:00Z'), kind: 'administration', recordedBy: 'test' });
    await activities.setAccountStatus({ accountId, status: 'closed', at: '2026-06-01T00:00:00Z', actor: 'rita' });
    await activities.setAccountStatus({ accountId, status: 'closed', at: '2026-06-02T00:00:00Z', actor: 'rita' });
    account = (await getAccountById(handle.db, { id: accountId }))!;
    expect(account.restrictions).toEqual([]);
    expect(await activities.accountRetentionAnchor({ accountId })).toEqual({
      closedAt: '2026-06-01T00:00:00.000Z',
      lastAccessAt: '2026-05-01T00:00:00.000Z',
    });
  });
});

describe('disposePersonalData', () => {
  it('refuses while a legal hold is on, then removes every personal field and keeps the shape; idempotent', async () => {
    const { customerId, accountId, ids } = await foreignEntity();
    const attempt = await insertVerificationAttempt(handle.db, {
      attempt: {
        id: randomUUID(),
        customerId,
        partyId: ids.customer,
        method: 'non-documentary',
        methodDetail: 'credit bureau',
        result: 'verified',
        materials: { bureauReference: 'CB-123' },
        performedBy: 'test',
        performedAt: new Date(),
      },
      discrepancies: [{ id: randomUUID(), description: 'address differs', resolution: 'moved', resolvedBy: 'test', resolvedAt: new Date() }],
    });
    const holdId = randomUUID();
    await insertLegalHold(handle.db, { id: holdId, customerId, accountId, reason: 'litigation', setBy: 'lena', setAt: new Date() });

    const err = await activities.disposePersonalData({ customerId, accountId, at: '2028-07-01T00:00:00Z' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'cipdesk.retention.legal_hold', nonRetryable: true });
    expect((await listPartyIdentities(handle.db, { customerId }))[0]!.name).toBe('Acme Ltd');

    expect((await releaseLegalHold(handle.db, { holdId, accountId, releasedBy: 'lena', at: new Date() })).outcome).toBe('released');
    const first = await activities.disposePersonalData({ customerId, accountId, at: '2028-07-01T00:00:00Z' });
    expect(first).toEqual({ disposedParties: 4 });
    expect(await activities.disposePersonalData({ customerId, accountId, at: '2028-07-02T00:00:00Z' })).toEqual(first);

    const identities = await listPartyIdentities(handle.db, { customerId });
    expect(identities).toHaveLength(4);
    for (const i of identities) {
      expect(i).toMatchObject({ name: null, address: null, paymentMethods: null, email: null, telephone: null, ipAccesses: [] });
      expect(i.disposedAt?.toISOString()).toBe('2028-07-01T00:00:00.000Z');
    }
    const [v] = await listVerificationAttempts(handle.db, { customerId });
    expect(v).toMatchObject({ id: attempt.id, result: 'verified', methodDetail: 'credit bureau', materials: null });
    expect(v!.discrepancies[0]).toMatchObject({ description: null, resolution: null, resolvedBy: 'test' });
    const [ips] = await handle.sql`select count(*)::int as n, count(ip)::int as with_ip from ip_accesses where customer_id = ${customerId}`;
    expect(ips).toEqual({ n: 4, with_ip: 0 });
    const [c] = await handle.sql`select personal_data_disposed_at = '2028-07-01T00:00:00Z'::timestamptz as first from customers where id = ${customerId}`;
    expect(c).toEqual({ first: true });
  });

  it('keeps the personal-data reads log append-only in the database itself', async () => {
    const { customerId } = await foreignEntity();
    await handle.sql`insert into personal_data_reads (customer_id, actor, purpose, fields) values (${customerId}, 'x', 'audit', '{name}')`;
    await expect(handle.sql`update personal_data_reads set actor = 'y' where customer_id = ${customerId}`).rejects.toThrow(/append-only/);
    await expect(handle.sql`delete from personal_data_reads where customer_id = ${customerId}`).rejects.toThrow(/append-only/);
  });
});
