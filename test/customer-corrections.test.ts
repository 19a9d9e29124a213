// Corrections of a party's facts, stake changes and removals through the API, with a real worker,
// Temporal and PostgreSQL: a case waiting in needs-correction goes on once the facts are
// corrected, a stake crossing the threshold makes a beneficial owner with the rule's explanation,
// every change is listed with who, when and why, and bad input is a 400 naming the field that
// stores nothing.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startIdentification } from '../api/routes/customers/identification.js';
import { insertCustomerApplication, listParties } from '../db/queries/customers.js';
import { bearer } from './helpers/tokens.js';
import { apiCaller, caseHistory, eventually, useTestSystem } from './helpers/system.js';

const system = useTestSystem();

type Role = Parameters<typeof bearer>[0];
const call = apiCaller(() => system);
const { events: history, until: untilEvents } = caseHistory(() => system);
const untilStatus = (caseId: string, status: string) =>
  eventually(async () => {
    const c = await call('GET', `/v1/cases/${caseId}`);
    return c.status === 200 && c.body.status === status ? c.body : undefined;
  });

/** The German entity of the examiner's walk-through: A 30% (German), C 10% (French, no control). */
async function germanEntity() {
  const created = await call('POST', '/v1/customers', {
    kind: 'entity',
    externalReference: `corr-${randomUUID()}`,
    organizedIn: 'de',
    foreignBranchOfUsEntity: false,
    locatedInUnitedStates: false,
    name: 'Rheinwerk Rechenzentrum GmbH',
    beneficialOwners: [
      { name: 'Anna A', ownershipPercent: 30, citizenships: ['DE'], usLawfulPermanentResident: false, locatedInUnitedStates: false },
      { name: 'Claire C', ownershipPercent: 10, citizenships: ['FR'], usLawfulPermanentResident: false, locatedInUnitedStates: false },
    ],
    account: {},
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const [entity, a, c] = (created.body.customer.parties as { id: string }[]).map((p) => p.id) as [string, string, string];
  return { customerId: created.body.customer.id as string, caseId: created.body.caseId as string, entity, a, c, body: created.body };
}

const changesOf = async (customerId: string, query = '') => (await call('GET', `/v1/customers/${customerId}/changes${query}`, undefined, 'legal')).body;

describe('correcting facts a case waits for', () => {
  it('takes a case out of needs-correction once the corrected facts classify, and keeps it there while they do not', async () => {
    // Facts stored before the API refused them (the rules refuse stakes over 100% together): a
    // stake of 80% typed for 8%. The workflow cannot classify them and waits for a correction.
    const customerId = randomUUID();
    const accountId = randomUUID();
    const caseId = randomUUID();
    const [entity, a, b] = [randomUUID(), randomUUID(), randomUUID()];
    await system.db.db.transaction((tx) =>
      insertCustomerApplication(tx, {
        customer: { id: customerId, kind: 'entity', externalReference: `typo-${customerId}`, createdBy: 'hana.handler', createdAt: new Date() },
        parties: [
          { id: entity, role: 'customer', kind: 'entity', addedBy: 'hana.handler', organizedUnderUsLaw: false, organizedIn: 'DE', identity: { name: 'Tippfehler AG' } },
          { id: a, role: 'beneficial-owner', kind: 'individual', addedBy: 'hana.handler', ownershipPercent: '80', citizenships: ['DE'], usCitizen: false, identity: { name: 'Anna A' } },
          { id: b, role: 'beneficial-owner', kind: 'individual', addedBy: 'hana.handler', ownershipPercent: '30', identity: { name: 'Bob B' } },
        ],
        account: { id: accountId, identificationCaseId: caseId },
      }),
    );
    await startIdentification(system.app.deps, { customerId, accountId, caseId, openedBy: 'hana.handler' });
    await untilStatus(caseId, 'needs-correction');

    // A correction that leaves the stakes as they were is kept; the case still waits, and says why.
    const partial = await call('POST', `/v1/customers/${customerId}/parties/${b}/corrections`, {
      facts: { citizenships: ['AT'] },
      reason: 'Austrian passport seen',
    });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    const stillFailing = await untilEvents(caseId, 'classification.failed', 2);
    expect(stillFailing.filter((e) => e.type === 'classification.failed').at(-1)!.data.reason).toMatch(/more than 100%/);
    expect((await call('GET', `/v1/cases/${caseId}`)).body.status).toBe('needs-correction');

    // A stake over 100% together is still refused as a correction of its own.
    const over = await call('POST', `/v1/customers/${customerId}/parties/${a}/corrections`, { facts: { ownershipPercent: 75 }, reason: 'typo' });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].field).toBe('body.facts.ownershipPercent');

    // The stake as it should have been recorded: the case classifies and goes on.
    const corrected = await call('POST', `/v1/customers/${customerId}/parties/${a}/corrections`, {
      facts: { ownershipPercent: '8' },
      reason: 'the shareholder register says 8%, not 80%',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.change).toMatchObject({ kind: 'facts-corrected', changedBy: 'hana.handler', changes: [{ field: 'ownershipPercent', from: '80', to: '8' }] });
    const caseRow = await untilStatus(caseId, 'awaiting-verification');
    // B (30%) is a beneficial owner and tracked; A (8%) is not one.
    expect(caseRow.details.unverifiedParties).toEqual([entity, b]);
    const events = await history(caseId);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['classification.failed', 'customer.facts-corrected', 'customer.classified']));
    const owners = (await call('GET', `/v1/customers/${customerId}/beneficial-owners`)).body;
    expect(owners.notBeneficialOwners.map((p: { id: string }) => p.id)).toEqual([a]);
    expect(owners.notBeneficialOwners[0].determination).toMatchObject({ beneficialOwner: false, basis: [], ownershipPercent: '8' });

    // Both corrections, oldest first, a page at a time.
    const first = await changesOf(customerId, '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ partyId: b, kind: 'facts-corrected', reason: 'Austrian passport seen', changedBy: 'hana.handler' });
    const second = await changesOf(customerId, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).toMatchObject({ partyId: a, reason: 'the shareholder register says 8%, not 80%' });
    expect((await changesOf(customerId, `?limit=1&cursor=${second.nextCursor as string}`)).items ?? []).toHaveLength(0);
    expect((await changesOf(customerId, `?partyId=${a}`)).items).toHaveLength(1);
  });
});

describe('stake changes', () => {
  it('makes a beneficial owner of a stake that reaches the threshold, with the rule explaining why', async () => {
    const { customerId, caseId, c } = await germanEntity();
    await untilEvents(caseId, 'customer.classified', 1);
    const changed = await call('POST', `/v1/customers/${customerId}/beneficial-owners/${c}/stake`, {
      ownershipPercent: 25,
      reason: 'capital increase subscribed by C',
      effectiveAt: new Date().toISOString(),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.change.changes).toEqual([{ field: 'ownershipPercent', from: '10', to: '25' }]);
    const events = await untilEvents(caseId, 'customer.reclassified', 1);
    const reclassified = events.find((e) => e.type === 'customer.reclassified')!;
    expect(reclassified.data.reason).toBe('the recorded facts changed: stake-changed');
    expect((reclassified.data.parties as { partyId: string }[]).find((p) => p.partyId === c)).toMatchObject({ tracked: true, beneficialOwner: true, basis: ['ownership'] });
    const owners = (await call('GET', `/v1/customers/${customerId}/beneficial-owners`)).body;
    const cNow = owners.items.find((p: { id: string }) => p.id === c);
    expect(cNow.determination).toMatchObject({ beneficialOwner: true, basis: ['ownership'], tracked: true });
    expect(cNow.determination.explanation[0]).toMatch(/25% is at least the 25% threshold/);
    expect(owners.notBeneficialOwners).toEqual([]);
  });
});

describe('ownership changes after the account opened', () => {
  it("re-determines the beneficial owners on the re-verification case and makes re-verification due for a new owner not yet verified", async () => {
    const { customerId, caseId, entity, a, c } = await germanEntity();
    await untilStatus(caseId, 'awaiting-verification');
    for (const partyId of [entity, a]) {
      const verified = await call('POST', `/v1/customers/${customerId}/verifications`, { partyId, method: 'non-documentary', methodDetail: 'identity verification vendor check', result: 'verified' });
      expect(verified.status, JSON.stringify(verified.body)).toBe(201);
    }
    await eventually(async () => {
      const opened = await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'open', reason: 'entity and A verified' });
      return opened.status === 200 ? opened : undefined;
    });
    const reverification = await eventually(async () => {
      const { body } = await call('GET', `/v1/cases?type=beneficial-owner-reverification&subjectId=${customerId}`, undefined, 'legal');
      return body.items[0]?.status === 'scheduled' ? (body.items[0] as { id: string }) : undefined;
    });

    // C's stake reaches 25%: C is a beneficial owner now, tracked, and never verified.
    const changed = await call('POST', `/v1/customers/${customerId}/beneficial-owners/${c}/stake`, {
      ownershipPercent: '25.000000',
      reason: 'share purchase agreement: C bought 15% from the founders',
      effectiveAt: new Date().toISOString(),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const due = await untilStatus(reverification.id, 'reverification-due');
    expect(due.details).toMatchObject({ dueReasons: ['ownership-changed'] });
    const events = await history(reverification.id);
    expect(events.find((e) => e.type === 'customer.stake-changed')).toMatchObject({ actor: 'hana.handler', data: { partyId: c, reason: 'share purchase agreement: C bought 15% from the founders' } });
    const redetermined = events.find((e) => e.type === 'beneficial-owners.redetermined')!;
    expect(redetermined.data).toMatchObject({ reason: 'the recorded facts changed: stake-changed', unverifiedParties: [c] });
    expect((redetermined.data.parties as { partyId: string }[]).find((p) => p.partyId === c)).toMatchObject({ beneficialOwner: true, basis: ['ownership'], tracked: true });
    expect(events.find((e) => e.type === 'reverification.due')).toMatchObject({ data: { reason: 'ownership-changed', partyIds: [c] } });
    const owners = (await call('GET', `/v1/customers/${customerId}/beneficial-owners`)).body;
    expect(owners.items.map((p: { id: string }) => p.id)).toEqual([a, c]);
  });

  it('follows a customer of whom nothing was tracked: a foreign owner added, or a citizenship corrected, makes it tracked and asks for verification', async () => {
    // A U.S. company with a U.S. owner: nothing tracked, the account opened at once, the case closed.
    const created = await call('POST', '/v1/customers', {
      kind: 'entity',
      externalReference: `us-${randomUUID()}`,
      organizedIn: 'US',
      foreignBranchOfUsEntity: false,
      locatedInUnitedStates: true,
      name: 'Acme Cloud Inc',
      beneficialOwners: [{ name: 'Joe U', ownershipPercent: 60, citizenships: ['US'], usLawfulPermanentResident: false, locatedInUnitedStates: true }],
      account: {},
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const customerId = created.body.customer.id as string;
    const joe = (created.body.customer.parties as { id: string; role: string }[]).find((p) => p.role === 'beneficial-owner')!.id;
    await untilStatus(created.body.caseId as string, 'not-tracked');
    const reverification = await eventually(async () => {
      const { body } = await call('GET', `/v1/cases?type=beneficial-owner-reverification&subjectId=${customerId}`, undefined, 'legal');
      return body.items[0]?.status === 'scheduled' ? (body.items[0] as { id: string }) : undefined;
    });

    // A 35% Russian owner is notified: classified and stored as tracked, the customer tracked, verification due.
    const added = await call('POST', `/v1/customers/${customerId}/beneficial-owners`, {
      name: 'Ivan F',
      ownershipPercent: 35,
      citizenships: ['RU'],
      usLawfulPermanentResident: false,
      locatedInUnitedStates: false,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const ivan = added.body.id as string;
    const due = await untilStatus(reverification.id, 'reverification-due');
    expect(due.details).toMatchObject({ dueReasons: ['beneficial-owner-added'], newOwnerIds: [ivan] });
    const customer = (await call('GET', `/v1/customers/${customerId}`)).body;
    expect(customer.trackingRequired).toBe(true);
    expect(customer.parties.find((p: { id: string }) => p.id === ivan)).toMatchObject({ usPersonStatus: 'foreign', tracked: true });

    // Joe's citizenship corrected to Chinese only: tracked too, and due as well.
    const corrected = await call('POST', `/v1/customers/${customerId}/parties/${joe}/corrections`, {
      facts: { citizenships: ['CN'], locatedInUnitedStates: false },
      reason: 'passport shows Chinese citizenship only',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    await untilEvents(reverification.id, 'beneficial-owners.redetermined', 2);
    const after = await eventually(async () => {
      const c = (await call('GET', `/v1/cases/${reverification.id}`)).body;
      return c.details.dueReasons.includes('ownership-changed') ? c : undefined;
    });
    expect(after.details.dueReasons).toEqual(['beneficial-owner-added', 'ownership-changed']);
    const joeNow = (await call('GET', `/v1/customers/${customerId}`)).body.parties.find((p: { id: string }) => p.id === joe);
    expect(joeNow).toMatchObject({ usPersonStatus: 'foreign', tracked: true });
  });
});

describe('bad input changes nothing', () => {
  it('answers 4xx naming the field, and stores no change', async () => {
    const { customerId, entity, a, c } = await germanEntity();
    expect((await call('GET', `/v1/customers/${customerId}`)).body.parties[0]).toMatchObject({ organizedIn: 'DE', facts: { organizedUnderUsLaw: false } });
    const post = (partyId: string, path: string, payload: object, role: Role = 'case_handler') => call('POST', `/v1/customers/${customerId}/${path.replace('{p}', partyId)}`, payload, role);
    const refusals: [Promise<{ status: number; contentType: string; body: { errors?: { field: string }[] } }>, number, string | null][] = [
      [post(a, 'parties/{p}/corrections', { facts: { citizenships: ['XX'] }, reason: 'r' }), 400, 'body.facts.citizenships.0'],
      [post(a, 'parties/{p}/corrections', { facts: { citizenships: ['D1'] }, reason: 'r' }), 400, 'body.facts.citizenships.0'],
      [post(a, 'parties/{p}/corrections', { facts: { citizenships: ['US'], usCitizen: false }, reason: 'r' }), 400, 'body.facts.usCitizen'],
      [post(a, 'parties/{p}/corrections', { facts: { usCitizen: true }, reason: 'r' }), 400, 'body.facts.usCitizen'],
      [post(a, 'parties/{p}/corrections', { facts: { organizedIn: 'US' }, reason: 'r' }), 400, 'body.facts.organizedIn'],
      [post(entity, 'parties/{p}/corrections', { facts: { organizedIn: 'ZZ' }, reason: 'r' }), 400, 'body.facts.organizedIn'],
      [post(entity, 'parties/{p}/corrections', { facts: { organizedUnderUsLaw: true }, reason: 'r' }), 400, 'body.facts.organizedUnderUsLaw'],
      [post(entity, 'parties/{p}/corrections', { facts: { ownershipPercent: 5 }, reason: 'r' }), 400, 'body.facts.ownershipPercent'],
      [post(a, 'parties/{p}/corrections', { facts: {}, reason: 'r' }), 400, 'body.facts'],
      [post(a, 'parties/{p}/corrections', { facts: { locatedInUnitedStates: true }, reason: ' ' }), 400, 'body.reason'],
      [post(a, 'parties/{p}/corrections', { facts: { locatedInUnitedStates: false }, reason: 'nothing new' }), 400, 'body'],
      [post(a, 'parties/{p}/corrections', { facts: { locatedInUnitedStates: true }, reason: 'r', effectiveAt: '2999-01-01T00:00:00Z' }), 400, 'body.effectiveAt'],
      [post(a, 'parties/{p}/corrections', { facts: { locatedInUnitedStates: true }, reason: 'r', effectiveAt: '0164-11-19T18:08:19.381Z' }), 400, 'body.effectiveAt'],
      [post(a, 'parties/{p}/corrections', { facts: { locatedInUnitedStates: true }, reason: 'r' }, 'reviewer'), 403, null],
      [post(randomUUID(), 'parties/{p}/corrections', { facts: { locatedInUnitedStates: true }, reason: 'r' }), 404, null],
      [post(c, 'beneficial-owners/{p}/stake', { ownershipPercent: 71, reason: 'r', effectiveAt: new Date().toISOString() }), 400, 'body.ownershipPercent'],
      [post(c, 'beneficial-owners/{p}/stake', { ownershipPercent: 0, reason: 'r', effectiveAt: new Date().toISOString() }), 400, 'body.ownershipPercent'],
      [post(c, 'beneficial-owners/{p}/stake', { ownershipPercent: 20, reason: 'r', effectiveAt: '2001-01-01T00:00:00Z' }), 400, 'body.effectiveAt'],
      [post(c, 'beneficial-owners/{p}/stake', { ownershipPercent: 20, reason: 'r' }), 400, 'body.effectiveAt'],
      [post(entity, 'beneficial-owners/{p}/stake', { ownershipPercent: 20, reason: 'r', effectiveAt: new Date().toISOString() }), 400, 'params.partyId'],
      [post(entity, 'beneficial-owners/{p}/removal', { reason: 'r', effectiveAt: new Date().toISOString() }), 400, 'params.partyId'],
    ];
    for (const [request, status, field] of refusals) {
      const res = await request;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      if (field) expect(res.body.errors?.[0]?.field, JSON.stringify(res.body)).toBe(field);
    }
    expect((await changesOf(customerId)).items).toEqual([]);
    const stored = await listParties(system.db.db, { customerId, includeRemoved: true });
    expect(stored.map((p) => [p.citizenships, p.organizedIn, p.ownershipPercent === null ? null : Number(p.ownershipPercent), p.removedAt])).toEqual([
      [null, 'DE', null, null],
      [['DE'], null, 30, null],
      [['FR'], null, 10, null],
    ]);

    // A removed owner's facts no longer change.
    expect((await post(c, 'beneficial-owners/{p}/removal', { reason: 'sold its stake', effectiveAt: new Date().toISOString() })).status).toBe(200);
    const again = await post(c, 'parties/{p}/corrections', { facts: { locatedInUnitedStates: true }, reason: 'r' });
    expect(again.status).toBe(409);
    expect((await changesOf(customerId)).items.map((ch: { kind: string }) => ch.kind)).toEqual(['beneficial-owner-removed']);
    // A cursor the API did not issue.
    expect((await call('GET', `/v1/customers/${customerId}/changes?cursor=eyJhdCI6Inotallyacursor`)).status).toBe(400);
  });

  it('refuses an application whose countries are not ISO 3166-1 alpha-2 or contradict the yes/no beside them', async () => {
    const base = { kind: 'entity', name: 'X GmbH', account: {} };
    const bad = [
      [{ ...base, externalReference: `c-${randomUUID()}`, organizedIn: 'XX' }, 'body.organizedIn'],
      [{ ...base, externalReference: `c-${randomUUID()}`, organizedIn: 'US', organizedUnderUsLaw: false }, 'body.organizedUnderUsLaw'],
      [{ ...base, externalReference: `c-${randomUUID()}`, beneficialOwners: [{ name: 'A', ownershipPercent: 30, citizenships: ['DE', 'QQ'] }] }, 'body.beneficialOwners.0.citizenships.1'],
      [{ ...base, externalReference: `c-${randomUUID()}`, beneficialOwners: [{ name: 'A', ownershipPercent: 30, citizenships: ['DE'], usCitizen: true }] }, 'body.beneficialOwners.0.usCitizen'],
      [{ kind: 'individual', name: 'P', account: {}, externalReference: `c-${randomUUID()}`, organizedIn: 'DE' }, 'body.organizedIn'],
    ] as const;
    for (const [payload, field] of bad) {
      const res = await call('POST', '/v1/customers', payload);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
      expect((await call('GET', `/v1/customers?externalReference=${payload.externalReference}`)).body.items).toEqual([]);
    }
  });
});
