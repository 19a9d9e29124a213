// One revoked exemption's covered subject, back under the normal CIP duties. The case hears
// the facts that show it (delivered by subject, as every fact is) and closes on the first that
// does, or on a handler's confirmation.
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { getRuleSet } from '../../rules/index.js';
import {
  CaseRecorder,
  handleDecisions,
  isRuleInputError,
  openRefusedCase,
  providerCipRecordedFact,
  resellerCipRecordedFact,
  tryRules,
  verificationRecordedFact,
  type CaseEventDraft,
} from '../kit/index.js';
import { cipDutyResumptionCase } from './case-type.js';
import type { CipDutyResumptionInput, CipDutyResumptionResult } from './messages.js';

export async function cipDutyResumptionWorkflow(input: CipDutyResumptionInput): Promise<CipDutyResumptionResult> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    return openRefusedCase({ caseId: input.caseId, caseType: cipDutyResumptionCase, subject: input.subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const state: { status: 'open' | 'resumed'; result?: CipDutyResumptionResult } = { status: 'open' };
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: cipDutyResumptionCase,
    state,
    details: () => ({
      exemptionId: input.exemptionId,
      scope: input.scope,
      revokedAt: input.revokedAt,
      ...(state.result ? { resumedBy: state.result.resumedBy, evidence: state.result.evidence } : {}),
    }),
  });

  // Facts may arrive together; the first that shows the duties resumed closes the case, once.
  const resume = async (result: CipDutyResumptionResult, event: CaseEventDraft) => {
    if (recorder.closed || state.result) return;
    state.result = result;
    await recorder.transition({ status: 'resumed', events: event });
  };

  setHandler(verificationRecordedFact.signal, async (fact) => {
    if (input.subject.type !== 'customer' || fact.result !== 'verified') return;
    const evidence = `verification ${fact.attemptId} of party ${fact.partyId}`;
    await resume({ resumedBy: 'fact', by: 'system', evidence }, { type: 'cip-duty.resumed', actor: 'system', data: { fact: 'verification-recorded', attemptId: fact.attemptId, partyId: fact.partyId } });
  });
  setHandler(resellerCipRecordedFact.signal, async (fact) => {
    if (input.subject.type !== 'foreign-reseller') return;
    await resume(
      { resumedBy: 'fact', by: fact.recordedBy, evidence: `reseller CIP version ${fact.version}` },
      { type: 'cip-duty.resumed', actor: 'system', data: { fact: 'reseller-cip-recorded', version: fact.version, effectiveAt: fact.effectiveAt } },
    );
  });
  setHandler(providerCipRecordedFact.signal, async (fact) => {
    if (input.subject.type !== 'provider-cip') return;
    await resume(
      { resumedBy: 'fact', by: fact.recordedBy, evidence: `provider CIP version ${fact.version}` },
      { type: 'cip-duty.resumed', actor: 'system', data: { fact: 'provider-cip-recorded', version: fact.version, effectiveAt: fact.effectiveAt } },
    );
  });

  handleDecisions(cipDutyResumptionCase, recorder, {
    apply: async (request, at) => {
      const measures = (request.params!.measures as string).trim();
      state.result = { resumedBy: 'decision', by: request.actor.subject, evidence: measures };
      await recorder.transition({ status: 'resumed', events: { type: 'cip-duty.resumed', actor: request.actor.subject, occurredAt: at, data: { measures } } });
    },
  });

  await recorder.open({
    subject: input.subject,
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    openedBy: input.openedBy,
    data: { exemptionId: input.exemptionId, scope: input.scope, revokedAt: input.revokedAt },
  });
  await condition(() => recorder.closed && allHandlersFinished());
  return state.result!;
}
