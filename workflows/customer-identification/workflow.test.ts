import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allUsPersons, customerWorkflowWorker, foreignEntityWithTwoOwners } from '../../test/helpers/customer-mocks.js';
import { decide, HANDLER, OTHER_HANDLER, refusal, REVIEWER } from '../../test/helpers/update.js';
import { recordHistory } from '../../test/helpers/history.js';
import { useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { CURRENT_RULE_SET_ID } from '../../rules/index.js';
import { interimAccountReviewStateQuery } from '../interim-account-review/messages.js';
import { specialMeasureAppliesFact, specialMeasureEndedFact, type SpecialMeasureApplies } from '../kit/facts.js';
import { beneficialOwnerAddedSignal, customerFactsChangedSignal, customerIdentificationStateQuery, verificationRecordedSignal, type CustomerIdentificationInput } from './messages.js';
import { customerIdentificationWorkflow } from './workflow.js';

// A fresh test server per test: this workflow starts children that outlive it.
const testEnv = useTimeSkippingEnv('test');

async function setup(options: Parameters<typeof customerWorkflowWorker>[1]) {
  const { cases, customers, worker, taskQueue } = await customerWorkflowWorker(testEnv(), options);
  const input: CustomerIdentificationInput = {
    caseId: randomUUID(),
    customerId: `cust-${randomUUID()}`,
    accountId: `acct-${randomUUID()}`,
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: HANDLER.subject,
  };
  const start = () => testEnv().client.workflow.start(customerIdentificationWorkflow, { taskQueue, workflowId: `customer-identification:${input.accountId}`, args: [input] });
  return { cases, customers, worker, input, start };
}

async function untilStatus(handle: { query: (q: typeof customerIdentificationStateQuery) => Promise<{ status: string }> }, status: string) {
  for (let i = 0; i < 100; i += 1) {
    if ((await handle.query(customerIdentificationStateQuery)).status === status) return;
    await testEnv().sleep('1 second');
  }
  throw new Error(`never reached ${status}`);
}

const verifyAll = async (handle: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>['start']>>, ids: string[]) => {
  for (const partyId of ids) await handle.signal(verificationRecordedSignal, { attemptId: randomUUID(), partyId, result: 'verified' });
};

/** A special measure's finding as checkSpecialMeasures reports it. */
const finding = (measureId: string, effect: 'warn' | 'review' | 'conditions' | 'refuse', conditions: string[] = []) => ({
  measureId,
  effect,
  state: effect === 'warn' ? 'phase-in' : 'in-force',
  kind: effect === 'conditions' ? ('conditions' as const) : ('prohibition' as const),
  federalRegisterCitation: `91 FR ${measureId}`,
  conditions,
  implementationDueAt: '2026-06-01T03:59:59.999Z',
  expiresAt: '2026-12-01T04:59:59.999Z',
  matchedBy: [effect === 'review' ? 'near name match (similarity 0.9)' : 'jurisdiction KP'],
});

describe('customerIdentificationWorkflow', () => {
  it('records U.S. persons and finishes: nothing more is tracked', async () => {
    const { cases, customers, worker, start } = await setup({ classification: allUsPersons });
    await worker.runUntil(async () => {
      const result = await (await start()).result();
      expect(result.status).toBe('not-tracked');
      expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['open']);
      // This case's events, then the opening of the customer's re-verification case, which follows it
      // (started before this workflow completed; its first task may still be running).
      for (let i = 0; i < 100 && cases.events.length < 4; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cases.eventTypes()).toEqual(['case.opened', 'customer.classified', 'case.opened', 'reverification.scheduled']);
      // Closed at the instant of the closing event, recorded in the same transition.
      expect(cases.transitions.at(-1)?.closedAt).toBe((cases.transitions.at(-1)?.events ?? []).at(-1)?.occurredAt);
      expect(Number.isNaN(Date.parse(cases.transitions.at(-1)!.closedAt!))).toBe(false);
    });
  });

  it("hands a customer of whom nothing is tracked to its re-verification case, which hears a foreign owner added later and asks for verification", async () => {
    const { cases, customers, worker, input, start } = await setup({ classification: allUsPersons });
    await worker.runUntil(async () => {
      const handle = await start();
      expect((await handle.result()).status).toBe('not-tracked');
      // The account is open and this case closed, but later facts still reach a case that classifies.
      const reverification = testEnv().client.workflow.getHandle(`beneficial-owner-reverification:${input.customerId}`);
      expect((await reverification.describe()).status.name).toBe('RUNNING');
      for (let i = 0; i < 100 && cases.opened.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cases.opened.map((o) => o.type)).toEqual(['customer-identification', 'beneficial-owner-reverification']);

      // A 35% Russian owner is notified: classified, tracked and unverified, so re-verification is due.
      customers.world.classification = {
        customerStatus: 'us',
        trackingRequired: true,
        parties: [...allUsPersons.parties, { partyId: 'party-owner-ru', role: 'beneficial-owner', status: 'foreign' }],
        reasons: ['Party party-owner-ru is a beneficial owner: it owns 35% of the customer, at least the 25% threshold.'],
      };
      await reverification.signal(beneficialOwnerAddedSignal, { partyId: 'party-owner-ru' });
      await testEnv().sleep('1 minute');
      expect(cases.events.slice(-2)).toMatchObject([
        { type: 'beneficial-owners.redetermined', data: { reason: 'a beneficial owner was added', partyIds: ['party-owner-ru'], trackingRequired: true, unverifiedParties: ['party-owner-ru'] } },
        { type: 'reverification.due', data: { reason: 'beneficial-owner-added', partyId: 'party-owner-ru' } },
      ]);
      await recordHistory(handle, 'customerIdentificationWorkflow--not-tracked-followed-by-reverification');
    });
  });

  it('refuses the account at once when a special measure in force prohibits it', async () => {
    const { cases, customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners, prohibited: true });
    await worker.runUntil(async () => {
      expect((await (await start()).result()).status).toBe('prohibited');
      expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['refused']);
      const retention = testEnv().client.workflow.getHandle(`record-retention:${input.accountId}`);
      expect((await retention.describe()).status.name).toBe('RUNNING');
      expect(cases.eventTypes().at(-1)).toBe('special-measure.prohibits');
    });
  });

  it("warns during a measure's phase-in, flags a near name match, and attaches a conditions-measure's conditions as tasks; the refusal names the measure's citation", async () => {
    const open = await setup({
      classification: foreignEntityWithTwoOwners,
      specialMeasures: {
        measureIds: ['sm-c'],
        prohibited: false,
        reasons: ['phase-in until 2026-06-01'],
        findings: [finding('sm-w', 'warn'), finding('sm-n', 'review'), finding('sm-c', 'conditions', ['enhanced monitoring of administrative access'])],
      },
    });
    await open.worker.runUntil(async () => {
      const handle = await open.start();
      await untilStatus(handle, 'awaiting-verification');
      expect(open.cases.eventTypes()).toEqual(['case.opened', 'customer.classified', 'special-measure.warning', 'special-measure.conditions']);
      const warning = open.cases.events.find((e) => e.type === 'special-measure.warning')!;
      expect((warning.data as { findings: { measureId: string }[] }).findings.map((f) => f.measureId)).toEqual(['sm-w', 'sm-n']);
      const tasks = [{ measureId: 'sm-c', federalRegisterCitation: '91 FR sm-c', condition: 'enhanced monitoring of administrative access' }];
      expect(open.cases.events.find((e) => e.type === 'special-measure.conditions')?.data).toEqual({ tasks });
      expect(open.cases.transitions.at(-1)?.details).toMatchObject({ specialMeasureTasks: tasks });
      await recordHistory(handle, 'customerIdentificationWorkflow--special-measure-warning-and-conditions');
      await handle.terminate('test over');
    });

    const refused = await setup({
      classification: foreignEntityWithTwoOwners,
      specialMeasures: { measureIds: ['sm-p'], prohibited: true, reasons: ['sm-p prohibits'], findings: [finding('sm-p', 'refuse')] },
    });
    await refused.worker.runUntil(async () => {
      expect((await (await refused.start()).result()).status).toBe('prohibited');
      expect(refused.cases.events.at(-1)).toMatchObject({
        type: 'special-measure.prohibits',
        data: { measureIds: ['sm-p'], citations: [{ measureId: 'sm-p', federalRegisterCitation: '91 FR sm-p' }] },
      });
    });
  });

  describe('a special measure that enters force while the application waits', () => {
    const prohibition = { measureIds: ['sm-late'], prohibited: true, reasons: ['Measure sm-late is in force and prohibits opening this account.'], findings: [finding('sm-late', 'refuse')] };

    it('refuses the opening decision naming the measure, and ends the case as prohibited with the account refused', async () => {
      const { cases, customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners });
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        customers.world.verified = new Set(['party-customer', 'party-owner-1']);
        // Classified with no measure in force; then one enters force against the customer's jurisdiction.
        customers.world.specialMeasures = prohibition;
        const refused = await refusal(decide(handle, 'open', HANDLER, { reason: 'all parties verified' }));
        expect(refused.type).toBe('cipdesk.special_measure.prohibited');
        expect(refused.message).toContain('sm-late (91 FR sm-late)');
        expect((await handle.result()).status).toBe('prohibited');
        expect(customers.world.accountStatuses).toEqual([{ status: 'refused', restrictions: [], actor: 'system' }]);
        // The refused decision left no trace of acceptance; the prohibition names the measure, its citation and the attempt.
        expect(cases.eventTypes()).toEqual(['case.opened', 'customer.classified', 'special-measure.prohibits']);
        expect(cases.events.at(-1)).toMatchObject({
          actor: 'system',
          data: {
            measureIds: ['sm-late'],
            citations: [{ measureId: 'sm-late', federalRegisterCitation: '91 FR sm-late' }],
            atOpening: { decision: 'open', by: HANDLER.subject },
          },
        });
        expect(cases.transitions.at(-1)?.status).toBe('prohibited');
        const retention = testEnv().client.workflow.getHandle(`record-retention:${input.accountId}`);
        expect((await retention.describe()).status.name).toBe('RUNNING');
        await recordHistory(handle, 'customerIdentificationWorkflow--prohibited-at-opening');
      });
    });

    it('leaves no accepted decision on the case when a verification changed the case while the refused decision was being checked', async () => {
      const { cases, customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
      const waitFor = async (holds: () => boolean) => {
        for (let i = 0; i < 200 && !holds(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
        expect(holds()).toBe(true);
      };
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        let release = () => {};
        customers.world.specialMeasureGate = new Promise<void>((resolve) => (release = resolve));
        customers.world.specialMeasures = prohibition;
        const checks = customers.world.specialMeasureChecks;
        const refused = refusal(decide(handle, 'open', HANDLER));
        await waitFor(() => customers.world.specialMeasureChecks > checks);
        // While the measures are being asked, a verification arrives and its handler changes the case.
        customers.world.verified = new Set(['party-customer']);
        await handle.signal(verificationRecordedSignal, { attemptId: randomUUID(), partyId: 'party-customer', result: 'verified' });
        await waitFor(() => cases.eventTypes().includes('verification.status-updated'));
        release();
        expect((await refused).type).toBe('cipdesk.special_measure.prohibited');
        expect((await handle.result()).status).toBe('prohibited');
        expect(cases.eventTypes()).toEqual(['case.opened', 'customer.classified', 'verification.status-updated', 'special-measure.prohibits']);
      });
    });

    it('refuses opening as an interim account or under monitoring alike', async () => {
      for (const [decision, params] of [['open-interim', { restrictions: ['no GPU instances'] }], ['monitor', undefined]] as const) {
        const { customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners });
        await worker.runUntil(async () => {
          const handle = await start();
          await untilStatus(handle, 'awaiting-verification');
          customers.world.specialMeasures = prohibition;
          expect((await refusal(decide(handle, decision, HANDLER, params ? { params } : {}))).type).toBe('cipdesk.special_measure.prohibited');
          expect((await handle.result()).status).toBe('prohibited');
          expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['refused']);
          // No interim account was started.
          await expect(testEnv().client.workflow.getHandle(`interim-account-review:${input.accountId}`).describe()).rejects.toThrow();
        });
      }
    });

    it("opens on a conditions-measure's conditions, added as tasks with the decision", async () => {
      const { cases, customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        customers.world.verified = new Set(['party-customer', 'party-owner-1']);
        customers.world.specialMeasures = { measureIds: ['sm-c'], prohibited: false, reasons: [], findings: [finding('sm-c', 'conditions', ['no GPU quota above the default'])] };
        expect(await decide(handle, 'open', HANDLER)).toMatchObject({ status: 'open' });
        expect((await handle.result()).status).toBe('open');
        const tasks = [{ measureId: 'sm-c', federalRegisterCitation: '91 FR sm-c', condition: 'no GPU quota above the default' }];
        expect(cases.eventTypes().slice(2, 5)).toEqual(['decision.accepted', 'special-measure.conditions', 'account.opened']);
        expect(cases.events.find((e) => e.type === 'special-measure.conditions')?.data).toEqual({ tasks, atDecision: 'open' });
        expect(cases.transitions.at(-1)?.details).toMatchObject({ specialMeasureTasks: tasks });
      });
    });

    /** What a conditions-measure's workflow tells a pending application when it enters force. */
    const toldConditions = (measureId: string, conditions: string[]): SpecialMeasureApplies => ({
      measureId,
      federalRegisterCitation: `91 FR ${measureId}`,
      effect: 'conditions',
      matchedBy: ['jurisdiction KP'],
      inForceSince: '2026-06-02T04:00:00.000Z',
      conditions: conditions.map((condition) => ({ measureId, federalRegisterCitation: `91 FR ${measureId}`, condition })),
      impactReviewCaseId: randomUUID(),
    });

    it("shows a conditions-measure told while it waits, its conditions as tasks at once; the opening adds them no second time; a fact it cannot act on is recorded as refused", async () => {
      const { cases, customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        const told = toldConditions('sm-told', ['no GPU quota above the default']);
        await handle.signal(specialMeasureAppliesFact.signal, told);
        // Told twice (a retried telling): shown once.
        await handle.signal(specialMeasureAppliesFact.signal, told);
        // An effect no pending application can be told of: recorded as refused, the case goes on.
        await handle.signal(specialMeasureAppliesFact.signal, { ...told, measureId: 'sm-odd', effect: 'warn' as 'refuse' });
        await testEnv().sleep('1 minute');
        expect(cases.eventTypes()).toEqual(['case.opened', 'customer.classified', 'special-measure.applies', 'fact.refused']);
        expect(cases.events[2]!.data).toMatchObject({ measureId: 'sm-told', effect: 'conditions', tasks: told.conditions, note: expect.stringContaining('only on its conditions') });
        expect(cases.events[3]!.data).toMatchObject({ fact: 'special-measure-applies', field: 'effect', payload: { measureId: 'sm-odd' } });
        expect(cases.transitions.at(-1)?.details).toMatchObject({ specialMeasureTasks: told.conditions, specialMeasuresApplying: [expect.objectContaining({ measureId: 'sm-told' })] });
        // Conditions allow the opening: no decision is refused, and no note says one will be.
        expect(cases.transitions.at(-1)?.details).not.toHaveProperty('decisionNotes');
        expect((await handle.query(customerIdentificationStateQuery)).status).toBe('awaiting-verification');

        // At the opening the same measure is in force: its conditions are on the case already.
        customers.world.verified = new Set(['party-customer', 'party-owner-1']);
        customers.world.specialMeasures = { measureIds: ['sm-told'], prohibited: false, reasons: [], findings: [{ ...finding('sm-told', 'conditions', ['no GPU quota above the default']), federalRegisterCitation: '91 FR sm-told' }] };
        expect(await decide(handle, 'open', HANDLER)).toMatchObject({ status: 'open' });
        expect((await handle.result()).status).toBe('open');
        expect(cases.eventTypes().filter((t) => t === 'special-measure.conditions')).toEqual([]);
        expect(cases.transitions.at(-1)?.details).toMatchObject({ specialMeasureTasks: told.conditions });
        await recordHistory(handle, 'customerIdentificationWorkflow--told-conditions-then-opened');
      });
    });

    it('takes the conditions off the case when the measure expires before the opening, and ignores the end of a measure it was never bound by', async () => {
      const { cases, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        const told = toldConditions('sm-ends', ['enhanced monitoring of administrative access']);
        await handle.signal(specialMeasureAppliesFact.signal, told);
        await handle.signal(specialMeasureEndedFact.signal, { measureId: 'sm-other', federalRegisterCitation: '91 FR sm-other', ended: 'revoked', at: '2026-07-01T12:00:00.000Z' });
        await handle.signal(specialMeasureEndedFact.signal, { measureId: 'sm-ends', federalRegisterCitation: '91 FR sm-ends', ended: 'expired', at: '2026-07-02T12:00:00.000Z' });
        await testEnv().sleep('1 minute');
        expect(cases.eventTypes()).toEqual(['case.opened', 'customer.classified', 'special-measure.applies', 'special-measure.no-longer-applies']);
        expect(cases.events.at(-1)?.data).toMatchObject({ measureId: 'sm-ends', ended: 'expired', conditionsLifted: told.conditions, note: expect.stringContaining('no longer tasks') });
        const details = cases.transitions.at(-1)!.details ?? {};
        expect(details).not.toHaveProperty('specialMeasureTasks');
        expect(details).not.toHaveProperty('specialMeasuresApplying');
        expect(details.specialMeasuresLifted).toEqual([{ measureId: 'sm-ends', federalRegisterCitation: '91 FR sm-ends', ended: 'expired', at: '2026-07-02T12:00:00.000Z', conditionsLifted: told.conditions }]);
        expect((await handle.query(customerIdentificationStateQuery)).status).toBe('awaiting-verification');
        await handle.terminate('test over');
      });
    });

    it('asks the measures again only when the account would open: closing a monitored account does not', async () => {
      const { customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        expect(customers.world.specialMeasureChecks).toBe(1);
        await decide(handle, 'monitor', HANDLER);
        expect(customers.world.specialMeasureChecks).toBe(2);
        await testEnv().sleep('1 minute');
        // The monitored account is open already: the measures were asked when it opened.
        customers.world.verified = new Set(['party-customer', 'party-owner-1']);
        customers.world.specialMeasures = prohibition;
        expect(await decide(handle, 'open', HANDLER)).toMatchObject({ status: 'open' });
        expect(customers.world.specialMeasureChecks).toBe(2);
      });
    });
  });

  it('opens only when every foreign party is verified, then starts periodic re-verification', async () => {
    const { cases, customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners });
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'awaiting-verification');
      expect(await refusal(decide(handle, 'open', HANDLER))).toEqual({
        type: 'cipdesk.decision.wrong_state',
        message: 'not every tracked party is verified: party-customer, party-owner-1',
      });
      await verifyAll(handle, ['party-customer', 'party-owner-1']);
      customers.world.verified = new Set(['party-customer', 'party-owner-1']);
      await testEnv().sleep('1 minute');
      expect(await decide(handle, 'open', HANDLER)).toMatchObject({ decision: 'open', status: 'open' });
      expect((await handle.result()).status).toBe('open');
      // Recorded before the opening decisions checked the special measures again (patched 'special-measures-at-opening').
      await recordHistory(handle, 'customerIdentificationWorkflow--verified-then-opened');
      expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['open']);
      const reverification = testEnv().client.workflow.getHandle(`beneficial-owner-reverification:${input.customerId}`);
      expect((await reverification.describe()).status.name).toBe('RUNNING');
      // The re-verification child writes to its own case through the same activities.
      for (let i = 0; i < 50 && cases.opened.length < 2; i += 1) await testEnv().sleep('1 second');
      // Each verification re-reads the records into the case row (verification.status-updated).
      expect(cases.eventTypes()).toEqual([
        'case.opened',
        'customer.classified',
        'verification.status-updated',
        'verification.status-updated',
        'decision.accepted',
        'account.opened',
        'case.opened',
        'reverification.scheduled',
      ]);
      expect(cases.opened.map((o) => o.type)).toEqual(['customer-identification', 'beneficial-owner-reverification']);
    });
  });

  it('trusts the verification records when the signals that announced them were lost', async () => {
    const { customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'awaiting-verification');
      // Verified in PostgreSQL, but the API crashed before signalling the workflow.
      customers.world.verified = new Set(['party-customer', 'party-owner-1']);
      expect((await handle.query(customerIdentificationStateQuery)).verifiedParties).toEqual([]);
      expect(await decide(handle, 'open', HANDLER)).toMatchObject({ status: 'open' });
      expect((await handle.result()).status).toBe('open');
    });
  });

  it('needs a second person, a reviewer, to refuse (four-eyes)', async () => {
    const { customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners });
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'awaiting-verification');
      expect((await refusal(decide(handle, 'refuse', HANDLER))).message).toBe('reason is required for this decision');
      await decide(handle, 'refuse', HANDLER, { reason: 'documents appear forged' });
      expect((await handle.query(customerIdentificationStateQuery)).pendingProposal).toEqual({ decision: 'refuse', proposedBy: HANDLER.subject, reason: 'documents appear forged' });
      await testEnv().sleep('1 minute');
      expect((await refusal(decide(handle, 'approve', OTHER_HANDLER))).type).toBe('cipdesk.decision.forbidden');
      expect((await refusal(decide(handle, 'approve', { ...REVIEWER, subject: HANDLER.subject }))).message).toMatch(/four-eyes/);
      expect((await refusal(decide(handle, 'open', HANDLER))).type).toBe('cipdesk.decision.wrong_state');
      // A rejected proposal returns the case to where it was.
      await decide(handle, 'reject', REVIEWER, { reason: 'forgery not established' });
      expect((await handle.query(customerIdentificationStateQuery)).status).toBe('awaiting-verification');
      await testEnv().sleep('1 minute');
      await decide(handle, 'refuse', OTHER_HANDLER, { reason: 'forgery confirmed by the issuing registry' });
      await testEnv().sleep('1 minute');
      expect(await decide(handle, 'approve', REVIEWER)).toMatchObject({ status: 'refused' });
      expect((await handle.result()).status).toBe('refused');
      await recordHistory(handle, 'customerIdentificationWorkflow--four-eyes-refusal-with-retention');
      // The same scenario on the case kit, with search attributes (patched 'case-search-attributes').
      await recordHistory(handle, 'customerIdentificationWorkflow--four-eyes-refusal-with-retention-on-kit');
      await recordHistory(handle, 'customerIdentificationWorkflow--four-eyes-refusal-projection-in-task');
      expect(customers.world.accountStatuses).toEqual([{ status: 'refused', restrictions: [], actor: REVIEWER.subject }]);
      // The refused applicant's records are kept for the retention period, then disposed of.
      const retention = testEnv().client.workflow.getHandle(`record-retention:${input.accountId}`);
      expect((await retention.describe()).status.name).toBe('RUNNING');
    });
  });

  it('runs an interim restricted account as its own case and opens once restrictions are lifted', async () => {
    const { cases, customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners });
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'awaiting-verification');
      expect((await refusal(decide(handle, 'open-interim', HANDLER, { params: { restrictions: [] } }))).message).toMatch(/^params\.restrictions/);
      await decide(handle, 'open-interim', HANDLER, { params: { restrictions: ['no GPU instances', 'enhanced monitoring'] } });
      await testEnv().sleep('1 minute');
      const interim = testEnv().client.workflow.getHandle(`interim-account-review:${input.accountId}`);
      expect((await interim.query(interimAccountReviewStateQuery)).status).toBe('interim-restricted');
      expect((await refusal(decide(handle, 'open', HANDLER))).message).toMatch(/decide on the interim-account-review case/);
      expect((await refusal(decide(interim, 'lift-restrictions', HANDLER))).message).toMatch(/cannot be lifted/);
      customers.world.verified = new Set(['party-customer', 'party-owner-1']);
      await testEnv().sleep('1 minute');
      await decide(interim, 'lift-restrictions', HANDLER, { reason: 'registry extract verified' });
      expect((await handle.result()).status).toBe('open');
      expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['interim-restricted', 'open']);
      expect(customers.world.accountStatuses[0]?.restrictions).toEqual(['no GPU instances', 'enhanced monitoring']);
      expect(cases.eventTypes()).toEqual(
        expect.arrayContaining(['account.interim-opened', 'interim.opened', 'interim.restrictions-lifted', 'interim.concluded']),
      );
    });
  });

  it('closes a monitored account after review and starts record retention', async () => {
    const { customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners });
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'awaiting-verification');
      await decide(handle, 'monitor', HANDLER, { reason: 'identity plausible, payment source unclear' });
      await testEnv().sleep('1 minute');
      expect((await refusal(decide(handle, 'corrective-measures', HANDLER))).message).toBe('params.measures is required (a non-empty string)');
      await decide(handle, 'corrective-measures', HANDLER, { params: { measures: 'payment card replaced by verified bank account' } });
      await testEnv().sleep('1 minute');
      await decide(handle, 'close', HANDLER, { reason: 'continued suspicious administration from anonymising proxies' });
      await testEnv().sleep('1 minute');
      await decide(handle, 'approve', REVIEWER);
      expect((await handle.result()).status).toBe('closed');
      await recordHistory(handle, 'customerIdentificationWorkflow--monitored-then-closed');
      expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['monitored', 'closed']);
      const retention = testEnv().client.workflow.getHandle(`record-retention:${input.accountId}`);
      expect((await retention.describe()).status.name).toBe('RUNNING');
    });
  });

  it('keeps the case open, needing correction, when the rules refuse the recorded facts', async () => {
    const { cases, customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
    customers.world.invalidFacts = 'stakes[0].ownedId: the owned party is an individual; only entities have ownership interests';
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'needs-correction');
      expect(cases.events.at(-1)).toMatchObject({
        type: 'classification.failed',
        data: { reason: customers.world.invalidFacts, details: [{ field: 'stakes[0].ownedId' }] },
      });
      expect((await refusal(decide(handle, 'open', HANDLER))).type).toBe('cipdesk.decision.wrong_state');
      // Corrected facts arrive: classification runs again and the case goes on.
      customers.world.invalidFacts = undefined;
      await handle.signal(beneficialOwnerAddedSignal, { partyId: 'party-owner-1' });
      await untilStatus(handle, 'awaiting-verification');
      expect(cases.eventTypes().slice(-2)).toEqual(['classification.failed', 'customer.classified']);
      await handle.terminate('test over');
      await recordHistory(handle, 'customerIdentificationWorkflow--needs-correction');
    });
  });

  it('classifies again when a new beneficial owner is notified', async () => {
    const { cases, customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'awaiting-verification');
      customers.world.classification = {
        ...foreignEntityWithTwoOwners,
        parties: [...foreignEntityWithTwoOwners.parties, { partyId: 'party-owner-3', role: 'beneficial-owner', status: 'unknown' }],
      };
      await handle.signal(beneficialOwnerAddedSignal, { partyId: 'party-owner-3' });
      await testEnv().sleep('1 minute');
      expect(customers.world.classifyCalls).toBe(2);
      expect(cases.eventTypes().at(-1)).toBe('beneficial-owner.added');
      await verifyAll(handle, ['party-customer', 'party-owner-1']);
      customers.world.verified = new Set(['party-customer', 'party-owner-1']);
      // The new owner's status is unknown: treated as foreign, so it must be verified too.
      expect((await refusal(decide(handle, 'open', HANDLER))).message).toBe('not every tracked party is verified: party-owner-3');
    });
  });

  describe('the case row matches the verification records', () => {
    const details = (cases: Awaited<ReturnType<typeof setup>>['cases']) => cases.transitions.at(-1)!.details as { verifiedParties: string[]; unverifiedParties: string[] };

    it('shows a party verified while its interim account runs, before the restrictions are lifted', async () => {
      const { cases, customers, worker, input, start } = await setup({ classification: foreignEntityWithTwoOwners });
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        await decide(handle, 'open-interim', HANDLER, { reason: 'payment verified, registry extract pending', params: { restrictions: ['no GPU instances'] } });
        await testEnv().sleep('1 minute');
        expect(cases.events.find((e) => e.type === 'account.interim-opened')?.data).toEqual({ restrictions: ['no GPU instances'], reason: 'payment verified, registry extract pending' });
        customers.world.verified = new Set(['party-customer', 'party-owner-1']);
        await handle.signal(verificationRecordedSignal, { attemptId: randomUUID(), partyId: 'party-owner-1', result: 'verified' });
        await testEnv().sleep('1 minute');
        expect((await handle.query(customerIdentificationStateQuery)).status).toBe('interim-restricted');
        expect(details(cases)).toMatchObject({ verifiedParties: ['party-customer', 'party-owner-1'], unverifiedParties: [] });
        expect(cases.eventTypes().at(-1)).toBe('verification.status-updated');
        const interim = testEnv().client.workflow.getHandle(`interim-account-review:${input.accountId}`);
        await decide(interim, 'lift-restrictions', HANDLER, { reason: 'registry extract verified' });
        expect((await handle.result()).status).toBe('open');
        expect(details(cases).unverifiedParties).toEqual([]);
        await recordHistory(handle, 'customerIdentificationWorkflow--verified-during-interim');
      });
    });

    it('never closes open listing a verified party as unverified, whatever order the signals came in', async () => {
      const { cases, customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
      await worker.runUntil(async () => {
        const handle = await start();
        await untilStatus(handle, 'awaiting-verification');
        // Verified, then the resolution of the earlier failed attempt's discrepancy announces that attempt's result.
        customers.world.verified = new Set(['party-customer', 'party-owner-1']);
        await verifyAll(handle, ['party-customer', 'party-owner-1']);
        await handle.signal(verificationRecordedSignal, { attemptId: randomUUID(), partyId: 'party-customer', result: 'failed' });
        await testEnv().sleep('1 minute');
        expect(details(cases).unverifiedParties).toEqual([]);
        await decide(handle, 'open', HANDLER, { reason: 'all verified' });
        expect((await handle.result()).status).toBe('open');
        expect(details(cases)).toMatchObject({ verifiedParties: ['party-customer', 'party-owner-1'], unverifiedParties: [] });
      });
    });
  });

  it("keeps the approver's own reason beside the proposer's", async () => {
    const { cases, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'awaiting-verification');
      await decide(handle, 'refuse', HANDLER, { reason: 'documents appear forged' });
      await testEnv().sleep('1 minute');
      await decide(handle, 'approve', REVIEWER, { reason: 'issuing registry confirms no such passport' });
      expect((await handle.result()).status).toBe('refused');
      expect(cases.events.find((e) => e.type === 'refusal.approved')).toMatchObject({
        actor: REVIEWER.subject,
        data: { proposedBy: HANDLER.subject, proposalReason: 'documents appear forged', reason: 'issuing registry confirms no such passport' },
      });
    });
  });

  it('leaves needs-correction when corrected facts arrive, and names the re-classification for what changed', async () => {
    const { cases, customers, worker, start } = await setup({ classification: foreignEntityWithTwoOwners });
    customers.world.invalidFacts = 'beneficialOwners.x.usCitizen: contradicts the citizenship recorded';
    await worker.runUntil(async () => {
      const handle = await start();
      await untilStatus(handle, 'needs-correction');
      customers.world.invalidFacts = undefined;
      await handle.signal(customerFactsChangedSignal, { changeId: randomUUID(), partyId: 'party-owner-1', change: 'facts-corrected', actor: HANDLER.subject });
      await untilStatus(handle, 'awaiting-verification');
      expect(cases.eventTypes()).toContain('customer.classified');
      // A determination of substantial control adds no owner: the event says what happened.
      const changeId = randomUUID();
      await handle.signal(customerFactsChangedSignal, { changeId, partyId: 'party-minor-holder', change: 'substantial-control-determined', actor: HANDLER.subject });
      await testEnv().sleep('1 minute');
      expect(cases.eventTypes()).not.toContain('beneficial-owner.added');
      expect(cases.events.find((e) => e.type === 'customer.reclassified')).toMatchObject({
        data: { reason: 'the recorded facts changed: substantial-control-determined', changes: [{ changeId, change: 'substantial-control-determined' }] },
      });
      // Facts corrected to show only U.S. persons end the tracking.
      customers.world.classification = allUsPersons;
      await handle.signal(customerFactsChangedSignal, { changeId: randomUUID(), partyId: 'party-customer', change: 'facts-corrected', actor: HANDLER.subject });
      expect((await handle.result()).status).toBe('not-tracked');
      await recordHistory(handle, 'customerIdentificationWorkflow--facts-corrected-and-reclassified');
    });
  });
});
