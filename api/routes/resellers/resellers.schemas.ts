// Foreign resellers and their oversight record: request and response schemas.
import { Type, type Static } from '@sinclair/typebox';
import { RESELLER_STATUSES } from '../../../db/schema/resellers.js';
import { CaseSchema } from '../cases/cases.schemas.js';
import { PageQuery } from '../../schemas.js';

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });

export const ResellerStatusSchema = Type.Union(
  RESELLER_STATUSES.map((s) => Type.Literal(s)),
  { description: 'changed by the reseller oversight case, never directly' },
);

export const ContactSchema = Type.Object(
  {
    name: Text(200),
    role: Type.Optional(Text(200, 'e.g. CIP officer, compliance contact')),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    telephone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()./-]{4,40}$' })),
  },
  { additionalProperties: false },
);

const Jurisdiction = Type.String({
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2 code of the country the reseller is organized in (not the United States or its territories)',
  examples: ['DE'],
});

export const CreateResellerBody = Type.Object(
  {
    legalName: Text(500),
    jurisdiction: Jurisdiction,
    contacts: Type.Array(ContactSchema, { default: [], maxItems: 20 }),
    accountIds: Type.Array(Uuid, { default: [], maxItems: 500, uniqueItems: true, description: "the provider's accounts that serve the reseller" }),
  },
  { additionalProperties: false },
);
export type CreateResellerBodyT = Static<typeof CreateResellerBody>;

export const UpdateResellerBody = Type.Object(
  {
    legalName: Type.Optional(Text(500)),
    jurisdiction: Type.Optional(Jurisdiction),
    contacts: Type.Optional(Type.Array(ContactSchema, { maxItems: 20, description: 'replaces the list' })),
    accountIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true, description: 'replaces the list' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateResellerBodyT = Static<typeof UpdateResellerBody>;

export const ResellerIdParams = Type.Object({ id: Uuid });

export const ListResellersQuery = Type.Object({
  status: Type.Optional(ResellerStatusSchema),
  jurisdiction: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'part of the legal name, case-insensitive' })),
  accountId: Type.Optional(Uuid),
  ...PageQuery,
});

export const CipVersionSummarySchema = Type.Object({
  version: Type.Integer(),
  label: Nullable(Type.String()),
  receivedAt: Instant,
  effectiveAt: Instant,
  sha256: Type.String(),
});

export const ResellerSchema = Type.Object({
  id: Uuid,
  legalName: Type.String(),
  jurisdiction: Type.String(),
  contacts: Type.Array(ContactSchema),
  status: Type.String(),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Instant),
  statusChangedBy: Nullable(Type.String()),
  accountIds: Type.Array(Uuid),
  currentCip: Type.Union([CipVersionSummarySchema, Type.Null()], { description: 'the CIP version in force now, if any is on file' }),
  createdAt: Instant,
  createdBy: Type.String(),
  updatedAt: Instant,
});
export type ResellerDto = Static<typeof ResellerSchema>;

export const ResellerSummarySchema = Type.Omit(ResellerSchema, ['accountIds', 'currentCip', 'contacts']);

export const IssueAnswerBody = Type.Object(
  {
    answer: Text(8000, "the reseller's answer, in words (no personal data)"),
    claimsCured: Type.Boolean({ default: false, description: 'the reseller says the issue is cured' }),
    receivedAt: Instant,
  },
  { additionalProperties: false },
);

export const IssueParams = Type.Object({ id: Uuid, issueId: Uuid });

export const OversightRecordSchema = Type.Object({
  evidence: Type.Array(
    Type.Object({
      id: Uuid,
      description: Type.String(),
      source: Type.String(),
      observedAt: Instant,
      documentId: Nullable(Uuid),
      caseId: Nullable(Uuid),
      recordedBy: Type.String(),
      recordedAt: Instant,
    }),
  ),
  issues: Type.Array(
    Type.Object({ id: Uuid, caseId: Uuid, description: Type.String(), identifiedAt: Instant, cureBy: Instant, identifiedBy: Type.String() }),
  ),
  answers: Type.Array(
    Type.Object({
      id: Uuid,
      issueId: Uuid,
      answer: Type.String(),
      claimsCured: Type.Boolean(),
      receivedAt: Instant,
      recordedBy: Type.String(),
      recordedAt: Instant,
    }),
  ),
  authorityReports: Type.Array(
    Type.Object({
      id: Uuid,
      caseId: Nullable(Uuid),
      recipient: Type.String(),
      sentAt: Instant,
      summary: Type.String(),
      reference: Nullable(Type.String()),
      recordedBy: Type.String(),
      recordedAt: Instant,
    }),
  ),
});

export const NoncomplianceBody = Type.Object(
  {
    description: Text(8000, 'what was found: the reseller failed to keep or implement a CIP, or lacked good-faith efforts (no personal data)'),
    source: Text(500, 'where it came from: an audit, a complaint, a Commerce notice, another case'),
    observedAt: Type.String({ format: 'date-time', description: 'when it was observed; not in the future' }),
  },
  { additionalProperties: false },
);

export const NoncomplianceResult = Type.Object({
  evidenceId: Uuid,
  caseId: Uuid,
  opened: Type.Boolean({ description: 'true: this evidence opened the oversight case; false: it was added to the open one' }),
  case: Type.Union([CaseSchema, Type.Null()], { description: 'the oversight case (null while it is being opened)' }),
});

export const IssueAnswerSchema = Type.Object({
  id: Uuid,
  issueId: Uuid,
  answer: Type.String(),
  claimsCured: Type.Boolean(),
  receivedAt: Instant,
  afterCureBy: Type.Boolean({ description: 'the answer came after the cure date the provider set' }),
  recordedBy: Type.String(),
  recordedAt: Instant,
});

export const RegisteredResellerSchema = Type.Composite([
  ResellerSchema,
  Type.Object({
    specialMeasures: Type.Object(
      {
        findings: Type.Array(
          Type.Object({
            measureId: Uuid,
            effect: Type.Union([Type.Literal('conditions'), Type.Literal('warn'), Type.Literal('review')], {
              description: 'conditions: in force, the conditions are tasks on a review case; warn: in its phase-in, not yet binding; review: a near name match, for a handler',
            }),
            state: Type.String(),
            federalRegisterCitation: Type.String(),
            implementationDueAt: Instant,
            conditions: Type.Array(Type.String()),
            matchedBy: Type.Array(Type.String()),
            reasons: Type.Array(Type.String()),
          }),
        ),
        reviewWorkflowIds: Type.Array(Type.String(), { description: 'the review cases opened (GET /v1/cases?type=special-measure-impact-review&subjectId=<reseller id>)' }),
      },
      { description: 'what the special measures in effect at registration say about this reseller (a prohibition in force refuses the registration with 409 instead)' },
    ),
  }),
]);
