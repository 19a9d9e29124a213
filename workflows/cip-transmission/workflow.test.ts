import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { recordHistory } from '../../test/helpers/history.js';
import { caseProjectionRecorder, createTestWorker, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { computeDeadline, getRuleSet, CURRENT_RULE_SET_ID, reminderInstants } from '../../rules/index.js';
import { decideUpdate } from '../kit/decisions.js';
import { cipTransmissionStateQuery, type CipTransmissionInput } from './messages.js';
import { cipTransmissionWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();

const handler = { subject: 'hana.handler', role: 'case_handler' as const };

async function startRequest(recorder: ReturnType<typeof caseProjectionRecorder>) {
  const { worker, taskQueue } = await createTestWorker(testEnv(), recorder.activities);
  const receivedAt = new Date(await testEnv().currentTimeMs());
  const input: CipTransmissionInput = {
    caseId: randomUUID(),
    requestReference: `REQ-${randomUUID()}`,
    cipOwner: { type: 'foreign-reseller', resellerId: 'reseller-7' },
    requestReceivedAt: receivedAt.toISOString(),
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: handler.subject,
  };
  const expected = computeDeadline({ obligation: 'cip-transmission', ruleSet: getRuleSet(CURRENT_RULE_SET_ID), startedAt: receivedAt, timeZone: input.timeZone });
  return { worker, taskQueue, input, expected };
}

describe('cipTransmissionWorkflow', () => {
  it('opens the case due at the rule set deadline, reminds, and escalates when the deadline passes', async () => {
    const recorder = caseProjectionRecorder();
    const { worker, taskQueue, input, expected } = await startRequest(recorder);
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(cipTransmissionWorkflow, { taskQueue, workflowId: `cip-transmission:${input.requestReference}`, args: [input] });
      // Skip past the deadline: every reminder and then the escalation are recorded.
      await testEnv().sleep(expected.dueAt.getTime() - (await testEnv().currentTimeMs()) + 60_000);
      const state = await handle.query(cipTransmissionStateQuery);
      expect(state.status).toBe('overdue');
      expect(state.dueAt).toBe(expected.dueAt.toISOString());
      const reminders = reminderInstants(expected, getRuleSet(CURRENT_RULE_SET_ID)).map((r) => r.at);
      expect(reminders).toHaveLength(getRuleSet(CURRENT_RULE_SET_ID).cipPolicy.reminderOffsetsDays.value.length); // a 10-day deadline has room for every offset
      expect(state.remindersSent).toEqual(reminders.map((r) => r.toISOString()));
      expect(recorder.eventTypes()).toEqual(['case.opened', ...reminders.map(() => 'deadline.reminder'), 'deadline.missed']);
      expect(recorder.opened[0]).toMatchObject({ type: 'cip-transmission', subjectType: 'foreign-reseller', subjectId: 'reseller-7', dueAt: expected.dueAt.toISOString() });
      // A late transmission is still accepted, and recorded as late.
      const result = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'transmit', params: { cipVersion: 'v3' }, actor: handler }] });
      expect(result.status).toBe('transmitted');
      const final = await handle.result();
      await recordHistory(handle, 'cipTransmissionWorkflow--overdue-then-transmitted');
      // The same scenario on the case kit, with search attributes (patched 'case-search-attributes').
      await recordHistory(handle, 'cipTransmissionWorkflow--overdue-then-transmitted-on-kit');
      expect(final.transmittedOnTime).toBe(false);
      expect(recorder.lastStatus()).toBe('transmitted');
      // Closed at the instant of the closing event, recorded in the same transition.
      expect(recorder.transitions.at(-1)?.closedAt).toBe((recorder.transitions.at(-1)?.events ?? []).at(-1)?.occurredAt);
      expect(Number.isNaN(Date.parse(recorder.transitions.at(-1)!.closedAt!))).toBe(false);
    });
  });

  it('closes on time when the handler records the transmission before the deadline', async () => {
    const recorder = caseProjectionRecorder();
    const { worker, taskQueue, input } = await startRequest(recorder);
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(cipTransmissionWorkflow, { taskQueue, workflowId: `cip-transmission:${input.requestReference}`, args: [input] });
      await testEnv().sleep('2 days');
      const result = await handle.executeUpdate(decideUpdate, {
        args: [{ decision: 'transmit', params: { cipVersion: 'CIP-2026.1', transmissionReference: 'BIS-ACK-9' }, actor: handler }],
      });
      expect(result).toMatchObject({ caseId: input.caseId, decision: 'transmit', status: 'transmitted' });
      const final = await handle.result();
      expect(final.transmittedOnTime).toBe(true);
      expect(recorder.eventTypes()).toEqual(['case.opened', 'decision.accepted', 'cip.transmitted']);
      expect(recorder.events.at(-1)).toMatchObject({ actor: 'hana.handler', data: { cipVersion: 'CIP-2026.1', transmissionReference: 'BIS-ACK-9', onTime: true } });
    });
  });

  it('refuses malformed, unknown and wrong-state decisions without changing the case', async () => {
    const recorder = caseProjectionRecorder();
    const { worker, taskQueue, input } = await startRequest(recorder);
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(cipTransmissionWorkflow, { taskQueue, workflowId: `cip-transmission:${input.requestReference}`, args: [input] });
      await testEnv().sleep('1 hour');
      const refusal = async (args: object) => {
        try {
          await handle.executeUpdate(decideUpdate, { args: [args as never] });
        } catch (err) {
          expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
          return (err as WorkflowUpdateFailedError).cause as Error & { type?: string };
        }
        throw new Error('decision was accepted');
      };
      expect(await refusal({ decision: 'transmit', params: {}, actor: handler })).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: 'params.cipVersion is required (a non-empty string)',
      });
      expect(await refusal({ decision: 'shred', actor: handler })).toMatchObject({ type: 'cipdesk.decision.unknown' });
      expect(await refusal({ decision: 'withdraw', actor: handler })).toMatchObject({ type: 'cipdesk.decision.invalid', message: 'reason is required for this decision' });
      expect(recorder.eventTypes()).toEqual(['case.opened']);
      expect((await handle.query(cipTransmissionStateQuery)).status).toBe('awaiting-transmission');

      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'withdraw', reason: 'Commerce withdrew the request by letter', actor: handler }] });
      await handle.result();
      expect(recorder.lastStatus()).toBe('withdrawn');
    });
  });
});
