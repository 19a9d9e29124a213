// A foreign person's covered large-AI-model training transaction must be reported to Commerce.
// The workflow owns the clocks the rule set computes (rules/ai-training-report.ts):
// - directly (the provider's own customer): the provider files within its period of the
//   transaction, or of its knowledge if later;
// - through a foreign reseller: the reseller owes the provider its report first (reminders to
//   the reseller; at its deadline the case escalates to the provider's compliance lead); when
//   the report has still not arrived with the CIP policy's margin left, the provider prepares
//   the filing from its own records; the provider's own deadline runs from the transaction.
// Either way the report is drafted as versions, checked against the required contents,
// approved by a second person and filed with Commerce's receipt. A missed filing deadline is a
// breach that stays on the case. A filed report can be amended: a new version, filed again.
import { allHandlersFinished, condition, patched, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { AiTrainingReportActivities } from '../../activities/ai-training.js';
import {
  aiTrainingReportSchedule,
  checkAiTrainingReportContents,
  getRuleSet,
  reminderInstants,
  type Deadline,
} from '../../rules/index.js';
import {
  CaseDeadline,
  CaseRecorder,
  databaseActivities,
  FourEyes,
  handleDecisions,
  isRuleInputError,
  noncomplianceEvidenceAddedFact,
  openRefusedCase,
  recordRefusedFact,
  refuseInvalid,
  refuseWrongState,
  startChildOnce,
  tellOpenCases,
  tryRules,
  type CaseEventDraft,
} from '../kit/index.js';
import { resellerTerminationWorkflow } from '../reseller-termination/workflow.js';
import { aiTrainingReportCase } from './case-type.js';
import {
  aiTrainingReportStateQuery,
  resellerReportDeliveredSignal,
  type AiTrainingReportInput,
  type AiTrainingReportState,
  type AiTrainingReportStatus,
  type ReportContents,
  type ReportVersionSummary,
  type ResellerReportDelivered,
} from './messages.js';

// Version writes.
const reports = databaseActivities<AiTrainingReportActivities>('30 seconds');

/**
 * Added after the first release: the `refer-reseller` decision opens (or adds to) the reseller's
 * oversight and termination case and links it; before, it was only recorded on the report case.
 */
export const REFER_RESELLER_OPENS_OVERSIGHT = 'refer-reseller-opens-oversight';

/** While the reseller's report is awaited, the ladder may still move the case on. */
const WAITING_FOR_RESELLER: readonly AiTrainingReportStatus[] = ['awaiting-reseller-report', 'reseller-overdue'];
/** Statuses in which a newly arrived report becomes the version being prepared. */
const PREPARING: readonly AiTrainingReportStatus[] = [...WAITING_FOR_RESELLER, 'preparing-from-own-records', 'drafting'];

const summary = (d: Deadline) => ({ dueAt: d.dueAt.toISOString(), dueDate: d.dueDate, explanation: [...d.explanation] });

export async function aiTrainingReportWorkflow(input: AiTrainingReportInput): Promise<AiTrainingReportState> {
  const transactionAt = new Date(input.transactionAt);
  const computed = tryRules(() => {
    const ruleSet = getRuleSet(input.ruleSetId);
    const schedule = aiTrainingReportSchedule({
      ruleSet,
      timeZone: input.timeZone,
      route: input.route,
      transactionAt,
      ...(input.knowledgeAt ? { knowledgeAt: new Date(input.knowledgeAt) } : {}),
    });
    return { ruleSet, schedule };
  });
  if (isRuleInputError(computed)) {
    const subject = { type: 'ai-training-transaction', id: input.transactionId };
    return openRefusedCase({ caseId: input.caseId, caseType: aiTrainingReportCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, computed);
  }
  const { ruleSet, schedule } = computed;
  const state: AiTrainingReportState = {
    caseId: input.caseId,
    status: input.route === 'direct' ? 'drafting' : 'awaiting-reseller-report',
    route: input.route,
    filing: summary(schedule.filing),
    versions: [],
    breached: false,
    remindersSent: [],
  };
  if (schedule.route === 'through-reseller') {
    state.resellerReport = { ...summary(schedule.resellerReport), remindersSent: [] };
    state.ownRecordsFrom = { at: schedule.ownRecordsFrom.at.toISOString(), date: schedule.ownRecordsFrom.date, explanation: [...schedule.ownRecordsFrom.explanation] };
  }
  const versionById = (id: string | undefined) => state.versions.find((v) => v.id === id);
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: aiTrainingReportCase,
    state,
    details: () => {
      const current = versionById(state.currentVersionId);
      const filed = versionById(state.filedVersionId);
      return {
        transactionReference: input.transactionReference,
        route: input.route,
        ...(input.resellerId ? { resellerId: input.resellerId } : {}),
        covered: input.covered,
        ...(input.belowThresholdReason ? { belowThresholdReason: input.belowThresholdReason } : {}),
        changedArrangement: input.changedArrangement,
        filingDueDate: state.filing.dueDate,
        // Each clock's instant and explanation, so that legal's history shows each under its own
        // citation (the case's due date is only the next one). Activity input only: no command changes.
        filingDueAt: state.filing.dueAt,
        deadlineExplanation: state.filing.explanation,
        ...(state.resellerReport
          ? {
              resellerReportDueDate: state.resellerReport.dueDate,
              resellerReportDueAt: state.resellerReport.dueAt,
              resellerReportExplanation: state.resellerReport.explanation,
              resellerReportReceivedAt: state.resellerReport.receivedAt ?? null,
            }
          : {}),
        ...(state.ownRecordsFrom ? { ownRecordsFrom: state.ownRecordsFrom.at } : {}),
        ...(state.escalatedTo ? { escalatedTo: state.escalatedTo } : {}),
        breached: state.breached,
        ...(current ? { currentVersion: current.version, currentVersionComplete: current.complete } : {}),
        ...(filed ? { filedVersion: filed.version, filingReceipt: filed.filingReceipt, filedOnTime: filed.filedOnTime ?? null } : {}),
        ...(state.referredForTermination ? { referredForTermination: true } : {}),
        ...(state.referredForTermination?.terminationCaseId ? { terminationCaseId: state.referredForTermination.terminationCaseId } : {}),
      };
    },
  });
  const fourEyes = new FourEyes(recorder, 'awaiting-approval');
  const filingClock = new CaseDeadline(recorder, ruleSet, schedule.filing);
  state.remindersSent = filingClock.remindersSent;
  let amending = false;
  const seenResellerReports = new Set<string>();

  setHandler(aiTrainingReportStateQuery, () => state);

  /** A new version: checked against the required contents, written, then recorded on the case. */
  async function addVersion(options: {
    kind: ReportVersionSummary['kind'];
    source: ReportVersionSummary['source'];
    contents: ReportContents;
    actor: string;
    at: Date;
    status?: AiTrainingReportStatus;
    makeCurrent: boolean;
    resellerReportReference?: string;
    also?: CaseEventDraft[];
  }): Promise<ReportVersionSummary> {
    const check = checkAiTrainingReportContents(options.contents, ruleSet);
    const version: ReportVersionSummary = {
      id: uuid4(),
      version: state.versions.length + 1,
      kind: options.kind,
      source: options.source,
      contents: options.contents,
      complete: check.complete,
      missing: check.missing.map((m) => ({ ...m })),
      completenessExplanation: [...check.explanation],
      amendsVersionId: options.kind === 'amendment' ? (state.filedVersionId ?? null) : null,
      createdAt: options.at.toISOString(),
      createdBy: options.actor,
      ...(options.resellerReportReference ? { resellerReportReference: options.resellerReportReference } : {}),
    };
    state.versions.push(version);
    if (options.makeCurrent) state.currentVersionId = version.id;
    await reports.recordReportVersion({
      id: version.id,
      transactionId: input.transactionId,
      caseId: input.caseId,
      version: version.version,
      kind: version.kind,
      source: version.source,
      contents: version.contents,
      complete: version.complete,
      completeness: { missing: version.missing, explanation: version.completenessExplanation },
      amendsVersionId: version.amendsVersionId,
      createdAt: version.createdAt,
      createdBy: version.createdBy,
    });
    await recorder.transition({
      ...(options.status ? { status: options.status } : {}),
      events: [
        ...(options.also ?? []),
        {
          type: 'report.version-recorded',
          actor: options.actor,
          occurredAt: options.at,
          data: { versionId: version.id, version: version.version, kind: version.kind, source: version.source, complete: version.complete, missing: version.missing },
        },
      ],
    });
    return version;
  }

  handleDecisions(aiTrainingReportCase, recorder, {
    fourEyes,
    validate: (request) => {
      switch (request.decision) {
        case 'submit-for-approval': {
          const current = versionById(state.currentVersionId);
          if (!current) refuseWrongState('there is no report version to submit yet: revise the draft first');
          if (!current.complete) {
            refuseWrongState(`version ${current.version} is not complete: ${current.missing.map((m) => m.reason).join('; ')}`);
          }
          return;
        }
        case 'revise-draft': {
          const period = request.params?.operationsPeriod as { start: string; end: string } | undefined;
          if (period && Date.parse(period.start) > Date.parse(period.end)) refuseInvalid('params.operationsPeriod.end', 'must not be before start');
          return;
        }
        case 'file': {
          const filedAt = request.params?.filedAt as string | undefined;
          if (filedAt === undefined) return;
          if (Date.parse(filedAt) > Date.now()) refuseInvalid('params.filedAt', 'must not be in the future');
          const approvedAt = versionById(state.currentVersionId)?.approvedAt;
          if (approvedAt && Date.parse(filedAt) < Date.parse(approvedAt)) refuseInvalid('params.filedAt', 'must not be before the report was approved');
          return;
        }
        case 'refer-reseller':
          if (input.route !== 'through-reseller') refuseWrongState('this transaction is the provider\'s own customer\'s: there is no reseller to refer');
          if (state.referredForTermination) refuseWrongState('the reseller was already referred to oversight and termination from this case');
          return;
        default:
          return;
      }
    },
    apply: async (request, at) => {
      const actor = request.actor.subject;
      switch (request.decision) {
        case 'revise-draft': {
          const base = versionById(state.currentVersionId)?.contents ?? input.providerRecords;
          const contents: ReportContents = { ...base, ...(request.params as ReportContents) };
          await addVersion({
            kind: amending ? 'amendment' : 'provider-draft',
            source: 'provider-records',
            contents,
            actor,
            at,
            makeCurrent: true,
            // Drafting while the reseller is still awaited keeps the ladder's status visible.
            ...(state.status === 'preparing-from-own-records' || WAITING_FOR_RESELLER.includes(state.status) ? {} : { status: 'drafting' as const }),
          });
          return;
        }
        case 'submit-for-approval': {
          const current = versionById(state.currentVersionId)!;
          await fourEyes.propose(request, at, {
            type: 'report.submitted-for-approval',
            actor,
            occurredAt: at,
            data: { versionId: current.id, version: current.version },
          });
          return;
        }
        case 'approve': {
          const proposal = fourEyes.approve();
          const current = versionById(state.currentVersionId)!;
          current.approvedAt = at.toISOString();
          current.approvedBy = actor;
          await reports.recordReportApproval({ versionId: current.id, approvedAt: current.approvedAt, approvedBy: actor });
          await recorder.transition({
            status: 'approved',
            events: { type: 'report.approved', actor, occurredAt: at, data: { versionId: current.id, version: current.version, submittedBy: proposal.proposedBy } },
          });
          return;
        }
        case 'reject': {
          const current = versionById(state.currentVersionId)!;
          await fourEyes.reject((rejected) => ({
            type: 'report.sent-back',
            actor,
            occurredAt: at,
            data: { versionId: current.id, version: current.version, submittedBy: rejected.proposedBy, reason: request.reason },
          }));
          return;
        }
        case 'file': {
          const current = versionById(state.currentVersionId)!;
          const filedAt = request.params?.filedAt ? new Date(request.params.filedAt as string) : at;
          const amendment = current.kind === 'amendment';
          // An amendment has no deadline of its own; the original filing is judged against the rule set's.
          const onTime = amendment ? undefined : filedAt.getTime() <= schedule.filing.dueAt.getTime();
          current.filedAt = filedAt.toISOString();
          current.filedBy = actor;
          current.filingReceipt = request.params?.filingReceipt as string;
          if (onTime !== undefined) current.filedOnTime = onTime;
          state.filedVersionId = current.id;
          state.currentVersionId = undefined;
          amending = false;
          await reports.recordReportFiling({
            versionId: current.id,
            filedAt: current.filedAt,
            filedBy: actor,
            filingReceipt: current.filingReceipt,
            ...(onTime !== undefined ? { filedOnTime: onTime } : {}),
          });
          await recorder.transition({
            status: 'filed',
            dueAt: null,
            events: {
              type: amendment ? 'report.amendment-filed' : 'report.filed',
              actor,
              occurredAt: at,
              data: {
                versionId: current.id,
                version: current.version,
                source: current.source,
                filingReceipt: current.filingReceipt,
                filedAt: current.filedAt,
                onTime: onTime ?? null,
                ...(amendment ? { amendsVersionId: current.amendsVersionId } : {}),
                breached: state.breached,
              },
            },
          });
          return;
        }
        case 'amend': {
          const filed = versionById(state.filedVersionId)!;
          amending = true;
          await addVersion({
            kind: 'amendment',
            source: filed.source,
            contents: { ...filed.contents },
            actor,
            at,
            makeCurrent: true,
            status: 'drafting',
            also: [{ type: 'report.amendment-started', actor, occurredAt: at, data: { amendsVersionId: filed.id, amendsVersion: filed.version, reason: request.reason } }],
          });
          return;
        }
        case 'refer-reseller': {
          if (patched(REFER_RESELLER_OPENS_OVERSIGHT)) {
            await referReseller(request.reason ?? '', actor, at);
            return;
          }
          // Before the referral opened the oversight case, it was only recorded here.
          state.referredForTermination = { at: at.toISOString(), by: actor, reason: request.reason ?? '', terminationCaseStarted: false };
          await recorder.transition({
            events: {
              type: 'reseller.referred-for-termination',
              actor,
              occurredAt: at,
              data: { resellerId: input.resellerId ?? null, reason: request.reason, terminationCaseStarted: false },
            },
          });
          return;
        }
        case 'withdraw':
          await recorder.transition({ status: 'withdrawn', dueAt: null, events: { type: 'case.withdrawn', actor, occurredAt: at, data: { reason: request.reason } } });
          return;
        case 'close':
          await recorder.transition({ status: 'closed', events: { type: 'case.closed', actor, occurredAt: at, data: { filedVersionId: state.filedVersionId ?? null } } });
          return;
      }
    },
  });

  /**
   * Sends the reseller into its oversight and termination case: the referral is recorded as
   * evidence against the reseller, opening its oversight case (started here, once, as a case of
   * its own that outlives this one) or adding to the open one (which hears of it as a fact);
   * the report case links the oversight case.
   */
  async function referReseller(reason: string, actor: string, at: Date): Promise<void> {
    const referral = await reports.referResellerToOversight({
      referralId: uuid4(),
      resellerId: input.resellerId!,
      reportCaseId: input.caseId,
      transactionReference: input.transactionReference,
      reason,
      referredBy: actor,
      referredAt: at.toISOString(),
      ruleSetId: ruleSet.id,
      timeZone: input.timeZone,
    });
    const linked = referral.outcome === 'opened' || referral.outcome === 'added' ? referral : undefined;
    if (linked) {
      await startChildOnce(resellerTerminationWorkflow, { workflowId: linked.workflowId, args: [linked.start] });
      if (linked.outcome === 'added') {
        const fact = { evidenceId: linked.evidenceId, recordedAt: at.toISOString(), recordedBy: actor };
        await tellOpenCases(noncomplianceEvidenceAddedFact, input.resellerId!, fact, { exceptCaseId: input.caseId });
      }
    }
    state.referredForTermination = {
      at: at.toISOString(),
      by: actor,
      reason,
      terminationCaseStarted: linked !== undefined,
      outcome: referral.outcome,
      ...(linked ? { terminationCaseId: linked.caseId, terminationWorkflowId: linked.workflowId } : {}),
    };
    await recorder.transition({
      events: {
        type: 'reseller.referred-for-termination',
        actor,
        occurredAt: at,
        data: {
          resellerId: input.resellerId ?? null,
          reason,
          outcome: referral.outcome,
          terminationCaseStarted: linked !== undefined,
          ...(linked ? { terminationCaseId: linked.caseId, terminationWorkflowId: linked.workflowId, evidenceId: linked.evidenceId } : {}),
        },
      },
    });
  }

  // The reseller's report is a fact: queued by the signal, recorded one at a time below.
  const deliveries: ResellerReportDelivered[] = [];
  setHandler(resellerReportDeliveredSignal, (delivery) => {
    deliveries.push(delivery);
  });

  async function recordDelivery(delivery: ResellerReportDelivered): Promise<void> {
    if (seenResellerReports.has(delivery.resellerReportReference) || !state.resellerReport) return;
    // Contents the rules cannot judge (the API refuses those) are put on record, and the case waits on.
    const judged = tryRules(() => checkAiTrainingReportContents(delivery.contents, ruleSet));
    if (isRuleInputError(judged)) {
      const payload = { resellerReportReference: delivery.resellerReportReference, receivedAt: delivery.receivedAt, recordedBy: delivery.recordedBy };
      await recordRefusedFact(recorder, { name: resellerReportDeliveredSignal.name, payload }, judged);
      return;
    }
    seenResellerReports.add(delivery.resellerReportReference);
    const receivedAt = new Date(delivery.receivedAt);
    const first = state.resellerReport.receivedAt === undefined;
    if (first) {
      state.resellerReport.receivedAt = receivedAt.toISOString();
      state.resellerReport.onTime = receivedAt.getTime() <= new Date(state.resellerReport.dueAt).getTime();
    }
    const preparing = PREPARING.includes(state.status);
    await addVersion({
      kind: 'reseller-submission',
      source: 'reseller-report',
      contents: delivery.contents,
      actor: delivery.recordedBy,
      at: receivedAt,
      makeCurrent: preparing,
      ...(preparing ? { status: 'drafting' as const } : {}),
      resellerReportReference: delivery.resellerReportReference,
      also: [
        {
          type: 'reseller.report-received',
          actor: delivery.recordedBy,
          occurredAt: receivedAt,
          data: {
            resellerReportReference: delivery.resellerReportReference,
            receivedAt: receivedAt.toISOString(),
            first,
            onTime: first ? state.resellerReport.onTime : null,
            // After approval or filing the report does not replace the version in hand; an amendment can take it up.
            becameCurrent: preparing,
          },
        },
      ],
    });
  }

  async function recordDeliveries(): Promise<void> {
    for (;;) {
      await condition(() => deliveries.length > 0 || recorder.closed);
      const next = deliveries.shift();
      if (!next) return;
      await recordDelivery(next);
    }
  }

  /**
   * Through a reseller: reminders to the reseller, escalation at its deadline, preparation from
   * the provider's own records at the margin; in time order (a reseller that learned late can
   * have its deadline after the switch). Ends as soon as the reseller's report arrives.
   */
  async function resellerLadder(): Promise<void> {
    if (schedule.route !== 'through-reseller' || !state.resellerReport) return;
    const reseller = state.resellerReport;
    // The reseller's clock is an obligation of its own: its events name it, for the history.
    const resellerDeadlineOnRecord = () => ({
      dueAt: reseller.dueAt,
      dueDate: reseller.dueDate,
      obligation: schedule.resellerReport.obligation,
      explanation: [...reseller.explanation],
    });
    const arrived = () => reseller.receivedAt !== undefined || deliveries.length > 0 || recorder.closed || state.filedVersionId !== undefined;
    type Step = { at: Date; kind: 'reminder'; daysBefore: number } | { at: Date; kind: 'reseller-due' } | { at: Date; kind: 'own-records' };
    const steps: Step[] = [
      ...reminderInstants(schedule.resellerReport, ruleSet, { after: new Date() }).map((r) => ({ at: r.at, kind: 'reminder' as const, daysBefore: r.offsetDays })),
      { at: schedule.resellerReport.dueAt, kind: 'reseller-due' as const },
      { at: schedule.ownRecordsFrom.at, kind: 'own-records' as const },
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) {
      const wait = step.at.getTime() - Date.now();
      if (wait > 0 && (await condition(arrived, wait))) return;
      if (arrived()) return;
      if (step.kind === 'reminder') {
        reseller.remindersSent.push(step.at.toISOString());
        await recorder.transition({
          events: { type: 'reseller.reminder', actor: 'system', data: { resellerId: input.resellerId ?? null, ...resellerDeadlineOnRecord(), daysBefore: step.daysBefore } },
        });
      } else if (step.kind === 'reseller-due') {
        state.escalatedTo = 'compliance-lead';
        await recorder.transition({
          ...(state.status === 'awaiting-reseller-report' ? { status: 'reseller-overdue' as const } : {}),
          events: [
            { type: 'reseller.deadline-missed', actor: 'system', data: { resellerId: input.resellerId ?? null, ...resellerDeadlineOnRecord() } },
            {
              type: 'case.escalated',
              actor: 'system',
              data: { to: 'compliance-lead', reason: "the foreign reseller's report did not arrive by its deadline", providerFilingDueAt: state.filing.dueAt },
            },
          ],
        });
      } else {
        const ownRecords = state.ownRecordsFrom!;
        const event: CaseEventDraft = { type: 'own-records.preparation-started', actor: 'system', data: { from: ownRecords.at, explanation: ownRecords.explanation } };
        if (!WAITING_FOR_RESELLER.includes(state.status)) {
          // The provider is already preparing, or past it: only the switch is recorded.
          await recorder.transition({ events: event });
        } else if (state.currentVersionId) {
          await recorder.transition({ status: 'preparing-from-own-records', events: event });
        } else {
          await addVersion({
            kind: 'provider-draft',
            source: 'provider-records',
            contents: { ...input.providerRecords },
            actor: 'system',
            at: new Date(),
            makeCurrent: true,
            status: 'preparing-from-own-records',
            also: [event],
          });
        }
      }
    }
  }

  await recorder.open({
    subject: { type: 'ai-training-transaction', id: input.transactionId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    dueAt: schedule.filing.dueAt,
    openedBy: input.openedBy,
    data: {
      transactionReference: input.transactionReference,
      route: input.route,
      transactionAt: input.transactionAt,
      knowledgeAt: input.knowledgeAt ?? null,
      covered: input.covered,
      belowThresholdReason: input.belowThresholdReason ?? null,
      filing: state.filing,
      ...(state.resellerReport ? { resellerReport: { dueAt: state.resellerReport.dueAt, explanation: state.resellerReport.explanation } } : {}),
      ...(state.ownRecordsFrom ? { ownRecordsFrom: state.ownRecordsFrom } : {}),
    },
  });
  if (input.route === 'direct') {
    await addVersion({ kind: 'provider-draft', source: 'provider-records', contents: { ...input.providerRecords }, actor: 'system', at: new Date(), makeCurrent: true });
  }

  await Promise.all([
    recordDeliveries(),
    resellerLadder(),
    filingClock.run({
      settled: () => state.filedVersionId !== undefined || recorder.closed,
      escalation: {
        // A breach does not stop the work: the report must still be filed, late, and the case says so for good.
        escalate: async (missed) => {
          state.breached = true;
          state.breachedAt = new Date().toISOString();
          await recorder.transition({ events: { ...missed, data: { ...missed.data, breach: true, status: state.status } } });
        },
      },
    }),
  ]);
  await condition(() => recorder.closed && allHandlersFinished());
  return state;
}
