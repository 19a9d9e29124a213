// Ongoing verification of a customer (REGULATION.md: customers must notify additions of
// beneficial owners; the provider periodically re-verifies the other information, on the CIP
// policy's period). One long-lived workflow per customer rather than a Temporal Schedule:
// each customer's period runs from its own last verification, a notice of a new beneficial
// owner must make re-verification due at once, and the case needs state between rounds; a
// Schedule fires on a fixed calendar and keeps no state. Each completed round continues as new,
// so the history stays small however long the relationship lasts.
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import { beneficialOwnerAddedSignal } from '../customer-identification/messages.js';
import { CaseRecorder } from '../shared/case-recorder.js';
import { customerActivities } from '../shared/customer-activities.js';
import { handleDecisions, refuseWrongState, requireReason } from '../shared/decisions.js';
import {
  BENEFICIAL_OWNER_REVERIFICATION_DECISIONS,
  beneficialOwnerReverificationStateQuery,
  type BeneficialOwnerReverificationInput,
  type BeneficialOwnerReverificationState,
} from './messages.js';

export async function beneficialOwnerReverificationWorkflow(
  input: BeneficialOwnerReverificationInput,
): Promise<BeneficialOwnerReverificationState> {
  const ruleSet = getRuleSet(input.ruleSetId);
  const recorder = new CaseRecorder(input.caseId, input.carried?.lastSeq ?? 0);
  const deadline = computeDeadline({
    obligation: 'periodic-reverification',
    ruleSet,
    startedAt: new Date(input.lastVerifiedAt),
    timeZone: input.timeZone,
  });
  const state: BeneficialOwnerReverificationState = {
    caseId: input.caseId,
    status: input.carried?.dueReasons.length ? 'reverification-due' : 'scheduled',
    nextDueAt: deadline.dueAt.toISOString(),
    nextDueDate: deadline.dueDate,
    dueReasons: [...(input.carried?.dueReasons ?? [])],
    newOwnerIds: [...(input.carried?.newOwnerIds ?? [])],
  };
  const noticed: string[] = [];
  let outcome: 're-verified' | 'stopped' | undefined;
  const details = () => ({
    customerId: input.customerId,
    lastVerifiedAt: input.lastVerifiedAt,
    nextDueDate: state.nextDueDate,
    dueReasons: state.dueReasons,
    newOwnerIds: state.newOwnerIds,
    deadlineExplanation: [...deadline.explanation],
  });

  setHandler(beneficialOwnerReverificationStateQuery, () => state);
  setHandler(beneficialOwnerAddedSignal, ({ partyId }) => void noticed.push(partyId));
  // Updates: the handler must know whether the round was accepted as complete.
  handleDecisions({
    decisions: BENEFICIAL_OWNER_REVERIFICATION_DECISIONS,
    validate: (request) => {
      if (outcome) refuseWrongState('this re-verification round is already closed');
      if (request.decision === 'stop') requireReason(request);
    },
    apply: async (request) => {
      const at = new Date();
      if (request.decision === 're-verified') {
        const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
        if (!summary.allVerified) {
          refuseWrongState('re-verification is not complete: a tracked party is unverified or has an open discrepancy');
        }
        outcome = 're-verified';
        await recorder.transition({
          status: 'scheduled',
          details: details(),
          event: { type: 'reverification.completed', occurredAt: at, actor: request.actor.subject, data: { reasons: state.dueReasons } },
        });
      } else {
        outcome = 'stopped';
        state.status = 'stopped';
        await recorder.transition({
          status: 'stopped',
          closedAt: at,
          details: details(),
          event: { type: 'reverification.stopped', occurredAt: at, actor: request.actor.subject, data: { reason: request.reason } },
        });
      }
      return { caseId: input.caseId, decision: request.decision, status: outcome === 'stopped' ? 'stopped' : 'scheduled', acceptedAt: at.toISOString() };
    },
  });


  if (!input.carried) {
    await recorder.open({
      type: 'beneficial-owner-reverification',
      status: state.status,
      subjectType: 'customer',
      subjectId: input.customerId,
      ruleSetId: ruleSet.id,
      workflowId: workflowInfo().workflowId,
      openedAt: new Date(),
      dueAt: deadline.dueAt,
      details: details(),
      event: { type: 'reverification.scheduled', occurredAt: new Date(), actor: input.openedBy, data: { nextDueAt: state.nextDueAt, explanation: [...deadline.explanation] } },
    });
  } else {
    // A new round: the case's due date moves to this round's deadline.
    await recorder.transition({
      status: state.status,
      dueAt: deadline.dueAt,
      details: details(),
      event: { type: 'reverification.scheduled', occurredAt: new Date(), actor: 'system', data: { nextDueAt: state.nextDueAt, explanation: [...deadline.explanation] } },
    });
  }

  async function markDue(reason: string, data: Record<string, unknown>) {
    if (!state.dueReasons.includes(reason)) state.dueReasons.push(reason);
    state.status = 'reverification-due';
    await recorder.transition({ status: state.status, details: details(), event: { type: 'reverification.due', occurredAt: new Date(), actor: 'system', data: { reason, ...data } } });
  }

  const wake = () => outcome !== undefined || noticed.length > 0;
  while (!outcome) {
    const periodicPending = !state.dueReasons.includes('periodic');
    const untilDue = deadline.dueAt.getTime() - Date.now();
    // Until the period ends, wake at its end; after that, only a decision or a notice wakes us.
    if (periodicPending && untilDue >= 0) await condition(wake, untilDue + 1);
    else await condition(wake);
    if (outcome) break;
    while (noticed.length > 0) {
      const partyId = noticed.shift()!;
      if (state.newOwnerIds.includes(partyId)) continue;
      state.newOwnerIds.push(partyId);
      await markDue('beneficial-owner-added', { partyId });
    }
    if (periodicPending && Date.now() > deadline.dueAt.getTime()) await markDue('periodic', { dueAt: state.nextDueAt });
  }
  await condition(allHandlersFinished);
  if (outcome === 're-verified') {
    // The next period runs from this verification.
    await continueAsNew<typeof beneficialOwnerReverificationWorkflow>({
      ...input,
      lastVerifiedAt: new Date().toISOString(),
      carried: { lastSeq: recorder.lastSeq, dueReasons: [], newOwnerIds: [] },
    });
  }
  return state;
}
