// Exemptions (REGULATION.md, "Exemptions"): the provider applies to the Secretary to exempt
// itself, an account type, a lessee, or a foreign reseller (applied for through the provider),
// on the strength of its Abuse of IaaS Products Deterrence Program (a document in the store).
// Commerce's decision, each annual notification while the exemption stands, and its
// revocation are recorded here by the exemption's workflow; the workflow owns the state, these
// rows are its projection (and what the API lists).
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.js';
import { documents } from './documents.js';
import { resellers } from './resellers.js';

/** What an exemption covers: the provider itself, one account type, one lessee (a customer), or one foreign reseller. */
export const EXEMPTION_SCOPES = ['provider', 'account-type', 'lessee', 'foreign-reseller'] as const;
export type ExemptionScope = (typeof EXEMPTION_SCOPES)[number];
/** `applied` until Commerce decides; `granted` while it stands; the others are final. */
export const EXEMPTION_STATUSES = ['applied', 'granted', 'denied', 'withdrawn', 'revoked'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const exemptions = pgTable(
  'exemptions',
  {
    id: uuid('id').primaryKey(),
    /** The provider's own reference for the application; a repeat with it is the same application. */
    applicationReference: text('application_reference').notNull(),
    scope: text('scope').$type<ExemptionScope>().notNull(),
    /** Scope `account-type`: the provider's name of the account type (e.g. `sovereign-cloud-enterprise`). */
    accountType: text('account_type'),
    /** Scope `lessee`: the customer leasing the product. */
    customerId: uuid('customer_id').references(() => customers.id),
    /** Scope `foreign-reseller`. */
    resellerId: uuid('reseller_id').references(() => resellers.id),
    /** The Abuse of IaaS Products Deterrence Program the application rests on. */
    programDocumentId: uuid('program_document_id')
      .notNull()
      .references(() => documents.id),
    /** Why the program is effective, in the provider's words (no personal data). */
    summary: text('summary'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    status: text('status').$type<ExemptionStatus>().notNull().default('applied'),
    /** Commerce's decision, as recorded by the desk: who recorded it, when Commerce decided, why. */
    commerceReference: text('commerce_reference'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionRecordedBy: text('decision_recorded_by'),
    /** The second person who approved recording a grant (four-eyes). */
    decisionApprovedBy: text('decision_approved_by'),
    decisionReason: text('decision_reason'),
    /** While granted: the last annual notification and when the next is due (rules/). */
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
    notificationDueAt: timestamp('notification_due_at', { withTimezone: true }),
    /** True once an annual notification was missed (stays true: a breach is on record for good). */
    notificationBreachedAt: timestamp('notification_breached_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    revocationReason: text('revocation_reason'),
    /** The exemption's case (its workflow opens it), and the rule set and zone it runs under. */
    caseId: uuid('case_id').notNull(),
    ruleSetId: text('rule_set_id').notNull(),
    timeZone: text('time_zone').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('exemptions_application_reference_key').on(t.applicationReference),
    uniqueIndex('exemptions_case_key').on(t.caseId),
    // The list's order and keyset pagination (newest application first, ties by id).
    index('exemptions_created_at_id_idx').on(t.createdAt, t.id),
    index('exemptions_reseller_idx').on(t.resellerId),
    index('exemptions_customer_idx').on(t.customerId),
    check('exemptions_scope_check', sql`${t.scope} in (${inList(EXEMPTION_SCOPES)})`),
    check('exemptions_status_check', sql`${t.status} in (${inList(EXEMPTION_STATUSES)})`),
    check(
      'exemptions_subject_check',
      sql`(${t.scope} = 'provider' and ${t.accountType} is null and ${t.customerId} is null and ${t.resellerId} is null)
        or (${t.scope} = 'account-type' and ${t.accountType} is not null and ${t.customerId} is null and ${t.resellerId} is null)
        or (${t.scope} = 'lessee' and ${t.accountType} is null and ${t.customerId} is not null and ${t.resellerId} is null)
        or (${t.scope} = 'foreign-reseller' and ${t.accountType} is null and ${t.customerId} is null and ${t.resellerId} is not null)`,
    ),
  ],
);

/** Each annual notification given to Commerce while the exemption stood. */
export const exemptionNotifications = pgTable(
  'exemption_notifications',
  {
    id: uuid('id').primaryKey(),
    exemptionId: uuid('exemption_id')
      .notNull()
      .references(() => exemptions.id),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull(),
    /** Commerce's or the provider's reference of the notification. */
    reference: text('reference').notNull(),
    /** The deadline it answered, and whether it came after it. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    late: boolean('late').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exemption_notifications_exemption_idx').on(t.exemptionId, t.notifiedAt)],
);

export type ExemptionRow = typeof exemptions.$inferSelect;
export type NewExemptionRow = typeof exemptions.$inferInsert;
export type ExemptionNotificationRow = typeof exemptionNotifications.$inferSelect;
