// An interim, restricted account (outcome 2 of REGULATION.md's CIP): opened while verification
// continues, with a review deadline from the CIP policy. The workflow reminds before the
// deadline; at the deadline it escalates and applies the CIP policy's default action if nobody
// has decided. A verification success lets the handler lift the restrictions.
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import { customerActivities } from '../shared/customer-activities.js';
import {
  CaseDeadline,
  CaseRecorder,
  FourEyes,
  handleDecisions,
  isRuleInputError,
  openRefusedCase,
  refuseWrongState,
  tryRules,
  type CaseEventDraft,
} from '../kit/index.js';
import { interimAccountReviewCase } from './case-type.js';
import {
  interimAccountReviewStateQuery,
  type InterimAccountReviewInput,
  type InterimAccountReviewResult,
  type InterimAccountReviewState,
  type InterimOutcome,
} from './messages.js';

const ACCOUNT_STATUS: Record<InterimOutcome, 'open' | 'monitored' | 'closed'> = { lifted: 'open', monitored: 'monitored', closed: 'closed' };

export async function interimAccountReviewWorkflow(input: InterimAccountReviewInput): Promise<InterimAccountReviewResult> {
  const openedAt = new Date();
  const computed = tryRules(() => {
    const ruleSet = getRuleSet(input.ruleSetId);
    return { ruleSet, deadline: computeDeadline({ obligation: 'interim-account-review', ruleSet, startedAt: openedAt, timeZone: input.timeZone }) };
  });
  if (isRuleInputError(computed)) {
    const subject = { type: 'account', id: input.accountId };
    return openRefusedCase({ caseId: input.caseId, caseType: interimAccountReviewCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, computed);
  }
  const { ruleSet, deadline } = computed;
  const defaultAction = ruleSet.cipPolicy.interimAccountDefaultAction;
  const state: InterimAccountReviewState = {
    caseId: input.caseId,
    status: 'interim-restricted',
    reviewDueAt: deadline.dueAt.toISOString(),
    reviewDueDate: deadline.dueDate,
    remindersSent: [],
  };
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: interimAccountReviewCase,
    state,
    details: () => ({
      accountId: input.accountId,
      customerId: input.customerId,
      restrictions: input.restrictions,
      reviewDueDate: state.reviewDueDate,
      deadlineExplanation: [...deadline.explanation],
      ...(state.result ? { outcome: state.result.outcome, byDefault: state.result.byDefault } : {}),
    }),
  });
  const fourEyes = new FourEyes(recorder, 'pending-approval');
  const clock = new CaseDeadline(recorder, ruleSet, deadline);
  state.remindersSent = clock.remindersSent;
  const proposal = () => {
    const pending = recorder.pendingApproval;
    return pending ? { decision: pending.decision, proposedBy: pending.proposedBy, reason: pending.reason } : undefined;
  };

  /** The account's fate: its status, the case's outcome, and the case closes. */
  async function conclude(outcome: InterimOutcome, actor: string, byDefault: boolean, events: CaseEventDraft[]) {
    const at = new Date();
    state.result = { outcome, decidedBy: actor, byDefault, decidedAt: at.toISOString() };
    await customerActivities.setAccountStatus({
      accountId: input.accountId,
      status: ACCOUNT_STATUS[outcome],
      restrictions: outcome === 'lifted' ? [] : input.restrictions,
      reviewDueAt: null,
      at: at.toISOString(),
      actor,
    });
    await recorder.transition({ status: outcome, events });
  }

  setHandler(interimAccountReviewStateQuery, () => ({ ...state, pendingProposal: proposal() }));

  // Decisions are Updates: the handler learns at once whether the account's fate was accepted.
  handleDecisions(interimAccountReviewCase, recorder, {
    fourEyes,
    apply: async (request, at) => {
      const actor = request.actor.subject;
      switch (request.decision) {
        case 'lift-restrictions': {
          // The verification records are the source of truth; a refusal here changes nothing.
          const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
          if (!summary.allVerified) {
            const open = summary.trackedParties.filter((p) => !p.verified || p.openDiscrepancies > 0).map((p) => p.partyId);
            refuseWrongState(`restrictions cannot be lifted: not verified or with open discrepancies: ${open.join(', ')}`);
          }
          await conclude('lifted', actor, false, [{ type: 'interim.restrictions-lifted', occurredAt: at, actor, data: { reason: request.reason ?? null } }]);
          break;
        }
        case 'monitor':
          await conclude('monitored', actor, false, [{ type: 'interim.kept-under-monitoring', occurredAt: at, actor, data: { reason: request.reason ?? null } }]);
          break;
        case 'close': {
          await fourEyes.propose(request, at, { type: 'closure.proposed', occurredAt: at, actor, data: { reason: request.reason } });
                break;
        }
        case 'approve': {
          const approved = fourEyes.approve();
          await conclude('closed', actor, false, [{ type: 'closure.approved', occurredAt: at, actor, data: { proposedBy: approved.proposedBy, proposalReason: approved.reason, reason: request.reason ?? null } }]);
          break;
        }
        case 'reject':
          await fourEyes.reject((rejected) => ({ type: 'closure.rejected', occurredAt: at, actor, data: { proposedBy: rejected.proposedBy, reason: request.reason } }));
                break;
        case 'corrective-measures':
          await recorder.transition({ events: { type: 'corrective-measures.recorded', occurredAt: at, actor, data: { measures: request.params?.measures } } });
          break;
      }
    },
  });

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
    subject: { type: 'account', id: input.accountId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt,
    dueAt: deadline.dueAt,
    openedBy: input.openedBy,
    data: { customerId: input.customerId, reviewDueAt },
    also: [{ type: 'interim.opened', occurredAt: openedAt, actor: input.openedBy, data: { restrictions: input.restrictions, reviewDueAt, explanation: [...deadline.explanation] } }],
  });

  const decided = () => state.result !== undefined;
  await clock.run({
    settled: decided,
    escalation: {
      // Nobody decided in time: escalate, then apply the CIP policy's default action.
      escalate: async (missed) => {
        await condition(allHandlersFinished);
        if (decided()) return;
        await recorder.transition({
          status: 'escalated',
          events: [
            missed,
            { type: 'deadline.escalated', actor: 'system', data: { reviewDueAt, defaultAction: defaultAction.value, policy: defaultAction.explanation } },
          ],
        });
        const outcome: InterimOutcome = defaultAction.value === 'close' ? 'closed' : 'monitored';
        await conclude(outcome, 'system', true, [
          {
            type: 'interim.default-action-applied',
            actor: 'system',
            data: { defaultAction: defaultAction.value, explanation: defaultAction.explanation, citation: defaultAction.citation },
          },
        ]);
      },
    },
  });
  await condition(() => decided() && allHandlersFinished());
  return state.result!;
}
