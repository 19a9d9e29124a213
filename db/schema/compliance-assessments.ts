// Commerce's compliance assessments (REGULATION.md, "Government compliance assessments"): an
// assessment, an audit or a transaction review of a CIP (the provider's own or a foreign
// reseller's) opens a case; its findings are the deficiencies found and Commerce's
// recommendations, each recommendation its own row tracked to done (implemented, with evidence,
// or not implemented, with the reason: failing to implement one is itself a factor Commerce
// weighs); the CIP resubmission names a CIP version on file. The workflow owns the state; these
// rows are its projection and what the API lists.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { documents } from './documents.js';
import { resellers } from './resellers.js';

export const ASSESSMENT_KINDS = ['assessment', 'audit', 'transaction-review'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const ASSESSMENT_STATUSES = ['under-assessment', 'remediating', 'remediation-overdue', 'remediated', 'closed-without-findings'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const RECOMMENDATION_STATUSES = ['open', 'implemented', 'not-implemented'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const complianceAssessments = pgTable(
  'compliance_assessments',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<AssessmentKind>().notNull(),
    /** Commerce's reference of the assessment; one case per kind and reference. */
    commerceReference: text('commerce_reference').notNull(),
    /** Whose CIP is assessed: the provider's own (`resellerId` null) or a foreign reseller's. */
    resellerId: uuid('reseller_id').references(() => resellers.id),
    noticeReceivedAt: timestamp('notice_received_at', { withTimezone: true }).notNull(),
    description: text('description'),
    status: text('status').$type<AssessmentStatus>().notNull().default('under-assessment'),
    findingsReceivedAt: timestamp('findings_received_at', { withTimezone: true }),
    /** The remediation deadline (rules/: the deficiency-remediation period from the findings). */
    remediationDueAt: timestamp('remediation_due_at', { withTimezone: true }),
    /** Set when the remediation deadline passed unmet; stays (a breach is on record for good). */
    remediationBreachedAt: timestamp('remediation_breached_at', { withTimezone: true }),
    /** The CIP resubmitted to Commerce: a version on file, its document and digest. */
    resubmittedCipVersion: integer('resubmitted_cip_version'),
    resubmittedDocumentId: uuid('resubmitted_document_id').references(() => documents.id),
    resubmittedSha256: text('resubmitted_sha256'),
    resubmittedAt: timestamp('resubmitted_at', { withTimezone: true }),
    resubmissionReference: text('resubmission_reference'),
    resubmittedBy: text('resubmitted_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    caseId: uuid('case_id').notNull(),
    ruleSetId: text('rule_set_id').notNull(),
    timeZone: text('time_zone').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('compliance_assessments_reference_key').on(t.kind, t.commerceReference),
    uniqueIndex('compliance_assessments_case_key').on(t.caseId),
    index('compliance_assessments_created_at_id_idx').on(t.createdAt, t.id),
    index('compliance_assessments_reseller_idx').on(t.resellerId),
    check('compliance_assessments_kind_check', sql`${t.kind} in (${inList(ASSESSMENT_KINDS)})`),
    check('compliance_assessments_status_check', sql`${t.status} in (${inList(ASSESSMENT_STATUSES)})`),
  ],
);

/** A deficiency Commerce found. */
export const assessmentDeficiencies = pgTable(
  'assessment_deficiencies',
  {
    id: uuid('id').primaryKey(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => complianceAssessments.id),
    description: text('description').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('assessment_deficiencies_assessment_idx').on(t.assessmentId)],
);

/** One of Commerce's recommendations, tracked to done. */
export const assessmentRecommendations = pgTable(
  'assessment_recommendations',
  {
    id: uuid('id').primaryKey(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => complianceAssessments.id),
    /** Its order in Commerce's findings (1, 2, …). */
    position: integer('position').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<RecommendationStatus>().notNull().default('open'),
    /** Implemented: what shows it (and optionally a document uploaded as evidence). */
    evidence: text('evidence'),
    evidenceDocumentId: uuid('evidence_document_id').references(() => documents.id),
    /** Not implemented: why (Commerce weighs it). */
    notImplementedReason: text('not_implemented_reason'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assessment_recommendations_assessment_idx').on(t.assessmentId, t.position),
    check('assessment_recommendations_status_check', sql`${t.status} in (${inList(RECOMMENDATION_STATUSES)})`),
    check(
      'assessment_recommendations_outcome_check',
      sql`(${t.status} = 'open') or (${t.status} = 'implemented' and ${t.evidence} is not null) or (${t.status} = 'not-implemented' and ${t.notImplementedReason} is not null)`,
    ),
  ],
);

/** Documents uploaded as evidence for an assessment's remediation. */
export const assessmentEvidence = pgTable(
  'assessment_evidence',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => complianceAssessments.id),
    label: text('label'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_evidence_assessment_idx').on(t.assessmentId)],
);

export type ComplianceAssessmentRow = typeof complianceAssessments.$inferSelect;
export type NewComplianceAssessmentRow = typeof complianceAssessments.$inferInsert;
export type AssessmentDeficiencyRow = typeof assessmentDeficiencies.$inferSelect;
export type AssessmentRecommendationRow = typeof assessmentRecommendations.$inferSelect;
export type AssessmentEvidenceRow = typeof assessmentEvidence.$inferSelect;
