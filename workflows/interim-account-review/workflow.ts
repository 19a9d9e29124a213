// An interim, restricted account (outcome 2 of REGULATION.md's CIP): opened while verification
// continues, with a review deadline from the CIP policy. The workflow reminds before the
// deadline; at the deadline it escalates and applies the CIP policy's default action if nobody
// has decided. A verification success lets the handler lift the restrictions.
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet, reminderInstants } from '../../rules/index.js';
import { CaseRecorder } from '../shared/case-recorder.js';
import { customerActivities } from '../shared/customer-activities.js';
import { handleDecisions, refuseWrongState, requireString, type DecisionRequest } from '../shared/decisions.js';
import { propose, validateReview, type PendingProposal } from '../shared/four-eyes.js';
import {
  INTERIM_ACCOUNT_REVIEW_DECISIONS,
  interimAccountReviewStateQuery,
  type InterimAccountReviewInput,
  type InterimAccountReviewResult,
  type InterimAccountReviewState,
  type InterimOutcome,
} from './messages.js';

const ACCOUNT_STATUS: Record<InterimOutcome, 'open' | 'monitored' | 'closed'> = { lifted: 'open', monitored: 'monitored', closed: 'closed' };

export async function interimAccountReviewWorkflow(input: InterimAccountReviewInput): Promise<InterimAccountReviewResult> {
  const ruleSet = getRuleSet(input.ruleSetId);
  const openedAt = new Date();
  const deadline = computeDeadline({ obligation: 'interim-account-review', ruleSet, startedAt: openedAt, timeZone: input.timeZone });
  const defaultAction = ruleSet.cipPolicy.interimAccountDefaultAction;
  const recorder = new CaseRecorder(input.caseId);
  const state: InterimAccountReviewState = {
    caseId: input.caseId,
    status: 'interim-restricted',
    reviewDueAt: deadline.dueAt.toISOString(),
    reviewDueDate: deadline.dueDate,
    remindersSent: [],
  };
  let pending: PendingProposal | undefined;
  let statusBeforeProposal: InterimAccountReviewState['status'] = 'interim-restricted';
  const details = () => ({
    accountId: input.accountId,
    customerId: input.customerId,
    restrictions: input.restrictions,
    reviewDueDate: state.reviewDueDate,
    deadlineExplanation: [...deadline.explanation],
    ...(state.result ? { outcome: state.result.outcome, byDefault: state.result.byDefault } : {}),
  });

  async function decide(outcome: InterimOutcome, actor: string, byDefault: boolean, eventType: string, data: Record<string, unknown>) {
    const at = new Date();
    state.result = { outcome, decidedBy: actor, byDefault, decidedAt: at.toISOString() };
    state.status = outcome;
    pending = undefined;
    state.pendingProposal = undefined;
    await customerActivities.setAccountStatus({
      accountId: input.accountId,
      status: ACCOUNT_STATUS[outcome],
      restrictions: outcome === 'lifted' ? [] : input.restrictions,
      reviewDueAt: null,
      at: at.toISOString(),
      actor,
    });
    await recorder.transition({ status: state.status, closedAt: at, details: details(), event: { type: eventType, occurredAt: at, actor, data } });
  }

  setHandler(interimAccountReviewStateQuery, () => state);

  // Decisions are Updates: the handler learns at once whether the account's fate was accepted.
  handleDecisions({
    decisions: INTERIM_ACCOUNT_REVIEW_DECISIONS,
    apply: (request) => applyDecision(request),
    validate: (request) => {
      if (state.result) refuseWrongState(`the interim account was already decided: ${state.result.outcome}`);
      const reviewing = request.decision === 'approve' || request.decision === 'reject';
      if (reviewing) return validateReview(request, pending);
      if (pending && request.decision !== 'corrective-measures') {
        refuseWrongState(`a ${pending.decision} proposed by ${pending.proposedBy} awaits a reviewer; approve or reject it first`);
      }
      if (request.decision === 'close') propose({ ...request, decision: 'close' }, new Date());
      if (request.decision === 'corrective-measures') requireString(request, 'measures', 4000);
    },
  });

  async function applyDecision(request: DecisionRequest) {
    const at = new Date();
    const actor = request.actor.subject;
    switch (request.decision) {
      case 'lift-restrictions': {
        // The verification records are the source of truth; a refusal here changes nothing.
        const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
        if (!summary.allVerified) {
          const open = summary.trackedParties.filter((p) => !p.verified || p.openDiscrepancies > 0).map((p) => p.partyId);
          refuseWrongState(`restrictions cannot be lifted: not verified or with open discrepancies: ${open.join(', ')}`);
        }
        await decide('lifted', actor, false, 'interim.restrictions-lifted', { reason: request.reason ?? null });
        break;
      }
      case 'monitor':
        await decide('monitored', actor, false, 'interim.kept-under-monitoring', { reason: request.reason ?? null });
        break;
      case 'close':
        pending = propose({ ...request, decision: 'close' }, at);
        statusBeforeProposal = state.status;
        state.status = 'pending-approval';
        state.pendingProposal = { decision: pending.decision, proposedBy: pending.proposedBy, reason: pending.reason };
        await recorder.transition({
          status: state.status,
          details: details(),
          event: { type: 'closure.proposed', occurredAt: at, actor, data: { reason: pending.reason } },
        });
        break;
      case 'approve':
        await decide('closed', actor, false, 'closure.approved', { proposedBy: pending!.proposedBy, reason: pending!.reason });
        break;
      case 'reject': {
        const rejected = pending!;
        pending = undefined;
        state.pendingProposal = undefined;
        state.status = statusBeforeProposal;
        await recorder.transition({
          status: state.status,
          details: details(),
          event: { type: 'closure.rejected', occurredAt: at, actor, data: { proposedBy: rejected.proposedBy, reason: request.reason } },
        });
        break;
      }
      case 'corrective-measures':
        await recorder.transition({
          status: state.status,
          details: details(),
          event: { type: 'corrective-measures.recorded', occurredAt: at, actor, data: { measures: request.params?.measures } },
        });
        break;
    }
    return { caseId: input.caseId, decision: request.decision, status: state.status, acceptedAt: at.toISOString() };
  }

  const reviewDueAt = deadline.dueAt.toISOString();
  await customerActivities.setAccountStatus({
    accountId: input.accountId,
    status: 'interim-restricted',
    restrictions: input.restrictions,
    reviewDueAt,
    at: openedAt.toISOString(),
    actor: input.openedBy,
  });
  await recorder.open({
    type: 'interim-account-review',
    status: state.status,
    subjectType: 'account',
    subjectId: input.accountId,
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt,
    dueAt: deadline.dueAt,
    details: details(),
    event: {
      type: 'interim.opened',
      occurredAt: openedAt,
      actor: input.openedBy,
      data: { restrictions: input.restrictions, reviewDueAt, explanation: [...deadline.explanation] },
    },
  });

  const decided = () => state.result !== undefined;
  for (const reminder of reminderInstants(deadline, ruleSet, { after: new Date() })) {
    if (await condition(decided, reminder.at.getTime() - Date.now())) break;
    state.remindersSent.push(reminder.at.toISOString());
    await recorder.transition({
      status: state.status,
      details: details(),
      event: { type: 'deadline.reminder', occurredAt: new Date(), actor: 'system', data: { reviewDueAt, daysBefore: reminder.offsetDays } },
    });
  }
  const untilDue = deadline.dueAt.getTime() - Date.now();
  if (!decided() && !(untilDue > 0 && (await condition(decided, untilDue)))) {
    // Nobody decided in time: escalate, then apply the CIP policy's default action.
    await condition(allHandlersFinished);
    if (!decided()) {
      state.status = 'escalated';
      await recorder.transition({
        status: state.status,
        details: details(),
        event: {
          type: 'deadline.escalated',
          occurredAt: new Date(),
          actor: 'system',
          data: { reviewDueAt, defaultAction: defaultAction.value, policy: defaultAction.explanation },
        },
      });
      const outcome: InterimOutcome = defaultAction.value === 'close' ? 'closed' : 'monitored';
      await decide(outcome, 'system', true, 'interim.default-action-applied', {
        defaultAction: defaultAction.value,
        explanation: defaultAction.explanation,
        citation: defaultAction.citation,
      });
    }
  }
  await condition(() => decided() && allHandlersFinished());
  return state.result!;
}
