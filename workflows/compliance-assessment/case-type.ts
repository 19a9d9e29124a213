// The compliance-assessment case type: Commerce assesses, audits or reviews the transactions of
// a CIP (the provider's own or a foreign reseller's). Its findings (deficiencies and
// recommendations) start the remediation period of the rule set; the case is done when the CIP
// has been resubmitted and every recommendation is resolved: implemented (with evidence) or not
// implemented (with the reason, which Commerce weighs).
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, defineCaseType } from '../kit/index.js';

const REMEDIATING = ['remediating', 'remediation-overdue'] as const;
const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description });
const Uuid = (description: string) => Type.String({ format: 'uuid', description });
const Finding = (description: string) => Type.Object({ description: Text(4000, description) }, { additionalProperties: false });

export const complianceAssessmentCase = defineCaseType({
  type: 'compliance-assessment',
  title: 'Commerce compliance assessment',
  description:
    "Commerce's assessment, audit or transaction review of a CIP. Its findings (deficiencies, and Commerce's recommendations, each tracked on its own) start the rule set's remediation period, with reminders; a missed deadline is a breach that stays on the case. The case is remediated once the CIP is resubmitted (a version on file) and every recommendation is implemented (with evidence) or recorded as not implemented (with the reason: Commerce weighs it).",
  subjectType: 'provider-cip | foreign-reseller',
  ruleSetObligations: ['deficiency-remediation'],
  statuses: ['under-assessment', 'remediating', 'remediation-overdue', 'remediated', 'closed-without-findings'],
  closedStatuses: ['remediated', 'closed-without-findings'],
  deadlineMet: { event: 'assessment.remediated', dueAtDetail: 'remediationDueAt' },
  listensTo: [],
  decisions: {
    'record-findings': {
      title: "Record Commerce's findings",
      description: "The deficiencies Commerce found and its recommendations (at least one of either), and when they were received: the remediation period runs from then.",
      params: DecisionParams({
        findingsReceivedAt: Type.String({ format: 'date-time', description: 'when the findings were received; not in the future, not before the notice' }),
        deficiencies: Type.Array(Finding('the deficiency, without personal data'), { maxItems: 50, description: 'deficiencies' }),
        recommendations: Type.Array(Finding("Commerce's recommendation, without personal data"), { maxItems: 50, description: 'recommendations' }),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['under-assessment'],
    },
    'close-without-findings': {
      title: 'Close without findings',
      description: 'Commerce found no deficiency and made no recommendation: the case closes.',
      params: DecisionParams({}),
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['under-assessment'],
    },
    'resolve-recommendation': {
      title: 'Resolve a recommendation',
      description:
        "Implemented: say what shows it (`evidence`, optionally a document uploaded to the assessment's evidence). Not implemented: the reason is required; failing to implement a recommendation is a factor Commerce weighs, and the case shows it.",
      params: DecisionParams({
        recommendationId: Uuid('a recommendation of this assessment (case details, or GET /v1/compliance-assessments/{id})'),
        outcome: Type.Union([Type.Literal('implemented'), Type.Literal('not-implemented')], { description: 'implemented or not-implemented' }),
        evidence: Type.Optional(Text(4000, 'what shows it was implemented')),
        evidenceDocumentId: Type.Optional(Uuid("a document uploaded to this assessment's evidence")),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: REMEDIATING,
    },
    'record-resubmission': {
      title: 'Record the CIP resubmission',
      description: 'The remediated CIP was resubmitted to Commerce: name the version on file that was sent.',
      params: DecisionParams({
        cipVersion: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'the number of a CIP version on file (1, 2, …)' }),
        resubmittedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when it was resubmitted; not in the future; now when absent' })),
        reference: Type.Optional(Text(200, "the resubmission's reference")),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: REMEDIATING,
    },
  },
});
