import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CURRENT_RULE_SET_ID, computeDeadline, getRuleSet } from '../../rules/index.js';
import { customerWorkflowWorker, foreignEntityWithTwoOwners } from '../../test/helpers/customer-mocks.js';
import { HANDLER } from '../../test/helpers/update.js';
import { recordHistory } from '../../test/helpers/history.js';
import { useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { accountAccessedSignal, legalHoldReleasedSignal, legalHoldSetSignal, recordRetentionStateQuery, type RecordRetentionInput } from './messages.js';
import { recordRetentionWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();

const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);

async function setup() {
  const { cases, customers, worker, taskQueue } = await customerWorkflowWorker(testEnv());
  const closedAt = new Date(await testEnv().currentTimeMs());
  const input: RecordRetentionInput = {
    caseId: randomUUID(),
    customerId: `cust-${randomUUID()}`,
    accountId: `acct-${randomUUID()}`,
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: HANDLER.subject,
    closedAt: closedAt.toISOString(),
  };
  const start = () => testEnv().client.workflow.start(recordRetentionWorkflow, { taskQueue, workflowId: `record-retention:${input.accountId}`, args: [input] });
  const deadline = (lastAccessAt?: Date) =>
    computeDeadline({ obligation: 'record-retention', ruleSet, startedAt: closedAt, ...(lastAccessAt ? { lastAccessAt } : {}), timeZone: input.timeZone });
  return { cases, customers, worker, start, deadline };
}

describe('recordRetentionWorkflow', () => {
  it('disposes of the personal data once the retention period after closure has run', async () => {
    const { cases, customers, worker, start, deadline } = await setup();
    await worker.runUntil(async () => {
      const handle = await start();
      const state = await handle.result();
      expect(state.status).toBe('disposed');
      expect(state.disposableAt).toBe(deadline().dueAt.toISOString());
      expect(customers.world.disposals).toHaveLength(1);
      expect(new Date(customers.world.disposals[0]!).getTime()).toBeGreaterThan(deadline().dueAt.getTime());
      expect(cases.eventTypes()).toEqual(['case.opened', 'retention.started', 'retention.personal-data-disposed']);
      // Closed at the instant of the closing event, recorded in the same transition.
      expect(cases.transitions.at(-1)?.closedAt).toBe((cases.transitions.at(-1)?.events ?? []).at(-1)?.occurredAt);
      expect(Number.isNaN(Date.parse(cases.transitions.at(-1)!.closedAt!))).toBe(false);
    });
  });

  it('moves the clock with every recorded access', async () => {
    const { cases, customers, worker, start, deadline } = await setup();
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('200 days');
      const accessedAt = new Date(await testEnv().currentTimeMs());
      await handle.signal(accountAccessedSignal, { at: accessedAt.toISOString() });
      await testEnv().sleep('1 hour');
      const moved = deadline(accessedAt);
      expect(moved.dueAt.getTime()).toBeGreaterThan(deadline().dueAt.getTime());
      expect((await handle.query(recordRetentionStateQuery)).disposableAt).toBe(moved.dueAt.toISOString());
      // At the original date nothing is disposed of.
      await testEnv().sleep(deadline().dueAt.getTime() - (await testEnv().currentTimeMs()) + 60_000);
      expect(customers.world.disposals).toHaveLength(0);
      const state = await handle.result();
      expect(state.status).toBe('disposed');
      expect(new Date(customers.world.disposals[0]!).getTime()).toBeGreaterThan(moved.dueAt.getTime());
      expect(cases.eventTypes()).toEqual(['case.opened', 'retention.started', 'retention.clock-moved', 'retention.personal-data-disposed']);
    });
  });

  it('holds disposal while a legal hold is on and disposes once it is released', async () => {
    const { cases, customers, worker, start, deadline } = await setup();
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('30 days');
      // The mock's database knows of no hold (world.legalHold stays false, so disposal would
      // succeed): only the workflow's own hold check, from the signal, may hold the disposal.
      await handle.signal(legalHoldSetSignal, { holdId: 'hold-1' });
      // Past the due time, within one re-check interval (after which the database decides).
      await testEnv().sleep(deadline().dueAt.getTime() - (await testEnv().currentTimeMs()) + 12 * 3600_000);
      expect((await handle.query(recordRetentionStateQuery)).status).toBe('on-legal-hold');
      expect(customers.world.disposals).toHaveLength(0);
      await handle.signal(legalHoldReleasedSignal, { holdId: 'hold-1' });
      expect((await handle.result()).status).toBe('disposed');
      await recordHistory(handle, 'recordRetentionWorkflow--legal-hold');
      // The same scenario on the case kit, with search attributes (patched 'case-search-attributes').
      await recordHistory(handle, 'recordRetentionWorkflow--legal-hold-on-kit');
      expect(cases.eventTypes()).toEqual([
        'case.opened',
        'retention.started',
        'legal-hold.set',
        'retention.disposal-held',
        'legal-hold.released',
        'retention.personal-data-disposed',
      ]);
    });
  });

  it('trusts the database when a hold was stored but its signal never arrived, and re-checks daily', async () => {
    const { customers, worker, start, deadline } = await setup();
    await worker.runUntil(async () => {
      customers.world.legalHold = true; // stored by the API, signal lost
      const handle = await start();
      await testEnv().sleep(deadline().dueAt.getTime() - (await testEnv().currentTimeMs()) + 3600_000);
      expect((await handle.query(recordRetentionStateQuery)).status).toBe('on-legal-hold');
      expect(customers.world.disposals).toHaveLength(0);
      customers.world.legalHold = false; // released, signal lost too
      expect((await handle.result()).status).toBe('disposed');
      expect(customers.world.disposals).toHaveLength(1);
    });
  });
});
