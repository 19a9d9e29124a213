// The exemption workflow on the time-skipping test server, activities mocked: a grant recorded
// by one person and approved by a second; the annual notification clock (reminders, a
// notification given in time restarts it from the notification, a missed one is a breach that
// stays while a late one restarts the clock); the revocation, which opens the case that puts
// the covered subject back under its CIP duties, settled by the fact that shows it. Every
// instant comes from rules/.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { ExemptionActivities } from '../../activities/exemptions.js';
import { computeDeadline, CURRENT_RULE_SET_ID, getRuleSet, reminderInstants } from '../../rules/index.js';
import { recordHistory } from '../../test/helpers/history.js';
import { caseProjectionRecorder, createTestWorker, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { customerMocks, foreignEntityWithTwoOwners } from '../../test/helpers/customer-mocks.js';
import { resellerCipRecordedFact, verificationRecordedFact } from '../kit/facts.js';
import { decideUpdate } from '../kit/decisions.js';
import { exemptionStateQuery, type ExemptionInput, type ExemptionSubject } from './messages.js';
import { exemptionWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv('test');
const ZONE = 'America/New_York';
const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
const handler = { subject: 'hana.handler', role: 'case_handler' as const };
const reviewer = { subject: 'rita.reviewer', role: 'reviewer' as const };
const legal = { subject: 'lena.legal', role: 'legal' as const };
const HOUR = 60 * 60 * 1000;

function exemptionActivities() {
  const calls = { decisions: [] as string[], notifications: [] as { reference: string; late: boolean; nextDueAt: string }[], missed: 0, revocations: [] as string[] };
  const activities: ExemptionActivities = {
    async recordExemptionDecision(input) {
      calls.decisions.push(`${input.status}:${input.recordedBy}/${input.approvedBy ?? '-'}`);
    },
    async recordExemptionNotification(input) {
      calls.notifications.push({ reference: input.reference, late: input.late, nextDueAt: input.nextDueAt });
    },
    async recordExemptionNotificationMissed() {
      calls.missed += 1;
    },
    async recordExemptionRevocation(input) {
      calls.revocations.push(input.reason);
    },
  };
  return { calls, activities };
}

async function start(subject: ExemptionSubject = { type: 'foreign-reseller', id: randomUUID() }) {
  const cases = caseProjectionRecorder();
  const exemption = exemptionActivities();
  // A lessee's duty resumption reads the customer's verification records.
  const customers = customerMocks({ classification: foreignEntityWithTwoOwners });
  const { worker, taskQueue } = await createTestWorker(testEnv(), { ...cases.activities, ...exemption.activities, ...customers.activities });
  const now = new Date(await testEnv().currentTimeMs());
  const input: ExemptionInput = {
    caseId: randomUUID(),
    exemptionId: randomUUID(),
    applicationReference: `EX-${randomUUID().slice(0, 8)}`,
    scope: subject.type === 'foreign-reseller' ? 'foreign-reseller' : subject.type === 'customer' ? 'lessee' : subject.type === 'account-type' ? 'account-type' : 'provider',
    subject,
    programDocumentId: randomUUID(),
    submittedAt: new Date(now.getTime() - 30 * 24 * HOUR).toISOString(),
    ruleSetId: ruleSet.id,
    timeZone: ZONE,
    openedBy: handler.subject,
  };
  return { cases, exemption, customers, worker, taskQueue, input };
}

const sleepUntil = async (instant: Date) => testEnv().sleep(Math.max(1, instant.getTime() - (await testEnv().currentTimeMs())));
const nowIso = async () => new Date(await testEnv().currentTimeMs()).toISOString();
const refusal = (err: unknown) => JSON.stringify((err as WorkflowUpdateFailedError).cause);
const notificationDue = (from: string) => computeDeadline({ obligation: 'exemption-notification', ruleSet, startedAt: new Date(from), timeZone: ZONE });

describe('exemptionWorkflow', () => {
  it('runs the annual notification clock from the grant, restarts it at each notification, keeps a missed one as a breach, and opens the duty resumption on revocation', async () => {
    const { cases, exemption, worker, taskQueue, input } = await start();
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(exemptionWorkflow, { taskQueue, workflowId: `exemption:${input.exemptionId}`, args: [input] });
      await testEnv().sleep(HOUR);
      expect((await handle.query(exemptionStateQuery)).status).toBe('awaiting-decision');
      expect(cases.opened[0]).toMatchObject({ type: 'exemption', subjectType: 'foreign-reseller', subjectId: input.subject.id, status: 'awaiting-decision', dueAt: null });

      // A notification before any grant is a wrong-state decision: refused, nothing changes.
      const early = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-notification', params: { reference: 'N-0' }, actor: handler }] }).catch((e: unknown) => e);
      expect(early).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refusal(early)).toContain('awaiting-decision');
      const future = await handle
        .executeUpdate(decideUpdate, { args: [{ decision: 'propose-grant', reason: 'letter received', params: { commerceReference: 'BIS-EX-1', grantedAt: new Date(Date.parse(await nowIso()) + 48 * HOUR).toISOString() }, actor: handler }] })
        .catch((e: unknown) => e);
      expect(refusal(future)).toContain('params.grantedAt');

      const grantedAt = await nowIso();
      const proposed = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'propose-grant', reason: 'Commerce granted it by letter', params: { commerceReference: 'BIS-EX-1', grantedAt }, actor: handler }] });
      expect(proposed.status).toBe('grant-proposed');
      const selfApproved = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'approve', actor: { ...reviewer, subject: handler.subject } }] }).catch((e: unknown) => e);
      expect(refusal(selfApproved)).toContain('four-eyes');
      expect((await handle.query(exemptionStateQuery)).status).toBe('grant-proposed');
      expect((await handle.executeUpdate(decideUpdate, { args: [{ decision: 'approve', actor: reviewer }] })).status).toBe('granted');
      expect(exemption.calls.decisions).toEqual([`granted:${handler.subject}/${reviewer.subject}`]);

      // The first notification is due a year (rule set) after the grant; reminders ahead of it.
      const first = notificationDue(grantedAt);
      expect(cases.transitions.find((t) => t.status === 'granted')?.dueAt).toBe(first.dueAt.toISOString());
      await sleepUntil(new Date(first.dueAt.getTime() - 12 * HOUR));
      let state = await handle.query(exemptionStateQuery);
      expect(state.status).toBe('granted');
      expect(state.remindersSent).toEqual(reminderInstants(first, ruleSet).map((r) => r.at.toISOString()));
      expect(state.remindersSent.length).toBe(ruleSet.cipPolicy.reminderOffsetsDays.value.length);

      // Given in time: the next one is due a year after this notification.
      const notifiedAt = await nowIso();
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-notification', params: { reference: 'N-2027' }, actor: handler }] });
      const second = notificationDue(notifiedAt);
      state = await handle.query(exemptionStateQuery);
      expect(state.notificationDueAt).toBe(second.dueAt.toISOString());
      expect(exemption.calls.notifications).toEqual([{ reference: 'N-2027', late: false, nextDueAt: second.dueAt.toISOString() }]);
      const again = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-notification', params: { reference: 'N-2027' }, actor: handler }] }).catch((e: unknown) => e);
      expect(refusal(again)).toContain('params.reference');

      // Past the first deadline: nothing missed (it was answered).
      await sleepUntil(new Date(first.dueAt.getTime() + HOUR));
      expect((await handle.query(exemptionStateQuery)).status).toBe('granted');
      expect(cases.eventTypes()).not.toContain('deadline.missed');

      // The second deadline passes without a notification: a breach, visible and kept.
      await sleepUntil(new Date(second.dueAt.getTime() + HOUR));
      state = await handle.query(exemptionStateQuery);
      expect(state.status).toBe('notification-overdue');
      expect(state.missedNotifications).toEqual([second.dueAt.toISOString()]);
      const missed = cases.events.find((e) => e.type === 'deadline.missed')!;
      expect(missed.data).toMatchObject({ breach: true, obligation: 'exemption-notification', dueAt: second.dueAt.toISOString() });
      expect(exemption.calls.missed).toBe(1);
      expect(cases.transitions.at(-1)?.details).toMatchObject({ breached: true, missedNotifications: [second.dueAt.toISOString()] });

      // A late notification: the exemption is in good standing again, the breach stays on record.
      await testEnv().sleep(24 * HOUR);
      const lateAt = await nowIso();
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-notification', params: { reference: 'N-2028' }, actor: handler }] });
      state = await handle.query(exemptionStateQuery);
      expect(state.status).toBe('granted');
      expect(state.notificationDueAt).toBe(notificationDue(lateAt).dueAt.toISOString());
      expect(exemption.calls.notifications.at(-1)).toMatchObject({ reference: 'N-2028', late: true });
      expect(cases.transitions.at(-1)?.details).toMatchObject({ breached: true });

      // Revocation at any time: the case closes, and the reseller's CIP duties resume in their own case.
      const noReason = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', actor: legal }] }).catch((e: unknown) => e);
      expect(refusal(noReason)).toContain('reason');
      const revoked = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', reason: 'Commerce revoked the exemption', params: { commerceReference: 'BIS-EX-1-R' }, actor: legal }] });
      expect(revoked.status).toBe('revoked');
      // (Signal the resumption case before awaiting any result: awaiting lets the test server skip time far ahead.)
      await testEnv().sleep(1000);
      const dutyResumption = (await handle.query(exemptionStateQuery)).dutyResumption;
      expect(dutyResumption).toBe(`cip-duty-resumption:${input.exemptionId}`);
      const resumption = cases.opened.find((c) => c.type === 'cip-duty-resumption')!;
      expect(resumption).toMatchObject({ subjectType: 'foreign-reseller', subjectId: input.subject.id, status: 'open' });
      // The reseller's CIP on file again: the fact, delivered by subject, settles the case.
      const child = testEnv().client.workflow.getHandle(dutyResumption!);
      await child.signal(resellerCipRecordedFact.signal, { version: 3, receivedAt: await nowIso(), effectiveAt: await nowIso(), recordedBy: handler.subject });
      expect(await child.result()).toMatchObject({ resumedBy: 'fact', evidence: 'reseller CIP version 3' });
      expect(cases.transitions.at(-1)).toMatchObject({ caseId: resumption.caseId, status: 'resumed' });

      const final = await handle.result();
      expect(final.status).toBe('revoked');
      expect(exemption.calls.revocations).toEqual(['Commerce revoked the exemption']);
      expect(cases.transitions.find((t) => t.status === 'revoked')).toMatchObject({ dueAt: null });
      await recordHistory(handle, 'exemptionWorkflow--granted-missed-notified-late-revoked');
      await recordHistory(child, 'cipDutyResumptionWorkflow--reseller-cip-on-file');
    });
  });

  it('closes on a denial; a rejected grant returns to awaiting the decision; a closed case takes no decision', async () => {
    const { cases, exemption, worker, taskQueue, input } = await start({ type: 'account-type', id: 'sovereign-enterprise' });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(exemptionWorkflow, { taskQueue, workflowId: `exemption:${input.exemptionId}`, args: [input] });
      await testEnv().sleep(HOUR);
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'propose-grant', reason: 'grant letter', params: { commerceReference: 'BIS-EX-2', grantedAt: await nowIso() }, actor: handler }] });
      const rejected = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'reject', reason: 'the letter grants another account type', actor: reviewer }] });
      expect(rejected.status).toBe('awaiting-decision');
      const denied = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-denial', reason: 'program not effective enough', params: { commerceReference: 'BIS-EX-2-D' }, actor: handler }] });
      expect(denied.status).toBe('denied');
      const final = await handle.result();
      expect(final.status).toBe('denied');
      expect(final.dutyResumption).toBeUndefined();
      expect(exemption.calls.decisions).toEqual([`denied:${handler.subject}/-`]);
      expect(cases.eventTypes()).toEqual(['case.opened', 'approval.requested', 'exemption.grant-proposed', 'decision.accepted', 'exemption.grant-rejected', 'decision.accepted', 'exemption.denied']);
      expect(cases.opened.map((c) => c.type)).toEqual(['exemption']);
      const afterClose = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'withdraw', reason: 'too late', actor: handler }] }).catch((e: unknown) => e);
      expect(afterClose).toBeInstanceOf(Error);
    });
  });

  it("revoking a lessee's exemption opens its duty resumption, which only a verified identification settles", async () => {
    const customerId = randomUUID();
    const { cases, customers, worker, taskQueue, input } = await start({ type: 'customer', id: customerId });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(exemptionWorkflow, { taskQueue, workflowId: `exemption:${input.exemptionId}`, args: [input] });
      await testEnv().sleep(HOUR);
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'propose-grant', reason: 'grant letter', params: { commerceReference: 'BIS-EX-3', grantedAt: await nowIso() }, actor: handler }] });
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'approve', actor: reviewer }] });
      await testEnv().sleep(30 * 24 * HOUR);
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', reason: 'program no longer effective', params: { revokedAt: await nowIso() }, actor: legal }] });
      await testEnv().sleep(1000);
      const { dutyResumption } = await handle.query(exemptionStateQuery);
      const resumption = cases.opened.find((c) => c.type === 'cip-duty-resumption')!;
      expect(resumption).toMatchObject({ subjectType: 'customer', subjectId: customerId, details: { scope: 'lessee' } });
      const child = testEnv().client.workflow.getHandle(dutyResumption!);
      // A failed verification does not show the duties resumed; a verified one does.
      await child.signal(verificationRecordedFact.signal, { attemptId: randomUUID(), partyId: randomUUID(), result: 'failed' });
      await testEnv().sleep(1000);
      expect(cases.transitions.filter((t) => t.caseId === resumption.caseId)).toEqual([]);
      // The customer and its foreign owner were verified before the revocation, while the exemption
      // stood: a verification recorded now of one of them shows nothing resumed yet.
      const revokedAt = (resumption.details as { revokedAt: string }).revokedAt;
      const before = new Date(Date.parse(revokedAt) - 5 * 24 * HOUR).toISOString();
      customers.world.verified = new Set(['party-customer', 'party-owner-1']);
      customers.world.verifiedAt = new Map([['party-customer', before], ['party-owner-1', before]]);
      await child.signal(verificationRecordedFact.signal, { attemptId: randomUUID(), partyId: 'party-customer', result: 'verified' });
      await testEnv().sleep(1000);
      const notYet = () => cases.events.filter((e) => e.type === 'cip-duty.not-yet-resumed').map((e) => e.data);
      expect(notYet()).toEqual([expect.objectContaining({ partiesToVerify: ['party-customer', 'party-owner-1'], reason: expect.stringContaining('verified since the revocation') })]);
      // The customer verified again since the revocation, its owner not yet: still open.
      customers.world.verifiedAt.set('party-customer', await nowIso());
      await child.signal(verificationRecordedFact.signal, { attemptId: randomUUID(), partyId: 'party-customer', result: 'verified' });
      await testEnv().sleep(1000);
      expect(notYet().at(-1)).toMatchObject({ partiesToVerify: ['party-owner-1'] });
      expect(cases.transitions.filter((t) => t.caseId === resumption.caseId && t.status === 'resumed')).toEqual([]);
      // Every tracked party verified since the revocation: resumed.
      const attemptId = randomUUID();
      customers.world.verifiedAt.set('party-owner-1', await nowIso());
      await child.signal(verificationRecordedFact.signal, { attemptId, partyId: 'party-owner-1', result: 'verified' });
      expect(await child.result()).toMatchObject({ resumedBy: 'fact', by: 'system', evidence: expect.stringContaining('every party the CIP tracks verified since the revocation') });
      expect(cases.events.filter((e) => e.type === 'cip-duty.resumed').at(-1)?.data).toMatchObject({ fact: 'verification-recorded', attemptId, partyId: 'party-owner-1' });
      expect((await handle.result()).status).toBe('revoked');
      await recordHistory(child, 'cipDutyResumptionWorkflow--lessee-verified-since-revocation');
    });
  });

  it("settles a reseller's duty resumption on the day a CIP recorded ahead of its effective date takes effect", async () => {
    const { cases, worker, taskQueue, input } = await start();
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(exemptionWorkflow, { taskQueue, workflowId: `exemption:${input.exemptionId}`, args: [input] });
      await testEnv().sleep(HOUR);
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'propose-grant', reason: 'grant letter', params: { commerceReference: 'BIS-EX-4', grantedAt: await nowIso() }, actor: handler }] });
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'approve', actor: reviewer }] });
      await testEnv().sleep(HOUR);
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', reason: 'program no longer effective', actor: legal }] });
      await testEnv().sleep(1000);
      const { dutyResumption } = await handle.query(exemptionStateQuery);
      const resumption = cases.opened.find((c) => c.type === 'cip-duty-resumption')!;
      const child = testEnv().client.workflow.getHandle(dutyResumption!);
      // Version 2 is on file from now but takes effect in ten days: not yet the CIP in force.
      const effectiveAt = new Date((await testEnv().currentTimeMs()) + 10 * 24 * HOUR).toISOString();
      await child.signal(resellerCipRecordedFact.signal, { version: 2, receivedAt: await nowIso(), effectiveAt, recordedBy: handler.subject });
      await testEnv().sleep(HOUR);
      expect(cases.events.filter((e) => e.type === 'cip-duty.not-yet-resumed').at(-1)?.data).toMatchObject({ version: 2, reason: expect.stringContaining(`takes effect at ${effectiveAt}`) });
      expect(cases.transitions.filter((t) => t.caseId === resumption.caseId && t.status === 'resumed')).toEqual([]);
      // On its effective date the case settles by itself.
      expect(await child.result()).toMatchObject({ resumedBy: 'fact', evidence: 'reseller CIP version 2' });
      expect(cases.events.filter((e) => e.type === 'cip-duty.resumed').at(-1)?.data).toMatchObject({ version: 2, tookEffect: true });
      expect(Date.parse(cases.transitions.at(-1)!.events!.at(-1)!.occurredAt!)).toBeGreaterThanOrEqual(Date.parse(effectiveAt));
      await recordHistory(child, 'cipDutyResumptionWorkflow--reseller-cip-took-effect-later');
    });
  });
});
