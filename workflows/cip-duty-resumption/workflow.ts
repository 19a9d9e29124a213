// One revoked exemption's covered subject, back under the normal CIP duties. The case hears
// the facts that show it (delivered by subject, as every fact is) and closes on the first that
// does, or on a handler's confirmation.
import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
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
import { customerActivities } from '../shared/customer-activities.js';
import { cipDutyResumptionCase } from './case-type.js';
import type { CipDutyResumptionInput, CipDutyResumptionResult } from './messages.js';

// What shows the duties resumed must postdate the revocation and cover what the exemption
// covered. A lessee: every party the CIP tracks verified since the revocation (one party's
// verification, or one performed while the exemption still stood, shows nothing of the kind). A
// CIP on file: the version in effect; one recorded with a later effective date settles the case
// on that day. Added after the first release (one verified party of any date settled the case),
// hence patched.
const EVIDENCE_SINCE_REVOCATION = 'resume-on-evidence-since-revocation';

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
  const notYet = async (data: Record<string, unknown>) => {
    if (recorder.closed || state.result) return;
    await recorder.transition({ events: { type: 'cip-duty.not-yet-resumed', actor: 'system', data } });
  };
  // A CIP version on file that takes effect later: the case settles when it does.
  let scheduled: { effectiveAt: string; result: CipDutyResumptionResult; event: CaseEventDraft } | undefined;
  const resumeWhenInEffect = async (effectiveAt: string, result: CipDutyResumptionResult, event: CaseEventDraft) => {
    if (!patched(EVIDENCE_SINCE_REVOCATION) || Date.parse(effectiveAt) <= Date.now()) return resume(result, event);
    if (scheduled && Date.parse(scheduled.effectiveAt) <= Date.parse(effectiveAt)) return;
    scheduled = { effectiveAt, result, event };
    await notYet({ ...event.data, reason: `${result.evidence} takes effect at ${effectiveAt}: the CIP duties resume then, unless a version in effect is recorded or a handler confirms them first` });
  };

  setHandler(verificationRecordedFact.signal, async (fact) => {
    if (input.subject.type !== 'customer' || fact.result !== 'verified') return;
    if (patched(EVIDENCE_SINCE_REVOCATION)) {
      const summary = await customerActivities.verificationSummary({ customerId: input.subject.id });
      const revokedAt = Date.parse(input.revokedAt);
      const toVerify = summary.trackedParties
        .filter((p) => !p.verified || p.openDiscrepancies > 0 || !p.verifiedAt || Date.parse(p.verifiedAt) < revokedAt)
        .map((p) => p.partyId);
      const data = { fact: 'verification-recorded', attemptId: fact.attemptId, partyId: fact.partyId };
      if (toVerify.length > 0) {
        await notYet({ ...data, reason: `not every party the CIP tracks is verified since the revocation (${input.revokedAt})`, partiesToVerify: toVerify });
        return;
      }
      const verifiedParties = summary.trackedParties.map((p) => ({ partyId: p.partyId, verifiedAt: p.verifiedAt }));
      await resume(
        { resumedBy: 'fact', by: 'system', evidence: `every party the CIP tracks verified since the revocation (the last: verification ${fact.attemptId} of party ${fact.partyId})` },
        { type: 'cip-duty.resumed', actor: 'system', data: { ...data, verifiedParties } },
      );
      return;
    }
    const evidence = `verification ${fact.attemptId} of party ${fact.partyId}`;
    await resume({ resumedBy: 'fact', by: 'system', evidence }, { type: 'cip-duty.resumed', actor: 'system', data: { fact: 'verification-recorded', attemptId: fact.attemptId, partyId: fact.partyId } });
  });
  setHandler(resellerCipRecordedFact.signal, async (fact) => {
    if (input.subject.type !== 'foreign-reseller') return;
    await resumeWhenInEffect(
      fact.effectiveAt,
      { resumedBy: 'fact', by: fact.recordedBy, evidence: `reseller CIP version ${fact.version}` },
      { type: 'cip-duty.resumed', actor: 'system', data: { fact: 'reseller-cip-recorded', version: fact.version, effectiveAt: fact.effectiveAt } },
    );
  });
  setHandler(providerCipRecordedFact.signal, async (fact) => {
    if (input.subject.type !== 'provider-cip') return;
    await resumeWhenInEffect(
      fact.effectiveAt,
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
  if (patched(EVIDENCE_SINCE_REVOCATION)) {
    while (!recorder.closed) {
      const waiting = scheduled;
      if (!waiting) {
        await condition(() => recorder.closed || scheduled !== undefined);
        continue;
      }
      const until = Date.parse(waiting.effectiveAt) - Date.now();
      if (until > 0 && (await condition(() => recorder.closed || scheduled !== waiting, until))) continue;
      await resume(waiting.result, { ...waiting.event, data: { ...waiting.event.data, tookEffect: true } });
    }
  }
  await condition(() => recorder.closed && allHandlersFinished());
  return state.result!;
}
