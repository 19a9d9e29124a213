// Ongoing verification of a customer (REGULATION.md: customers must notify additions of
// beneficial owners; the provider periodically re-verifies the other information, on the CIP
// policy's period). One long-lived workflow per customer rather than a Temporal Schedule:
// each customer's period runs from its own last verification, a notice of a new beneficial
// owner must make re-verification due at once, and the case needs state between rounds; a
// Schedule fires on a fixed calendar and keeps no state. Each completed round continues as new,
// so the history stays small however long the relationship lasts.
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import {
  CaseRecorder,
  FAILURE,
  accountClosedFact,
  beneficialOwnerAddedFact,
  customerFactsChangedFact,
  handleDecisions,
  isRuleInputError,
  openRefusedCase,
  refuseWrongState,
  tryRules,
  type AccountClosed,
  type CustomerFactsChanged,
} from '../kit/index.js';
import { customerActivities } from '../shared/customer-activities.js';
import { beneficialOwnerReverificationCase } from './case-type.js';
import {
  beneficialOwnerReverificationStateQuery,
  type BeneficialOwnerReverificationInput,
  type BeneficialOwnerReverificationState,
} from './messages.js';

// A correction, a stake change, a removal or a substantial-control determination after the
// account opened can make or unmake a beneficial owner (a stake crossing the threshold, control
// found or withdrawn): the customer is classified again, the determinations are stored with the
// rules' explanation, and re-verification is due at once when a party the CIP now tracks is not
// verified. Added after the first release, hence patched.
const REDETERMINE_ON_FACTS_CHANGED = 'redetermine-on-facts-changed';
// A beneficial owner notified after the account opened is classified like any other party (its
// U.S.-person status and determination stored, with the rules' reasons), and re-verification is
// due only when the CIP tracks a party that is not verified: a new U.S. owner of a customer whose
// tracked parties are verified needs nothing. Before, every new owner made it due unclassified.
const CLASSIFY_NEW_OWNERS = 'classify-new-beneficial-owners';
// The case also follows a customer of whom the CIP tracks nothing (customer and owners all U.S.
// persons), so that a new foreign owner or a corrected fact is not lost; its period then has
// nothing to re-verify and rolls on by itself instead of waiting for a handler.
const NOTHING_TRACKED_ROLLS_ON = 'period-with-nothing-tracked-rolls-on';

export async function beneficialOwnerReverificationWorkflow(
  input: BeneficialOwnerReverificationInput,
): Promise<BeneficialOwnerReverificationState> {
  const computed = tryRules(() => {
    const ruleSet = getRuleSet(input.ruleSetId);
    return {
      ruleSet,
      deadline: computeDeadline({ obligation: 'periodic-reverification', ruleSet, startedAt: new Date(input.lastVerifiedAt), timeZone: input.timeZone }),
    };
  });
  if (isRuleInputError(computed)) {
    return openRefusedCase(
      {
        caseId: input.caseId,
        caseType: beneficialOwnerReverificationCase,
        subject: { type: 'customer', id: input.customerId },
        ruleSetId: input.ruleSetId,
        openedBy: input.openedBy,
        ...(input.carried ? { carried: { lastSeq: input.carried.lastSeq } } : {}),
      },
      computed,
    );
  }
  const { ruleSet, deadline } = computed;
  const state: BeneficialOwnerReverificationState = {
    caseId: input.caseId,
    status: input.carried?.dueReasons.length ? 'reverification-due' : 'scheduled',
    nextDueAt: deadline.dueAt.toISOString(),
    nextDueDate: deadline.dueDate,
    dueReasons: [...(input.carried?.dueReasons ?? [])],
    newOwnerIds: [...(input.carried?.newOwnerIds ?? [])],
  };
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: beneficialOwnerReverificationCase,
    state,
    ...(input.carried ? { carried: { lastSeq: input.carried.lastSeq } } : {}),
    details: () => ({
      customerId: input.customerId,
      lastVerifiedAt: input.lastVerifiedAt,
      nextDueDate: state.nextDueDate,
      dueReasons: state.dueReasons,
      newOwnerIds: state.newOwnerIds,
      deadlineExplanation: [...deadline.explanation],
    }),
  });
  const noticed: string[] = [];
  let factChanges: CustomerFactsChanged[] = [];
  let outcome: 're-verified' | 'stopped' | undefined;
  // The provider closed an account of the customer: re-verification stops.
  let closure: AccountClosed | undefined;

  setHandler(beneficialOwnerReverificationStateQuery, () => state);
  setHandler(beneficialOwnerAddedFact.signal, ({ partyId }) => void noticed.push(partyId));
  setHandler(accountClosedFact.signal, (closed) => void (closure ??= closed));
  setHandler(customerFactsChangedFact.signal, (change) => void factChanges.push(change));
  // Updates: the handler must know whether the round was accepted as complete.
  handleDecisions(beneficialOwnerReverificationCase, recorder, {
    validate: () => {
      if (outcome) refuseWrongState('this re-verification round is already closed');
    },
    apply: async (request, at) => {
      if (request.decision === 're-verified') {
        const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
        if (!summary.allVerified) {
          refuseWrongState('re-verification is not complete: a tracked party is unverified or has an open discrepancy');
        }
        outcome = 're-verified';
        // The round is done: the case is scheduled again, and the next round continues as new.
        await recorder.transition({
          status: 'scheduled',
          events: { type: 'reverification.completed', occurredAt: at, actor: request.actor.subject, data: { reasons: state.dueReasons } },
        });
      } else {
        outcome = 'stopped';
        await recorder.transition({
          status: 'stopped',
          events: { type: 'reverification.stopped', occurredAt: at, actor: request.actor.subject, data: { reason: request.reason } },
        });
      }
    },
  });

  const scheduled = { type: 'reverification.scheduled', data: { nextDueAt: state.nextDueAt, explanation: [...deadline.explanation] } };
  if (!input.carried) {
    await recorder.open({
      subject: { type: 'customer', id: input.customerId },
      ruleSetId: ruleSet.id,
      workflowId: workflowInfo().workflowId,
      openedAt: new Date(),
      dueAt: deadline.dueAt,
      openedBy: input.openedBy,
      data: { nextDueAt: state.nextDueAt },
      also: [{ ...scheduled, actor: input.openedBy }],
    });
  } else {
    // A new round: the case's due date moves to this round's deadline.
    await recorder.transition({ dueAt: deadline.dueAt, events: { ...scheduled, actor: 'system' } });
  }

  async function markDue(reason: string, data: Record<string, unknown>) {
    if (!state.dueReasons.includes(reason)) state.dueReasons.push(reason);
    await recorder.transition({ status: 'reverification-due', events: { type: 'reverification.due', actor: 'system', data: { reason, ...data } } });
  }

  /**
   * Classifies the customer again on the changed facts (the activity stores the classification
   * and each party's beneficial-owner determination), records what the rules now say and why,
   * and makes re-verification due when a party that must be verified is not.
   */
  async function redetermine(changes: CustomerFactsChanged[]) {
    const reason = `the recorded facts changed: ${[...new Set(changes.map((c) => c.change))].join(', ')}`;
    const unverified = await classifyAgain({ reason, changes });
    if (unverified && unverified.length > 0) await markDue('ownership-changed', { partyIds: unverified, changeIds: changes.map((c) => c.changeId) });
  }

  /**
   * Classifies the customer again and records what the rules now say; the tracked parties not
   * verified, or undefined when the recorded facts cannot be classified (shown on the case).
   */
  async function classifyAgain(why: Record<string, unknown>): Promise<string[] | undefined> {
    let result;
    try {
      result = await customerActivities.classifyCustomer({ customerId: input.customerId, ruleSetId: ruleSet.id });
    } catch (err) {
      // The API refuses changes the rules cannot classify; facts stored otherwise are shown, not retried.
      if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === FAILURE.invalidCustomerFacts)) throw err;
      await recorder.transition({ events: { type: 'classification.failed', actor: 'system', data: { ...why, reason: err.cause.message, details: err.cause.details ?? [] } } });
      return undefined;
    }
    const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
    const unverified = summary.trackedParties.filter((p) => !p.verified || p.openDiscrepancies > 0).map((p) => p.partyId);
    await recorder.transition({
      events: {
        type: 'beneficial-owners.redetermined',
        actor: 'system',
        data: { ...why, trackingRequired: result.trackingRequired, parties: result.parties, reasons: result.reasons, unverifiedParties: unverified },
      },
    });
    return unverified;
  }

  /** New beneficial owners: classified, and re-verification due for each the CIP tracks unverified. */
  async function classifyNewOwners(added: string[]) {
    const unverified = await classifyAgain({ reason: 'a beneficial owner was added', partyIds: added });
    // Facts the rules cannot classify: the owner cannot be judged, so it is verified to be safe.
    for (const partyId of added) if (!unverified || unverified.includes(partyId)) await markDue('beneficial-owner-added', { partyId });
    const others = (unverified ?? []).filter((id) => !added.includes(id));
    if (others.length > 0) await markDue('ownership-changed', { partyIds: others });
  }

  const wake = () => outcome !== undefined || noticed.length > 0 || closure !== undefined || factChanges.length > 0;
  while (!outcome) {
    const periodicPending = !state.dueReasons.includes('periodic');
    const untilDue = deadline.dueAt.getTime() - Date.now();
    // Until the period ends, wake at its end; after that, only a decision or a notice wakes us.
    if (periodicPending && untilDue >= 0) await condition(wake, untilDue + 1);
    else await condition(wake);
    if (outcome) break;
    if (closure) {
      outcome = 'stopped';
      await recorder.transition({
        status: 'stopped',
        events: { type: 'reverification.stopped', actor: closure.closedBy, data: { reason: `account ${closure.accountId} closed: ${closure.reason}`, accountId: closure.accountId } },
      });
      break;
    }
    if (noticed.length > 0 && patched(CLASSIFY_NEW_OWNERS)) {
      const added = [...new Set(noticed.splice(0))].filter((partyId) => !state.newOwnerIds.includes(partyId));
      state.newOwnerIds.push(...added);
      if (added.length > 0) await classifyNewOwners(added);
    }
    while (noticed.length > 0) {
      const partyId = noticed.shift()!;
      if (state.newOwnerIds.includes(partyId)) continue;
      state.newOwnerIds.push(partyId);
      await markDue('beneficial-owner-added', { partyId });
    }
    if (factChanges.length > 0) {
      const changes = factChanges;
      factChanges = [];
      if (patched(REDETERMINE_ON_FACTS_CHANGED)) await redetermine(changes);
    }
    if (periodicPending && Date.now() > deadline.dueAt.getTime()) {
      if (state.dueReasons.length === 0 && patched(NOTHING_TRACKED_ROLLS_ON)) {
        const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
        if (summary.trackedParties.length === 0) {
          outcome = 're-verified';
          await recorder.transition({
            events: {
              type: 'reverification.not-required',
              actor: 'system',
              data: { reason: 'the CIP tracks no party of this customer (the customer and every beneficial owner are U.S. persons): nothing to re-verify; the next period starts', dueAt: state.nextDueAt },
            },
          });
          break;
        }
      }
      await markDue('periodic', { dueAt: state.nextDueAt });
    }
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
