// What a handler and an examiner read about a customer must agree with the records: the case row
// with the verification records, the beneficial-owner list with the classification, and the
// history with who decided or determined what, when and why. Through the API, against real
// PostgreSQL and Temporal.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertCaseIfAbsent, listCaseEvents } from '../db/queries/cases.js';
import { workflowIdFor } from '../workflows/ids.js';
import { bearer } from './helpers/tokens.js';
import { eventually, useTestSystem } from './helpers/system.js';

const system = useTestSystem();

type Role = Parameters<typeof bearer>[0];
const post = (url: string, payload: object, role: Role = 'case_handler', index = 0) =>
  system.app.inject({ method: 'POST', url, headers: bearer(role, index), payload });
const get = (url: string, role: Role = 'case_handler') => system.app.inject({ method: 'GET', url, headers: bearer(role) });

/** The German entity of the examiner's walk-through: A 30% (German), B 25% (U.S.), C 10% (French, no control). */
function germanEntity() {
  return {
    kind: 'entity',
    externalReference: `de-${randomUUID()}`,
    organizedUnderUsLaw: false,
    foreignBranchOfUsEntity: false,
    locatedInUnitedStates: false,
    name: 'Rheinwerk Rechenzentrum GmbH',
    address: { lines: ['Rheinallee 5'], city: 'Köln', postalCode: '50667', country: 'DE' },
    beneficialOwners: [
      { name: 'Anna A', ownershipPercent: 30, usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false },
      { name: 'Bob B', ownershipPercent: 25, usCitizen: true },
      { name: 'Claire C', ownershipPercent: 10, usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false },
    ],
    account: {},
  };
}

interface Party {
  id: string;
  role: string;
  determination: null | { beneficialOwner: boolean; basis: string[]; tracked: boolean; explanation: string[] };
}

async function apply() {
  const res = await post('/v1/customers', germanEntity());
  expect([201, 202]).toContain(res.statusCode);
  const body = res.json() as { customer: { id: string; parties: Party[] }; caseId: string; accountId: string };
  const [entity, a, b, c] = body.customer.parties.map((p) => p.id) as [string, string, string, string];
  await untilCase(body.caseId, (k) => k.status === 'awaiting-verification');
  return { ...body, customerId: body.customer.id, entity, a, b, c };
}

interface CaseView {
  status: string;
  details: { verifiedParties: string[]; unverifiedParties: string[]; outcome?: string };
}
async function untilCase(caseId: string, done: (k: CaseView) => boolean) {
  return eventually(async () => {
    const res = await get(`/v1/cases/${caseId}`);
    if (res.statusCode !== 200) return undefined;
    const k = res.json() as CaseView;
    return done(k) ? k : undefined;
  });
}

async function events(caseId: string) {
  return (await listCaseEvents(system.db.db, { caseId, limit: 200 })).items;
}

const verify = (customerId: string, partyId: string, result = 'verified', discrepancies: object[] = []) =>
  post(`/v1/customers/${customerId}/verifications`, { partyId, method: 'documentary', methodDetail: 'registry extract', result, discrepancies });

describe('the beneficial-owner list', () => {
  it('lists each owner with the basis the rules found, and C (10%, no control) apart, not as a beneficial owner', async () => {
    const { customerId, a, b, c } = await apply();
    const list = (await get(`/v1/customers/${customerId}/beneficial-owners`, 'legal')).json() as { items: Party[]; notBeneficialOwners: Party[] };
    expect(list.items.map((p) => [p.id, p.determination?.beneficialOwner, p.determination?.basis, p.determination?.tracked])).toEqual([
      [a, true, ['ownership'], true],
      [b, true, ['ownership'], false],
    ]);
    expect(list.notBeneficialOwners.map((p) => [p.id, p.determination?.beneficialOwner, p.determination?.basis, p.determination?.tracked])).toEqual([[c, false, [], false]]);
    expect(list.notBeneficialOwners[0]!.determination!.explanation.join(' ')).toMatch(/10% is below the 25% threshold and no substantial control/);
  });

  it('makes C a beneficial owner by substantial control with its reason, recorded as a determination, not as a new owner', async () => {
    const { customerId, caseId, c } = await apply();
    const reason = 'holds a veto over the annual budget under the shareholder agreement';
    const res = await post(`/v1/customers/${customerId}/beneficial-owners/${c}/substantial-control`, { substantialControl: true, reason });
    expect(res.statusCode).toBe(200);
    const list = await eventually(async () => {
      const l = (await get(`/v1/customers/${customerId}/beneficial-owners`)).json() as { items: Party[] };
      return l.items.some((p) => p.id === c) ? l : undefined;
    });
    expect(list.items.find((p) => p.id === c)!.determination).toMatchObject({ beneficialOwner: true, basis: ['substantial-control'], tracked: true });
    const history = await eventually(async () => {
      const all = await events(caseId);
      return all.some((e) => e.type === 'customer.reclassified') ? all : undefined;
    });
    expect(history.map((e) => e.type)).not.toContain('beneficial-owner.added');
    expect(history.find((e) => e.type === 'customer.substantial-control-determined')).toMatchObject({ actor: 'hana.handler', data: { partyId: c, substantialControl: true, reason } });
    expect(history.find((e) => e.type === 'customer.reclassified')!.data).toMatchObject({ reason: 'the recorded facts changed: substantial-control-determined' });
  });
});

describe('the case row and the verification records', () => {
  it('shows a discrepancy resolved after a failed check and a later success as verified, and a case closed open lists no party as unverified', async () => {
    const { customerId, caseId, entity, a } = await apply();
    const failed = (await verify(customerId, entity, 'failed', [{ description: 'registered address differs' }])).json() as { id: string; discrepancies: { id: string }[] };
    expect((await verify(customerId, entity)).statusCode).toBe(201);
    const resolution = `/v1/customers/${customerId}/verifications/${failed.id}/discrepancies/${failed.discrepancies[0]!.id}/resolution`;
    expect((await post(resolution, { resolution: 'the registry shows the move in March' })).statusCode).toBe(200);
    expect((await verify(customerId, a)).statusCode).toBe(201);
    await untilCase(caseId, (k) => k.details.unverifiedParties.length === 0);
    const opened = await post(`/v1/cases/${caseId}/decisions`, { decision: 'open', reason: 'entity and owner A verified' });
    expect(opened.statusCode).toBe(200);
    const closed = await untilCase(caseId, (k) => k.status === 'open');
    expect(closed.details.unverifiedParties).toEqual([]);
    expect(closed.details.verifiedParties.sort()).toEqual([entity, a].sort());
  });

  it('shows parties verified while an interim account runs, before its restrictions are lifted', async () => {
    const { customerId, caseId, accountId, entity, a } = await apply();
    const interim = await post(`/v1/cases/${caseId}/decisions`, { decision: 'open-interim', reason: 'payment verified, registry pending', params: { restrictions: ['no GPU instances'] } });
    expect(interim.statusCode).toBe(200);
    await untilCase(caseId, (k) => k.status === 'interim-restricted');
    await verify(customerId, entity);
    await verify(customerId, a);
    const during = await untilCase(caseId, (k) => k.details.unverifiedParties.length === 0);
    expect(during.status).toBe('interim-restricted');
    expect(during.details.verifiedParties.sort()).toEqual([entity, a].sort());
    expect((await events(caseId)).find((e) => e.type === 'account.interim-opened')).toMatchObject({
      actor: 'hana.handler',
      data: { restrictions: ['no GPU instances'], reason: 'payment verified, registry pending' },
    });
    expect(accountId).toBeTruthy();
  });
});

describe('reasons in the history', () => {
  it("keeps the approver's own reason beside the proposer's", async () => {
    const { caseId } = await apply();
    expect((await post(`/v1/cases/${caseId}/decisions`, { decision: 'refuse', reason: 'documents appear forged' })).statusCode).toBe(200);
    const approved = await post(`/v1/cases/${caseId}/decisions`, { decision: 'approve', reason: 'registry confirms no such company number' }, 'reviewer');
    expect(approved.statusCode).toBe(200);
    await untilCase(caseId, (k) => k.status === 'refused');
    expect((await events(caseId)).find((e) => e.type === 'refusal.approved')).toMatchObject({
      actor: 'rita.reviewer',
      data: { proposedBy: 'hana.handler', proposalReason: 'documents appear forged', reason: 'registry confirms no such company number' },
    });
  });

  it("records a legal hold's reason on the account's record-retention case", async () => {
    const { accountId } = await apply();
    // A retention case row of the account (its workflow is not needed to see what the API records).
    const caseId = randomUUID();
    await insertCaseIfAbsent(system.db.db, {
      id: caseId,
      type: 'record-retention',
      status: 'retaining',
      subjectType: 'account',
      subjectId: accountId,
      ruleSetId: 'NPRM-2024',
      workflowId: workflowIdFor('record-retention', accountId),
      openedAt: new Date(),
    });
    expect((await post(`/v1/accounts/${accountId}/legal-holds`, { reason: 'subpoena 2026-17' }, 'legal')).statusCode).toBe(201);
    expect((await events(caseId)).find((e) => e.type === 'retention.legal-hold-set')).toMatchObject({ actor: 'lena.legal', data: { reason: 'subpoena 2026-17' } });
  });
});
