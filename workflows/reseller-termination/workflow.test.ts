import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResellerActivities } from '../../activities/resellers.js';
import { computeDeadline, CURRENT_RULE_SET_ID, getRuleSet } from '../../rules/index.js';
import { recordHistory } from '../../test/helpers/history.js';
import { decide, HANDLER, OTHER_HANDLER, refusal, REVIEWER } from '../../test/helpers/update.js';
import { caseProjectionRecorder, createTestWorker, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { workflowIdFor } from '../ids.js';
import { resellerAnsweredFact } from '../kit/index.js';
import { resellerTerminationStateQuery, type ResellerTerminationInput } from './messages.js';
import { resellerTerminationWorkflow } from './workflow.js';

// A fresh server per test: termination starts record-retention children that outlive the case.
const testEnv = useTimeSkippingEnv('test');
const DAY = 24 * 60 * 60 * 1000;

/** Reseller activities that behave like the real ones over an in-memory reseller and its accounts. */
function resellerWorld(accountIds: string[]) {
  const world = {
    statuses: [] as string[],
    issues: [] as { id: string; cureBy: string }[],
    reports: [] as { id: string; recipient: string }[],
    accounts: new Map(accountIds.map((id) => [id, { status: 'open', closedAt: null as string | null }])),
  };
  const activities: Pick<ResellerActivities, 'setResellerStatus' | 'recordResellerIssues' | 'recordAuthorityReport' | 'closeResellerAccounts'> = {
    async setResellerStatus(input) {
      world.statuses.push(input.status);
    },
    async recordResellerIssues(input) {
      for (const issue of input.issues) if (!world.issues.some((i) => i.id === issue.id)) world.issues.push({ id: issue.id, cureBy: input.cureBy });
    },
    async recordAuthorityReport(input) {
      if (!world.reports.some((r) => r.id === input.id)) world.reports.push({ id: input.id, recipient: input.recipient });
    },
    async closeResellerAccounts(input) {
      const closed = [];
      for (const [accountId, account] of world.accounts) {
        if (account.status === 'open') Object.assign(account, { status: 'closed', closedAt: input.at });
        closed.push({ accountId, customerId: `customer-of-${accountId}`, closedAt: account.closedAt! });
      }
      return { closed, notClosed: [] };
    },
  };
  return { world, activities };
}

async function openCase(accountIds: string[] = []) {
  const recorder = caseProjectionRecorder();
  const reseller = resellerWorld(accountIds);
  const { worker, taskQueue } = await createTestWorker(testEnv(), {
    ...recorder.activities,
    ...reseller.activities,
    // The retention children this case starts run on the same worker.
    async accountRetentionAnchor() {
      return { closedAt: null, lastAccessAt: null };
    },
    async disposePersonalData() {
      return { disposedParties: 0 };
    },
    async openCasesListeningTo() {
      return [];
    },
  });
  const input: ResellerTerminationInput = {
    caseId: randomUUID(),
    resellerId: randomUUID(),
    evidenceId: randomUUID(),
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: HANDLER.subject,
    openedAt: new Date(await testEnv().currentTimeMs()).toISOString(),
  };
  const start = () =>
    testEnv().client.workflow.start(resellerTerminationWorkflow, { taskQueue, workflowId: workflowIdFor('reseller-termination', `${input.resellerId}/${input.evidenceId}`), args: [input] });
  // Only this case's projection (the retention children write their own cases).
  const ours = () => [...recorder.opened.filter((o) => o.caseId === input.caseId), ...recorder.transitions.filter((t) => t.caseId === input.caseId)];
  // The case's own events, without the kit's generic `decision.accepted` / `approval.requested`.
  const allEventTypes = () => ours().flatMap((p) => (p.events ?? []).map((e) => e.type));
  const eventTypes = () => allEventTypes().filter((t) => t !== 'decision.accepted' && t !== 'approval.requested');
  return { recorder, reseller, worker, input, start, ours, eventTypes, allEventTypes };
}

const inDays = async (days: number) => new Date((await testEnv().currentTimeMs()) + days * DAY).toISOString();

describe('resellerTerminationWorkflow', () => {
  it('ends with the cure: issues identified with a cure date, the reseller answers in time, the handler records the cure', async () => {
    const { reseller, worker, start, eventTypes, ours } = await openCase();
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      const cureBy = await inDays(14);
      // Ignoring the issues cannot be determined while the reseller may still cure them.
      expect(await refusal(decide(handle, 'determine', HANDLER, { reason: 'no answer', params: { ground: 'ignored-identified-issues' } }))).toMatchObject({
        type: 'cipdesk.decision.wrong_state',
      });
      expect(await refusal(decide(handle, 'identify-issues', HANDLER, { params: { issues: [{ description: '' }], cureBy } }))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: 'params.issues.0.description must be a non-empty string',
      });
      await decide(handle, 'identify-issues', HANDLER, {
        params: { issues: [{ description: 'No documentary verification of customers' }, { description: 'IP access records not kept' }], cureBy },
      });
      const state = await handle.query(resellerTerminationStateQuery);
      expect(state).toMatchObject({ status: 'awaiting-cure', cureBy });
      expect(reseller.world.issues.map((i) => i.id)).toEqual(state.issues.map((i) => i.id));
      await testEnv().sleep('5 days');
      for (const issue of state.issues) {
        await handle.signal(resellerAnsweredFact.signal, { answerId: randomUUID(), issueId: issue.id, claimsCured: true, receivedAt: await inDays(0), recordedBy: HANDLER.subject });
      }
      await testEnv().sleep('1 day');
      await decide(handle, 'record-cure', OTHER_HANDLER, { reason: 'verified the new verification procedure and the access logs on site' });
      const final = await handle.result();
      expect(final.status).toBe('cured');
      expect(final.issues.every((i) => i.answered && i.claimsCured)).toBe(true);
      expect(reseller.world.statuses).toEqual(['under-review', 'active']);
      expect(eventTypes()).toEqual(['case.opened', 'issues.identified', 'reseller.answered', 'reseller.answered', 'issues.cured']);
      expect(ours().at(-1)).toMatchObject({ status: 'cured', closedAt: expect.any(String) });
    });
  });

  it('terminates on day 30 after ignored issues: four-eyes, the accounts closed, record retention started for each', async () => {
    const accounts = [randomUUID(), randomUUID()];
    const { reseller, worker, start, eventTypes, allEventTypes, ours, input } = await openCase(accounts);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      const cureBy = await inDays(7);
      await decide(handle, 'identify-issues', HANDLER, { params: { issues: [{ description: 'No written CIP in force' }], cureBy } });
      await testEnv().sleep('8 days');
      expect(eventTypes()).toContain('cure-period.ended');
      await decide(handle, 'report-to-authorities', HANDLER, {
        params: { recipient: 'FBI IC3', summary: 'suspected resale to a botnet operator; account ids and access logs', reference: 'IC3-2026-77' },
      });
      expect(reseller.world.reports).toEqual([{ id: expect.any(String), recipient: 'FBI IC3' }]);

      const determinedAt = new Date(await testEnv().currentTimeMs());
      await decide(handle, 'determine', HANDLER, { reason: 'the reseller did not answer by the cure date', params: { ground: 'ignored-identified-issues' } });
      const expected = computeDeadline({ obligation: 'reseller-termination', ruleSet: getRuleSet(CURRENT_RULE_SET_ID), startedAt: determinedAt, timeZone: input.timeZone });
      const state = await handle.query(resellerTerminationStateQuery);
      // The clock's minute may differ from the test's by the update's own processing time.
      expect(state).toMatchObject({ status: 'terminating', dueDate: expected.dueDate });
      expect(ours().at(-1)).toMatchObject({ dueAt: state.dueAt });

      // Day 30: propose; the proposer cannot approve; a reviewer does.
      await testEnv().sleep(Date.parse(state.dueAt!) - (await testEnv().currentTimeMs()) - 6 * 60 * 60 * 1000);
      await decide(handle, 'propose-termination', HANDLER, { reason: 'issues ignored; continuing the relationship increases the risk' });
      expect(await refusal(decide(handle, 'approve', { ...HANDLER, role: 'reviewer' }))).toMatchObject({ type: 'cipdesk.decision.forbidden' });
      expect(await refusal(decide(handle, 'approve', OTHER_HANDLER))).toMatchObject({ type: 'cipdesk.decision.forbidden' });
      expect(await refusal(decide(handle, 'reinstate', HANDLER, { reason: 'changed our mind' }))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      await decide(handle, 'approve', REVIEWER);
      const final = await handle.result();
      await recordHistory(handle, 'resellerTerminationWorkflow--ignored-issues-terminated');
      expect(final).toMatchObject({ status: 'terminated', terminatedOnTime: true, closedAccountIds: expect.arrayContaining(accounts) });
      expect(reseller.world.statuses).toEqual(['under-review', 'terminating', 'terminated']);
      expect([...reseller.world.accounts.values()].every((a) => a.status === 'closed')).toBe(true);
      expect(final.remindersSent.length).toBeGreaterThan(0);
      expect(eventTypes()).toEqual([
        'case.opened',
        'issues.identified',
        'cure-period.ended',
        'authorities.reported',
        'termination.determined',
        ...final.remindersSent.map(() => 'deadline.reminder'),
        'termination.proposed',
        'reseller.terminated',
      ]);
      expect(ours().at(-1)).toMatchObject({ status: 'terminated', closedAt: expect.any(String) });
      expect(ours().at(-1)!.events!.at(-1)).toMatchObject({ type: 'reseller.terminated', actor: 'rita.reviewer', data: { proposedBy: 'hana.handler', onTime: true } });
      expect(allEventTypes().filter((t) => t === 'approval.requested')).toHaveLength(1);
      // Record retention was started for each closed account, from its closure.
      for (const accountId of accounts) {
        const retention = await testEnv().client.workflow.getHandle(workflowIdFor('record-retention', accountId)).describe();
        expect(retention.type).toBe('recordRetentionWorkflow');
      }
    });
  });

  it('escalates when the 30 days pass without termination, and refuses a reinstatement after them', async () => {
    const { worker, start, eventTypes } = await openCase();
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      await decide(handle, 'determine', HANDLER, { reason: 'resale to a sanctioned party', params: { ground: 'continuing-increases-risk' } });
      const { dueAt } = await handle.query(resellerTerminationStateQuery);
      await testEnv().sleep(Date.parse(dueAt!) - (await testEnv().currentTimeMs()) + 60_000);
      expect((await handle.query(resellerTerminationStateQuery)).status).toBe('termination-overdue');
      expect(eventTypes().at(-1)).toBe('deadline.missed');
      expect(await refusal(decide(handle, 'reinstate', HANDLER, { reason: 'late' }))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      await decide(handle, 'propose-termination', HANDLER, { reason: 'late, but the relationship must end' });
      await decide(handle, 'approve', REVIEWER);
      expect((await handle.result()).terminatedOnTime).toBe(false);
    });
  });

  it('reinstates before the deadline with a recorded reason, which ends the case', async () => {
    const { reseller, worker, start, eventTypes, ours } = await openCase([randomUUID()]);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      await decide(handle, 'determine', HANDLER, { reason: 'traffic pattern of a known abuse group', params: { ground: 'continuing-increases-risk' } });
      await testEnv().sleep('10 days');
      expect(await refusal(decide(handle, 'reinstate', HANDLER))).toMatchObject({ type: 'cipdesk.decision.invalid', message: 'reason is required for this decision' });
      await decide(handle, 'reinstate', HANDLER, { reason: 'the traffic was a penetration test commissioned by the reseller; evidence reviewed by legal' });
      const final = await handle.result();
      expect(final.status).toBe('reinstated');
      expect(reseller.world.statuses).toEqual(['under-review', 'terminating', 'reinstated']);
      expect([...reseller.world.accounts.values()].every((a) => a.status === 'open')).toBe(true);
      expect(eventTypes().at(-1)).toBe('reseller.reinstated');
      expect(ours().at(-1)).toMatchObject({ status: 'reinstated', closedAt: expect.any(String) });
      expect(ours().at(-1)!.events!.at(-1)).toMatchObject({ type: 'reseller.reinstated', data: { reason: expect.stringContaining('penetration test') } });
    });
  });
});
