// One existing customer or reseller matching a special measure that entered force: a case for a
// handler, open until the handler concludes it. No deadline: the rule sets none.
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import { getRuleSet } from '../../rules/index.js';
import { CaseRecorder, handleDecisions, isRuleInputError, openRefusedCase, tryRules } from '../kit/index.js';
import { specialMeasureImpactReviewCase } from './case-type.js';
import type { SpecialMeasureImpactReviewInput } from './messages.js';

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
      ...(input.tasks ? { tasks: input.tasks } : {}),
    },
  });
  await condition(() => recorder.closed && allHandlersFinished());
  return { outcome: state.outcome!, decidedBy: state.decidedBy! };
}
