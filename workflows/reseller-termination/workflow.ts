// Oversight of a foreign reseller, from evidence of non-compliance to termination (REGULATION.md,
// "Foreign resellers"). The provider identifies the issues to the reseller with a date to cure
// them, may report suspected malicious cyber-enabled activity to the authorities, and when it
// determines that the reseller ignored the issues or that continuing increases the risk, the
// rule set's termination period starts (NPRM-2024: 30 calendar days). Termination needs a
// second person; it closes the reseller's accounts and starts record retention for each.
// Reinstatement before the deadline, with a reason, ends the case instead.
import { allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import { workflowIdFor } from '../ids.js';
import {
  accountClosedFact,
  CaseDeadline,
  CaseRecorder,
  FourEyes,
  handleDecisions,
  isRuleInputError,
  newCaseId,
  noncomplianceEvidenceAddedFact,
  openRefusedCase,
  refuseInvalid,
  refuseWrongState,
  resellerAnsweredFact,
  resellerStatusChangedFact,
  startChildOnce,
  tellOpenCases,
  tryRules,
  type CaseEventDraft,
} from '../kit/index.js';
import { recordRetentionWorkflow } from '../record-retention/workflow.js';
import { resellerActivities } from '../shared/reseller-activities.js';
import { resellerTerminationCase } from './case-type.js';
import {
  resellerTerminationStateQuery,
  type ResellerTerminationInput,
  type ResellerTerminationState,
  type TerminationGround,
} from './messages.js';

type ResellerStatus = 'under-review' | 'terminating' | 'terminated' | 'reinstated' | 'active';

export async function resellerTerminationWorkflow(input: ResellerTerminationInput): Promise<ResellerTerminationState> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    const subject = { type: 'foreign-reseller', id: input.resellerId };
    return openRefusedCase({ caseId: input.caseId, caseType: resellerTerminationCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const state: ResellerTerminationState = {
    caseId: input.caseId,
    resellerId: input.resellerId,
    status: 'under-review',
    evidenceIds: [input.evidenceId],
    issues: [],
    authorityReportIds: [],
    remindersSent: [],
    closedAccountIds: [],
  };
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: resellerTerminationCase,
    state,
    details: () => ({
      resellerId: input.resellerId,
      evidenceIds: state.evidenceIds,
      issueIds: state.issues.map((i) => i.id),
      ...(state.cureBy ? { cureBy: state.cureBy } : {}),
      authorityReportIds: state.authorityReportIds,
      ...(state.determination ? { determination: { ground: state.determination.ground, by: state.determination.by, at: state.determination.at } } : {}),
      ...(state.dueDate ? { dueDate: state.dueDate, deadlineExplanation: state.deadlineExplanation } : {}),
      ...(state.status === 'termination-overdue' ? { escalated: true } : {}),
      ...(state.closedAccountIds.length ? { closedAccountIds: state.closedAccountIds } : {}),
      ...(state.terminatedAt ? { terminatedAt: state.terminatedAt, terminatedOnTime: state.terminatedOnTime } : {}),
    }),
  });
  const fourEyes = new FourEyes(recorder, 'termination-proposed');
  let clock: CaseDeadline<ResellerTerminationState['status']> | undefined;

  /** The reseller's status changes, and its other open cases (a CIP request, say) hear of it. */
  async function setResellerStatus(status: ResellerStatus, reason: string | null, at: Date, actor: string) {
    await resellerActivities.setResellerStatus({ resellerId: input.resellerId, status, reason, at: at.toISOString(), actor });
    await tellOpenCases(resellerStatusChangedFact, input.resellerId, { status, reason, at: at.toISOString() }, { exceptCaseId: input.caseId });
  }

  setHandler(resellerTerminationStateQuery, () => state);

  setHandler(noncomplianceEvidenceAddedFact.signal, async (fact) => {
    if (recorder.closed || state.evidenceIds.includes(fact.evidenceId)) return;
    state.evidenceIds.push(fact.evidenceId);
    await recorder.transition({ events: { type: 'evidence.added', actor: fact.recordedBy, data: { evidenceId: fact.evidenceId, recordedAt: fact.recordedAt } } });
  });

  setHandler(resellerAnsweredFact.signal, async (fact) => {
    const issue = state.issues.find((i) => i.id === fact.issueId);
    if (recorder.closed || !issue) return;
    issue.answered = true;
    issue.claimsCured = issue.claimsCured || fact.claimsCured;
    await recorder.transition({
      events: {
        type: 'reseller.answered',
        actor: fact.recordedBy,
        data: { answerId: fact.answerId, issueId: fact.issueId, claimsCured: fact.claimsCured, receivedAt: fact.receivedAt, afterCureBy: Date.parse(fact.receivedAt) > Date.parse(issue.cureBy) },
      },
    });
  });

  /** Record retention runs on its own after this case ends: the child outlives its parent. */
  const startRetention = (account: { accountId: string; customerId: string; closedAt: string }, actor: string) =>
    startChildOnce(recordRetentionWorkflow, {
      workflowId: workflowIdFor('record-retention', account.accountId),
      args: [{ caseId: newCaseId(), customerId: account.customerId, accountId: account.accountId, ruleSetId: input.ruleSetId, timeZone: input.timeZone, openedBy: actor, closedAt: account.closedAt }],
    });

  // Decisions are Updates: the handler learns at once whether the decision was accepted.
  handleDecisions(resellerTerminationCase, recorder, {
    fourEyes,
    validate: (request) => {
      const now = Date.now();
      switch (request.decision) {
        case 'identify-issues':
          if (Date.parse(request.params!.cureBy as string) <= now) refuseInvalid('params.cureBy', 'must be in the future');
          break;
        case 'report-to-authorities':
          if (request.params?.sentAt !== undefined && Date.parse(request.params.sentAt as string) > now) refuseInvalid('params.sentAt', 'must not be in the future');
          break;
        case 'determine':
          if (request.params!.ground === 'ignored-identified-issues') {
            if (!state.cureBy) refuseWrongState('no issues have been identified to the reseller; identify them first, or determine that continuing increases the risk');
            if (Date.parse(state.cureBy) > now) refuseWrongState(`the reseller may cure the identified issues until ${state.cureBy}`);
          }
          break;
        case 'reinstate':
          if (clock && now > clock.current.dueAt.getTime()) refuseWrongState(`the termination deadline passed at ${clock.current.dueAt.toISOString()}; the relationship must end`);
          break;
        default:
          break;
      }
    },
    apply: async (request, at) => {
      const actor = request.actor.subject;
      switch (request.decision) {
        case 'identify-issues': {
          const cureBy = new Date(request.params!.cureBy as string).toISOString();
          const issues = (request.params!.issues as { description: string }[]).map((i) => ({ id: uuid4(), description: i.description }));
          await resellerActivities.recordResellerIssues({ resellerId: input.resellerId, caseId: input.caseId, issues, identifiedAt: at.toISOString(), cureBy, identifiedBy: actor });
          state.issues.push(...issues.map((i) => ({ ...i, cureBy, answered: false, claimsCured: false })));
          state.cureBy = cureBy;
          await recorder.transition({ status: 'awaiting-cure', events: { type: 'issues.identified', actor, occurredAt: at, data: { issueIds: issues.map((i) => i.id), cureBy } } });
          break;
        }
        case 'report-to-authorities': {
          const id = uuid4();
          const params = request.params as { recipient: string; summary: string; sentAt?: string; reference?: string };
          const sentAt = new Date(params.sentAt ?? at).toISOString();
          await resellerActivities.recordAuthorityReport({
            id,
            resellerId: input.resellerId,
            caseId: input.caseId,
            recipient: params.recipient,
            summary: params.summary,
            sentAt,
            reference: params.reference ?? null,
            recordedBy: actor,
          });
          state.authorityReportIds.push(id);
          await recorder.transition({ events: { type: 'authorities.reported', actor, occurredAt: at, data: { reportId: id, recipient: params.recipient, sentAt, reference: params.reference ?? null } } });
          break;
        }
        case 'record-cure':
        case 'dismiss': {
          await setResellerStatus('active', request.reason!, at, actor);
          const cured = request.decision === 'record-cure';
          await recorder.transition({ status: cured ? 'cured' : 'dismissed', events: { type: cured ? 'issues.cured' : 'case.dismissed', actor, occurredAt: at, data: { reason: request.reason } } });
          break;
        }
        case 'determine': {
          const ground = request.params!.ground as TerminationGround;
          const deadline = computeDeadline({ obligation: 'reseller-termination', ruleSet, startedAt: at, timeZone: input.timeZone });
          clock = new CaseDeadline(recorder, ruleSet, deadline);
          state.remindersSent = clock.remindersSent;
          state.determination = { ground, reason: request.reason!, by: actor, at: at.toISOString() };
          state.dueAt = deadline.dueAt.toISOString();
          state.dueDate = deadline.dueDate;
          state.deadlineExplanation = [...deadline.explanation];
          await setResellerStatus('terminating', request.reason!, at, actor);
          await recorder.transition({
            status: 'terminating',
            dueAt: deadline.dueAt,
            events: { type: 'termination.determined', actor, occurredAt: at, data: { ground, reason: request.reason, dueAt: state.dueAt, explanation: state.deadlineExplanation } },
          });
          break;
        }
        case 'propose-termination':
          await fourEyes.propose(request, at, { type: 'termination.proposed', actor, occurredAt: at, data: { reason: request.reason } });
          break;
        case 'reject':
          await fourEyes.reject((rejected) => ({ type: 'termination.rejected', actor, occurredAt: at, data: { proposedBy: rejected.proposedBy, reason: request.reason } }));
          break;
        case 'approve': {
          const approved = fourEyes.approve();
          const { closed, notClosed } = await resellerActivities.closeResellerAccounts({ resellerId: input.resellerId, at: at.toISOString(), actor });
          for (const account of closed) {
            await startRetention(account, actor);
            // The customer's own cases (its periodic re-verification) hear that the account closed.
            await tellOpenCases(accountClosedFact, account.customerId, { accountId: account.accountId, reason: approved.reason, closedBy: actor }, { exceptCaseId: input.caseId });
          }
          state.closedAccountIds = closed.map((a) => a.accountId);
          state.terminatedAt = at.toISOString();
          state.terminatedOnTime = !clock || at.getTime() <= clock.current.dueAt.getTime();
          await setResellerStatus('terminated', approved.reason, at, actor);
          const terminated: CaseEventDraft = {
            type: 'reseller.terminated',
            actor,
            occurredAt: at,
            data: {
              proposedBy: approved.proposedBy,
              reason: approved.reason,
              closedAccountIds: state.closedAccountIds,
              accountsNotClosed: notClosed,
              retentionStartedFor: state.closedAccountIds,
              onTime: state.terminatedOnTime,
            },
          };
          await recorder.transition({ status: 'terminated', events: terminated });
          break;
        }
        case 'reinstate':
          await setResellerStatus('reinstated', request.reason!, at, actor);
          await recorder.transition({ status: 'reinstated', events: { type: 'reseller.reinstated', actor, occurredAt: at, data: { reason: request.reason } } });
          break;
      }
    },
  });

  await recorder.open({
    subject: { type: 'foreign-reseller', id: input.resellerId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(input.openedAt),
    openedBy: input.openedBy,
    data: { evidenceId: input.evidenceId },
  });
  await setResellerStatus('under-review', 'evidence of non-compliance recorded', new Date(), input.openedBy);

  // Before the determination: the cure date, when one is set, is marked when it passes.
  const reviewing = () => state.status === 'under-review' || state.status === 'awaiting-cure';
  let cureMarked: string | undefined;
  while (reviewing()) {
    const cureBy = state.cureBy;
    if (cureBy && cureMarked !== cureBy) {
      const changed = await condition(() => !reviewing() || state.cureBy !== cureBy, Math.max(Date.parse(cureBy) - Date.now(), 1));
      if (!changed) {
        cureMarked = cureBy;
        const unanswered = state.issues.filter((i) => i.cureBy === cureBy && !i.answered).map((i) => i.id);
        await recorder.transition({ events: { type: 'cure-period.ended', actor: 'system', data: { cureBy, unansweredIssueIds: unanswered } } });
      }
    } else {
      await condition(() => !reviewing() || (state.cureBy !== undefined && state.cureBy !== cureMarked));
    }
  }

  // After the determination: reminders, then the termination deadline; a decision ends the wait.
  if (clock) {
    await clock.run({
      settled: () => recorder.closed,
      escalation: {
        // A proposal waiting for its reviewer keeps its status; the escalation is on record either way.
        escalate: (missed) => recorder.transition({ ...(state.status === 'terminating' ? { status: 'termination-overdue' as const } : {}), events: missed }),
      },
    });
  }
  await condition(() => recorder.closed && allHandlersFinished());
  return state;
}
