// One existing customer (an account open, or an application pending) or reseller matching a
// special measure that entered force: a case for a handler, open until the handler concludes it. No deadline: the rule sets none.
import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { getRuleSet } from '../../rules/index.js';
import {
  CaseRecorder,
  checkSpecialMeasureEnded,
  handleDecisions,
  isRuleInputError,
  measureEndedForCustomerReviewFact,
  openRefusedCase,
  recordRefusedFact,
  tryRules,
  type SpecialMeasureEnded,
} from '../kit/index.js';
import { specialMeasureImpactReviewCase } from './case-type.js';
import type { SpecialMeasureImpactReviewInput } from './messages.js';

/** What follows for an application not yet opened, told to the handler on the case's opening event. */
const PENDING_APPLICATION_NOTE: Record<SpecialMeasureImpactReviewInput['effect'], string> = {
  refuse:
    'The application has not been opened: the prohibition binds its opening. An open, open-interim or monitor decision on its customer-identification case is refused (409 naming the measure) and that case ends as prohibited.',
  conditions: "The application has not been opened: it may be opened only on the measure's conditions, which an opening decision adds to its customer-identification case as tasks.",
  warn: 'The application has not been opened; the measure is in its phase-in and does not bind the opening yet.',
  review: 'The application has not been opened; the match is only a near match on name: the handler judges it.',
};

// A review opened before this version never heard that its measure ended. Since, the measure's
// workflow tells it (revoked or expired): the review records the end and says so on the case, and
// stays open for the handler to conclude. Hearing it adds commands, hence patched.
const HEARS_MEASURE_ENDED = 'impact-review-hears-measure-ended';

/** What the measure's end means for the review, in a sentence for the handler (who still decides). */
function noteOnMeasureEnded(input: SpecialMeasureImpactReviewInput, fact: SpecialMeasureEnded): string {
  const measure = `Special measure ${fact.measureId} (${fact.federalRegisterCitation}) ${fact.ended === 'revoked' ? 'was revoked' : 'expired'} on ${fact.at}`;
  const subject = input.subjectType === 'customer' ? (input.pendingApplication ? 'this application' : 'this customer') : 'this reseller';
  return `${measure}: it no longer binds ${subject}. The review stays open: nothing has been decided for the handler, who concludes it with what was done while the measure bound (or no action, or not a match).`;
}

export async function specialMeasureImpactReviewWorkflow(input: SpecialMeasureImpactReviewInput): Promise<{ outcome: string; decidedBy: string }> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    const subject = { type: input.subjectType, id: input.subjectId };
    return openRefusedCase({ caseId: input.caseId, caseType: specialMeasureImpactReviewCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const state: { status: 'open' | 'concluded'; outcome?: string; decidedBy?: string } = { status: 'open' };
  let measureEnded: { ended: SpecialMeasureEnded['ended']; at: string; note: string } | undefined;
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: specialMeasureImpactReviewCase,
    state,
    details: () => ({
      measureId: input.measureId,
      federalRegisterCitation: input.federalRegisterCitation,
      effect: input.effect,
      matchedBy: input.matchedBy,
      nearMatchOnly: input.nearMatchOnly,
      reach: ruleSet.interpretations.specialMeasureReach.value,
      ...(input.pendingApplication ? { pendingApplication: true } : {}),
      ...(input.tasks ? { tasks: input.tasks } : {}),
      ...(state.outcome ? { outcome: state.outcome } : {}),
      ...(measureEnded ? { measureEnded, decisionNotes: { conclude: measureEnded.note } } : {}),
    }),
  });

  // The same signal carries the fact for a customer's review and for a reseller's.
  setHandler(measureEndedForCustomerReviewFact.signal, async (fact) => {
    // Another measure's end (the subject's review of it hears it), or told twice: nothing to record.
    if (recorder.closed || fact.measureId !== input.measureId || measureEnded || !patched(HEARS_MEASURE_ENDED)) return;
    const refused = tryRules(() => checkSpecialMeasureEnded(fact));
    if (isRuleInputError(refused)) return recordRefusedFact(recorder, { name: measureEndedForCustomerReviewFact.name, payload: { ...fact } }, refused);
    measureEnded = { ended: fact.ended, at: fact.at, note: noteOnMeasureEnded(input, fact) };
    await recorder.transition({
      events: { type: 'impact-review.measure-ended', actor: 'system', data: { measureId: fact.measureId, federalRegisterCitation: fact.federalRegisterCitation, ended: fact.ended, at: fact.at, note: measureEnded.note } },
    });
  });

  handleDecisions(specialMeasureImpactReviewCase, recorder, {
    apply: async (request, at) => {
      state.outcome = request.params?.outcome as string;
      state.decidedBy = request.actor.subject;
      await recorder.transition({
        status: 'concluded',
        events: { type: 'impact-review.concluded', actor: request.actor.subject, occurredAt: at, data: { outcome: state.outcome, reason: request.reason ?? null } },
      });
    },
  });

  await recorder.open({
    subject: { type: input.subjectType, id: input.subjectId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    openedBy: input.openedBy,
    data: {
      measureId: input.measureId,
      federalRegisterCitation: input.federalRegisterCitation,
      effect: input.effect,
      matchedBy: input.matchedBy,
      nearMatchOnly: input.nearMatchOnly,
      reach: ruleSet.interpretations.specialMeasureReach.explanation,
      ...(input.pendingApplication ? { pendingApplication: PENDING_APPLICATION_NOTE[input.effect] } : {}),
      ...(input.tasks ? { tasks: input.tasks } : {}),
    },
  });
  await condition(() => recorder.closed && allHandlersFinished());
  return { outcome: state.outcome!, decidedBy: state.decidedBy! };
}
