// Large-AI-model training transactions and their reports: request and response schemas.
// Personal data never passes here: contact and payment information are references into the
// identity vault. Quantities are exact decimal strings ("1.2e26"), never JSON numbers, so that
// nothing is lost to floating point before the rules compare them.
import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../schemas.js';
import { CaseSchema, ProblemSchema } from '../cases/cases.schemas.js';
import { ReportContentsSchema } from '../../../workflows/ai-training-report/case-type.js';

/** Who records transactions and reseller reports. */
export const HANDLERS = ['case_handler', 'admin'] as const;
export const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema } as const;

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Reference = (description: string) => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:\\-/]{0,127}$', description });
const DecimalString = (description: string, examples: string[]) =>
  Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?([eE]\\+?[0-9]{1,3})?$', maxLength: 120, description, examples });

export const ClusterSchema = Type.Object(
  {
    coLocatedInSingleDataCentre: Type.Boolean({ description: "whether the cluster's machines are physically co-located in one data centre" }),
    networkingGbitPerSecond: DecimalString('bandwidth of the data-centre networking that transitively connects the machines, Gbit/s', ['400']),
    peakOperationsPerSecond: DecimalString("the cluster's theoretical maximum for training AI, operations per second", ['2e20']),
  },
  { additionalProperties: false },
);

export const OperationsPeriodSchema = Type.Object({ start: Instant, end: Instant }, { additionalProperties: false });

export const TrainingRunSchema = Type.Object(
  {
    operations: DecimalString('estimated integer or floating-point operations of the training run', ['1.2e26']),
    cluster: ClusterSchema,
    primarilyBiologicalSequenceData: Type.Optional(
      Type.Boolean({ description: 'recorded when known; it does not change coverage (the IaaS test has no biological-data prong)' }),
    ),
    operationsPeriod: Type.Optional(OperationsPeriodSchema),
    modelName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    cybersecurityPractices: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000, description: "the customer's cybersecurity practices" })),
  },
  { additionalProperties: false },
);

export const ForeignPersonSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('customer'), customerId: Uuid }, { additionalProperties: false, description: "the provider's own foreign customer" }),
    Type.Object(
      {
        type: Type.Literal('reseller-customer'),
        resellerId: Uuid,
        resellerCustomerReference: Reference("the reseller's reference for its customer"),
      },
      { additionalProperties: false, description: "a foreign reseller's customer" },
    ),
  ],
  { description: 'who the transaction is by, for, or on behalf of' },
);

export const CreateAiTrainingTransactionBody = Type.Object(
  {
    externalReference: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._\\-/]{0,127}$',
      description: "the provider's reference for the transaction; one report case per reference",
      examples: ['TXN-2026-0042'],
    }),
    foreignPerson: ForeignPersonSchema,
    transactionAt: Type.String({ format: 'date-time', description: 'the covered transaction (or the change of arrangement that made it one)' }),
    knowledgeAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'when the provider (direct) or the reseller learned of it, if later than the transaction' }),
    ),
    changedArrangement: Type.Optional(Type.Boolean({ default: false, description: 'an existing service turned toward a covered training run' })),
    run: TrainingRunSchema,
    contactInfoRef: Type.Optional(Reference("reference to the foreign person's contact information in the identity vault")),
    paymentInfoRef: Type.Optional(Reference("reference to the foreign person's payment information in the identity vault")),
    belowThresholdReason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'required to open a case for a run the rules find not covered: why the handler opens it anyway' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateAiTrainingTransaction = Static<typeof CreateAiTrainingTransactionBody>;

export const CoverageSchema = Type.Object({
  covered: Type.Boolean(),
  ruleSetId: Type.String(),
  criteria: Type.Array(
    Type.Object({ id: Type.String(), met: Type.Boolean(), actual: Type.String(), required: Type.String(), reason: Type.String() }),
  ),
  reasons: Type.Array(Type.String(), { description: 'the test, each criterion, the conclusion: sentences a lawyer can follow' }),
});

export const AiTrainingTransactionSchema = Type.Object(
  {
    id: Uuid,
    externalReference: Type.String(),
    route: Type.Union([Type.Literal('direct'), Type.Literal('through-reseller')]),
    customerId: Type.Union([Uuid, Type.Null()]),
    resellerId: Type.Union([Uuid, Type.Null()]),
    resellerCustomerReference: Type.Union([Type.String(), Type.Null()]),
    transactionAt: Instant,
    knowledgeAt: Type.Union([Instant, Type.Null()]),
    changedArrangement: Type.Boolean(),
    run: Type.Object({
      operations: Type.String(),
      cluster: Type.Object({ coLocatedInSingleDataCentre: Type.Boolean(), networkingGbitPerSecond: Type.String(), peakOperationsPerSecond: Type.String() }),
      primarilyBiologicalSequenceData: Type.Union([Type.Boolean(), Type.Null()]),
      operationsPeriod: Type.Union([OperationsPeriodSchema, Type.Null()]),
      modelName: Type.Union([Type.String(), Type.Null()]),
      cybersecurityPractices: Type.Union([Type.String(), Type.Null()]),
    }),
    contactInfoRef: Type.Union([Type.String(), Type.Null()]),
    paymentInfoRef: Type.Union([Type.String(), Type.Null()]),
    ruleSetId: Type.String(),
    coverage: CoverageSchema,
    belowThresholdReason: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    createdBy: Type.String(),
  },
  { $id: 'AiTrainingTransaction' },
);
export type AiTrainingTransactionDto = Static<typeof AiTrainingTransactionSchema>;

export const CreatedAiTrainingTransaction = Type.Object({
  transaction: AiTrainingTransactionSchema,
  caseId: Type.Union([Uuid, Type.Null()], { description: 'the report case (its row appears once the workflow has run)' }),
  case: Type.Union([CaseSchema, Type.Null()]),
});

export const TransactionIdParams = Type.Object({ id: Uuid });

export const ListAiTrainingTransactionsQuery = Type.Object(
  {
    route: Type.Optional(Type.Union([Type.Literal('direct'), Type.Literal('through-reseller')])),
    resellerId: Type.Optional(Uuid),
    covered: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const ReportCaseParams = Type.Object({ caseId: Uuid });

export const ResellerReportBody = Type.Object(
  {
    resellerReportReference: Reference("the reseller's own reference for its report; a repeat delivery with it is ignored"),
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the provider received it (default: now); not in the future, not before the transaction' })),
    contents: ReportContentsSchema,
  },
  { additionalProperties: false },
);

export const ResellerReportAccepted = Type.Object({
  caseId: Uuid,
  resellerReportReference: Type.String(),
  receivedAt: Instant,
  status: Type.Literal('accepted', { description: 'the case records it as a report version; read GET /v1/ai-training-reports/{caseId}' }),
});

const DeadlineSchema = Type.Object({ dueAt: Instant, dueDate: Type.String({ format: 'date' }), explanation: Type.Array(Type.String()) });

export const ReportVersionSchema = Type.Object({
  id: Uuid,
  version: Type.Integer({ minimum: 1 }),
  kind: Type.Union([Type.Literal('provider-draft'), Type.Literal('reseller-submission'), Type.Literal('amendment')]),
  source: Type.Union([Type.Literal('provider-records'), Type.Literal('reseller-report')]),
  contents: Type.Record(Type.String(), Type.Unknown(), { description: 'references to personal data and non-personal facts of the run' }),
  complete: Type.Boolean(),
  missing: Type.Array(Type.Object({ item: Type.String(), field: Type.String(), reason: Type.String() })),
  completenessExplanation: Type.Array(Type.String()),
  amendsVersionId: Type.Union([Uuid, Type.Null()]),
  createdAt: Instant,
  createdBy: Type.String(),
  approvedAt: Type.Union([Instant, Type.Null()]),
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  filing: Type.Union([
    Type.Object({
      filedAt: Instant,
      filedBy: Type.Union([Type.String(), Type.Null()]),
      filingReceipt: Type.Union([Type.String(), Type.Null()]),
      filedOnTime: Type.Union([Type.Boolean(), Type.Null()], { description: 'null for an amendment, which has no deadline of its own' }),
    }),
    Type.Null(),
  ]),
});

export const ReportSchema = Type.Object({
  caseId: Uuid,
  case: Type.Union([CaseSchema, Type.Null()]),
  transaction: AiTrainingTransactionSchema,
  deadlines: Type.Object({
    filing: DeadlineSchema,
    resellerReport: Type.Union([DeadlineSchema, Type.Null()]),
    ownRecordsFrom: Type.Union([Type.Object({ at: Instant, date: Type.String({ format: 'date' }), explanation: Type.Array(Type.String()) }), Type.Null()]),
  }),
  versions: Type.Array(ReportVersionSchema),
});

export const ReportDocumentQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: 'a report version (default: the last filed one, else the latest)' })) },
  { additionalProperties: false },
);
