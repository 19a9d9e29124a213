// A Commerce compliance assessment, audit or transaction review (REGULATION.md, "Government
// compliance assessments"), one workflow per assessment: it waits for Commerce's findings; the
// findings start the rule set's remediation period (deficiencies must be resolved "within a
// reasonable time" and the CIP resubmitted), with reminders ahead of the deadline; a missed
// deadline is a breach that stays on the case while the work goes on. Each recommendation is
// tracked to done: implemented with evidence, or not implemented with its reason (a factor
// Commerce weighs, so the case counts and shows them). The case is remediated once the CIP is
// resubmitted and no recommendation is open.
import { allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ComplianceAssessmentActivities } from '../../activities/compliance-assessments.js';
import { computeDeadline, getRuleSet, type Deadline } from '../../rules/index.js';
import {
  CaseDeadline,
  CaseRecorder,
  databaseActivities,
  handleDecisions,
  isRuleInputError,
  openRefusedCase,
  refuseFutureInstant,
  refuseInvalid,
  tryRules,
  type CaseEventDraft,
} from '../kit/index.js';
import { resellerActivities } from '../shared/reseller-activities.js';
import { complianceAssessmentCase } from './case-type.js';
import { complianceAssessmentStateQuery, type ComplianceAssessmentInput, type ComplianceAssessmentState, type RecommendationState } from './messages.js';

const assessments = databaseActivities<ComplianceAssessmentActivities>('1 minute');

interface FindingsParams {
  findingsReceivedAt: string;
  deficiencies: { description: string }[];
  recommendations: { description: string }[];
}
interface ResolutionParams {
  recommendationId: string;
  outcome: 'implemented' | 'not-implemented';
  evidence?: string;
  evidenceDocumentId?: string;
}

export async function complianceAssessmentWorkflow(input: ComplianceAssessmentInput): Promise<ComplianceAssessmentState> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    const subject = input.cipOwner.type === 'provider' ? { type: 'provider-cip', id: 'provider' } : { type: 'foreign-reseller', id: input.cipOwner.resellerId };
    return openRefusedCase({ caseId: input.caseId, caseType: complianceAssessmentCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const state: ComplianceAssessmentState = {
    caseId: input.caseId,
    assessmentId: input.assessmentId,
    status: 'under-assessment',
    deficiencies: [],
    recommendations: [],
    breached: false,
    remindersSent: [],
  };
  let deadline: Deadline | undefined;
  const notImplemented = () => state.recommendations.filter((r) => r.status === 'not-implemented');
  const open = () => state.recommendations.filter((r) => r.status === 'open');
  const done = () => state.resubmission !== undefined && open().length === 0;

  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: complianceAssessmentCase,
    state,
    details: () => ({
      assessmentId: input.assessmentId,
      kind: input.kind,
      commerceReference: input.commerceReference,
      cipOwner: input.cipOwner,
      noticeReceivedAt: input.noticeReceivedAt,
      ...(state.findingsReceivedAt
        ? {
            findingsReceivedAt: state.findingsReceivedAt,
            remediationDueAt: state.remediationDueAt,
            remediationDueDate: state.remediationDueDate,
            remediationExplanation: state.remediationExplanation,
            deficiencies: state.deficiencies.length,
            recommendations: state.recommendations.map((r) => ({ id: r.id, position: r.position, status: r.status })),
            recommendationsOpen: open().length,
            // Failing to implement a recommendation is a factor Commerce weighs: visible on the case.
            recommendationsNotImplemented: notImplemented().length,
          }
        : {}),
      ...(state.resubmission ? { resubmission: { cipVersion: state.resubmission.cipVersion, sha256: state.resubmission.sha256, resubmittedAt: state.resubmission.resubmittedAt } } : {}),
      breached: state.breached,
    }),
  });

  let clock: CaseDeadline<ComplianceAssessmentState['status']> | undefined;
  setHandler(complianceAssessmentStateQuery, () => ({ ...state, remindersSent: [...(clock?.remindersSent ?? [])] }));

  // Decisions are Updates: the handler must know the findings, an outcome or the resubmission were accepted.
  handleDecisions(complianceAssessmentCase, recorder, {
    validate: (request) => {
      const params = request.params ?? {};
      switch (request.decision) {
        case 'record-findings': {
          const findings = params as unknown as FindingsParams;
          refuseFutureInstant('params.findingsReceivedAt', findings.findingsReceivedAt);
          if (new Date(findings.findingsReceivedAt).getTime() < new Date(input.noticeReceivedAt).getTime()) {
            refuseInvalid('params.findingsReceivedAt', `must not be before the assessment's notice (${input.noticeReceivedAt})`);
          }
          if (findings.deficiencies.length + findings.recommendations.length === 0) {
            refuseInvalid('params.recommendations', 'must list at least one deficiency or recommendation (close-without-findings when there are none)');
          }
          break;
        }
        case 'resolve-recommendation': {
          const resolution = params as unknown as ResolutionParams;
          const recommendation = state.recommendations.find((r) => r.id === resolution.recommendationId);
          if (!recommendation) refuseInvalid('params.recommendationId', 'is not a recommendation of this assessment');
          if (recommendation.status !== 'open') refuseInvalid('params.recommendationId', `is already resolved (${recommendation.status})`);
          if (resolution.outcome === 'implemented' && !resolution.evidence) refuseInvalid('params.evidence', 'is required: what shows the recommendation was implemented');
          if (resolution.outcome === 'not-implemented') {
            if (!request.reason?.trim()) refuseInvalid('reason', 'is required: why the recommendation is not implemented (Commerce weighs it)');
            if (resolution.evidence !== undefined || resolution.evidenceDocumentId !== undefined) refuseInvalid('params.evidence', 'is for an implemented recommendation');
          }
          break;
        }
        case 'record-resubmission': {
          refuseFutureInstant('params.resubmittedAt', params.resubmittedAt as string | undefined);
          if (typeof params.resubmittedAt === 'string' && state.findingsReceivedAt && new Date(params.resubmittedAt).getTime() < new Date(state.findingsReceivedAt).getTime()) {
            refuseInvalid('params.resubmittedAt', `must not be before the findings were received (${state.findingsReceivedAt})`);
          }
          if (state.resubmission) refuseInvalid('params.cipVersion', `the CIP was already resubmitted (version ${state.resubmission.cipVersion})`);
          break;
        }
        default:
          break;
      }
    },
    apply: async (request, at) => {
      const actor = request.actor.subject;
      switch (request.decision) {
        case 'record-findings': {
          const findings = request.params as unknown as FindingsParams;
          const receivedAt = new Date(findings.findingsReceivedAt);
          const due = computeDeadline({ obligation: 'deficiency-remediation', ruleSet, startedAt: receivedAt, timeZone: input.timeZone });
          const deficiencies = findings.deficiencies.map((d) => ({ id: uuid4(), description: d.description.trim() }));
          const recommendations: RecommendationState[] = findings.recommendations.map((r, i) => ({ id: uuid4(), position: i + 1, description: r.description.trim(), status: 'open' }));
          await assessments.recordAssessmentFindings({
            assessmentId: input.assessmentId,
            findingsReceivedAt: receivedAt.toISOString(),
            remediationDueAt: due.dueAt.toISOString(),
            deficiencies,
            recommendations: recommendations.map(({ id, description }) => ({ id, description })),
            recordedBy: actor,
            recordedAt: at.toISOString(),
          });
          deadline = due;
          state.findingsReceivedAt = receivedAt.toISOString();
          state.remediationDueAt = due.dueAt.toISOString();
          state.remediationDueDate = due.dueDate;
          state.remediationExplanation = [...due.explanation];
          state.deficiencies = deficiencies;
          state.recommendations = recommendations;
          await recorder.transition({
            status: 'remediating',
            dueAt: due.dueAt,
            events: {
              type: 'assessment.findings-recorded',
              actor,
              occurredAt: at,
              data: {
                findingsReceivedAt: state.findingsReceivedAt,
                deficiencies: deficiencies.map((d) => d.id),
                recommendations: recommendations.map((r) => r.id),
                remediationDueAt: state.remediationDueAt,
                explanation: [...due.explanation],
              },
            },
          });
          return;
        }
        case 'close-without-findings': {
          await assessments.recordAssessmentStatus({ assessmentId: input.assessmentId, status: 'closed-without-findings', closedAt: at.toISOString() });
          await recorder.transition({ status: 'closed-without-findings', events: { type: 'assessment.closed-without-findings', actor, occurredAt: at, data: { reason: request.reason ?? null } } });
          return;
        }
        case 'resolve-recommendation': {
          const resolution = request.params as unknown as ResolutionParams;
          // Only a document uploaded to this assessment's evidence may be named (checked before anything changes).
          if (resolution.evidenceDocumentId && !(await assessments.isAssessmentEvidence({ assessmentId: input.assessmentId, documentId: resolution.evidenceDocumentId }))) {
            refuseInvalid('params.evidenceDocumentId', "is not a document uploaded to this assessment's evidence");
          }
          const recommendation = state.recommendations.find((r) => r.id === resolution.recommendationId)!;
          const implemented = resolution.outcome === 'implemented';
          await assessments.resolveAssessmentRecommendation({
            recommendationId: recommendation.id,
            status: resolution.outcome,
            evidence: implemented ? resolution.evidence!.trim() : null,
            evidenceDocumentId: implemented ? (resolution.evidenceDocumentId ?? null) : null,
            notImplementedReason: implemented ? null : request.reason!.trim(),
            resolvedBy: actor,
            resolvedAt: at.toISOString(),
          });
          Object.assign(recommendation, {
            status: resolution.outcome,
            resolvedBy: actor,
            resolvedAt: at.toISOString(),
            ...(implemented ? { evidence: resolution.evidence!.trim(), ...(resolution.evidenceDocumentId ? { evidenceDocumentId: resolution.evidenceDocumentId } : {}) } : { notImplementedReason: request.reason!.trim() }),
          });
          await recorder.transition({
            events: implemented
              ? { type: 'assessment.recommendation-implemented', actor, occurredAt: at, data: { recommendationId: recommendation.id, position: recommendation.position, evidence: recommendation.evidence, evidenceDocumentId: recommendation.evidenceDocumentId ?? null } }
              : {
                  type: 'assessment.recommendation-not-implemented',
                  actor,
                  occurredAt: at,
                  data: { recommendationId: recommendation.id, position: recommendation.position, reason: recommendation.notImplementedReason, weighedByCommerce: true },
                },
          });
          return;
        }
        case 'record-resubmission': {
          const version = Number(request.params!.cipVersion);
          const owner = input.cipOwner.type === 'provider' ? { type: 'provider' as const } : { type: 'foreign-reseller' as const, resellerId: input.cipOwner.resellerId };
          const onFile = await resellerActivities.findCipVersion({ owner, version });
          if (!onFile) refuseInvalid('params.cipVersion', `version ${version} of this CIP is not on file (record it first)`);
          const resubmittedAt = typeof request.params?.resubmittedAt === 'string' ? new Date(request.params.resubmittedAt).toISOString() : at.toISOString();
          const reference = typeof request.params?.reference === 'string' ? request.params.reference.trim() : null;
          await assessments.recordAssessmentResubmission({
            assessmentId: input.assessmentId,
            cipVersion: version,
            documentId: onFile.documentId,
            sha256: onFile.sha256,
            resubmittedAt,
            reference,
            resubmittedBy: actor,
          });
          state.resubmission = { cipVersion: version, documentId: onFile.documentId, sha256: onFile.sha256, resubmittedAt, reference, by: actor };
          await recorder.transition({
            events: {
              type: 'assessment.cip-resubmitted',
              actor,
              occurredAt: at,
              data: { cipVersion: version, documentId: onFile.documentId, sha256: onFile.sha256, resubmittedAt, reference, onTime: new Date(resubmittedAt).getTime() <= deadline!.dueAt.getTime() },
            },
          });
          return;
        }
      }
    },
  });

  await recorder.open({
    subject: input.cipOwner.type === 'provider' ? { type: 'provider-cip', id: 'provider' } : { type: 'foreign-reseller', id: input.cipOwner.resellerId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    openedBy: input.openedBy,
    data: { assessmentId: input.assessmentId, kind: input.kind, commerceReference: input.commerceReference, noticeReceivedAt: input.noticeReceivedAt },
  });

  await condition(() => recorder.closed || deadline !== undefined);
  if (!recorder.closed) {
    // The remediation period: reminders ahead of its deadline; missed, it is a breach and the work goes on.
    const remediation = deadline!;
    clock = new CaseDeadline(recorder, ruleSet, remediation);
    const outcome = await clock.run({
      settled: done,
      escalation: {
        escalate: async (missed: CaseEventDraft) => {
          state.breached = true;
          await assessments.recordAssessmentStatus({ assessmentId: input.assessmentId, status: 'remediation-overdue', breachedAt: new Date().toISOString() });
          await recorder.transition({
            status: 'remediation-overdue',
            events: {
              ...missed,
              data: { ...missed.data, breach: true, obligation: 'deficiency-remediation', recommendationsOpen: open().length, resubmitted: state.resubmission !== undefined, explanation: [...remediation.explanation] },
            },
          });
        },
      },
    });
    if (outcome === 'missed') await condition(done);
    const closedAt = new Date().toISOString();
    await assessments.recordAssessmentStatus({ assessmentId: input.assessmentId, status: 'remediated', closedAt });
    await recorder.transition({
      status: 'remediated',
      dueAt: null,
      events: {
        type: 'assessment.remediated',
        actor: 'system',
        data: {
          onTime: outcome === 'met',
          recommendationsImplemented: state.recommendations.filter((r) => r.status === 'implemented').length,
          recommendationsNotImplemented: notImplemented().map((r) => r.id),
          cipVersion: state.resubmission!.cipVersion,
        },
      },
    });
  }

  await condition(allHandlersFinished);
  return { ...state, remindersSent: [...(clock?.remindersSent ?? [])] };
}
