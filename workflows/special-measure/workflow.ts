// A special measure (REGULATION.md, "Special measures"), one workflow per measure: issued, then
// its phase-in (providers need not implement it yet; reminders ahead of the implementation
// date), then in force until its expiry, which an extension decision (carrying its Federal
// Register citation and new end) moves while the workflow waits, as often as Commerce extends
// it; a revocation decision ends it at any time. Entering force opens an impact review: one
// case per existing customer or reseller that matches the measure's target.
import { allHandlersFinished, condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ImpactedSubject, SpecialMeasureActivities } from '../../activities/special-measures.js';
import { assertExtensionsProlong, getRuleSet, RuleInputError, specialMeasureTimeline, type SpecialMeasure } from '../../rules/index.js';
import { workflowIdFor } from '../ids.js';
import {
  CaseDeadline,
  CaseRecorder,
  databaseActivities,
  handleDecisions,
  isRuleInputError,
  measureEndedForCustomerReviewFact,
  measureEndedForResellerReviewFact,
  newCaseId,
  openRefusedCase,
  refuseInvalid,
  specialMeasureAppliesFact,
  specialMeasureEndedFact,
  startChildOnce,
  tellOpenCases,
  tryRules,
  type CaseStart,
} from '../kit/index.js';
import { specialMeasureImpactReviewWorkflow } from '../special-measure-impact-review/workflow.js';
import { specialMeasureCase } from './case-type.js';
import type { SpecialMeasureCondition } from '../kit/facts.js';
import { specialMeasureStateQuery, type SpecialMeasureExtensionFact, type SpecialMeasureInput, type SpecialMeasureState } from './messages.js';

const measures = databaseActivities<SpecialMeasureActivities>('1 minute');
// The impact scan reads every matching customer: it may take longer.
const impact = proxyActivities<SpecialMeasureActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// A pending application's identification case used to learn of a measure that entered force only
// when its handler decided (the opening decision refused, or its conditions added). Since this
// version the measure tells it at once, as a fact, when its impact scan finds the application
// pending (a prohibition: the opening will be refused; conditions: tasks on the case), and tells
// it again when the measure is revoked or expires before the opening. Added after the first
// release: the telling adds commands, hence patched.
const TELL_PENDING_APPLICATIONS = 'tell-pending-applications';

// An application that arrived while the measure was in force was judged at its classification (a
// conditions-measure's conditions became tasks on its case then) and never told: when the measure
// ends, a scan as of its last instant in force finds it too, so its conditions come off as well.
// Added after the telling above (a further activity at the end), hence its own patch.
const TELL_END_TO_APPLICATIONS_CLASSIFIED_UNDER_IT = 'tell-end-to-applications-classified-under-it';

// The impact reviews a measure opened (and those a reseller's registration opened under it) are
// told when it ends, revoked or expired: each records the end and stays open for its handler.
// Added after the tellings above (an activity and signals at the end), hence its own patch.
const TELL_IMPACT_REVIEWS_MEASURE_ENDED = 'tell-impact-reviews-measure-ended';

/** The scan's subjects a measure binds as the opening of a pending application (a near match on name alone never does). */
const bindsPendingApplication = (subject: ImpactedSubject): subject is ImpactedSubject & { effect: 'refuse' | 'conditions' } =>
  subject.subjectType === 'customer' && subject.pendingApplication === true && !subject.nearMatchOnly && (subject.effect === 'refuse' || subject.effect === 'conditions');

/** The rules name the measure's fields (`measure.extensions[1].newEndDate`); the decision names its params. */
function asParamsField(field: string): string {
  return /newEndDate$/.test(field) ? 'params.newEndDate' : /publishedAt$/.test(field) ? 'params.publishedAt' : 'params';
}

export async function specialMeasureWorkflow(input: SpecialMeasureInput): Promise<SpecialMeasureState> {
  const start: CaseStart = {
    caseId: input.caseId,
    caseType: specialMeasureCase,
    subject: { type: 'special-measure', id: input.measureId },
    ruleSetId: input.ruleSetId,
    openedBy: input.openedBy,
  };
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) return openRefusedCase(start, ruleSetOrRefusal);
  const ruleSet = ruleSetOrRefusal;
  const context = { ruleSet, timeZone: input.timeZone };
  const extensions: SpecialMeasureExtensionFact[] = [...input.extensions];
  const facts = (withExtensions: readonly SpecialMeasureExtensionFact[]): SpecialMeasure => ({
    id: input.measureId,
    issuedAt: new Date(input.issuedAt),
    ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
    extensions: withExtensions.map((e) => ({
      publishedAt: new Date(e.publishedAt),
      federalRegisterCitation: e.federalRegisterCitation,
      ...(e.newEndDate ? { newEndDate: e.newEndDate } : {}),
    })),
  });
  const first = tryRules(() => specialMeasureTimeline(facts(extensions), context));
  if (isRuleInputError(first)) return openRefusedCase(start, first);
  let timeline = first;
  const state: SpecialMeasureState = {
    caseId: input.caseId,
    measureId: input.measureId,
    status: 'phase-in',
    implementationDueAt: timeline.implementation.dueAt.toISOString(),
    implementationDate: timeline.implementation.dueDate,
    expiresAt: timeline.expiry.dueAt.toISOString(),
    expiryDate: timeline.expiry.dueDate,
    extensions,
    remindersSent: [],
    impactReviews: [],
  };
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: specialMeasureCase,
    state,
    details: () => ({
      measureId: input.measureId,
      federalRegisterCitation: input.federalRegisterCitation,
      kind: input.kind,
      jurisdiction: input.jurisdiction,
      implementationDate: state.implementationDate,
      implementationDueAt: state.implementationDueAt,
      implementationExplanation: [...timeline.implementation.explanation],
      expiryDate: state.expiryDate,
      expiresAt: state.expiresAt,
      expiryExplanation: [...timeline.expiry.explanation],
      extensions: extensions.map((e) => e.federalRegisterCitation),
      impactReviews: state.impactReviews.length,
    }),
  });
  // Customers whose pending applications were told the measure binds them, and how the measure ended.
  const toldApplications: string[] = [];
  let ending: { ended: 'revoked' | 'expired'; at: Date } | undefined;
  let wasInForce = false;
  const phaseIn = new CaseDeadline(recorder, ruleSet, timeline.implementation);
  const expiry = new CaseDeadline(recorder, ruleSet, timeline.expiry);
  const projectStatus = (status: SpecialMeasureState['status'], actor: string, data: Record<string, unknown> = {}) =>
    measures.recordSpecialMeasureStatus({ measureId: input.measureId, status, eventKey: `${status}:${extensions.length}`, occurredAt: new Date().toISOString(), actor, data });

  setHandler(specialMeasureStateQuery, () => ({ ...state, remindersSent: [...phaseIn.remindersSent, ...expiry.remindersSent] }));

  // Decisions are Updates: legal must know the extension or revocation was accepted, and the
  // measure's row (which enforcement reads) is updated before the answer.
  handleDecisions(specialMeasureCase, recorder, {
    validate: (request) => {
      if (request.decision !== 'extend') return;
      const params = request.params as { federalRegisterCitation: string; publishedAt: string; newEndDate?: string };
      if (new Date(params.publishedAt).getTime() > Date.now()) refuseInvalid('params.publishedAt', 'must not be in the future');
      if (extensions.some((e) => e.federalRegisterCitation.trim() === params.federalRegisterCitation.trim())) {
        refuseInvalid('params.federalRegisterCitation', 'this extension is already recorded');
      }
      try {
        specialMeasureTimeline(facts([...extensions, { ...params }]), context);
        assertExtensionsProlong(facts([...extensions, { ...params }]), context);
      } catch (err) {
        if (err instanceof RuleInputError) refuseInvalid(asParamsField(err.field), err.message.slice(err.field.length + 2));
        throw err;
      }
    },
    apply: async (request, at) => {
      const actor = request.actor.subject;
      if (request.decision === 'extend') {
        const params = request.params as { federalRegisterCitation: string; publishedAt: string; newEndDate?: string };
        const extension: SpecialMeasureExtensionFact = {
          federalRegisterCitation: params.federalRegisterCitation.trim(),
          publishedAt: new Date(params.publishedAt).toISOString(),
          ...(params.newEndDate ? { newEndDate: params.newEndDate } : {}),
        };
        const next = specialMeasureTimeline(facts([...extensions, extension]), context);
        await measures.recordSpecialMeasureExtension({
          measureId: input.measureId,
          ...extension,
          newEndDate: extension.newEndDate ?? null,
          expiresAt: next.expiry.dueAt.toISOString(),
          expiryDate: next.expiry.dueDate,
          explanation: [...next.expiry.explanation],
          recordedBy: actor,
        });
        extensions.push(extension);
        timeline = next;
        state.expiresAt = next.expiry.dueAt.toISOString();
        state.expiryDate = next.expiry.dueDate;
        // The expiry clock re-plans from the new end while it waits (or starts from it after the phase-in).
        expiry.move(next.expiry);
        await recorder.transition({
          ...(state.status === 'in-force' ? { dueAt: next.expiry.dueAt } : {}),
          events: {
            type: 'special-measure.extended',
            actor,
            occurredAt: at,
            data: { ...extension, expiresAt: state.expiresAt, expiryDate: state.expiryDate, explanation: [...next.expiry.explanation] },
          },
        });
        await projectStatus(state.status, actor, { extension: extension.federalRegisterCitation, expiresAt: state.expiresAt });
      } else {
        const citation = (request.params?.federalRegisterCitation as string | undefined) ?? null;
        ending = { ended: 'revoked', at };
        await measures.recordSpecialMeasureRevocation({ measureId: input.measureId, revokedAt: at.toISOString(), federalRegisterCitation: citation, reason: request.reason ?? '', revokedBy: actor });
        await recorder.transition({
          status: 'revoked',
          dueAt: null,
          events: { type: 'special-measure.revoked', actor, occurredAt: at, data: { federalRegisterCitation: citation, reason: request.reason ?? null, during: state.status === 'revoked' ? null : state.status } },
        });
        await projectStatus('revoked', actor, { federalRegisterCitation: citation, reason: request.reason ?? null });
      }
    },
  });

  await recorder.open({
    subject: { type: 'special-measure', id: input.measureId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    dueAt: timeline.implementation.dueAt,
    openedBy: input.openedBy,
    data: { federalRegisterCitation: input.federalRegisterCitation, issuedAt: input.issuedAt, implementationDueAt: state.implementationDueAt, expiresAt: state.expiresAt },
  });
  await projectStatus('phase-in', 'system', { implementationDueAt: state.implementationDueAt });

  // The phase-in: reminders ahead of the implementation date; when it passes the measure is in force.
  let enteredForce = false;
  await phaseIn.run({
    settled: () => recorder.closed,
    escalation: {
      escalate: async () => {
        enteredForce = true;
      },
    },
  });

  if (enteredForce && !recorder.closed) {
    if (Date.now() > timeline.expiry.dueAt.getTime()) {
      // Recorded after it had already ended: nothing to enforce, nobody to review.
      await expire();
    } else {
      await recorder.transition({
        status: 'in-force',
        dueAt: timeline.expiry.dueAt,
        events: {
          type: 'special-measure.in-force',
          actor: 'system',
          data: { implementationDueAt: state.implementationDueAt, expiresAt: state.expiresAt, explanation: ruleSet.interpretations.specialMeasureInForce.explanation },
        },
      });
      await projectStatus('in-force', 'system', { expiresAt: state.expiresAt });
      wasInForce = true;
      await openImpactReview();
      await expiry.run({ settled: () => recorder.closed, escalation: { escalate: () => expire() } });
    }
  }

  async function expire() {
    ending = { ended: 'expired', at: new Date() };
    await recorder.transition({
      status: 'expired',
      dueAt: null,
      events: { type: 'special-measure.expired', actor: 'system', data: { expiresAt: state.expiresAt, expiryDate: state.expiryDate, explanation: [...timeline.expiry.explanation] } },
    });
    await projectStatus('expired', 'system', { expiresAt: state.expiresAt });
  }

  /**
   * Every existing customer and reseller matching the target becomes a review case for a handler;
   * a customer whose application is still pending is judged as the opening it waits for.
   */
  async function openImpactReview() {
    const inForceSince = new Date();
    const subjects = await impact.findSpecialMeasureImpact({ measureId: input.measureId, at: inForceSince.toISOString() });
    const pendingApplications: { customerId: string; effect: 'refuse' | 'conditions'; matchedBy: string[]; conditions: SpecialMeasureCondition[]; impactReviewCaseId: string }[] = [];
    for (const subject of subjects) {
      if (recorder.closed) break;
      const workflowId = workflowIdFor('special-measure-impact-review', `${input.measureId}/${subject.subjectType}/${subject.subjectId}`);
      const impactReviewCaseId = newCaseId();
      // A near match on name alone never binds an opening (the handler judges it on the review).
      if (bindsPendingApplication(subject)) {
        pendingApplications.push({ customerId: subject.subjectId, effect: subject.effect, matchedBy: subject.matchedBy, conditions: subject.tasks ?? [], impactReviewCaseId });
      }
      await startChildOnce(specialMeasureImpactReviewWorkflow, {
        workflowId,
        args: [
          {
            caseId: impactReviewCaseId,
            measureId: input.measureId,
            federalRegisterCitation: input.federalRegisterCitation,
            ...subject,
            ruleSetId: ruleSet.id,
            timeZone: input.timeZone,
            openedBy: 'system',
          },
        ],
      });
      state.impactReviews.push(workflowId);
    }
    await recorder.transition({
      events: {
        type: 'special-measure.impact-review-opened',
        actor: 'system',
        data: {
          reviews: subjects.length,
          subjects: subjects.map((s) => ({ subjectType: s.subjectType, subjectId: s.subjectId, effect: s.effect, nearMatchOnly: s.nearMatchOnly, ...(s.pendingApplication ? { pendingApplication: true } : {}) })),
          reach: ruleSet.interpretations.specialMeasureReach.value,
        },
      },
    });
    if (pendingApplications.length > 0 && !recorder.closed && patched(TELL_PENDING_APPLICATIONS)) {
      const told: { customerId: string; effect: string; workflowIds: string[] }[] = [];
      for (const application of pendingApplications) {
        const { customerId, ...applies } = application;
        const workflowIds = await tellOpenCases(specialMeasureAppliesFact, customerId, {
          measureId: input.measureId,
          federalRegisterCitation: input.federalRegisterCitation,
          ...applies,
          inForceSince: inForceSince.toISOString(),
        });
        toldApplications.push(customerId);
        told.push({ customerId, effect: application.effect, workflowIds });
      }
      await recordApplicationsTold(specialMeasureAppliesFact.name, told);
    }
  }

  /** The pending applications the measure bound hear that it no longer binds them. */
  async function tellApplicationsEnded() {
    if (!ending) return;
    const customers = new Set(toldApplications);
    if (wasInForce && patched(TELL_END_TO_APPLICATIONS_CLASSIFIED_UNDER_IT)) {
      // Its last instant in force: the revocation's or the expiry's, whichever came first.
      const lastInForce = new Date(Math.min(ending.at.getTime(), timeline.expiry.dueAt.getTime()) - 1);
      const subjects = await impact.findSpecialMeasureImpact({ measureId: input.measureId, at: lastInForce.toISOString() });
      for (const subject of subjects.filter(bindsPendingApplication)) customers.add(subject.subjectId);
    }
    if (customers.size === 0 || !patched(TELL_PENDING_APPLICATIONS)) return;
    const told: { customerId: string; workflowIds: string[] }[] = [];
    for (const customerId of customers) {
      const workflowIds = await tellOpenCases(specialMeasureEndedFact, customerId, {
        measureId: input.measureId,
        federalRegisterCitation: input.federalRegisterCitation,
        ended: ending.ended,
        at: ending.at.toISOString(),
      });
      told.push({ customerId, workflowIds });
    }
    await recordApplicationsTold(specialMeasureEndedFact.name, told);
  }

  /** Which identification cases heard the fact, on the measure's own case (its audit trail). */
  async function recordApplicationsTold(fact: string, told: { customerId: string; workflowIds: string[] }[]) {
    await recorder.transition({
      events: { type: 'special-measure.applications-told', actor: 'system', data: { fact, applications: told, cases: told.reduce((n, t) => n + t.workflowIds.length, 0) } },
    });
  }

  /** The open impact reviews of the measure hear that it ended: a fact, not a decision. */
  async function tellImpactReviewsEnded() {
    if (!ending || !patched(TELL_IMPACT_REVIEWS_MEASURE_ENDED)) return;
    const subjects = await measures.openImpactReviewSubjects({ measureId: input.measureId });
    const told: { subjectType: string; subjectId: string; workflowIds: string[] }[] = [];
    for (const subject of subjects) {
      const fact = subject.subjectType === 'customer' ? measureEndedForCustomerReviewFact : measureEndedForResellerReviewFact;
      const workflowIds = await tellOpenCases(fact, subject.subjectId, {
        measureId: input.measureId,
        federalRegisterCitation: input.federalRegisterCitation,
        ended: ending.ended,
        at: ending.at.toISOString(),
      });
      told.push({ ...subject, workflowIds });
    }
    if (told.length === 0) return;
    await recorder.transition({
      events: { type: 'special-measure.impact-reviews-told', actor: 'system', data: { ended: ending.ended, reviews: told, cases: told.reduce((n, t) => n + t.workflowIds.length, 0) } },
    });
  }

  await condition(() => recorder.closed && allHandlersFinished());
  await tellApplicationsEnded();
  await tellImpactReviewsEnded();
  return { ...state, remindersSent: [...phaseIn.remindersSent, ...expiry.remindersSent] };
}
