// Issue 4's end-to-end path through the API, a real worker, real Temporal and real PostgreSQL:
// a foreign entity with two foreign beneficial owners applies, is given an interim restricted
// account, is verified, has its restrictions lifted, and its case history is read back.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { foreignOwner, germanEntityApplication } from '../helpers/applications.js';
import { apiCaller, eventually, useTestSystem } from '../helpers/system.js';

const system = useTestSystem();

const call = apiCaller(() => system);
const caseWhere = (query: string) =>
  eventually(async () => {
    const { body } = await call('GET', `/v1/cases?${query}`, undefined, 'legal');
    return body.items[0] as { id: string; status: string; dueAt: string; closedAt: string | null; details: Record<string, unknown> } | undefined;
  });

describe('customer identification, end to end', () => {
  it('takes a foreign entity with two beneficial owners from application to interim account to open account', async () => {
    const externalReference = `e2e-${randomUUID()}`;
    const created = await call('POST', '/v1/customers', germanEntityApplication({ externalReference, beneficialOwners: [foreignOwner('Greta Owner', 60), foreignOwner('Piotr Partner', 30)] }));
    expect(created.status).toBe(201);
    const { customer, accountId, caseId } = created.body as { customer: { id: string; parties: { id: string; role: string }[] }; accountId: string; caseId: string };
    expect(customer.parties.map((p) => p.role).sort()).toEqual(['beneficial-owner', 'beneficial-owner', 'customer']);
    // No personal data in the case or its payloads.
    expect(JSON.stringify(created.body.case)).not.toMatch(/Nordlicht|Greta|Piotr|DE89/);

    const awaiting = await eventually(async () => {
      const { body } = await call('GET', `/v1/cases/${caseId}`, undefined, 'legal');
      return body.status === 'awaiting-verification' ? body : undefined;
    });
    expect(awaiting).toMatchObject({ type: 'customer-identification', subject: { type: 'customer', id: customer.id }, ruleSetId: 'NPRM-2024' });
    expect(awaiting.details).toMatchObject({ customerStatus: 'foreign', trackingRequired: true });

    // Not verified yet: opening is refused and changes nothing.
    const early = await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'open' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('decision.wrong_state');
    expect((await call('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body.status).toBe('awaiting-verification');

    const interim = await call('POST', `/v1/cases/${caseId}/decisions`, {
      decision: 'open-interim',
      reason: 'registry extract requested from the Handelsregister',
      params: { restrictions: ['no accelerator instances', 'enhanced monitoring of administration access'] },
    });
    expect(interim.status).toBe(200);
    expect(interim.body.status).toBe('interim-restricted');

    const interimCase = await caseWhere(`type=interim-account-review&subjectId=${accountId}`);
    expect(interimCase.status).toBe('interim-restricted');
    // Review deadline: the CIP policy's interim period (NPRM-2024 default) from today.
    expect(interimCase.details.deadlineExplanation).toEqual(expect.arrayContaining([expect.stringMatching(/CIP policy period: 30 calendar days/)]));
    const account = await eventually(async () => {
      const { body } = await call('GET', `/v1/accounts/${accountId}`);
      return body.status === 'interim-restricted' ? body : undefined;
    });
    expect(account.restrictions).toEqual(['no accelerator instances', 'enhanced monitoring of administration access']);
    expect(account.reviewDueAt).toBe(interimCase.dueAt);

    // Lifting needs every foreign party verified.
    expect((await call('POST', `/v1/cases/${interimCase.id}/decisions`, { decision: 'lift-restrictions' })).status).toBe(409);
    for (const party of customer.parties) {
      const verification = await call('POST', `/v1/customers/${customer.id}/verifications`, {
        partyId: party.id,
        method: party.role === 'customer' ? 'documentary' : 'non-documentary',
        methodDetail: party.role === 'customer' ? 'commercial register extract' : 'identity verification vendor check',
        result: 'verified',
        discrepancies: party.role === 'customer' ? [{ description: 'street number differs from the register' }] : [],
      });
      expect(verification.status).toBe(201);
      if (party.role === 'customer') {
        // An open discrepancy still blocks lifting.
        expect((await call('POST', `/v1/cases/${interimCase.id}/decisions`, { decision: 'lift-restrictions' })).status).toBe(409);
        const attempt = verification.body as { id: string; discrepancies: { id: string }[] };
        const resolved = await call('POST', `/v1/customers/${customer.id}/verifications/${attempt.id}/discrepancies/${attempt.discrepancies[0]!.id}/resolution`, {
          resolution: 'register updated; the application had the old address',
        });
        expect(resolved.status).toBe(200);
      }
    }
    const lifted = await call('POST', `/v1/cases/${interimCase.id}/decisions`, { decision: 'lift-restrictions', reason: 'all parties verified' }, 'case_handler', 1);
    expect(lifted.status).toBe(200);
    expect(lifted.body.status).toBe('lifted');

    const opened = await eventually(async () => {
      const { body } = await call('GET', `/v1/cases/${caseId}`, undefined, 'legal');
      return body.status === 'open' ? body : undefined;
    });
    expect(opened.closedAt).not.toBeNull();
    expect((await call('GET', `/v1/accounts/${accountId}`)).body).toMatchObject({ status: 'open', restrictions: [] });

    // The case history, as legal reads it.
    const history = (await call('GET', `/v1/cases/${caseId}/events?limit=500`, undefined, 'legal')).body.items as { type: string; actor: string; data: object }[];
    const types = history.map((e) => e.type);
    expect(types[0]).toBe('case.opened');
    expect(types).toEqual(
      expect.arrayContaining(['customer.classified', 'account.interim-opened', 'customer.verification-recorded', 'customer.discrepancy-resolved', 'interim.concluded']),
    );
    expect(types.indexOf('account.interim-opened')).toBeLessThan(types.indexOf('interim.concluded'));
    expect(history.find((e) => e.type === 'interim.concluded')).toMatchObject({ actor: 'henrik.handler', data: { outcome: 'lifted', byDefault: false } });
    expect(JSON.stringify(history)).not.toMatch(/Nordlicht|Greta|Piotr|DE89|Friedrichstrasse/);
    const interimHistory = (await call('GET', `/v1/cases/${interimCase.id}/events`, undefined, 'legal')).body.items.map((e: { type: string }) => e.type);
    // The two refused attempts to lift the restrictions are on record too.
    expect(interimHistory).toEqual(['case.opened', 'interim.opened', 'decision.refused', 'decision.refused', 'decision.accepted', 'interim.restrictions-lifted']);

    // Once open, the customer is re-verified on the CIP policy period.
    const reverification = await caseWhere(`type=beneficial-owner-reverification&subjectId=${customer.id}`);
    expect(reverification.status).toBe('scheduled');

    // The provider later closes the account: retention starts, re-verification stops.
    // Closing is four-eyes, as through the case: a handler proposes, a reviewer approves.
    expect((await call('POST', `/v1/accounts/${accountId}/closure`, { reason: '' })).body.errors[0].field).toBe('body.reason');
    expect((await call('POST', `/v1/accounts/${accountId}/closure`, { reason: 'by a reviewer' }, 'reviewer')).status).toBe(403);
    const proposed = await call('POST', `/v1/accounts/${accountId}/closure`, { reason: 'customer terminated the contract' });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({ account: { status: 'open' }, proposal: { reason: 'customer terminated the contract', proposedBy: 'hana.handler', outcome: null } });
    expect((await call('GET', `/v1/accounts/${accountId}`, undefined, 'legal')).body).toMatchObject({ status: 'open', pendingClosure: { id: proposed.body.proposal.id } });
    expect((await call('POST', `/v1/accounts/${accountId}/closure`, { reason: 'twice' })).body.code).toBe('account.closure_pending');
    expect((await call('POST', `/v1/accounts/${accountId}/closure/approval`, {}, 'case_handler')).status).toBe(403);
    const closed = await call('POST', `/v1/accounts/${accountId}/closure/approval`, { reason: 'contract end confirmed' }, 'reviewer');
    expect(closed.status).toBe(200);
    expect(closed.body.account).toMatchObject({ status: 'closed' });
    expect(closed.body.proposal).toMatchObject({ outcome: 'approved', decidedBy: 'rita.reviewer', decisionReason: 'contract end confirmed' });
    const closedEvent = (await call('GET', `/v1/cases/${reverification.id}/events?limit=500`, undefined, 'legal')).body.items.find((e: { type: string }) => e.type === 'account.closed');
    expect(closedEvent).toMatchObject({ actor: 'rita.reviewer', data: { accountId, proposedBy: 'hana.handler', approvedBy: 'rita.reviewer', approvalReason: 'contract end confirmed' } });
    const retention = closed.body.retentionCase ?? (await caseWhere(`type=record-retention&subjectId=${accountId}`));
    expect(retention).toMatchObject({ type: 'record-retention', status: 'retaining' });
    // Records are kept for the rule set's retention period after the closure.
    expect(retention.details.deadlineExplanation).toEqual(expect.arrayContaining([expect.stringMatching(/Period: 2 years/)]));
    const stopped = await eventually(async () => {
      const { body } = await call('GET', `/v1/cases/${reverification.id}`, undefined, 'legal');
      return body.status === 'stopped' ? body : undefined;
    });
    expect(stopped.closedAt).not.toBeNull();
    const again = await call('POST', `/v1/accounts/${accountId}/closure`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('account.wrong_state');
  });

  it('closes through the case, not the account endpoint, while identification is under way', async () => {
    const created = await call('POST', '/v1/customers', {
      kind: 'individual',
      externalReference: `e2e-${randomUUID()}`,
      usCitizen: false,
      usLawfulPermanentResident: false,
      locatedInUnitedStates: false,
      name: 'Ilse Example',
      account: {},
    });
    const refused = await call('POST', `/v1/accounts/${created.body.accountId}/closure`, { reason: 'not yet open' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/closed through its case/);
  });
});
