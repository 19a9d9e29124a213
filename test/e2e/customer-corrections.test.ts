// The examiner's walk-through, end to end through the API, a real worker, real Temporal and real
// PostgreSQL: a German entity with owners A 30% (German), B 25% (U.S.) and C 10% (French, no
// control). A's citizenship is corrected to U.S. (the customer stays tracked: the entity is
// foreign), B is removed, a note and an evidence file go on the case, and the history is read
// back: every step with its actor, its time and its reason.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { multipartBody } from '../helpers/multipart.js';
import { bearer } from '../helpers/tokens.js';
import { apiCaller, type CaseEventView, caseHistory, useTestSystem } from '../helpers/system.js';

const system = useTestSystem();

const call = apiCaller(() => system);
const { events: history, until: untilEvent } = caseHistory(() => system);
type CaseEvent = CaseEventView;

describe('correcting a customer, end to end', () => {
  it("corrects A's citizenship, removes B, adds a note and evidence, and reads back a history with actor, time and reason at every step", async () => {
    const created = await call('POST', '/v1/customers', {
      kind: 'entity',
      externalReference: `e2e-de-${randomUUID()}`,
      organizedIn: 'DE',
      foreignBranchOfUsEntity: false,
      locatedInUnitedStates: false,
      name: 'Rheinwerk Rechenzentrum GmbH',
      address: { lines: ['Rheinallee 5'], city: 'Köln', postalCode: '50667', country: 'DE' },
      beneficialOwners: [
        { name: 'Anna A', ownershipPercent: 30, citizenships: ['DE'], usLawfulPermanentResident: false, locatedInUnitedStates: false },
        { name: 'Bob B', ownershipPercent: 25, citizenships: ['US'] },
        { name: 'Claire C', ownershipPercent: 10, citizenships: ['FR'], usLawfulPermanentResident: false, locatedInUnitedStates: false },
      ],
      account: {},
    });
    expect([201, 202]).toContain(created.status);
    const customerId = created.body.customer.id as string;
    const caseId = created.body.caseId as string;
    const [entity, a, b, c] = (created.body.customer.parties as { id: string }[]).map((p) => p.id);
    expect(created.body.customer.parties[0]).toMatchObject({ organizedIn: 'DE', facts: { organizedUnderUsLaw: false } });
    expect(created.body.customer.parties[2]).toMatchObject({ citizenships: ['US'], facts: { usCitizen: true } });
    await untilEvent(caseId, 'customer.classified');

    // The list agrees with the classification: C is not a beneficial owner.
    const owners = (await call('GET', `/v1/customers/${customerId}/beneficial-owners`)).body;
    expect(owners.items.map((p: { id: string }) => p.id)).toEqual([a, b]);
    expect(owners.notBeneficialOwners.map((p: { id: string }) => p.id)).toEqual([c]);

    // A's passport shows U.S. citizenship: corrected, with its reason.
    const contradicting = await call('POST', `/v1/customers/${customerId}/parties/${a}/corrections`, { facts: { citizenships: ['US'], usCitizen: false }, reason: 'x' });
    expect(contradicting.status).toBe(400);
    expect(contradicting.body.errors[0].field).toBe('body.facts.usCitizen');
    const corrected = await call('POST', `/v1/customers/${customerId}/parties/${a}/corrections`, {
      facts: { citizenships: ['US', 'DE'] },
      reason: 'U.S. passport seen at the branch on 2026-11-27',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.change.changes).toEqual([
      { field: 'citizenships', from: ['DE'], to: ['US', 'DE'] },
      { field: 'usCitizen', from: false, to: true },
    ]);
    let events = await untilEvent(caseId, 'customer.reclassified');
    const reclassified = events.find((e) => e.type === 'customer.reclassified')!;
    // Still tracked, because of the entity; A itself is now a U.S. person and not tracked.
    expect(reclassified.data).toMatchObject({ trackingRequired: true });
    expect((reclassified.data.parties as { partyId: string; tracked: boolean }[]).find((p) => p.partyId === a)).toMatchObject({ status: 'us', tracked: false });
    expect((await call('GET', `/v1/cases/${caseId}`)).body.status).toBe('awaiting-verification');

    // B sold its stake: not before B was recorded as an owner, nor in the future.
    const soldAt = new Date().toISOString();
    const tooEarly = await call('POST', `/v1/customers/${customerId}/beneficial-owners/${b}/removal`, {
      reason: 'share transfer deed: B sold its 25% to the entity',
      effectiveAt: '2000-01-01T00:00:00Z',
    });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.errors[0].field).toBe('body.effectiveAt');
    const removed = await call('POST', `/v1/customers/${customerId}/beneficial-owners/${b}/removal`, {
      reason: 'share transfer deed: B sold its 25% to the entity',
      effectiveAt: soldAt,
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.party.removedAt).toBe(soldAt);
    events = await untilEvent(caseId, 'customer.reclassified', 2);
    const after = (await call('GET', `/v1/customers/${customerId}/beneficial-owners`)).body;
    expect(after.items.map((p: { id: string }) => p.id)).toEqual([a]);
    expect(after.removed.map((p: { id: string }) => p.id)).toEqual([b]);

    // A note and an evidence file on the case.
    const note = await call('POST', `/v1/cases/${caseId}/notes`, { text: 'Called the customer: the transfer deed is on its way.' });
    expect(note.status).toBe(201);
    const deed = Buffer.from('%PDF-1.4 share transfer deed\n');
    const upload = multipartBody({ description: 'share transfer deed, B to the entity' }, { filename: 'deed.pdf', contentType: 'application/pdf', content: deed });
    const attached = await system.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/attachments`, headers: { ...bearer('case_handler'), ...upload.headers }, payload: upload.payload });
    expect(attached.statusCode).toBe(201);
    expect(attached.json().sha256).toBe(createHash('sha256').update(deed).digest('hex'));

    // The changes, each with who, when, why and old -> new.
    const changes = (await call('GET', `/v1/customers/${customerId}/changes`, undefined, 'legal')).body.items as { kind: string; changedBy: string; reason: string }[];
    expect(changes.map((ch) => [ch.kind, ch.changedBy])).toEqual([
      ['facts-corrected', 'hana.handler'],
      ['beneficial-owner-removed', 'hana.handler'],
    ]);

    // The history: every step after the application names its actor, its time and why.
    events = await untilEvent(caseId, 'attachment.added');
    const steps = events.filter((e) =>
      ['customer.facts-corrected', 'customer.beneficial-owner-removed', 'customer.reclassified', 'note.added', 'attachment.added'].includes(e.type),
    );
    expect(steps.map((e) => e.type)).toEqual([
      'customer.facts-corrected',
      'customer.reclassified',
      'customer.beneficial-owner-removed',
      'customer.reclassified',
      'note.added',
      'attachment.added',
    ]);
    const why = (e: CaseEvent) => e.data.reason ?? e.data.text ?? e.data.description;
    for (const step of steps) {
      expect(step.actor, step.type).toMatch(/\S/);
      expect(Number.isNaN(Date.parse(step.occurredAt)), step.type).toBe(false);
      expect(why(step), step.type).toEqual(expect.stringMatching(/\S/));
    }
    expect(steps[0]).toMatchObject({ actor: 'hana.handler', data: { partyId: a, reason: 'U.S. passport seen at the branch on 2026-11-27' } });
    expect(steps[2]).toMatchObject({ actor: 'hana.handler', data: { partyId: b, effectiveAt: soldAt } });
    expect(entity).toBeTruthy();
  });
});
