// Exemptions: request and response schemas. The application is a multipart upload (the
// program document and its fields); the rest is read as JSON. Decisions on the exemption's case
// (grant, denial, notifications, revocation) go through `POST /v1/cases/{id}/decisions`.
import { Type, type Static } from '@sinclair/typebox';
import { EXEMPTION_SCOPES, EXEMPTION_STATUSES } from '../../../db/schema/exemptions.js';
import { PageOf, PageQuery } from '../../schemas.js';
import { StringEnum } from '../rules/rules.schemas.js';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });

export const EXEMPTION_UPLOAD_FIELDS = ['applicationReference', 'scope', 'accountType', 'customerId', 'resellerId', 'submittedAt', 'summary'] as const;

export const APPLY_DESCRIPTION =
  'multipart/form-data: the Abuse of IaaS Products Deterrence Program as the file part `file` (PDF, Word, OpenDocument, text, Markdown, PNG or JPEG; 10 MiB at most), and the text fields ' +
  '`applicationReference` (the provider\'s reference, at most 200 characters; a repeat of it answers 200 with the application already recorded), ' +
  '`scope` (provider, account-type, lessee or foreign-reseller) with exactly the field it needs: `accountType` (account-type: letters, digits, ".", "_", "-"), ' +
  '`customerId` (lessee: a registered customer) or `resellerId` (foreign-reseller: a registered reseller, applied for through the provider), ' +
  '`submittedAt` (when the application went to Commerce; not in the future) and optionally `summary` (why the program is effective, without personal data). ' +
  "The exemption's case opens awaiting Commerce's decision; its decisions go through POST /v1/cases/{id}/decisions.";

export const ExemptionIdParams = Type.Object({ id: Uuid });

export const ListExemptionsQuery = Type.Object(
  {
    scope: Type.Optional(StringEnum(EXEMPTION_SCOPES)),
    status: Type.Optional(StringEnum(EXEMPTION_STATUSES)),
    resellerId: Type.Optional(Uuid),
    customerId: Type.Optional(Uuid),
    accountType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    notificationBreached: Type.Optional(Type.Boolean({ description: 'true: exemptions whose annual notification was ever missed' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListExemptionsQueryT = Static<typeof ListExemptionsQuery>;

export const CoverageQuery = Type.Object(
  {
    customerId: Type.Optional(Uuid),
    resellerId: Type.Optional(Uuid),
    accountType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false, description: 'the subject asked about; provider-wide exemptions cover every subject' },
);

export const DocumentMetaSchema = Type.Object({
  id: Uuid,
  contentType: Type.String(),
  filename: Nullable(Type.String()),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});

export const ExemptionNotificationSchema = Type.Object({
  id: Uuid,
  reference: Type.String(),
  notifiedAt: Instant,
  dueAt: Type.String({ format: 'date-time', description: 'the deadline this notification answered' }),
  late: Type.Boolean(),
  recordedBy: Type.String(),
});

export const ExemptionSchema = Type.Object({
  id: Uuid,
  applicationReference: Type.String(),
  scope: StringEnum(EXEMPTION_SCOPES),
  subject: Type.Object({ type: Type.String(), id: Type.String() }, { description: 'what the exemption covers, as its case names it' }),
  accountType: Nullable(Type.String()),
  customerId: Nullable(Uuid),
  resellerId: Nullable(Uuid),
  summary: Nullable(Type.String()),
  submittedAt: Instant,
  status: StringEnum(EXEMPTION_STATUSES),
  programDocumentId: Uuid,
  programDocumentUrl: Type.String(),
  decision: Type.Union([
    Type.Object({
      commerceReference: Nullable(Type.String()),
      decidedAt: Instant,
      recordedBy: Type.String(),
      approvedBy: Nullable(Type.String({ description: 'the second person who approved recording a grant' })),
      reason: Nullable(Type.String()),
    }),
    Type.Null(),
  ]),
  notification: Type.Object({
    lastNotifiedAt: Nullable(Instant),
    dueAt: Nullable(Type.String({ format: 'date-time', description: 'while the exemption stands: when the next annual notification is due' })),
    breached: Type.Boolean({ description: 'an annual notification was missed at least once (stays true)' }),
    breachedAt: Nullable(Instant),
  }),
  revocation: Type.Union([Type.Object({ revokedAt: Instant, revokedBy: Type.String(), reason: Nullable(Type.String()) }), Type.Null()]),
  caseId: Uuid,
  caseUrl: Type.String(),
  ruleSetId: Type.String(),
  createdAt: Instant,
  createdBy: Type.String(),
});

export const ExemptionDetailSchema = Type.Composite([
  ExemptionSchema,
  Type.Object({ programDocument: DocumentMetaSchema, notifications: Type.Array(ExemptionNotificationSchema) }),
]);

export const ExemptionPageSchema = PageOf(ExemptionSchema);
