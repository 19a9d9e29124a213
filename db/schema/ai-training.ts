// Large-AI-model training reports: the covered transactions a provider must report, and the
// reports themselves, kept as versions (the provider's draft, the reseller's submission, an
// amendment), each with its own filing record once filed with Commerce.
//
// Personal data (the foreign person's contact and payment information) stays in the identity
// vault: a transaction and a report hold references to it, never the data itself. The run's
// facts (operations, cluster, period, model name, cybersecurity practices) are not personal.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.js';
import { resellers } from './resellers.js';

export const AI_TRAINING_ROUTES = ['direct', 'through-reseller'] as const;
export type AiTrainingRoute = (typeof AI_TRAINING_ROUTES)[number];
export const AI_REPORT_VERSION_KINDS = ['provider-draft', 'reseller-submission', 'amendment'] as const;
export type AiReportVersionKind = (typeof AI_REPORT_VERSION_KINDS)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** The training run's cluster, as the provider recorded it at intake. */
export interface TrainingClusterRecord {
  coLocatedInSingleDataCentre: boolean;
  /** Exact decimal strings. */
  networkingGbitPerSecond: string;
  peakOperationsPerSecond: string;
}

/** What the rules concluded at intake (rules/classification/ai-training.ts), kept as it was said. */
export interface CoverageRecord {
  covered: boolean;
  ruleSetId: string;
  criteria: { id: string; met: boolean; actual: string; required: string; reason: string }[];
  reasons: string[];
}

export const aiTrainingTransactions = pgTable(
  'ai_training_transactions',
  {
    id: uuid('id').primaryKey(),
    /** The provider's reference for the transaction; one report case per reference. */
    externalReference: text('external_reference').notNull(),
    /** The report case, chosen at intake so that a crash between storing and starting loses nothing. */
    caseId: uuid('case_id').notNull(),
    route: text('route').$type<AiTrainingRoute>().notNull(),
    /** The provider's own foreign customer (route `direct`). */
    customerId: uuid('customer_id').references(() => customers.id),
    /** The foreign reseller (route `through-reseller`). */
    resellerId: uuid('reseller_id').references(() => resellers.id),
    /** The reseller's own reference for its customer (route `through-reseller`); the person's data stays with the reseller's report. */
    resellerCustomerReference: text('reseller_customer_reference'),
    transactionAt: timestamp('transaction_at', { withTimezone: true }).notNull(),
    /** When the provider (direct) or the reseller (through a reseller) learned of it, if later. */
    knowledgeAt: timestamp('knowledge_at', { withTimezone: true }),
    /** An existing service turned toward a covered run (a changed arrangement). */
    changedArrangement: boolean('changed_arrangement').notNull().default(false),
    /** Estimated integer or floating-point operations, exact decimal string ("1.2e26"). */
    estimatedOperations: text('estimated_operations').notNull(),
    cluster: jsonb('cluster').$type<TrainingClusterRecord>().notNull(),
    primarilyBiologicalSequenceData: boolean('primarily_biological_sequence_data'),
    operationsStart: timestamp('operations_start', { withTimezone: true }),
    operationsEnd: timestamp('operations_end', { withTimezone: true }),
    modelName: text('model_name'),
    cybersecurityPractices: text('cybersecurity_practices'),
    /** Reference into the identity vault (a party or identity record id), never the data. */
    contactInfoRef: text('contact_info_ref'),
    paymentInfoRef: text('payment_info_ref'),
    ruleSetId: text('rule_set_id').notNull(),
    coverage: jsonb('coverage').$type<CoverageRecord>().notNull(),
    /** Why a handler opened a case for a run the rules found not covered. */
    belowThresholdReason: text('below_threshold_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('ai_training_transactions_external_reference_key').on(t.externalReference),
    uniqueIndex('ai_training_transactions_case_id_key').on(t.caseId),
    index('ai_training_transactions_created_at_id_idx').on(t.createdAt, t.id),
    index('ai_training_transactions_reseller_idx').on(t.resellerId),
    check('ai_training_transactions_route_check', sql`${t.route} in (${inList(AI_TRAINING_ROUTES)})`),
    check(
      'ai_training_transactions_party_check',
      sql`(${t.route} = 'direct' and ${t.customerId} is not null and ${t.resellerId} is null) or (${t.route} = 'through-reseller' and ${t.resellerId} is not null and ${t.resellerCustomerReference} is not null)`,
    ),
    check('ai_training_transactions_knowledge_check', sql`${t.knowledgeAt} is null or ${t.knowledgeAt} >= ${t.transactionAt}`),
    check(
      'ai_training_transactions_below_threshold_check',
      sql`(${t.coverage}->>'covered')::boolean or ${t.belowThresholdReason} is not null`,
    ),
  ],
);

/** The contents of one report version: references and facts, as rules/ai-training-report.ts checks them. */
export interface AiReportContentsRecord {
  contactInfoRef?: string | null;
  paymentInfoRef?: string | null;
  estimatedOperations?: string | null;
  operationsPeriod?: { start: string; end: string } | null;
  modelName?: string | null;
  cybersecurityPractices?: string | null;
}

/**
 * One version of a transaction's report. Contents never change once written; filing adds the
 * filing record (when, by whom, Commerce's receipt) once. An amendment is a new version.
 */
export const aiTrainingReportVersions = pgTable(
  'ai_training_report_versions',
  {
    id: uuid('id').primaryKey(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => aiTrainingTransactions.id),
    caseId: uuid('case_id').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').$type<AiReportVersionKind>().notNull(),
    /** Whose records the contents come from. */
    source: text('source').$type<'provider-records' | 'reseller-report'>().notNull(),
    contents: jsonb('contents').$type<AiReportContentsRecord>().notNull(),
    complete: boolean('complete').notNull(),
    /** The completeness check's explanation and missing items, as the rules said it. */
    completeness: jsonb('completeness').$type<{ missing: { item: string; field: string; reason: string }[]; explanation: string[] }>().notNull(),
    /** The filed version this one amends. */
    amendsVersionId: uuid('amends_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    filedBy: text('filed_by'),
    /** Commerce's receipt for the filing. */
    filingReceipt: text('filing_receipt'),
    filedOnTime: boolean('filed_on_time'),
  },
  (t) => [
    unique('ai_training_report_versions_transaction_version_key').on(t.transactionId, t.version),
    index('ai_training_report_versions_case_idx').on(t.caseId, t.version),
    check('ai_training_report_versions_kind_check', sql`${t.kind} in (${inList(AI_REPORT_VERSION_KINDS)})`),
    check('ai_training_report_versions_filing_check', sql`(${t.filedAt} is null) = (${t.filingReceipt} is null)`),
  ],
);

export type AiTrainingTransactionRow = typeof aiTrainingTransactions.$inferSelect;
export type NewAiTrainingTransactionRow = typeof aiTrainingTransactions.$inferInsert;
export type AiTrainingReportVersionRow = typeof aiTrainingReportVersions.$inferSelect;
