import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CURRENT_RULE_SET_ID, computeDeadline, getRuleSet } from '../../rules/index.js';
import { allUsPersons, customerWorkflowWorker, foreignEntityWithTwoOwners } from '../../test/helpers/customer-mocks.js';
import { decide, HANDLER, refusal } from '../../test/helpers/update.js';
import { recordHistory } from '../../test/helpers/history.js';
import { useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { beneficialOwnerAddedSignal, customerFactsChangedSignal } from '../customer-identification/messages.js';
import { beneficialOwnerReverificationStateQuery, type BeneficialOwnerReverificationInput } from './messages.js';
import { beneficialOwnerReverificationWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();

const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);

async function setup(options?: Parameters<typeof customerWorkflowWorker>[1]) {
  const { cases, customers, worker, taskQueue } = await customerWorkflowWorker(testEnv(), options);
  const verifiedAt = new Date(await testEnv().currentTimeMs());
  const input: BeneficialOwnerReverificationInput = {
    caseId: randomUUID(),
    customerId: `cust-${randomUUID()}`,
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: 'system',
    lastVerifiedAt: verifiedAt.toISOString(),
  };
  const start = () =>
    testEnv().client.workflow.start(beneficialOwnerReverificationWorkflow, { taskQueue, workflowId: `beneficial-owner-reverification:${input.customerId}`, args: [input] });
  const period = computeDeadline({ obligation: 'periodic-reverification', ruleSet, startedAt: verifiedAt, timeZone: input.timeZone });
  return { cases, customers, worker, start, period };
}

describe('beneficialOwnerReverificationWorkflow', () => {
  it('makes re-verification due when the CIP policy period ends, and starts the next period once done', async () => {
    const { cases, customers, worker, start, period } = await setup();
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep(period.dueAt.getTime() - (await testEnv().currentTimeMs()) + 3600_000);
      const due = await handle.query(beneficialOwnerReverificationStateQuery);
      expect(due).toMatchObject({ status: 'reverification-due', dueReasons: ['periodic'], nextDueAt: period.dueAt.toISOString() });
      expect((await refusal(decide(handle, 're-verified', HANDLER))).message).toMatch(/not complete/);
      customers.world.verified = new Set(['party-customer', 'party-owner-1']);
      await testEnv().sleep('1 hour');
      await decide(handle, 're-verified', HANDLER);
      await testEnv().sleep('1 hour');
      // The workflow continued as new: a new round whose period runs from this verification.
      const next = await handle.query(beneficialOwnerReverificationStateQuery);
      expect(next.status).toBe('scheduled');
      expect(new Date(next.nextDueAt).getTime()).toBeGreaterThan(period.dueAt.getTime());
      expect(cases.eventTypes()).toEqual([
        'case.opened',
        'reverification.scheduled',
        'reverification.due',
        'decision.accepted',
        'reverification.completed',
        'reverification.scheduled',
      ]);
      // The same case goes on: projections keep increasing sequence numbers across runs.
      expect(cases.transitions.map((t) => t.seq)).toEqual([3, 5, 6]);
      await decide(handle, 'stop', HANDLER, { reason: 'account closed' });
      expect((await handle.result()).status).toBe('stopped');
    });
  });

  it('makes re-verification due at once when a new beneficial owner is notified', async () => {
    const { cases, customers, worker, start } = await setup();
    // The new owner is foreign and owns enough to be tracked.
    customers.world.classification = { ...foreignEntityWithTwoOwners, parties: [...foreignEntityWithTwoOwners.parties, { partyId: 'party-owner-9', role: 'beneficial-owner', status: 'foreign' }] };
    customers.world.verified = new Set(['party-customer', 'party-owner-1']);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('30 days');
      await handle.signal(beneficialOwnerAddedSignal, { partyId: 'party-owner-9' });
      await testEnv().sleep('1 minute');
      expect(await handle.query(beneficialOwnerReverificationStateQuery)).toMatchObject({
        status: 'reverification-due',
        dueReasons: ['beneficial-owner-added'],
        newOwnerIds: ['party-owner-9'],
      });
      expect(cases.events.at(-1)).toMatchObject({ type: 'reverification.due', data: { reason: 'beneficial-owner-added', partyId: 'party-owner-9' } });
      // The new owner is classified like every other party: its determination is stored with the rules' reasons.
      expect(customers.world.classifyCalls).toBe(1);
      expect(cases.events.at(-2)).toMatchObject({ type: 'beneficial-owners.redetermined', data: { reason: 'a beneficial owner was added', partyIds: ['party-owner-9'], unverifiedParties: ['party-owner-9'] } });
      expect((await refusal(decide(handle, 'stop', HANDLER))).message).toBe('reason is required for this decision');
      await decide(handle, 'stop', HANDLER, { reason: 'customer relationship ended' });
      expect((await handle.result()).status).toBe('stopped');
      await recordHistory(handle, 'beneficialOwnerReverificationWorkflow--new-owner-then-stop');
      // The same scenario on the case kit, with search attributes (patched 'case-search-attributes').
      await recordHistory(handle, 'beneficialOwnerReverificationWorkflow--new-owner-then-stop-on-kit');
      await recordHistory(handle, 'beneficialOwnerReverificationWorkflow--new-owner-classified-then-stop');
    });
  });

  it('asks for nothing when a new owner is a U.S. person and every tracked party is verified', async () => {
    const { cases, customers, worker, start } = await setup();
    customers.world.verified = new Set(['party-customer', 'party-owner-1']);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('3 days');
      // party-owner-2 is a U.S. person: the CIP does not track it.
      await handle.signal(beneficialOwnerAddedSignal, { partyId: 'party-owner-2' });
      await testEnv().sleep('1 minute');
      expect(await handle.query(beneficialOwnerReverificationStateQuery)).toMatchObject({ status: 'scheduled', dueReasons: [], newOwnerIds: ['party-owner-2'] });
      expect(cases.events.at(-1)).toMatchObject({ type: 'beneficial-owners.redetermined', data: { partyIds: ['party-owner-2'], unverifiedParties: [] } });
      await decide(handle, 'stop', HANDLER, { reason: 'customer relationship ended' });
      expect((await handle.result()).status).toBe('stopped');
    });
  });

  it('starts the next period by itself when the CIP tracks no party of the customer (all U.S. persons)', async () => {
    const { cases, worker, start, period } = await setup({ classification: allUsPersons });
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep(period.dueAt.getTime() - (await testEnv().currentTimeMs()) + 3600_000);
      const next = await handle.query(beneficialOwnerReverificationStateQuery);
      expect(next).toMatchObject({ status: 'scheduled', dueReasons: [] });
      expect(new Date(next.nextDueAt).getTime()).toBeGreaterThan(period.dueAt.getTime());
      expect(cases.eventTypes()).toEqual(['case.opened', 'reverification.scheduled', 'reverification.not-required', 'reverification.scheduled']);
      expect(cases.events[2]!.data).toMatchObject({ reason: expect.stringMatching(/^the CIP tracks no party of this customer/) });
      await decide(handle, 'stop', HANDLER, { reason: 'account closed' });
      expect((await handle.result()).status).toBe('stopped');
      // The first run: the period that rolled on by itself, then continued as new.
      await recordHistory(testEnv().client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId), 'beneficialOwnerReverificationWorkflow--nothing-tracked-period-rolls-on');
    });
  });
  it('classifies again when the recorded facts change, and makes re-verification due for an owner the CIP now tracks unverified', async () => {
    const { cases, customers, worker, start } = await setup();
    customers.world.verified = new Set(['party-customer', 'party-owner-1']);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('10 days');
      // A correction after which the same parties are tracked, all verified: recorded, nothing due.
      await handle.signal(customerFactsChangedSignal, { changeId: 'change-1', partyId: 'party-owner-2', change: 'facts-corrected', actor: HANDLER.subject });
      await testEnv().sleep('1 minute');
      expect(await handle.query(beneficialOwnerReverificationStateQuery)).toMatchObject({ status: 'scheduled', dueReasons: [] });
      expect(cases.events.at(-1)).toMatchObject({
        type: 'beneficial-owners.redetermined',
        actor: 'system',
        data: { reason: 'the recorded facts changed: facts-corrected', changes: [{ changeId: 'change-1' }], unverifiedParties: [], reasons: foreignEntityWithTwoOwners.reasons },
      });

      // Facts the rules refuse are shown on the case; the case stays as it was.
      customers.world.invalidFacts = 'stakes[1].percent: stakes in "party-customer" add up to more than 100% (110%)';
      await handle.signal(customerFactsChangedSignal, { changeId: 'change-2', partyId: 'party-owner-1', change: 'stake-changed', actor: HANDLER.subject });
      await testEnv().sleep('1 minute');
      expect(cases.events.at(-1)).toMatchObject({ type: 'classification.failed', data: { reason: customers.world.invalidFacts } });
      expect((await handle.query(beneficialOwnerReverificationStateQuery)).status).toBe('scheduled');
      customers.world.invalidFacts = undefined;

      // The minor holder's stake reaches the threshold: a beneficial owner now, tracked and not verified.
      const reason = 'Party party-minor-holder is a beneficial owner: it owns 25% of the customer, at least the 25% threshold.';
      customers.world.classification = {
        ...foreignEntityWithTwoOwners,
        parties: foreignEntityWithTwoOwners.parties.map((p) => (p.partyId === 'party-minor-holder' ? { ...p, tracked: true, beneficialOwner: true, basis: ['ownership'] } : p)),
        reasons: [reason],
      };
      await handle.signal(customerFactsChangedSignal, { changeId: 'change-3', partyId: 'party-minor-holder', change: 'stake-changed', actor: HANDLER.subject });
      await testEnv().sleep('1 minute');
      expect(await handle.query(beneficialOwnerReverificationStateQuery)).toMatchObject({ status: 'reverification-due', dueReasons: ['ownership-changed'] });
      const [redetermined, due] = cases.events.slice(-2);
      expect(redetermined).toMatchObject({ type: 'beneficial-owners.redetermined', data: { reasons: [reason], unverifiedParties: ['party-minor-holder'] } });
      expect(due).toMatchObject({ type: 'reverification.due', data: { reason: 'ownership-changed', partyIds: ['party-minor-holder'], changeIds: ['change-3'] } });
      expect(customers.world.classifyCalls).toBe(3);

      // Not complete until the new owner is verified.
      expect((await refusal(decide(handle, 're-verified', HANDLER))).message).toMatch(/not complete/);
      await testEnv().sleep('1 minute');
      await decide(handle, 'stop', HANDLER, { reason: 'customer relationship ended' });
      expect((await handle.result()).status).toBe('stopped');
      await recordHistory(handle, 'beneficialOwnerReverificationWorkflow--ownership-changed-then-stop');
    });
  });
});
