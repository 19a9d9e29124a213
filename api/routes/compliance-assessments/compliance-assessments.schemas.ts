// Compliance assessments: request and response schemas. Findings, each recommendation's outcome
// and the CIP resubmission are decisions on the assessment's case (`POST /v1/cases/{id}/decisions`).
import { Type, type Static } from '@sinclair/typebox';
import { ASSESSMENT_KINDS, ASSESSMENT_STATUSES, RECOMMENDATION_STATUSES } from '../../../db/schema/compliance-assessments.js';
import { ClockInstant, PageOf, PageQuery } from '../../schemas.js';
import { StringEnum } from '../rules/rules.schemas.js';

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const OpenAssessmentBody = Type.Object(
  {
    kind: StringEnum(ASSESSMENT_KINDS, { description: 'what Commerce does: an assessment of the CIP, an audit, or a review of transactions' }),
    commerceReference: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: "Commerce's reference; one case per kind and reference", examples: ['BIS-CIPA-2026-0007'] }),
    cipOwner: Type.Union(
      [
        Type.Object({ type: Type.Literal('provider') }, { additionalProperties: false }),
        Type.Object({ type: Type.Literal('foreign-reseller'), resellerId: Type.String({ format: 'uuid', description: 'a reseller registered under /v1/resellers' }) }, { additionalProperties: false }),
      ],
      { description: "whose CIP Commerce assesses: the provider's own or a foreign reseller's" },
    ),
    noticeReceivedAt: ClockInstant("when the provider received Commerce's notice of the assessment"),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'what Commerce assesses, without personal data' })),
  },
  { additionalProperties: false },
);
export type OpenAssessmentBodyT = Static<typeof OpenAssessmentBody>;

export const AssessmentIdParams = Type.Object({ id: Uuid });
export const EvidenceParams = Type.Object({ id: Uuid, documentId: Uuid });

export const ListAssessmentsQuery = Type.Object(
  {
    kind: Type.Optional(StringEnum(ASSESSMENT_KINDS)),
    status: Type.Optional(StringEnum(ASSESSMENT_STATUSES)),
    resellerId: Type.Optional(Uuid),
    remediationBreached: Type.Optional(Type.Boolean({ description: 'true: assessments whose remediation deadline was missed' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListAssessmentsQueryT = Static<typeof ListAssessmentsQuery>;

export const AssessmentSchema = Type.Object({
  id: Uuid,
  kind: StringEnum(ASSESSMENT_KINDS),
  commerceReference: Type.String(),
  cipOwner: Type.Object({ type: Type.String(), resellerId: Type.Optional(Uuid) }),
  noticeReceivedAt: Instant,
  description: Nullable(Type.String()),
  status: StringEnum(ASSESSMENT_STATUSES),
  findingsReceivedAt: Nullable(Instant),
  remediationDueAt: Nullable(Instant),
  remediationBreached: Type.Boolean({ description: 'the remediation deadline was missed (stays true)' }),
  resubmission: Type.Union([
    Type.Object({ cipVersion: Type.Integer(), documentId: Uuid, sha256: Type.String(), resubmittedAt: Instant, reference: Nullable(Type.String()), resubmittedBy: Type.String() }),
    Type.Null(),
  ]),
  closedAt: Nullable(Instant),
  caseId: Uuid,
  caseUrl: Type.String(),
  ruleSetId: Type.String(),
  createdAt: Instant,
  createdBy: Type.String(),
});

export const RecommendationSchema = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  description: Type.String(),
  status: StringEnum(RECOMMENDATION_STATUSES),
  evidence: Nullable(Type.String()),
  evidenceDocumentId: Nullable(Uuid),
  notImplementedReason: Nullable(Type.String({ description: 'why it was not implemented: a factor Commerce weighs' })),
  resolvedBy: Nullable(Type.String()),
  resolvedAt: Nullable(Instant),
});

export const EvidenceSchema = Type.Object({
  documentId: Uuid,
  label: Nullable(Type.String()),
  contentType: Type.String(),
  filename: Nullable(Type.String()),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Instant,
  contentUrl: Type.String(),
});

export const AssessmentDetailSchema = Type.Composite([
  AssessmentSchema,
  Type.Object({
    deficiencies: Type.Array(Type.Object({ id: Uuid, description: Type.String(), recordedBy: Type.String(), recordedAt: Instant })),
    recommendations: Type.Array(RecommendationSchema),
    recommendationsOpen: Type.Integer(),
    recommendationsNotImplemented: Type.Integer({ description: 'recommendations recorded as not implemented: Commerce weighs each' }),
    evidence: Type.Array(EvidenceSchema),
  }),
]);

export const AssessmentPageSchema = PageOf(AssessmentSchema);

export const EVIDENCE_UPLOAD_FIELDS = ['label'] as const;
