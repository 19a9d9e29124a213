// Foreign resellers of the provider's IaaS products, their CIPs on file (and the provider's
// own), and the oversight record: evidence of non-compliance, the issues identified to a
// reseller, its answers, and reports to the authorities. CIP versions are immutable: a new
// version is a new row; the bytes live in `documents`.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './customers.js';
import { documents } from './documents.js';

export const RESELLER_STATUSES = ['active', 'under-review', 'terminating', 'terminated', 'reinstated'] as const;
export type ResellerStatus = (typeof RESELLER_STATUSES)[number];
export const CIP_OWNER_TYPES = ['provider', 'foreign-reseller'] as const;

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** A business contact at the reseller (for CIP requests and notices). */
export interface ResellerContact {
  name: string;
  role?: string;
  email?: string;
  telephone?: string;
}

export const resellers = pgTable(
  'resellers',
  {
    id: uuid('id').primaryKey(),
    legalName: text('legal_name').notNull(),
    /** ISO 3166-1 alpha-2 code of the jurisdiction the reseller is organized in. */
    jurisdiction: text('jurisdiction').notNull(),
    contacts: jsonb('contacts').$type<ResellerContact[]>().notNull().default([]),
    status: text('status').$type<ResellerStatus>().notNull().default('active'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    statusChangedBy: text('status_changed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resellers_list_order_idx').on(t.createdAt, t.id),
    index('resellers_status_idx').on(t.status),
    check('resellers_status_check', sql`${t.status} in (${inList(RESELLER_STATUSES)})`),
    check('resellers_jurisdiction_check', sql`${t.jurisdiction} ~ '^[A-Z]{2}$'`),
  ],
);

/** The provider's accounts through which it serves the reseller. */
export const resellerAccounts = pgTable(
  'reseller_accounts',
  {
    resellerId: uuid('reseller_id')
      .notNull()
      .references(() => resellers.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    addedBy: text('added_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resellerId, t.accountId] }), index('reseller_accounts_account_idx').on(t.accountId)],
);

/**
 * One version of a written CIP: the provider's own (`resellerId` null) or a reseller's.
 * Versions are numbered per owner from 1; the current one is the latest effective version.
 */
export const cipDocuments = pgTable(
  'cip_documents',
  {
    id: uuid('id').primaryKey(),
    ownerType: text('owner_type').$type<(typeof CIP_OWNER_TYPES)[number]>().notNull(),
    resellerId: uuid('reseller_id').references(() => resellers.id),
    version: integer('version').notNull(),
    /** The owner's own name for the version, e.g. `CIP 2026.1`. */
    label: text('label'),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    /** When the provider received this version (from the reseller, or adopted its own). */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** From when the version applies. */
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cip_documents_owner_version_key').on(t.ownerType, t.resellerId, t.version).nullsNotDistinct(),
    check('cip_documents_owner_check', sql`(${t.ownerType} = 'provider') = (${t.resellerId} is null)`),
  ],
);

/** Evidence that a reseller failed to keep or implement a CIP, or lacked good-faith efforts. */
export const resellerNoncomplianceEvidence = pgTable(
  'reseller_noncompliance_evidence',
  {
    id: uuid('id').primaryKey(),
    resellerId: uuid('reseller_id')
      .notNull()
      .references(() => resellers.id),
    /** What was found, without personal data. */
    description: text('description').notNull(),
    /** Where it came from (an audit, a complaint, a Commerce notice, an AI-training report case). */
    source: text('source').notNull(),
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull(),
    documentId: uuid('document_id').references(() => documents.id),
    /** The oversight case the evidence opened or was added to (its case id and workflow id). */
    caseId: uuid('case_id'),
    caseWorkflowId: text('case_workflow_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reseller_evidence_reseller_idx').on(t.resellerId, t.recordedAt)],
);

/** An issue the provider identified to the reseller, with the date by which it may cure it. */
export const resellerIssues = pgTable(
  'reseller_issues',
  {
    id: uuid('id').primaryKey(),
    resellerId: uuid('reseller_id')
      .notNull()
      .references(() => resellers.id),
    caseId: uuid('case_id').notNull(),
    description: text('description').notNull(),
    identifiedAt: timestamp('identified_at', { withTimezone: true }).notNull(),
    cureBy: timestamp('cure_by', { withTimezone: true }).notNull(),
    identifiedBy: text('identified_by').notNull(),
  },
  (t) => [index('reseller_issues_reseller_idx').on(t.resellerId, t.identifiedAt)],
);

/** The reseller's answers to identified issues. */
export const resellerIssueAnswers = pgTable(
  'reseller_issue_answers',
  {
    id: uuid('id').primaryKey(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => resellerIssues.id),
    resellerId: uuid('reseller_id')
      .notNull()
      .references(() => resellers.id),
    answer: text('answer').notNull(),
    /** The reseller says the issue is cured. */
    claimsCured: boolean('claims_cured').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    documentId: uuid('document_id').references(() => documents.id),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reseller_issue_answers_issue_idx').on(t.issueId, t.receivedAt)],
);

/** A report of suspected or actual malicious cyber-enabled activity to an authority. */
export const authorityReports = pgTable(
  'authority_reports',
  {
    id: uuid('id').primaryKey(),
    resellerId: uuid('reseller_id')
      .notNull()
      .references(() => resellers.id),
    caseId: uuid('case_id'),
    /** The authority it went to, e.g. `FBI IC3`, `CISA`, `BIS Office of Export Enforcement`. */
    recipient: text('recipient').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** What was sent, in words (no personal data); the copy itself may be a document. */
    summary: text('summary').notNull(),
    reference: text('reference'),
    documentId: uuid('document_id').references(() => documents.id),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('authority_reports_reseller_idx').on(t.resellerId, t.sentAt)],
);

export type ResellerRow = typeof resellers.$inferSelect;
export type CipDocumentRow = typeof cipDocuments.$inferSelect;
export type NoncomplianceEvidenceRow = typeof resellerNoncomplianceEvidence.$inferSelect;
export type ResellerIssueRow = typeof resellerIssues.$inferSelect;
export type ResellerIssueAnswerRow = typeof resellerIssueAnswers.$inferSelect;
export type AuthorityReportRow = typeof authorityReports.$inferSelect;
