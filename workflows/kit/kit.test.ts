// The kit on its own, through a minimal case workflow (test/fixtures/kit-workflows.ts): the
// deadline runner's reminders, escalation, early end and movable due instant; decisions'
// generic events; four-eyes with its state on the case row; the projection written inside the
// workflow task and the `caseOpened` answer the API's start waits for.
import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeDeadline, getRuleSet, reminderInstants } from '../../rules/index.js';
import { kitStateQuery, kitTestWorkflow, moveClockSignal, type KitTestInput } from '../../test/fixtures/kit-workflows.js';
import { HANDLER, OTHER_HANDLER, REVIEWER, decide, refusal } from '../../test/helpers/update.js';
import { caseProjectionRecorder, testDataConverter, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { temporal } from '@temporalio/proto';
import { APPROVAL_REQUESTED, CASE_OPENED, DEADLINE_MISSED, DEADLINE_REMINDER, DECISION_ACCEPTED } from './events.js';
import { caseOpenedUpdate } from './recorder.js';

const testEnv = useTimeSkippingEnv();
const ZONE = 'America/New_York';
const ruleSet = getRuleSet('NPRM-2024');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
async function start() {
  bundle ??= bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('../../test/fixtures/kit-workflows.ts', import.meta.url)), logger: new DefaultLogger('WARN') });
  const cases = caseProjectionRecorder();
  const taskQueue = `kit-${randomUUID()}`;
  const worker = await Worker.create({ connection: testEnv().nativeConnection, taskQueue, workflowBundle: await bundle, dataConverter: testDataConverter(), activities: cases.activities });
  const startedAt = new Date(await testEnv().currentTimeMs());
  const input: KitTestInput = { caseId: randomUUID(), startedAt: startedAt.toISOString(), timeZone: ZONE };
  const launch = () => testEnv().client.workflow.start(kitTestWorkflow, { taskQueue, workflowId: `kit-test:${input.caseId}`, args: [input] });
  return { cases, worker, launch, deadline: computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt, timeZone: ZONE }) };
}

const untilPast = async (instant: Date) => testEnv().sleep(instant.getTime() - (await testEnv().currentTimeMs()) + 60_000);

describe('the deadline runner', () => {
  it('moves its due instant while it waits, without restarting, and escalates at the new one', async () => {
    const { cases, worker, launch, deadline } = await start();
    await worker.runUntil(async () => {
      const handle = await launch();
      await testEnv().sleep('2 days');
      // A later clock start (e.g. a later knowledge date) moves the due instant by two days.
      const movedStart = new Date(await testEnv().currentTimeMs());
      const moved = computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt: movedStart, timeZone: ZONE });
      expect(moved.dueAt.getTime()).toBeGreaterThan(deadline.dueAt.getTime());
      await handle.signal(moveClockSignal, { startedAt: movedStart.toISOString() });
      await untilPast(deadline.dueAt);
      expect(await handle.query(kitStateQuery)).toMatchObject({ status: 'waiting', dueAt: moved.dueAt.toISOString() });
      expect(cases.eventTypes()).not.toContain(DEADLINE_MISSED);
      await untilPast(moved.dueAt);
      const state = await handle.query(kitStateQuery);
      expect(state.status).toBe('overdue');
      // Reminders follow the new due date.
      const expected = reminderInstants(moved, ruleSet, { after: movedStart }).map((r) => r.at.toISOString());
      expect(state.remindersSent.slice(-expected.length)).toEqual(expected);
      expect(cases.events.find((e) => e.type === DEADLINE_MISSED)?.data).toMatchObject({ dueAt: moved.dueAt.toISOString() });
      expect(cases.transitions.find((t) => t.events?.some((e) => e.type === 'deadline.moved'))?.dueAt).toBe(moved.dueAt.toISOString());
      await decide(handle, 'settle', HANDLER);
      expect(await handle.result()).toEqual({ outcome: 'missed', status: 'settled' });
    });
  });

  it('ends at once, met, when the case is settled before the due instant', async () => {
    const { cases, worker, launch } = await start();
    await worker.runUntil(async () => {
      const handle = await launch();
      await testEnv().sleep('1 day');
      const result = await decide(handle, 'settle', HANDLER, { reason: 'done early' });
      expect(result).toMatchObject({ decision: 'settle', status: 'settled' });
      expect(await handle.result()).toEqual({ outcome: 'met', status: 'settled' });
      expect(cases.eventTypes()).toEqual([CASE_OPENED, DECISION_ACCEPTED]);
      expect(cases.events.at(-1)).toMatchObject({ actor: HANDLER.subject, data: { decision: 'settle', by: HANDLER.subject, reason: 'done early' } });
      expect(cases.transitions.at(-1)?.closedAt).toBeTruthy();
      const remindersBeforeSettling = cases.eventTypes().filter((t) => t === DEADLINE_REMINDER);
      expect(remindersBeforeSettling).toEqual([]);
    });
  });
});

describe('four-eyes', () => {
  it('keeps a proposal on the case row until a second person reviews it, and restores the status on rejection', async () => {
    const { cases, worker, launch } = await start();
    await worker.runUntil(async () => {
      const handle = await launch();
      await testEnv().sleep('1 hour');
      // A reviewer does not propose what reviewers approve.
      expect((await refusal(decide(handle, 'drop', REVIEWER, { reason: 'duplicate request' }))).message).toMatch(/allowed: case_handler, admin \(segregation of duties/);
      expect(cases.lastStatus()).toBe('waiting');
      await decide(handle, 'drop', HANDLER, { reason: 'duplicate request' });
      expect(cases.lastStatus()).toBe('pending-approval');
      expect(cases.transitions.at(-1)?.pendingApproval).toMatchObject({ decision: 'drop', proposedBy: HANDLER.subject, reason: 'duplicate request' });
      expect(cases.events.slice(-2).map((e) => e.type)).toEqual([APPROVAL_REQUESTED, 'drop.proposed']);
      expect((await refusal(decide(handle, 'approve', { ...REVIEWER, subject: HANDLER.subject }))).message).toMatch(/four-eyes/);
      expect((await refusal(decide(handle, 'approve', OTHER_HANDLER))).type).toBe('cipdesk.decision.forbidden');
      expect((await refusal(decide(handle, 'settle', HANDLER))).message).toMatch(/the case is pending-approval; it accepts approve, reject/);
      await decide(handle, 'reject', REVIEWER, { reason: 'not a duplicate' });
      expect(cases.lastStatus()).toBe('waiting');
      expect(cases.transitions.at(-1)?.pendingApproval).toBeNull();
      await decide(handle, 'drop', HANDLER, { reason: 'withdrawn after all' });
      await testEnv().sleep('1 minute');
      await decide(handle, 'approve', REVIEWER);
      expect(await handle.result()).toEqual({ outcome: 'met', status: 'dropped' });
      expect(cases.events.at(-1)).toMatchObject({ type: DECISION_ACCEPTED, data: { decision: 'approve', by: REVIEWER.subject } });
    });
  });
});

describe('the case projection', () => {
  it('answers caseOpened once the case row is written, and writes every change inside the workflow task that made it', async () => {
    const { cases, worker, launch } = await start();
    await worker.runUntil(async () => {
      const handle = await launch();
      expect(await handle.executeUpdate(caseOpenedUpdate)).toEqual({ caseId: cases.opened[0]!.caseId });
      await testEnv().sleep('1 hour');
      await decide(handle, 'settle', HANDLER);
      expect(await handle.result()).toEqual({ outcome: 'met', status: 'settled' });
      expect(cases.eventTypes()).toEqual([CASE_OPENED, DECISION_ACCEPTED]);
      // Local activities leave markers, not scheduled activities, in the history.
      const kinds = (await handle.fetchHistory()).events!.map((e) => e.eventType);
      expect(kinds).not.toContain(temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
      expect(kinds.filter((k) => k === temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED).length).toBeGreaterThanOrEqual(3);
    });
  });
});
