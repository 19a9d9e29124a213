import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeDeadline, CURRENT_RULE_SET_ID, getRuleSet, reminderInstants } from '../../rules/index.js';
import { recordHistory } from '../../test/helpers/history.js';
import { decide, HANDLER, refusal, REVIEWER } from '../../test/helpers/update.js';
import { caseProjectionRecorder, createTestWorker, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { irregularUpdateStateQuery, type IrregularUpdateInput } from './messages.js';
import { irregularUpdateWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();
const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
const zone = 'America/New_York';

async function startUpdate(changeKind: IrregularUpdateInput['changeKind'], occurredDaysAgo: number) {
  const recorder = caseProjectionRecorder();
  const { worker, taskQueue } = await createTestWorker(testEnv(), recorder.activities);
  const now = await testEnv().currentTimeMs();
  const input: IrregularUpdateInput = {
    caseId: randomUUID(),
    changeKind,
    subject: { type: 'foreign-reseller', id: 'reseller-9' },
    occurredAt: new Date(now - occurredDaysAgo * 86_400_000).toISOString(),
    description: "the reseller's CIP contact changed",
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: zone,
    openedBy: 'system:api',
  };
  const expected = computeDeadline({ obligation: 'irregular-update', ruleSet, startedAt: new Date(input.occurredAt), timeZone: zone });
  const start = () => testEnv().client.workflow.start(irregularUpdateWorkflow, { taskQueue, workflowId: `irregular-update:reseller-9/${randomUUID()}`, args: [input] });
  return { recorder, worker, input, expected, start };
}

describe('irregularUpdateWorkflow', () => {
  it("is due by the rule set's period from the change, reminds, and is marked overdue when it passes; a late submission needs a second person", async () => {
    const { recorder, worker, expected, start } = await startUpdate('cip-contact', 0);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep(expected.dueAt.getTime() - (await testEnv().currentTimeMs()) + 60_000);
      const state = await handle.query(irregularUpdateStateQuery);
      const reminders = reminderInstants(expected, ruleSet).map((r) => r.at.toISOString());
      expect(state).toMatchObject({ status: 'awaiting-update', overdue: true, dueAt: expected.dueAt.toISOString(), dueDate: expected.dueDate });
      expect(state.deadlineExplanation.join(' ')).toContain('CIP policy period');
      expect(state.remindersSent).toEqual(reminders);
      expect(recorder.opened[0]).toMatchObject({ type: 'irregular-update', subjectType: 'foreign-reseller', subjectId: 'reseller-9', dueAt: expected.dueAt.toISOString() });
      await decide(handle, 'submit', HANDLER, { params: { summary: 'New CIP contact for reseller 9' } });
      expect(await refusal(decide(handle, 'approve', { subject: HANDLER.subject, role: 'reviewer' }))).toMatchObject({ type: 'cipdesk.decision.forbidden' });
      expect((await decide(handle, 'approve', REVIEWER)).status).toBe('submitted');
      const final = await handle.result();
      await recordHistory(handle, 'irregularUpdateWorkflow--overdue-then-submitted');
      expect(final.submitted).toMatchObject({ proposedBy: HANDLER.subject, approvedBy: REVIEWER.subject, onTime: false });
      expect(recorder.eventTypes()).toEqual([
        'case.opened',
        ...reminders.map(() => 'deadline.reminder'),
        'deadline.missed',
        'approval.requested',
        'irregular-update.proposed',
        'decision.accepted',
        'irregular-update.submitted',
      ]);
    });
  });

  it('counts from the day of the change, not from when it was recorded: a change recorded late opens with its reminders already past', async () => {
    const { recorder, worker, expected, start } = await startUpdate('corporate-structure', 28);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      expect((await handle.query(irregularUpdateStateQuery)).dueDate).toBe(expected.dueDate);
      expect((await decide(handle, 'withdraw', HANDLER, { reason: 'not significant' })).status).toBe('withdrawn');
      await handle.result();
      expect(recorder.eventTypes().filter((t) => t === 'deadline.reminder').length).toBeLessThan(ruleSet.cipPolicy.reminderOffsetsDays.value.length);
    });
  });
});
