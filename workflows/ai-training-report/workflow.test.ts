import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { AiTrainingReportActivities, ReportVersionInput, ResellerReferralResult } from '../../activities/ai-training.js';
import { aiTrainingReportSchedule, CURRENT_RULE_SET_ID, getRuleSet } from '../../rules/index.js';
import { recordHistory } from '../../test/helpers/history.js';
import { decide, HANDLER, OTHER_HANDLER, REVIEWER, refusal } from '../../test/helpers/update.js';
import { caseProjectionRecorder, createTestWorker, resultWithoutSkipping, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { resellerOversightWorkflowId, workflowIdFor } from '../ids.js';
import { aiTrainingReportStateQuery, resellerReportDeliveredSignal, type AiTrainingReportInput, type ReportContents } from './messages.js';
import { resellerTerminationStateQuery } from '../reseller-termination/messages.js';
import { resellerTerminationWorkflow } from '../reseller-termination/workflow.js';
import { aiTrainingReportWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();
const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
const DAY = 24 * 60 * 60 * 1000;
const timeZone = 'America/New_York';

const completeRecords: ReportContents = {
  contactInfoRef: 'vault-contact-1',
  paymentInfoRef: 'vault-payment-1',
  estimatedOperations: '3e26',
  operationsPeriod: { start: '2026-01-01T00:00:00Z', end: '2026-03-01T00:00:00Z' },
  modelName: 'Aurora-XL',
  cybersecurityPractices: 'Hardware keys for administrators; weights encrypted at rest',
};

/** Mock activities: the case projection, and the report versions as PostgreSQL would hold them. */
function mocks() {
  const cases = caseProjectionRecorder();
  const versions: ReportVersionInput[] = [];
  const approvals: Parameters<AiTrainingReportActivities['recordReportApproval']>[0][] = [];
  const filings: Parameters<AiTrainingReportActivities['recordReportFiling']>[0][] = [];
  const referrals: Parameters<AiTrainingReportActivities['referResellerToOversight']>[0][] = [];
  /** What the oversight record answers a referral with; by default it opens the reseller's case. */
  const oversight: { answer: (input: Parameters<AiTrainingReportActivities['referResellerToOversight']>[0]) => ResellerReferralResult; listening: string[] } = {
    answer: (input) => {
      const caseId = `oversight-case-${input.referralId}`;
      const start = { caseId, resellerId: input.resellerId, evidenceId: input.referralId, ruleSetId: input.ruleSetId, timeZone: input.timeZone, openedBy: input.referredBy, openedAt: input.referredAt };
      return { outcome: 'opened', evidenceId: input.referralId, caseId, workflowId: resellerOversightWorkflowId(input.resellerId, input.referralId), start };
    },
    listening: [],
  };
  const reports: AiTrainingReportActivities = {
    async recordReportVersion(input) {
      versions.push(input);
    },
    async recordReportApproval(input) {
      approvals.push(input);
    },
    async recordReportFiling(input) {
      filings.push(input);
    },
    async referResellerToOversight(input) {
      referrals.push(input);
      return oversight.answer(input);
    },
  };
  const facts = {
    async openCasesListeningTo(input: { fact: string }) {
      return input.fact === 'noncompliance-evidence-added' ? oversight.listening : [];
    },
  };
  // The reseller's oversight case, when it runs on this worker, sets the reseller's status.
  const resellers = {
    async setResellerStatus() {},
  };
  return { cases, versions, approvals, filings, referrals, oversight, activities: { ...cases.activities, ...reports, ...facts, ...resellers } };
}

async function start(
  m: ReturnType<typeof mocks>,
  options: { route: 'direct' | 'through-reseller'; knowledgeAfterDays?: number; providerRecords?: ReportContents },
) {
  const { worker, taskQueue } = await createTestWorker(testEnv(), m.activities);
  const now = await testEnv().currentTimeMs();
  const transactionAt = new Date(now);
  const knowledgeAt = options.knowledgeAfterDays === undefined ? undefined : new Date(now + options.knowledgeAfterDays * DAY);
  const reference = `txn-${randomUUID()}`;
  const input: AiTrainingReportInput = {
    caseId: randomUUID(),
    transactionId: randomUUID(),
    transactionReference: reference,
    route: options.route,
    ...(options.route === 'through-reseller' ? { resellerId: randomUUID() } : {}),
    transactionAt: transactionAt.toISOString(),
    ...(knowledgeAt ? { knowledgeAt: knowledgeAt.toISOString() } : {}),
    providerRecords: options.providerRecords ?? completeRecords,
    covered: true,
    changedArrangement: false,
    ruleSetId: ruleSet.id,
    timeZone,
    openedBy: HANDLER.subject,
  };
  const schedule = aiTrainingReportSchedule({ ruleSet, timeZone, route: options.route, transactionAt, ...(knowledgeAt ? { knowledgeAt } : {}) });
  return { worker, taskQueue, input, schedule, transactionAt, workflowId: workflowIdFor('ai-training-report', reference) };
}

/** Sleeps the test server's clock until `at` (plus a minute). */
async function sleepUntil(at: Date | number) {
  const target = typeof at === 'number' ? at : at.getTime();
  const wait = target - (await testEnv().currentTimeMs());
  if (wait > 0) await testEnv().sleep(wait + 60_000);
}

/** Submit (handler), approve (a reviewer), file (handler): the four-eyes path to a filing. */
async function submitApproveFile(handle: WorkflowHandle, filingReceipt: string) {
  await decide(handle, 'submit-for-approval', HANDLER);
  await testEnv().sleep('1 hour');
  await decide(handle, 'approve', REVIEWER);
  await testEnv().sleep('1 hour');
  return decide(handle, 'file', HANDLER, { params: { filingReceipt } });
}

describe('aiTrainingReportWorkflow, direct (the provider\'s own customer)', () => {
  it('files on day 14: draft from the provider\'s records, complete, approved by a second person, filed on time with the receipt', async () => {
    const m = mocks();
    const { worker, taskQueue, input, schedule, workflowId } = await start(m, { route: 'direct' });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      // Day 14 after the transaction (its own day is not counted): the last reminder, a day before the due date, has gone.
      await sleepUntil(schedule.filing.dueAt.getTime() - 1.5 * DAY);
      const before = await handle.query(aiTrainingReportStateQuery);
      expect(before.status).toBe('drafting');
      expect(before.filing.dueAt).toBe(schedule.filing.dueAt.toISOString());
      expect(before.versions).toHaveLength(1);
      expect(before.versions[0]).toMatchObject({ version: 1, kind: 'provider-draft', source: 'provider-records', complete: true });

      // Four-eyes: the submitter may not approve, nor may a handler.
      await decide(handle, 'submit-for-approval', HANDLER);
      await testEnv().sleep('1 hour');
      expect(await refusal(decide(handle, 'approve', OTHER_HANDLER))).toMatchObject({ type: 'cipdesk.decision.forbidden' });
      expect(await refusal(decide(handle, 'file', HANDLER, { params: { filingReceipt: 'BIS-1' } }))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      await decide(handle, 'approve', REVIEWER);
      await testEnv().sleep('1 hour');
      const filed = await decide(handle, 'file', HANDLER, { params: { filingReceipt: 'BIS-AI-2026-0001' } });
      expect(filed.status).toBe('filed');

      const state = await handle.query(aiTrainingReportStateQuery);
      expect(state.breached).toBe(false);
      expect(state.versions[0]).toMatchObject({ filingReceipt: 'BIS-AI-2026-0001', filedOnTime: true, approvedBy: REVIEWER.subject, filedBy: HANDLER.subject });
      expect(m.filings).toEqual([expect.objectContaining({ versionId: state.versions[0]!.id, filingReceipt: 'BIS-AI-2026-0001', filedOnTime: true })]);
      expect(m.approvals).toEqual([expect.objectContaining({ versionId: state.versions[0]!.id, approvedBy: REVIEWER.subject })]);
      expect(m.versions).toEqual([expect.objectContaining({ id: state.versions[0]!.id, version: 1, caseId: input.caseId, transactionId: input.transactionId, complete: true })]);
      const types = m.cases.eventTypes();
      expect(types[0]).toBe('case.opened');
      expect(types).toContain('report.version-recorded');
      expect(types.filter((t) => t === 'deadline.reminder').length).toBe(3);
      expect(types.slice(-1)).toEqual(['report.filed']);
      expect(types).toContain('approval.requested');
      expect(types).not.toContain('deadline.missed');
      expect(m.cases.opened[0]).toMatchObject({ type: 'ai-training-report', subjectType: 'ai-training-transaction', subjectId: input.transactionId, dueAt: schedule.filing.dueAt.toISOString() });
      expect(m.cases.transitions.at(-1)).toMatchObject({ status: 'filed', dueAt: null });

      await decide(handle, 'close', HANDLER);
      const final = await handle.result();
      expect(final.status).toBe('closed');
    });
  });

  it('runs the clock from knowledge when the provider learned of the transaction later', async () => {
    const m = mocks();
    const { worker, taskQueue, input, schedule, transactionAt, workflowId } = await start(m, { route: 'direct', knowledgeAfterDays: 10 });
    expect(schedule.filing.flags).toContain('clock-started-at-knowledge');
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      // Day 20 after the transaction is past 15 days from it, but within 15 of knowledge.
      await sleepUntil(transactionAt.getTime() + 20 * DAY);
      await submitApproveFile(handle, 'BIS-AI-KNOW');
      const state = await handle.query(aiTrainingReportStateQuery);
      expect(state.filing.dueAt).toBe(schedule.filing.dueAt.toISOString());
      expect(state.filing.explanation.join(' ')).toContain('the clock starts at knowledge');
      expect(state.versions[0]?.filedOnTime).toBe(true);
      expect(state.breached).toBe(false);
    });
  });

  it('keeps a breach visible: the deadline passes, the late filing is recorded as late', async () => {
    const m = mocks();
    const { worker, taskQueue, input, schedule, workflowId } = await start(m, { route: 'direct', providerRecords: { ...completeRecords, modelName: undefined } });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      await testEnv().sleep('1 day');
      // The draft lacks the model's name: it cannot be submitted.
      expect(await refusal(decide(handle, 'submit-for-approval', HANDLER))).toMatchObject({
        type: 'cipdesk.decision.wrong_state',
        message: expect.stringContaining('modelName is missing'),
      });
      await sleepUntil(schedule.filing.dueAt);
      const breached = await handle.query(aiTrainingReportStateQuery);
      expect(breached.breached).toBe(true);
      expect(breached.status).toBe('drafting');
      expect(m.cases.events.find((e) => e.type === 'deadline.missed')?.data).toMatchObject({ breach: true, dueAt: schedule.filing.dueAt.toISOString() });
      expect(m.cases.transitions.at(-1)?.details).toMatchObject({ breached: true });

      await decide(handle, 'revise-draft', HANDLER, { params: { modelName: 'Aurora-XL' } });
      await testEnv().sleep('1 hour');
      await submitApproveFile(handle, 'BIS-AI-LATE');
      const state = await handle.query(aiTrainingReportStateQuery);
      expect(state.versions.map((v) => [v.version, v.complete])).toEqual([[1, false], [2, true]]);
      expect(state.versions[1]).toMatchObject({ filedOnTime: false, filingReceipt: 'BIS-AI-LATE' });
      expect(state.breached).toBe(true);
      expect(m.cases.transitions.at(-1)?.details).toMatchObject({ breached: true, filedOnTime: false, filingReceipt: 'BIS-AI-LATE' });
    });
  });

  it('files an amendment as its own version with its own filing record', async () => {
    const m = mocks();
    const { worker, taskQueue, input, workflowId } = await start(m, { route: 'direct' });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      await testEnv().sleep('2 days');
      await submitApproveFile(handle, 'BIS-AI-ORIG');
      await testEnv().sleep('20 days');
      expect(await refusal(decide(handle, 'amend', HANDLER))).toMatchObject({ type: 'cipdesk.decision.invalid', message: 'reason is required for this decision' });
      await decide(handle, 'amend', HANDLER, { reason: 'The customer revised its operations estimate' });
      await testEnv().sleep('1 hour');
      await decide(handle, 'revise-draft', HANDLER, { params: { estimatedOperations: '4.5e26' } });
      await testEnv().sleep('1 hour');
      await submitApproveFile(handle, 'BIS-AI-AMEND-1');
      const state = await handle.query(aiTrainingReportStateQuery);
      const [original, started, revised] = state.versions;
      expect(original).toMatchObject({ kind: 'provider-draft', filingReceipt: 'BIS-AI-ORIG', filedOnTime: true });
      expect(started).toMatchObject({ kind: 'amendment', amendsVersionId: original!.id });
      expect(revised).toMatchObject({ kind: 'amendment', amendsVersionId: original!.id, filingReceipt: 'BIS-AI-AMEND-1', contents: { estimatedOperations: '4.5e26' } });
      expect(revised?.filedOnTime).toBeUndefined();
      expect(state.filedVersionId).toBe(revised!.id);
      expect(m.filings.map((f) => f.filingReceipt)).toEqual(['BIS-AI-ORIG', 'BIS-AI-AMEND-1']);
      expect(m.cases.eventTypes()).toEqual(expect.arrayContaining(['report.filed', 'report.amendment-started', 'report.amendment-filed']));
      expect(await refusal(decide(handle, 'refer-reseller', HANDLER, { reason: 'late' }))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      await recordHistory(handle, 'aiTrainingReportWorkflow--filed-then-amended');
    });
  });
});

describe('aiTrainingReportWorkflow, through a foreign reseller', () => {
  it('takes a reseller report that arrives on time and files it', async () => {
    const m = mocks();
    const { worker, taskQueue, input, schedule, transactionAt, workflowId } = await start(m, { route: 'through-reseller' });
    if (schedule.route !== 'through-reseller') throw new Error('expected the reseller route');
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      await sleepUntil(transactionAt.getTime() + 10 * DAY);
      const waiting = await handle.query(aiTrainingReportStateQuery);
      expect(waiting.status).toBe('awaiting-reseller-report');
      expect(waiting.resellerReport?.dueAt).toBe(schedule.resellerReport.dueAt.toISOString());
      expect(waiting.resellerReport?.remindersSent.length).toBeGreaterThan(0);
      const receivedAt = new Date(await testEnv().currentTimeMs()).toISOString();
      await handle.signal(resellerReportDeliveredSignal, { resellerReportReference: 'RR-1', receivedAt, contents: completeRecords, recordedBy: HANDLER.subject });
      // A repeated delivery of the same report is ignored.
      await handle.signal(resellerReportDeliveredSignal, { resellerReportReference: 'RR-1', receivedAt, contents: completeRecords, recordedBy: HANDLER.subject });
      await testEnv().sleep('1 hour');
      const drafted = await handle.query(aiTrainingReportStateQuery);
      expect(drafted.status).toBe('drafting');
      expect(drafted.versions).toHaveLength(1);
      expect(drafted.versions[0]).toMatchObject({ kind: 'reseller-submission', source: 'reseller-report', complete: true, resellerReportReference: 'RR-1' });
      expect(drafted.resellerReport).toMatchObject({ receivedAt, onTime: true });
      await submitApproveFile(handle, 'BIS-AI-RESELLER');
      // Skip past both deadlines: nothing escalates, no breach.
      await sleepUntil(schedule.filing.dueAt);
      const state = await handle.query(aiTrainingReportStateQuery);
      expect(state.status).toBe('filed');
      expect(state.versions[0]).toMatchObject({ filedOnTime: true, filingReceipt: 'BIS-AI-RESELLER' });
      expect(state.escalatedTo).toBeUndefined();
      expect(m.cases.eventTypes()).not.toContain('case.escalated');
      expect(m.cases.eventTypes()).not.toContain('deadline.missed');
      expect(m.cases.eventTypes().filter((t) => t === 'reseller.report-received')).toHaveLength(1);
    });
  });

  it('escalates a late reseller, prepares the filing from the provider\'s own records, and files by day 30', async () => {
    const m = mocks();
    const { worker, taskQueue, input, schedule, transactionAt, workflowId } = await start(m, {
      route: 'through-reseller',
      // The provider's records lack the reseller's customer's contact information.
      providerRecords: { ...completeRecords, contactInfoRef: undefined },
    });
    if (schedule.route !== 'through-reseller') throw new Error('expected the reseller route');
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      await sleepUntil(schedule.resellerReport.dueAt);
      const overdue = await handle.query(aiTrainingReportStateQuery);
      expect(overdue.status).toBe('reseller-overdue');
      expect(overdue.escalatedTo).toBe('compliance-lead');
      expect(m.cases.eventTypes()).toEqual(expect.arrayContaining(['reseller.reminder', 'reseller.deadline-missed', 'case.escalated']));
      expect(m.cases.events.find((e) => e.type === 'case.escalated')?.data).toMatchObject({ to: 'compliance-lead' });

      await sleepUntil(schedule.ownRecordsFrom.at);
      const preparing = await handle.query(aiTrainingReportStateQuery);
      expect(preparing.status).toBe('preparing-from-own-records');
      expect(preparing.versions).toEqual([expect.objectContaining({ kind: 'provider-draft', source: 'provider-records', complete: false })]);
      expect(m.cases.events.find((e) => e.type === 'own-records.preparation-started')?.data).toMatchObject({ from: schedule.ownRecordsFrom.at.toISOString() });

      await decide(handle, 'revise-draft', HANDLER, { params: { contactInfoRef: 'vault-contact-from-billing' } });
      await testEnv().sleep('1 hour');
      expect((await handle.query(aiTrainingReportStateQuery)).status).toBe('preparing-from-own-records');
      await sleepUntil(transactionAt.getTime() + 27 * DAY);
      await submitApproveFile(handle, 'BIS-AI-OWN');
      const state = await handle.query(aiTrainingReportStateQuery);
      expect(state.versions[1]).toMatchObject({ source: 'provider-records', complete: true, filedOnTime: true, filingReceipt: 'BIS-AI-OWN' });
      expect(state.breached).toBe(false);

      // The reseller's report arrives after the filing: kept as a version, the filed one stays.
      await handle.signal(resellerReportDeliveredSignal, {
        resellerReportReference: 'RR-LATE',
        receivedAt: new Date(await testEnv().currentTimeMs()).toISOString(),
        contents: completeRecords,
        recordedBy: HANDLER.subject,
      });
      await testEnv().sleep('1 hour');
      const after = await handle.query(aiTrainingReportStateQuery);
      expect(after.status).toBe('filed');
      expect(after.filedVersionId).toBe(state.versions[1]!.id);
      expect(after.versions[2]).toMatchObject({ kind: 'reseller-submission', resellerReportReference: 'RR-LATE' });
      expect(after.resellerReport?.onTime).toBe(false);
      await recordHistory(handle, 'aiTrainingReportWorkflow--late-reseller-own-records');
    });
  });

  it('sends a failing reseller into its oversight and termination case by a handler decision', async () => {
    const m = mocks();
    const { worker, taskQueue, input, schedule, workflowId } = await start(m, { route: 'through-reseller' });
    if (schedule.route !== 'through-reseller') throw new Error('expected the reseller route');
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      await sleepUntil(schedule.resellerReport.dueAt);
      expect(await refusal(decide(handle, 'refer-reseller', HANDLER))).toMatchObject({ type: 'cipdesk.decision.invalid' });
      await decide(handle, 'refer-reseller', HANDLER, { reason: 'Third late report this year; ignored our reminders' });
      await testEnv().sleep('1 hour');
      // The referral is recorded against the reseller, and its oversight case started once.
      expect(m.referrals).toEqual([
        expect.objectContaining({ resellerId: input.resellerId, reportCaseId: input.caseId, transactionReference: input.transactionReference, reason: 'Third late report this year; ignored our reminders', referredBy: HANDLER.subject }),
      ]);
      const { referralId } = m.referrals[0]!;
      const oversightWorkflowId = resellerOversightWorkflowId(input.resellerId!, referralId);
      const child = await testEnv().client.workflow.getHandle(oversightWorkflowId).describe();
      expect(child.type).toBe('resellerTerminationWorkflow');
      expect(child.parentExecution?.workflowId).toBe(workflowId);
      const state = await handle.query(aiTrainingReportStateQuery);
      expect(state.referredForTermination).toMatchObject({
        by: HANDLER.subject,
        reason: 'Third late report this year; ignored our reminders',
        outcome: 'opened',
        terminationCaseStarted: true,
        terminationCaseId: `oversight-case-${referralId}`,
        terminationWorkflowId: oversightWorkflowId,
      });
      expect(m.cases.events.find((e) => e.type === 'reseller.referred-for-termination')?.data).toEqual({
        resellerId: input.resellerId,
        reason: 'Third late report this year; ignored our reminders',
        outcome: 'opened',
        terminationCaseStarted: true,
        terminationCaseId: `oversight-case-${referralId}`,
        terminationWorkflowId: oversightWorkflowId,
        evidenceId: referralId,
      });
      expect(m.cases.transitions.at(-1)?.details).toMatchObject({ referredForTermination: true, terminationCaseId: `oversight-case-${referralId}` });
      expect(await refusal(decide(handle, 'refer-reseller', HANDLER, { reason: 'again' }))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      await decide(handle, 'withdraw', HANDLER, { reason: 'Transaction cancelled before any training took place' });
      expect((await resultWithoutSkipping(testEnv(), handle)).status).toBe('withdrawn');
      // The oversight case outlives the report case; it is ended here only so the test server can skip time again.
      expect((await testEnv().client.workflow.getHandle(oversightWorkflowId).describe()).status.name).toBe('RUNNING');
      await recordHistory(handle, 'aiTrainingReportWorkflow--reseller-referred-to-oversight');
      await testEnv().client.workflow.getHandle(oversightWorkflowId).terminate('end of test');
    });
  });

  it('adds the referral to the reseller’s open oversight case, which hears of it, or records that a terminated reseller cannot be referred', async () => {
    const m = mocks();
    const { worker, taskQueue, input, schedule, workflowId } = await start(m, { route: 'through-reseller' });
    if (schedule.route !== 'through-reseller') throw new Error('expected the reseller route');
    // An oversight case of the reseller is open already: a workflow listening to new evidence.
    const openCase = { workflowId: resellerOversightWorkflowId(input.resellerId!, 'opening-evidence'), caseId: 'open-oversight-case' };
    m.oversight.listening = [openCase.workflowId];
    m.oversight.answer = (referral) => ({
      outcome: 'added',
      evidenceId: referral.referralId,
      caseId: openCase.caseId,
      workflowId: openCase.workflowId,
      start: { caseId: openCase.caseId, resellerId: referral.resellerId, evidenceId: 'opening-evidence', ruleSetId: referral.ruleSetId, timeZone, openedBy: 'lena.legal', openedAt: referral.referredAt },
    });
    await worker.runUntil(async () => {
      const openingInput = { caseId: openCase.caseId, resellerId: input.resellerId!, evidenceId: 'opening-evidence', ruleSetId: ruleSet.id, timeZone, openedBy: 'lena.legal', openedAt: input.transactionAt };
      const open = await testEnv().client.workflow.start(resellerTerminationWorkflow, { taskQueue, workflowId: openCase.workflowId, args: [openingInput] });
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue, workflowId, args: [input] });
      await testEnv().sleep('1 hour');
      await decide(handle, 'refer-reseller', HANDLER, { reason: 'Reports keep arriving late' });
      await testEnv().sleep('1 minute');
      const { referralId } = m.referrals[0]!;
      // The open case heard of the referral as new evidence; it was not started a second time.
      expect((await open.query(resellerTerminationStateQuery)).evidenceIds).toEqual(['opening-evidence', referralId]);
      const evidenceAdded = m.cases.transitions.filter((t) => t.caseId === openCase.caseId).flatMap((t) => t.events ?? []).find((e) => e.type === 'evidence.added');
      expect(evidenceAdded).toMatchObject({ actor: HANDLER.subject, data: { evidenceId: referralId } });
      expect((await open.describe()).parentExecution).toBeUndefined();
      expect((await handle.query(aiTrainingReportStateQuery)).referredForTermination).toMatchObject({ outcome: 'added', terminationCaseStarted: true, terminationCaseId: openCase.caseId });
      await decide(handle, 'withdraw', HANDLER, { reason: 'done' });
      expect((await resultWithoutSkipping(testEnv(), handle)).status).toBe('withdrawn');
      // The open oversight case outlives the report case; ended here only so the test server can skip time again.
      expect((await open.describe()).status.name).toBe('RUNNING');
      await open.terminate('end of test');
    });

    const terminated = mocks();
    terminated.oversight.answer = () => ({ outcome: 'reseller-terminated' });
    const second = await start(terminated, { route: 'through-reseller' });
    await second.worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(aiTrainingReportWorkflow, { taskQueue: second.taskQueue, workflowId: second.workflowId, args: [second.input] });
      await testEnv().sleep('1 hour');
      await decide(handle, 'refer-reseller', HANDLER, { reason: 'Reports keep arriving late' });
      expect(terminated.cases.events.find((e) => e.type === 'reseller.referred-for-termination')?.data).toEqual({
        resellerId: second.input.resellerId,
        reason: 'Reports keep arriving late',
        outcome: 'reseller-terminated',
        terminationCaseStarted: false,
      });
      await decide(handle, 'withdraw', HANDLER, { reason: 'done' });
      await handle.result();
    });
  });
});
