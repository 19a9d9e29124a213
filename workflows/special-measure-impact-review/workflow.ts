// One existing customer (an account open, or an application pending) or reseller matching a
// special measure that entered force: a case for a handler, open until the handler concludes it. No deadline: the rule sets none.
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import { getRuleSet } from '../../rules/index.js';
import { CaseRecorder, handleDecisions, isRuleInputError, openRefusedCase, tryRules } from '../kit/index.js';
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

export async function specialMeasureImpactReviewWorkflow(input: SpecialMeasureImpactReviewInput): Promise<{ outcome: string; decidedBy: string }> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    const subject = { type: input.subjectType, id: input.subjectId };
    return openRefusedCase({ caseId: input.caseId, caseType: specialMeasureImpactReviewCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const state: { status: 'open' | 'concluded'; outcome?: string; decidedBy?: string } = { status: 'open' };
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
    }),
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
