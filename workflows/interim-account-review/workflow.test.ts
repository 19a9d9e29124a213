import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CURRENT_RULE_SET_ID, computeDeadline, getRuleSet, reminderInstants } from '../../rules/index.js';
import { customerWorkflowWorker, foreignEntityWithTwoOwners } from '../../test/helpers/customer-mocks.js';
import { decide, HANDLER, refusal, REVIEWER } from '../../test/helpers/update.js';
import { recordHistory } from '../../test/helpers/history.js';
import { useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { interimAccountReviewStateQuery, type InterimAccountReviewInput } from './messages.js';
import { interimAccountReviewWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();

const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);

async function setup() {
  const { cases, customers, worker, taskQueue } = await customerWorkflowWorker(testEnv());
  const input: InterimAccountReviewInput = {
    caseId: randomUUID(),
    customerId: `cust-${randomUUID()}`,
    accountId: `acct-${randomUUID()}`,
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: HANDLER.subject,
    restrictions: ['no GPU instances'],
  };
  const start = () => testEnv().client.workflow.start(interimAccountReviewWorkflow, { taskQueue, workflowId: `interim-account-review:${input.accountId}`, args: [input] });
  return { cases, customers, worker, input, start };
}

describe('interimAccountReviewWorkflow', () => {
  it('reminds before the review deadline, escalates at it, and applies the CIP policy default (close)', async () => {
    const { cases, customers, worker, input, start } = await setup();
    await worker.runUntil(async () => {
      const openedAt = new Date(await testEnv().currentTimeMs());
      const handle = await start();
      const result = await handle.result();
      await recordHistory(handle, 'interimAccountReviewWorkflow--default-action');
      // The same scenario on the case kit, with search attributes (patched 'case-search-attributes').
      await recordHistory(handle, 'interimAccountReviewWorkflow--default-action-on-kit');
      const expected = computeDeadline({ obligation: 'interim-account-review', ruleSet, startedAt: openedAt, timeZone: input.timeZone });
      const reminders = reminderInstants(expected, ruleSet);
      expect(ruleSet.cipPolicy.interimAccountDefaultAction.value).toBe('close');
      expect(result).toMatchObject({ outcome: 'closed', decidedBy: 'system', byDefault: true });
      expect(new Date(result.decidedAt).getTime()).toBeGreaterThan(expected.dueAt.getTime());
      expect(cases.eventTypes()).toEqual([
        'case.opened',
        'interim.opened',
        ...reminders.map(() => 'deadline.reminder'),
        'deadline.missed',
        'deadline.escalated',
        'interim.default-action-applied',
      ]);
      expect(reminders.map((r) => r.offsetDays)).toEqual([7, 3, 1]);
      expect(cases.opened[0]).toMatchObject({ type: 'interim-account-review', subjectType: 'account', subjectId: input.accountId, dueAt: expected.dueAt.toISOString() });
      expect(customers.world.accountStatuses.map((s) => [s.status, s.actor])).toEqual([
        ['interim-restricted', HANDLER.subject],
        ['closed', 'system'],
      ]);
    });
  });

  it('keeps the account under monitoring when the handler decides so before the deadline', async () => {
    const { cases, customers, worker, start } = await setup();
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('10 days');
      expect((await handle.query(interimAccountReviewStateQuery)).remindersSent).toHaveLength(0);
      await decide(handle, 'monitor', HANDLER, { reason: 'verification pending at the registry' });
      expect(await handle.result()).toMatchObject({ outcome: 'monitored', decidedBy: HANDLER.subject, byDefault: false });
      expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['interim-restricted', 'monitored']);
      expect(cases.eventTypes()).toEqual(['case.opened', 'interim.opened', 'decision.accepted', 'interim.kept-under-monitoring']);
    });
  });

  it('closes only with a reviewer who is not the proposer, and refuses decisions once decided', async () => {
    const { customers, worker, start } = await setup();
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 day');
      await decide(handle, 'close', HANDLER, { reason: 'customer stopped answering verification requests' });
      await testEnv().sleep('1 hour');
      expect((await refusal(decide(handle, 'monitor', HANDLER))).message).toMatch(/awaits a reviewer/);
      expect((await refusal(decide(handle, 'approve', { ...REVIEWER, subject: HANDLER.subject }))).type).toBe('cipdesk.decision.forbidden');
      await decide(handle, 'approve', REVIEWER);
      expect(await handle.result()).toMatchObject({ outcome: 'closed', decidedBy: REVIEWER.subject, byDefault: false });
      expect(customers.world.accountStatuses.map((s) => s.status)).toEqual(['interim-restricted', 'closed']);
    });
  });
});
