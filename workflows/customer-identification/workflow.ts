// Customer identification (REGULATION.md, CIP): one workflow per prospective account. It
// classifies the customer and its beneficial owners as U.S. or foreign; if all are U.S.
// persons it records that and finishes. Otherwise it waits for verification and for the
// handler's decision among the CIP's four outcomes: open; open as an interim, restricted
// account (a child workflow owns that review); keep under additional monitoring; corrective
// measures; or refuse / close, which need a reviewer's approval (four-eyes).
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, executeChild, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ClassifyCustomerResult, SpecialMeasureFindingSummary, SpecialMeasuresCheck, VerificationSummary } from '../../activities/customers.contract.js';
import { getRuleSet } from '../../rules/index.js';
import { beneficialOwnerReverificationWorkflow } from '../beneficial-owner-reverification/workflow.js';
import { workflowIdFor } from '../ids.js';
import { interimAccountReviewWorkflow } from '../interim-account-review/workflow.js';
import {
  beneficialOwnerAddedFact,
  CaseRecorder,
  checkSpecialMeasureEnded,
  customerFactsChangedFact,
  FAILURE,
  FourEyes,
  handleDecisions,
  isRuleInputError,
  newCaseId,
  openRefusedCase,
  recordRefusedFact,
  refuseWrongState,
  specialMeasureAppliesFact,
  specialMeasureEndedFact,
  startChildOnce,
  tryRules,
  verificationRecordedFact,
  type CaseEventDraft,
  type CustomerFactsChanged,
} from '../kit/index.js';
import { recordRetentionWorkflow } from '../record-retention/workflow.js';
import { customerActivities } from '../shared/customer-activities.js';
import { customerIdentificationCase } from './case-type.js';
import {
  checkSpecialMeasureApplies,
  noteOnApplying,
  openingDecisionNotes,
  type SpecialMeasureApplying,
  type SpecialMeasureLifted,
} from './special-measures-told.js';
import {
  customerIdentificationStateQuery,
  type CustomerIdentificationInput,
  type CustomerIdentificationState,
  type CustomerIdentificationStatus,
} from './messages.js';

// The identifying records of a refused applicant are kept for the retention period after the
// refusal and then disposed of, like a closed account's. Added after the first release: cases
// refused before it keep their old path (no retention workflow).
const RETENTION_AFTER_REFUSAL = 'retention-after-refusal';

// Facts the rules refuse to classify (activities/customers.ts) keep the case open in
// 'needs-correction' until corrected facts arrive, instead of failing the workflow. Added after
// the first release, hence patched.
const KEEP_CASE_ON_INVALID_FACTS = 'keep-case-on-invalid-facts';

// What a special measure does to an application is recorded with the measure's Federal Register
// citation: a refusal names the measures and their citations; a matching measure still in its
// phase-in warns without blocking, as does a near match on a designated person's name; a
// conditions-measure's conditions become tasks on the case. Added after the first release:
// cases started before it keep their old records.
const SPECIAL_MEASURE_FINDINGS = 'special-measure-findings';

// The case row shows what the verification records say, not what the signals announced: each
// verification fact re-reads the records (a discrepancy resolved on a failed attempt, or a
// party verified while an interim account runs, shows at once), and a case that ends open
// lists every tracked party as verified. Added after the first release, hence patched.
const VERIFICATION_FROM_RECORDS = 'verification-from-records';

// A special measure may enter force while an application waits for verification: its
// classification found nothing, but the account is not open yet, and NPRM-2024's measures bind
// the opening of accounts. So the opening decisions (open, open-interim, monitor) ask the
// measures in force again at the moment the account would open: a prohibition refuses the
// decision (409 naming the measure) and the application ends as `prohibited`, exactly as it
// would have had it arrived after the measure; a conditions-measure's conditions become tasks.
// Added after the first release: this adds an activity to those decisions, hence patched.
const SPECIAL_MEASURES_AT_OPENING = 'special-measures-at-opening';

// A measure that enters force while the application waits tells the case at once (a fact, not a
// decision): the case shows the measure, why an opening decision will be refused under a
// prohibition, and a conditions-measure's conditions as tasks; a revocation or expiry before the
// opening takes them off again. Added after the first release: cases started before it may have
// such a signal in their history, unhandled, hence patched.
const TOLD_SPECIAL_MEASURES = 'told-special-measures';

// A customer of whom the CIP tracks nothing (customer and owners all U.S. persons) has its
// account opened at once, and this case ends. Facts that change afterwards (a foreign beneficial
// owner added, a citizenship corrected) must still reach a case that classifies again and asks
// for verification: the customer's re-verification case follows it as it follows a verified one.
// Added after the first release: such cases completed without starting it, hence patched.
const FOLLOW_NOT_TRACKED_CUSTOMERS = 'follow-not-tracked-customers';

/** Statuses in which the account is not open yet: a measure told then binds its opening. */
const OPENING_AHEAD: readonly CustomerIdentificationStatus[] = ['classifying', 'needs-correction', 'awaiting-verification', 'pending-approval'];

/** A condition of a special measure the account may be opened on only: a task on the case. */
interface SpecialMeasureTask {
  measureId: string;
  federalRegisterCitation: string;
  condition: string;
}

/** The conditions of the conditions-measures among the findings, one task each. */
function conditionTasks(findings: readonly SpecialMeasureFindingSummary[]): SpecialMeasureTask[] {
  return findings
    .filter((f) => f.effect === 'conditions')
    .flatMap((f) => f.conditions.map((condition) => ({ measureId: f.measureId, federalRegisterCitation: f.federalRegisterCitation, condition })));
}

const taskKey = (task: SpecialMeasureTask) => `${task.measureId}\u0000${task.condition}`;

export async function customerIdentificationWorkflow(input: CustomerIdentificationInput): Promise<CustomerIdentificationState> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    const subject = { type: 'customer', id: input.customerId };
    return openRefusedCase({ caseId: input.caseId, caseType: customerIdentificationCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const state: CustomerIdentificationState = { caseId: input.caseId, status: 'classifying', verifiedParties: [] };
  let classification: ClassifyCustomerResult | undefined;
  let interimRequested: string[] | undefined;
  let newOwners: string[] = [];
  let factChanges: CustomerFactsChanged[] = [];
  let specialMeasureTasks: SpecialMeasureTask[] = [];
  let specialMeasuresApplying: SpecialMeasureApplying[] = [];
  const specialMeasuresLifted: SpecialMeasureLifted[] = [];
  // Set when an opening decision found a prohibition in force: the main loop ends the case as prohibited.
  let prohibitedAtOpening: { measures: SpecialMeasuresCheck; findings: SpecialMeasureFindingSummary[]; decision: string; by: string; at: string } | undefined;

  const trackedPartyIds = () => (classification?.parties ?? []).filter((p) => p.tracked ?? p.status !== 'us').map((p) => p.partyId);
  const unverified = () => trackedPartyIds().filter((id) => !state.verifiedParties.includes(id));
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: customerIdentificationCase,
    state,
    details: () => ({
      customerId: input.customerId,
      accountId: input.accountId,
      customerStatus: classification?.customerStatus ?? null,
      trackingRequired: state.trackingRequired ?? null,
      verifiedParties: state.verifiedParties,
      unverifiedParties: unverified(),
      ...(proposal() ? { pendingProposal: proposal() } : {}),
      ...(specialMeasureTasks.length ? { specialMeasureTasks } : {}),
      ...(specialMeasuresApplying.length ? { specialMeasuresApplying } : {}),
      // Why an opening decision will be refused, while the case still takes decisions.
      ...(openingDecisionNotes(specialMeasuresApplying) && !customerIdentificationCase.closedStatuses.includes(state.status)
        ? { decisionNotes: openingDecisionNotes(specialMeasuresApplying) }
        : {}),
      ...(specialMeasuresLifted.length ? { specialMeasuresLifted } : {}),
    }),
  });
  const fourEyes = new FourEyes(recorder, 'pending-approval');
  function proposal(): CustomerIdentificationState['pendingProposal'] {
    const pending = recorder.pendingApproval;
    return pending ? { decision: pending.decision as 'refuse' | 'close', proposedBy: pending.proposedBy, reason: pending.reason } : undefined;
  }
  /** The approver's own reason, beside the proposal it approves (who proposed, and why). */
  const approval = (approved: { proposedBy: string; reason: string; proposedAt?: string }, reason: string | undefined) => ({
    proposedBy: approved.proposedBy,
    proposalReason: approved.reason,
    reason: reason ?? null,
  });
  const transition = (status: CustomerIdentificationStatus, type: string, actor: string, data: Record<string, unknown> = {}) =>
    recorder.transition({ status, events: { type, actor, data } });
  const setAccount = (status: 'open' | 'monitored' | 'closed' | 'refused', actor: string) =>
    customerActivities.setAccountStatus({ accountId: input.accountId, status, restrictions: [], reviewDueAt: null, at: new Date().toISOString(), actor });

  setHandler(customerIdentificationStateQuery, () => ({ ...state, pendingProposal: proposal() }));
  setHandler(verificationRecordedFact.signal, async ({ partyId, result, attemptId }) => {
    if (patched(VERIFICATION_FROM_RECORDS)) {
      if (recorder.closed || state.status === 'classifying' || !(await syncVerification()) || recorder.closed) return;
      await transition(state.status, 'verification.status-updated', 'system', {
        attemptId,
        verifiedParties: state.verifiedParties,
        unverifiedParties: unverified(),
        reason: 'as the verification records show after this attempt or resolution',
      });
      return;
    }
    const verified = new Set(state.verifiedParties);
    if (result === 'verified') verified.add(partyId);
    else verified.delete(partyId);
    state.verifiedParties = [...verified];
  });
  setHandler(specialMeasureAppliesFact.signal, async (fact) => {
    if (!patched(TOLD_SPECIAL_MEASURES)) return;
    // An account already open (or a closed case) is the impact review's to judge, not an opening.
    if (recorder.closed || !OPENING_AHEAD.includes(state.status)) return;
    const refused = tryRules(() => checkSpecialMeasureApplies(fact));
    if (isRuleInputError(refused)) return recordRefusedFact(recorder, { name: specialMeasureAppliesFact.name, payload: { ...fact } }, refused);
    // Told twice (a measure's workflow retried its telling): the case shows it once.
    if (specialMeasuresApplying.some((m) => m.measureId === fact.measureId)) return;
    const known = new Set(specialMeasureTasks.map(taskKey));
    const added = fact.effect === 'conditions' ? fact.conditions.filter((task) => !known.has(taskKey(task))) : [];
    const note = noteOnApplying(fact);
    specialMeasureTasks = [...specialMeasureTasks, ...added];
    const told = {
      measureId: fact.measureId,
      federalRegisterCitation: fact.federalRegisterCitation,
      effect: fact.effect,
      matchedBy: fact.matchedBy,
      inForceSince: fact.inForceSince,
      impactReviewCaseId: fact.impactReviewCaseId,
    };
    specialMeasuresApplying = [...specialMeasuresApplying, { ...told, note }];
    await recorder.transition({
      events: { type: 'special-measure.applies', actor: 'system', data: { ...told, note, ...(fact.effect === 'conditions' ? { tasks: added } : {}) } },
    });
  });
  setHandler(specialMeasureEndedFact.signal, async (fact) => {
    if (!patched(TOLD_SPECIAL_MEASURES) || recorder.closed) return;
    const applying = specialMeasuresApplying.find((m) => m.measureId === fact.measureId);
    const conditionsLifted = specialMeasureTasks.filter((task) => task.measureId === fact.measureId);
    // Nothing of this measure stands on the case.
    if (!applying && conditionsLifted.length === 0) return;
    const refused = tryRules(() => checkSpecialMeasureEnded(fact));
    if (isRuleInputError(refused)) return recordRefusedFact(recorder, { name: specialMeasureEndedFact.name, payload: { ...fact } }, refused);
    specialMeasuresApplying = specialMeasuresApplying.filter((m) => m.measureId !== fact.measureId);
    specialMeasureTasks = specialMeasureTasks.filter((task) => task.measureId !== fact.measureId);
    const lifted: SpecialMeasureLifted = { measureId: fact.measureId, federalRegisterCitation: fact.federalRegisterCitation, ended: fact.ended, at: fact.at, conditionsLifted };
    specialMeasuresLifted.push(lifted);
    await recorder.transition({
      events: {
        type: 'special-measure.no-longer-applies',
        actor: 'system',
        data: {
          ...lifted,
          note: `Special measure ${fact.measureId} (${fact.federalRegisterCitation}) was ${fact.ended} on ${fact.at}: it no longer binds this application${conditionsLifted.length ? ', and its conditions are no longer tasks on this case' : ''}.`,
        },
      },
    });
  });
  setHandler(beneficialOwnerAddedFact.signal, ({ partyId }) => void newOwners.push(partyId));
  setHandler(customerFactsChangedFact.signal, (change) => void factChanges.push(change));

  /**
   * Reads the verification records into the case (verified: latest attempt verified and no
   * discrepancy open). False when the recorded facts cannot be classified (needs-correction).
   */
  async function syncVerification(): Promise<boolean> {
    try {
      const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
      state.verifiedParties = summary.trackedParties.filter((p) => p.verified && p.openDiscrepancies === 0).map((p) => p.partyId);
      return true;
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === FAILURE.invalidCustomerFacts) return false;
      throw err;
    }
  }

  // Decisions are Updates with validators: a malformed or wrong-state decision is refused before
  // it reaches the history, so the case stays as it was.
  // What the opening decisions' checks found, for their apply step (one decision is applied at a time).
  let prepared: { conditions: SpecialMeasureTask[]; verification?: VerificationSummary } = { conditions: [] };
  handleDecisions(customerIdentificationCase, recorder, {
    fourEyes,
    validate: () => {
      if (prohibitedAtOpening) refuseWrongState('a special measure in force prohibits this account; the case is closing as prohibited');
    },
    // The checks that ask the records refuse a decision before it is accepted.
    prepare: async (request) => {
      prepared = { conditions: [] };
      const decision = request.decision;
      if (decision !== 'open' && decision !== 'open-interim' && decision !== 'monitor') return;
      // A monitored account is open already: the measures were asked when it opened.
      if (state.status === 'awaiting-verification') prepared.conditions = await specialMeasuresAtOpening(decision, request.actor.subject);
      if (decision === 'open') {
        // The verification records decide, not the signals: a signal lost between the API's
        // commit and its delivery must not keep a verified customer from being opened.
        const summary = await customerActivities.verificationSummary({ customerId: input.customerId });
        if (!summary.allVerified) {
          const pendingParties = summary.trackedParties.filter((p) => !p.verified || p.openDiscrepancies > 0).map((p) => p.partyId);
          refuseWrongState(`not every tracked party is verified: ${pendingParties.join(', ')}`);
        }
        prepared.verification = summary;
      }
    },
    apply: async (request, at) => {
      const actor = request.actor.subject;
      const decision = request.decision;
      switch (decision) {
        case 'open': {
          // The records say every tracked party is verified: so does the closed case.
          state.verifiedParties = prepared.verification!.trackedParties.map((p) => p.partyId);
          addConditionTasks(prepared.conditions, decision);
          await setAccount('open', actor);
          await transition('open', 'account.opened', actor, { reason: request.reason ?? null });
          break;
        }
        case 'open-interim':
          addConditionTasks(prepared.conditions, decision);
          interimRequested = request.params!.restrictions as string[];
          await transition('interim-restricted', 'account.interim-opened', actor, { restrictions: interimRequested, reason: request.reason ?? null });
          break;
        case 'monitor':
          addConditionTasks(prepared.conditions, decision);
          await setAccount('monitored', actor);
          await transition('monitored', 'account.monitored', actor, { reason: request.reason ?? null });
          break;
        case 'corrective-measures':
          await transition(state.status, 'corrective-measures.recorded', actor, { measures: request.params?.measures });
          break;
        case 'refuse':
        case 'close': {
          await fourEyes.propose(request, at, {
            type: `${decision === 'refuse' ? 'refusal' : 'closure'}.proposed`,
            actor,
            data: { reason: request.reason },
          });
          break;
        }
        case 'approve': {
          const approved = fourEyes.approve();
          if (approved.decision === 'refuse') {
            await setAccount('refused', actor);
            await transition('refused', 'refusal.approved', actor, approval(approved, request.reason));
            if (patched(RETENTION_AFTER_REFUSAL)) await startRetention(at, actor);
          } else {
            await setAccount('closed', actor);
            await transition('closed', 'closure.approved', actor, approval(approved, request.reason));
            await startRetention(at, actor);
          }
          break;
        }
        case 'reject': {
          await fourEyes.reject((rejected) => ({
            type: `${rejected.decision === 'refuse' ? 'refusal' : 'closure'}.rejected`,
            actor,
            data: { proposedBy: rejected.proposedBy, reason: request.reason },
          }));
          break;
        }
      }
    },
  });

  /**
   * The special measures in force at the instant the account would open. A prohibition refuses
   * the decision, naming the measures, and leaves the case to the main loop, which ends it as
   * prohibited; otherwise the conditions of conditions-measures not yet on the case are returned,
   * to become tasks when the decision is applied.
   */
  async function specialMeasuresAtOpening(decision: string, actor: string): Promise<SpecialMeasureTask[]> {
    if (!patched(SPECIAL_MEASURES_AT_OPENING)) return [];
    const measures = await customerActivities.checkSpecialMeasures({
      customerId: input.customerId,
      at: new Date().toISOString(),
      ruleSetId: input.ruleSetId,
      timeZone: input.timeZone,
    });
    const findings = measures.findings ?? [];
    if (measures.prohibited) {
      prohibitedAtOpening = { measures, findings, decision, by: actor, at: new Date().toISOString() };
      const prohibiting = findings.filter((f) => f.effect === 'refuse');
      const named = prohibiting.length ? prohibiting.map((f) => `${f.measureId} (${f.federalRegisterCitation})`).join(', ') : measures.measureIds.join(', ');
      throw ApplicationFailure.create({
        type: FAILURE.specialMeasureProhibits,
        message: `a special measure in force prohibits opening this account: ${named}. The ${decision} decision is refused, and the application is refused under the measure: the case closes as prohibited.`,
        details: prohibiting.map((f) => ({ field: 'decision', message: `prohibited by special measure ${f.measureId} (${f.federalRegisterCitation}), matched by ${f.matchedBy.join(', ')}` })),
        nonRetryable: true,
      });
    }
    const known = new Set(specialMeasureTasks.map(taskKey));
    return conditionTasks(findings).filter((task) => !known.has(taskKey(task)));
  }

  /** Conditions that appeared after classification: tasks on the case, recorded with the decision that met them. */
  function addConditionTasks(added: SpecialMeasureTask[], decision: string) {
    if (added.length === 0) return;
    specialMeasureTasks = [...specialMeasureTasks, ...added];
    recorder.stage({ type: 'special-measure.conditions', actor: 'system', data: { tasks: added, atDecision: decision } });
  }

  /** The application is refused under a measure in force: the account is refused and its records are retained. */
  async function prohibit(measures: SpecialMeasuresCheck, findings: SpecialMeasureFindingSummary[] | undefined, atOpening?: { decision: string; by: string; at: string }) {
    await setAccount('refused', 'system');
    await transition('prohibited', 'special-measure.prohibits', 'system', {
      measureIds: measures.measureIds,
      reasons: measures.reasons,
      ...(findings
        ? { citations: findings.filter((f) => f.effect === 'refuse').map((f) => ({ measureId: f.measureId, federalRegisterCitation: f.federalRegisterCitation })), findings }
        : {}),
      ...(atOpening ? { atOpening } : {}),
    });
    if (patched(RETENTION_AFTER_REFUSAL)) await startRetention(new Date(), 'system');
  }

  /** Record retention runs on its own after this case ends: the child outlives its parent. */
  async function startRetention(closedAt: Date, actor: string) {
    await startChildOnce(recordRetentionWorkflow, {
      workflowId: workflowIdFor('record-retention', input.accountId),
      args: [{ caseId: newCaseId(), customerId: input.customerId, accountId: input.accountId, ruleSetId: input.ruleSetId, timeZone: input.timeZone, openedBy: actor, closedAt: closedAt.toISOString() }],
    });
  }

  /** Once the account is in use, its beneficial owners are re-verified on the CIP policy period. */
  async function startReverification() {
    await startChildOnce(beneficialOwnerReverificationWorkflow, {
      workflowId: workflowIdFor('beneficial-owner-reverification', input.customerId),
      args: [{ caseId: newCaseId(), customerId: input.customerId, ruleSetId: input.ruleSetId, timeZone: input.timeZone, openedBy: 'system', lastVerifiedAt: new Date().toISOString() }],
    });
  }

  /**
   * Classifies the customer; `undefined` when the recorded facts cannot be classified (the
   * rules refuse them), after the case has been put in 'needs-correction' with the reason.
   */
  async function classify(): Promise<ClassifyCustomerResult | undefined> {
    try {
      classification = await customerActivities.classifyCustomer({ customerId: input.customerId, ruleSetId: ruleSet.id });
    } catch (err) {
      const invalid = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === FAILURE.invalidCustomerFacts;
      if (!invalid || !patched(KEEP_CASE_ON_INVALID_FACTS)) throw err;
      await transition('needs-correction', 'classification.failed', 'system', { reason: err.cause!.message, details: err.cause!.details ?? [] });
      return undefined;
    }
    state.trackingRequired = classification.trackingRequired;
    return classification;
  }

  /** What follows a classification: nothing tracked, prohibited, or verification. */
  async function settle(result: ClassifyCustomerResult) {
    const classifiedData = { customerStatus: result.customerStatus, parties: result.parties, reasons: result.reasons };
    if (!result.trackingRequired) {
      // Customer and every beneficial owner are U.S. persons: nothing more is tracked.
      await setAccount('open', 'system');
      await transition('not-tracked', 'customer.classified', 'system', classifiedData);
      return;
    }
    const measures = await customerActivities.checkSpecialMeasures({
      customerId: input.customerId,
      at: new Date().toISOString(),
      ruleSetId: input.ruleSetId,
      timeZone: input.timeZone,
    });
    const findings = patched(SPECIAL_MEASURE_FINDINGS) ? (measures.findings ?? []) : undefined;
    if (measures.prohibited) {
      await prohibit(measures, findings);
    } else {
      const events: CaseEventDraft[] = [{ type: 'customer.classified', actor: 'system', data: { ...classifiedData, specialMeasures: measures.measureIds } }];
      const warnings = (findings ?? []).filter((f) => f.effect === 'warn' || f.effect === 'review');
      if (warnings.length > 0) events.push({ type: 'special-measure.warning', actor: 'system', data: { findings: warnings, reasons: measures.reasons } });
      const tasks = conditionTasks(findings ?? []);
      if (tasks.length > 0) {
        specialMeasureTasks = tasks;
        events.push({ type: 'special-measure.conditions', actor: 'system', data: { tasks: specialMeasureTasks } });
      }
      await recorder.transition({ status: 'awaiting-verification', events });
    }
  }

  await recorder.open({
    subject: { type: 'customer', id: input.customerId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    openedBy: input.openedBy,
    data: { accountId: input.accountId },
  });

  const first = await classify();
  if (first) await settle(first);

  while (!recorder.closed) {
    await condition(() => recorder.closed || prohibitedAtOpening !== undefined || interimRequested !== undefined || newOwners.length > 0 || factChanges.length > 0);
    if (prohibitedAtOpening && !recorder.closed) {
      // An opening decision met a prohibition in force: refused like an application that arrives after the measure.
      const { measures, findings, decision, by, at } = prohibitedAtOpening;
      await prohibit(measures, findings, { decision, by, at });
      break;
    }
    if (factChanges.length > 0 && !recorder.closed) {
      // A determination, correction, stake change or removal changes who must be verified:
      // classify again; corrected facts take a case out of needs-correction, and facts that now
      // show only U.S. persons end the tracking.
      const changes = factChanges;
      factChanges = [];
      const statusBefore = state.status;
      const result = await classify();
      if (result && (statusBefore === 'needs-correction' || (statusBefore === 'awaiting-verification' && !result.trackingRequired))) await settle(result);
      else if (result) {
        await transition(state.status, 'customer.reclassified', 'system', {
          reason: `the recorded facts changed: ${[...new Set(changes.map((c) => c.change))].join(', ')}`,
          changes,
          trackingRequired: result.trackingRequired,
          parties: result.parties,
          reasons: result.reasons,
        });
      }
      if (patched(VERIFICATION_FROM_RECORDS) && !recorder.closed && (await syncVerification())) {
        await transition(state.status, 'verification.status-updated', 'system', {
          verifiedParties: state.verifiedParties,
          unverifiedParties: unverified(),
          reason: 'who must be verified changed with the classification',
        });
      }
    }
    if (newOwners.length > 0) {
      // A new beneficial owner changes who must be verified: classify again.
      const added = newOwners;
      newOwners = [];
      const wasWaitingForCorrection = state.status === 'needs-correction';
      const result = await classify();
      if (result && wasWaitingForCorrection) await settle(result);
      else if (result) {
        await transition(state.status, 'beneficial-owner.added', 'system', { partyIds: added, trackingRequired: result.trackingRequired, parties: result.parties });
      }
    }
    if (interimRequested) {
      const restrictions = interimRequested;
      interimRequested = undefined;
      const review = await executeChild(interimAccountReviewWorkflow, {
        workflowId: workflowIdFor('interim-account-review', input.accountId),
        args: [{ caseId: newCaseId(), customerId: input.customerId, accountId: input.accountId, ruleSetId: input.ruleSetId, timeZone: input.timeZone, openedBy: input.openedBy, restrictions }],
      });
      const data = { outcome: review.outcome, decidedBy: review.decidedBy, byDefault: review.byDefault };
      if (review.outcome === 'lifted') {
        if (patched(VERIFICATION_FROM_RECORDS)) await syncVerification();
        await transition('open', 'interim.concluded', review.decidedBy, data);
      }
      else if (review.outcome === 'monitored') await transition('monitored', 'interim.concluded', review.decidedBy, data);
      else {
        await transition('closed', 'interim.concluded', review.decidedBy, data);
        await startRetention(new Date(review.decidedAt), review.decidedBy);
      }
    }
  }
  await condition(allHandlersFinished);
  if (state.status === 'open' || (state.status === 'not-tracked' && patched(FOLLOW_NOT_TRACKED_CUSTOMERS))) await startReverification();
  return { ...state, pendingProposal: proposal() };
}
