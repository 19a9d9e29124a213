// The special-measure workflow on the time-skipping test server, activities mocked: the
// phase-in's reminders and the entry into force after its last day, the expiry, extensions that
// move the expiry while the workflow waits, a revocation during the phase-in, and the impact
// review that opens a case for each matching customer and reseller. Every instant comes from rules/.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { ImpactedSubject, SpecialMeasureActivities } from '../../activities/special-measures.js';
import { addPeriod, CURRENT_RULE_SET_ID, formatDate, getRuleSet, parseDate, reminderInstants, specialMeasureTimeline } from '../../rules/index.js';
import { customerMocks, foreignEntityWithTwoOwners } from '../../test/helpers/customer-mocks.js';
import { issuedInForce } from '../../test/helpers/special-measures.js';
import { caseProjectionRecorder, createTestWorker, resultWithoutSkipping, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { recordHistory } from '../../test/helpers/history.js';
import { customerIdentificationStateQuery } from '../customer-identification/messages.js';
import { customerIdentificationWorkflow } from '../customer-identification/workflow.js';
import { decideUpdate } from '../kit/decisions.js';
import { specialMeasureStateQuery, type SpecialMeasureExtensionFact, type SpecialMeasureInput } from './messages.js';
import { specialMeasureWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv('test');
const ZONE = 'America/New_York';
const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
const legal = { subject: 'lena.legal', role: 'legal' as const };
const handler = { subject: 'hana.handler', role: 'case_handler' as const };
const HOUR = 60 * 60 * 1000;

function measureActivities(impacted: ImpactedSubject[] = []) {
  const calls = { statuses: [] as string[], extensions: [] as string[], revocations: [] as string[], impactScans: 0 };
  const activities: SpecialMeasureActivities = {
    async recordSpecialMeasureStatus(input) {
      calls.statuses.push(input.status);
    },
    async recordSpecialMeasureExtension(input) {
      calls.extensions.push(`${input.federalRegisterCitation}->${input.expiryDate}`);
    },
    async recordSpecialMeasureRevocation(input) {
      calls.revocations.push(input.reason);
    },
    async findSpecialMeasureImpact() {
      calls.impactScans += 1;
      return impacted;
    },
    // The reviews its scan opened; a test that keeps them open tells them apart with its own facts activity.
    async openImpactReviewSubjects() {
      return impacted.map((s) => ({ subjectType: s.subjectType, subjectId: s.subjectId }));
    },
  };
  // No case listens unless a test says so.
  const facts = { async openCasesListeningTo() { return [] as string[]; } };
  return { calls, activities: { ...activities, ...facts } };
}

/** `activities`: more activities on the same worker (another workflow the measure's runs beside). */
async function start(options: { issuedAt?: Date; impacted?: ImpactedSubject[]; activities?: object } = {}) {
  const cases = caseProjectionRecorder();
  const measure = measureActivities(options.impacted);
  const { worker, taskQueue } = await createTestWorker(testEnv(), { ...cases.activities, ...measure.activities, ...options.activities });
  const issuedAt = options.issuedAt ?? new Date(await testEnv().currentTimeMs());
  const input: SpecialMeasureInput = {
    caseId: randomUUID(),
    measureId: randomUUID(),
    federalRegisterCitation: '91 FR 10001',
    issuedAt: issuedAt.toISOString(),
    kind: 'prohibition',
    jurisdiction: 'KP',
    extensions: [],
    ruleSetId: ruleSet.id,
    timeZone: ZONE,
    openedBy: legal.subject,
  };
  const timeline = (extensions: SpecialMeasureExtensionFact[] = []) =>
    specialMeasureTimeline(
      {
        id: input.measureId,
        issuedAt,
        extensions: extensions.map((e) => ({ publishedAt: new Date(e.publishedAt), ...(e.newEndDate ? { newEndDate: e.newEndDate } : {}) })),
      },
      { ruleSet, timeZone: ZONE },
    );
  return { cases, measure, worker, taskQueue, input, timeline };
}

const sleepUntil = async (instant: Date) => testEnv().sleep(Math.max(1, instant.getTime() - (await testEnv().currentTimeMs())));

describe('specialMeasureWorkflow', () => {
  it('reminds ahead of the implementation date, enters force after the last day of the phase-in, and expires at the end of its duration', async () => {
    const { cases, measure, worker, taskQueue, input, timeline } = await start();
    const { implementation, expiry } = timeline();
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(specialMeasureWorkflow, { taskQueue, workflowId: `special-measure:${input.measureId}`, args: [input] });
      await sleepUntil(new Date(implementation.dueAt.getTime() - HOUR));
      let state = await handle.query(specialMeasureStateQuery);
      expect(state.status).toBe('phase-in');
      expect(cases.opened[0]).toMatchObject({ type: 'special-measure', subjectType: 'special-measure', subjectId: input.measureId, dueAt: implementation.dueAt.toISOString() });
      expect(cases.opened[0]!.details).toMatchObject({ implementationDate: implementation.dueDate, expiryDate: expiry.dueDate });
      const reminders = reminderInstants(implementation, ruleSet).map((r) => r.at.toISOString());
      expect(reminders.length).toBeGreaterThan(0);
      expect(state.remindersSent).toEqual(reminders);

      await sleepUntil(new Date(implementation.dueAt.getTime() + HOUR));
      state = await handle.query(specialMeasureStateQuery);
      expect(state.status).toBe('in-force');
      const inForce = cases.events.find((e) => e.type === 'special-measure.in-force')!;
      // In force from the instant after the implementation deadline (the end of the phase-in's last day).
      expect(new Date(inForce.occurredAt).getTime()).toBeGreaterThan(implementation.dueAt.getTime());
      expect(cases.transitions.find((t) => t.status === 'in-force')?.dueAt).toBe(expiry.dueAt.toISOString());
      expect(measure.calls.impactScans).toBe(1);

      await sleepUntil(new Date(expiry.dueAt.getTime() - HOUR));
      expect((await handle.query(specialMeasureStateQuery)).status).toBe('in-force');
      await sleepUntil(new Date(expiry.dueAt.getTime() + HOUR));
      const final = await handle.result();
      expect(final.status).toBe('expired');
      const expired = cases.events.find((e) => e.type === 'special-measure.expired')!;
      expect(new Date(expired.occurredAt).getTime()).toBeGreaterThan(expiry.dueAt.getTime());
      expect(measure.calls.statuses).toEqual(['phase-in', 'in-force', 'expired']);
      expect(cases.eventTypes()).toEqual([
        'case.opened',
        ...reminders.map(() => 'deadline.reminder'),
        'special-measure.in-force',
        'special-measure.impact-review-opened',
        ...reminderInstants(expiry, ruleSet, { after: implementation.dueAt }).map(() => 'deadline.reminder'),
        'special-measure.expired',
      ]);
      expect(cases.transitions.at(-1)?.closedAt).toBeTruthy();
    });
  });

  it('moves the expiry while it waits, once per extension (twice here), and refuses a malformed extension', async () => {
    const now = new Date(await testEnv().currentTimeMs());
    const { cases, measure, worker, taskQueue, input, timeline } = await start({ issuedAt: issuedInForce(now, ruleSet, ZONE) });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(specialMeasureWorkflow, { taskQueue, workflowId: `special-measure:${input.measureId}`, args: [input] });
      await testEnv().sleep(HOUR);
      expect((await handle.query(specialMeasureStateQuery)).status).toBe('in-force');
      const original = timeline().expiry;

      const refused = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'extend', params: { publishedAt: now.toISOString() }, actor: legal }] }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(JSON.stringify((refused as WorkflowUpdateFailedError).cause)).toContain('params.federalRegisterCitation');
      const forbidden = await handle
        .executeUpdate(decideUpdate, { args: [{ decision: 'extend', params: { federalRegisterCitation: '91 FR 2', publishedAt: now.toISOString() }, actor: handler }] })
        .catch((e: unknown) => e);
      expect(forbidden).toBeInstanceOf(WorkflowUpdateFailedError);

      // First extension: published now, no end stated: the rule set's duration from its publication.
      const first: SpecialMeasureExtensionFact = { federalRegisterCitation: '91 FR 20002', publishedAt: new Date(await testEnv().currentTimeMs()).toISOString() };
      const afterFirst = timeline([first]).expiry;
      expect(afterFirst.dueAt.getTime()).toBeGreaterThan(original.dueAt.getTime());
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'extend', params: { ...first }, actor: legal }] });
      expect((await handle.query(specialMeasureStateQuery)).expiresAt).toBe(afterFirst.dueAt.toISOString());
      // An "extension" ending the measure before the end it extends is refused (that is a revocation), and the end stays.
      const shorter = await handle
        .executeUpdate(decideUpdate, {
          args: [{ decision: 'extend', params: { federalRegisterCitation: '91 FR 5', publishedAt: new Date(await testEnv().currentTimeMs()).toISOString(), newEndDate: original.dueDate }, actor: legal }],
        })
        .catch((e: unknown) => e);
      expect(shorter).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(JSON.stringify((shorter as WorkflowUpdateFailedError).cause)).toContain('params.newEndDate');
      expect((await handle.query(specialMeasureStateQuery)).expiresAt).toBe(afterFirst.dueAt.toISOString());

      // Past the original end: still in force.
      await sleepUntil(new Date(original.dueAt.getTime() + HOUR));
      expect((await handle.query(specialMeasureStateQuery)).status).toBe('in-force');

      // Second extension, stating its new end: one rule-set duration after the first extension's end.
      const second: SpecialMeasureExtensionFact = {
        federalRegisterCitation: '91 FR 30003',
        publishedAt: new Date(await testEnv().currentTimeMs()).toISOString(),
        newEndDate: formatDate(addPeriod(parseDate(afterFirst.dueDate), ruleSet.regulatory.periods.specialMeasureDuration.value).date),
      };
      const afterSecond = timeline([first, second]).expiry;
      expect(afterSecond.dueDate).toBe(second.newEndDate);
      const badEnd = await handle
        .executeUpdate(decideUpdate, { args: [{ decision: 'extend', params: { ...second, federalRegisterCitation: '91 FR 4', newEndDate: second.publishedAt.slice(0, 10) }, actor: legal }] })
        .catch((e: unknown) => e);
      expect(JSON.stringify((badEnd as WorkflowUpdateFailedError).cause)).toContain('params.newEndDate');
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'extend', params: { ...second }, actor: legal }] });

      await sleepUntil(new Date(afterFirst.dueAt.getTime() + HOUR));
      expect((await handle.query(specialMeasureStateQuery)).status).toBe('in-force');
      await sleepUntil(new Date(afterSecond.dueAt.getTime() + HOUR));
      const final = await handle.result();
      expect(final.status).toBe('expired');
      expect(final.expiresAt).toBe(afterSecond.dueAt.toISOString());
      await recordHistory(handle, 'specialMeasureWorkflow--extended-twice-then-expired');
      expect(measure.calls.extensions).toEqual([`91 FR 20002->${afterFirst.dueDate}`, `91 FR 30003->${afterSecond.dueDate}`]);
      expect(cases.eventTypes().filter((t) => t.startsWith('special-measure.') || t === 'decision.accepted')).toEqual([
        'special-measure.in-force',
        'special-measure.impact-review-opened',
        'decision.accepted',
        'special-measure.extended',
        'decision.accepted',
        'special-measure.extended',
        'special-measure.expired',
      ]);
      const expired = cases.events.find((e) => e.type === 'special-measure.expired')!;
      expect(new Date(expired.occurredAt).getTime()).toBeGreaterThan(afterSecond.dueAt.getTime());
    });
  });

  it('is revoked during the phase-in: it never enters force and no review is opened', async () => {
    const { cases, measure, worker, taskQueue, input, timeline } = await start();
    const { implementation } = timeline();
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(specialMeasureWorkflow, { taskQueue, workflowId: `special-measure:${input.measureId}`, args: [input] });
      const halfway = (await testEnv().currentTimeMs()) + (implementation.dueAt.getTime() - (await testEnv().currentTimeMs())) / 2;
      await sleepUntil(new Date(halfway));
      const noReason = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', actor: legal }] }).catch((e: unknown) => e);
      expect(JSON.stringify((noReason as WorkflowUpdateFailedError).cause)).toContain('reason');
      const result = await handle.executeUpdate(decideUpdate, {
        args: [{ decision: 'revoke', reason: 'Commerce revoked the determination', params: { federalRegisterCitation: '91 FR 40004' }, actor: legal }],
      });
      expect(result.status).toBe('revoked');
      const final = await handle.result();
      expect(final.status).toBe('revoked');
      expect(measure.calls).toMatchObject({ statuses: ['phase-in', 'revoked'], revocations: ['Commerce revoked the determination'], impactScans: 0 });
      expect(cases.eventTypes()).not.toContain('special-measure.in-force');
      expect(cases.events.find((e) => e.type === 'special-measure.revoked')?.data).toMatchObject({ federalRegisterCitation: '91 FR 40004', during: 'phase-in' });
      expect(cases.transitions.at(-1)).toMatchObject({ status: 'revoked', dueAt: null });
      // A closed case takes no further decision.
      const late = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'extend', params: { federalRegisterCitation: '91 FR 5', publishedAt: new Date(halfway).toISOString() }, actor: legal }] }).catch((e: unknown) => e);
      expect(late).toBeInstanceOf(Error);
    });
  });

  it('opens one impact-review case for each matching customer and reseller when it enters force, each once', async () => {
    const now = new Date(await testEnv().currentTimeMs());
    const impacted: ImpactedSubject[] = [
      { subjectType: 'customer', subjectId: randomUUID(), effect: 'review', matchedBy: ['jurisdiction KP'], nearMatchOnly: false },
      { subjectType: 'customer', subjectId: randomUUID(), effect: 'review', matchedBy: ['near name match (similarity 0.9)'], nearMatchOnly: true },
      { subjectType: 'reseller', subjectId: randomUUID(), effect: 'review', matchedBy: ['jurisdiction KP'], nearMatchOnly: false },
    ];
    const { cases, worker, taskQueue, input } = await start({ issuedAt: issuedInForce(now, ruleSet, ZONE), impacted });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(specialMeasureWorkflow, { taskQueue, workflowId: `special-measure:${input.measureId}`, args: [input] });
      await testEnv().sleep(HOUR);
      const state = await handle.query(specialMeasureStateQuery);
      expect(state.status).toBe('in-force');
      expect(state.impactReviews).toEqual(impacted.map((s) => `special-measure-impact-review:${input.measureId}/${s.subjectType}/${s.subjectId}`));
      const reviews = cases.opened.filter((c) => c.type === 'special-measure-impact-review');
      expect(reviews.map((c) => [c.subjectType, c.subjectId])).toEqual(impacted.map((s) => [s.subjectType, s.subjectId]));
      expect(reviews[1]!.details).toMatchObject({ nearMatchOnly: true, federalRegisterCitation: input.federalRegisterCitation, reach: 'opening' });
      expect(cases.events.find((e) => e.type === 'special-measure.impact-review-opened')?.data).toMatchObject({ reviews: 3 });

      // A handler concludes a review; the measure's case is unaffected.
      const review = testEnv().client.workflow.getHandle(state.impactReviews[1]!);
      const concluded = await review.executeUpdate(decideUpdate, { args: [{ decision: 'conclude', reason: 'a different person of a similar name', params: { outcome: 'not-a-match' }, actor: handler }] });
      expect(concluded.status).toBe('concluded');
      expect(await review.result()).toEqual({ outcome: 'not-a-match', decidedBy: handler.subject });
      await recordHistory(review, 'specialMeasureImpactReviewWorkflow--not-a-match');

      for (const id of [state.impactReviews[0]!, state.impactReviews[2]!]) await testEnv().client.workflow.getHandle(id).terminate('test over');
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', reason: 'test over', actor: legal }] });
      await handle.result();
    });
  });

  it('tells its open impact reviews, of customers and resellers, that it ended: each records it and stays open for its handler to conclude', async () => {
    const now = new Date(await testEnv().currentTimeMs());
    const impacted: ImpactedSubject[] = [
      { subjectType: 'customer', subjectId: randomUUID(), effect: 'review', matchedBy: ['jurisdiction KP'], nearMatchOnly: false },
      { subjectType: 'reseller', subjectId: randomUUID(), effect: 'review', matchedBy: ['jurisdiction KP'], nearMatchOnly: false },
    ];
    const reviewOf = (measureId: string, s: ImpactedSubject) => `special-measure-impact-review:${measureId}/${s.subjectType}/${s.subjectId}`;
    let measureId = '';
    const asked: { fact: string; subjectId: string }[] = [];
    const facts = {
      async openCasesListeningTo(request: { fact: string; subjectId: string }) {
        asked.push({ fact: request.fact, subjectId: request.subjectId });
        const subject = impacted.find((s) => s.subjectId === request.subjectId);
        return subject && request.fact === `special-measure-ended-for-${subject.subjectType}-review` ? [reviewOf(measureId, subject)] : [];
      },
    };
    const { cases, worker, taskQueue, input } = await start({ issuedAt: issuedInForce(now, ruleSet, ZONE), impacted, activities: facts });
    measureId = input.measureId;
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(specialMeasureWorkflow, { taskQueue, workflowId: `special-measure:${input.measureId}`, args: [input] });
      await testEnv().sleep(HOUR);
      const state = await handle.query(specialMeasureStateQuery);
      expect(state.impactReviews).toEqual(impacted.map((s) => reviewOf(input.measureId, s)));
      const reviewCases = cases.opened.filter((c) => c.type === 'special-measure-impact-review');

      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', reason: 'Commerce revoked the determination', actor: legal }] });
      await resultWithoutSkipping(testEnv(), handle);
      const revokedAt = cases.events.find((e) => e.type === 'special-measure.revoked')!.occurredAt;
      expect(asked).toEqual([
        { fact: 'special-measure-ended-for-customer-review', subjectId: impacted[0]!.subjectId },
        { fact: 'special-measure-ended-for-reseller-review', subjectId: impacted[1]!.subjectId },
      ]);
      expect(cases.events.find((e) => e.type === 'special-measure.impact-reviews-told')?.data).toEqual({
        ended: 'revoked',
        reviews: impacted.map((s) => ({ subjectType: s.subjectType, subjectId: s.subjectId, workflowIds: [reviewOf(input.measureId, s)] })),
        cases: 2,
      });
      for (const [i, review] of reviewCases.entries()) {
        const transitions = () => cases.transitions.filter((t) => t.caseId === review.caseId);
        await testEnv().sleep(1_000);
        const ended = transitions().flatMap((t) => t.events ?? []).find((e) => e.type === 'impact-review.measure-ended');
        const subject = impacted[i]!.subjectType === 'customer' ? 'this customer' : 'this reseller';
        const note = `Special measure ${input.measureId} (${input.federalRegisterCitation}) was revoked on ${revokedAt}: it no longer binds ${subject}. The review stays open: nothing has been decided for the handler, who concludes it with what was done while the measure bound (or no action, or not a match).`;
        expect(ended?.data).toEqual({ measureId: input.measureId, federalRegisterCitation: input.federalRegisterCitation, ended: 'revoked', at: revokedAt, note });
        // A fact, not a decision: the review is still open, and says so beside its decision.
        expect(transitions().at(-1)?.status ?? 'open').toBe('open');
        expect(transitions().at(-1)?.details).toMatchObject({ measureEnded: { ended: 'revoked', at: revokedAt, note }, decisionNotes: { conclude: note } });
      }
      const customerReview = testEnv().client.workflow.getHandle(state.impactReviews[0]!);
      const concluded = await customerReview.executeUpdate(decideUpdate, { args: [{ decision: 'conclude', reason: 'the account was never restricted; the measure is gone', params: { outcome: 'no-action' }, actor: handler }] });
      expect(concluded.status).toBe('concluded');
      await customerReview.result();
      await recordHistory(handle, 'specialMeasureWorkflow--impact-reviews-told-when-revoked');
      await recordHistory(customerReview, 'specialMeasureImpactReviewWorkflow--measure-revoked-then-concluded');
      await testEnv().client.workflow.getHandle(state.impactReviews[1]!).terminate('test over');
    });
  });

  it("tells a pending application's identification case that the prohibition binds its opening, deciding nothing, and tells it again when the measure is revoked", async () => {
    const now = new Date(await testEnv().currentTimeMs());
    const customerId = `cust-${randomUUID()}`;
    const accountId = `acct-${randomUUID()}`;
    const identificationWorkflowId = `customer-identification:${accountId}`;
    const impacted: ImpactedSubject[] = [
      { subjectType: 'customer', subjectId: customerId, effect: 'refuse', matchedBy: ['jurisdiction KP'], nearMatchOnly: false, pendingApplication: true },
      // An account already open is only reviewed, and a near match on name never binds an opening: neither is told.
      { subjectType: 'customer', subjectId: randomUUID(), effect: 'review', matchedBy: ['jurisdiction KP'], nearMatchOnly: false, pendingApplication: false },
      { subjectType: 'customer', subjectId: randomUUID(), effect: 'review', matchedBy: ['near name match (similarity 0.9)'], nearMatchOnly: true, pendingApplication: true },
    ];
    const customers = customerMocks({ classification: foreignEntityWithTwoOwners });
    const asked: { fact: string; subjectId: string }[] = [];
    const facts = {
      async openCasesListeningTo(input: { fact: string; subjectId: string }) {
        asked.push({ fact: input.fact, subjectId: input.subjectId });
        return input.subjectId === customerId ? [identificationWorkflowId] : [];
      },
    };
    const { cases, worker, taskQueue, input } = await start({ issuedAt: issuedInForce(now, ruleSet, ZONE), impacted, activities: { ...customers.activities, ...facts } });
    const identificationCaseId = randomUUID();
    const identificationEvents = () => cases.transitions.filter((t) => t.caseId === identificationCaseId).flatMap((t) => t.events ?? []);
    const identificationDetails = () => cases.transitions.filter((t) => t.caseId === identificationCaseId).at(-1)?.details ?? {};
    await worker.runUntil(async () => {
      const application = await testEnv().client.workflow.start(customerIdentificationWorkflow, {
        taskQueue,
        workflowId: identificationWorkflowId,
        args: [{ caseId: identificationCaseId, customerId, accountId, ruleSetId: ruleSet.id, timeZone: ZONE, openedBy: handler.subject }],
      });
      await testEnv().sleep('1 minute');
      expect((await application.query(customerIdentificationStateQuery)).status).toBe('awaiting-verification');

      const handle = await testEnv().client.workflow.start(specialMeasureWorkflow, { taskQueue, workflowId: `special-measure:${input.measureId}`, args: [input] });
      await testEnv().sleep(HOUR);
      expect((await handle.query(specialMeasureStateQuery)).status).toBe('in-force');
      const reviewCaseId = cases.opened.find((c) => c.type === 'special-measure-impact-review' && c.subjectId === customerId)!.caseId;

      // Only the pending application the prohibition binds is told.
      expect(asked).toEqual([{ fact: 'special-measure-applies', subjectId: customerId }]);
      const applies = identificationEvents().find((e) => e.type === 'special-measure.applies')!;
      expect(applies.data).toMatchObject({ measureId: input.measureId, federalRegisterCitation: input.federalRegisterCitation, effect: 'refuse', matchedBy: ['jurisdiction KP'], impactReviewCaseId: reviewCaseId });
      expect(String(applies.data!.note)).toContain('an open, open-interim or monitor decision will be refused');
      // A fact, not a decision: the case still waits for its handler.
      expect((await application.query(customerIdentificationStateQuery)).status).toBe('awaiting-verification');
      expect(identificationEvents().map((e) => e.type)).not.toContain('decision.accepted');
      expect(customers.world.accountStatuses).toEqual([]);
      const details = identificationDetails();
      expect(details.specialMeasuresApplying).toEqual([expect.objectContaining({ measureId: input.measureId, effect: 'refuse', impactReviewCaseId: reviewCaseId })]);
      expect(details.decisionNotes).toEqual({
        open: expect.stringContaining(`${input.measureId} (${input.federalRegisterCitation}) in force prohibits opening`),
        'open-interim': expect.stringContaining('will be refused'),
        monitor: expect.stringContaining('will be refused'),
      });
      expect(cases.events.find((e) => e.type === 'special-measure.applications-told')?.data).toEqual({
        fact: 'special-measure-applies',
        applications: [{ customerId, effect: 'refuse', workflowIds: [identificationWorkflowId] }],
        cases: 1,
      });

      for (const review of (await handle.query(specialMeasureStateQuery)).impactReviews) await testEnv().client.workflow.getHandle(review).terminate('test over');
      // Revoked before the opening: the case hears that the prohibition no longer binds it.
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', reason: 'Commerce revoked the determination', actor: legal }] });
      await resultWithoutSkipping(testEnv(), handle);
      const lifted = identificationEvents().find((e) => e.type === 'special-measure.no-longer-applies')!;
      expect(lifted.data).toMatchObject({ measureId: input.measureId, federalRegisterCitation: input.federalRegisterCitation, ended: 'revoked', conditionsLifted: [] });
      expect(identificationDetails()).not.toHaveProperty('decisionNotes');
      expect(identificationDetails()).not.toHaveProperty('specialMeasuresApplying');
      expect(identificationDetails().specialMeasuresLifted).toEqual([expect.objectContaining({ measureId: input.measureId, ended: 'revoked' })]);
      expect(asked.filter((a) => !a.fact.endsWith('-review')).at(-1)).toEqual({ fact: 'special-measure-ended', subjectId: customerId });
      expect(cases.events.filter((e) => e.type === 'special-measure.applications-told').at(-1)?.data).toMatchObject({ fact: 'special-measure-ended', cases: 1 });
      expect((await application.query(customerIdentificationStateQuery)).status).toBe('awaiting-verification');
      await recordHistory(handle, 'specialMeasureWorkflow--told-pending-application-then-revoked');
      await recordHistory(application, 'customerIdentificationWorkflow--told-prohibition-then-lifted');
      await application.terminate('test over');
    });
  });

  it('tells its end also to an application that arrived while it was in force, whose conditions its classification made tasks', async () => {
    const now = new Date(await testEnv().currentTimeMs());
    const customerId = `cust-${randomUUID()}`;
    const accountId = `acct-${randomUUID()}`;
    const identificationWorkflowId = `customer-identification:${accountId}`;
    // Nothing matches when it enters force; the application arrives afterwards.
    const impacted: ImpactedSubject[] = [];
    const customers = customerMocks({ classification: foreignEntityWithTwoOwners });
    const facts = {
      async openCasesListeningTo(request: { fact: string; subjectId: string }) {
        return request.subjectId === customerId ? [identificationWorkflowId] : [];
      },
    };
    const { cases, measure, worker, taskQueue, input } = await start({ issuedAt: issuedInForce(now, ruleSet, ZONE), impacted, activities: { ...customers.activities, ...facts } });
    input.kind = 'conditions';
    const condition = 'no GPU quota above the default';
    const identificationCaseId = randomUUID();
    const identificationTransitions = () => cases.transitions.filter((t) => t.caseId === identificationCaseId);
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(specialMeasureWorkflow, { taskQueue, workflowId: `special-measure:${input.measureId}`, args: [input] });
      await testEnv().sleep(HOUR);
      expect((await handle.query(specialMeasureStateQuery)).status).toBe('in-force');
      expect(cases.eventTypes()).not.toContain('special-measure.applications-told');

      const state = await handle.query(specialMeasureStateQuery);
      customers.world.specialMeasures = {
        measureIds: [input.measureId],
        prohibited: false,
        reasons: [],
        findings: [
          {
            measureId: input.measureId,
            effect: 'conditions',
            state: 'in-force',
            kind: 'conditions',
            federalRegisterCitation: input.federalRegisterCitation,
            conditions: [condition],
            implementationDueAt: state.implementationDueAt,
            expiresAt: state.expiresAt,
            matchedBy: ['jurisdiction KP'],
          },
        ],
      };
      const application = await testEnv().client.workflow.start(customerIdentificationWorkflow, {
        taskQueue,
        workflowId: identificationWorkflowId,
        args: [{ caseId: identificationCaseId, customerId, accountId, ruleSetId: ruleSet.id, timeZone: ZONE, openedBy: handler.subject }],
      });
      await testEnv().sleep('1 minute');
      const tasks = [{ measureId: input.measureId, federalRegisterCitation: input.federalRegisterCitation, condition }];
      expect(identificationTransitions().at(-1)?.details).toMatchObject({ specialMeasureTasks: tasks });
      // As of its last instant in force, the measure's scan finds the application pending under it.
      impacted.push({ subjectType: 'customer', subjectId: customerId, effect: 'conditions', matchedBy: ['jurisdiction KP'], nearMatchOnly: false, pendingApplication: true, tasks });

      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'revoke', reason: 'Commerce revoked the determination', actor: legal }] });
      await resultWithoutSkipping(testEnv(), handle);
      expect(measure.calls.impactScans).toBe(2);
      const lifted = identificationTransitions().flatMap((t) => t.events ?? []).find((e) => e.type === 'special-measure.no-longer-applies');
      expect(lifted?.data).toMatchObject({ measureId: input.measureId, ended: 'revoked', conditionsLifted: tasks });
      expect(identificationTransitions().at(-1)?.details).not.toHaveProperty('specialMeasureTasks');
      expect(cases.events.find((e) => e.type === 'special-measure.applications-told')?.data).toMatchObject({ fact: 'special-measure-ended', cases: 1 });
      expect((await application.query(customerIdentificationStateQuery)).status).toBe('awaiting-verification');
      await recordHistory(handle, 'specialMeasureWorkflow--told-end-to-application-classified-under-it');
      await application.terminate('test over');
    });
  });
});
