// Special measures (REGULATION.md, "Special measures"): a determination by the Secretary that
// prohibits, or sets conditions on, opening accounts for persons in a foreign jurisdiction or
// for a designated foreign person. A measure is public (it is published in the Federal
// Register), so its target's names and identifiers are not customer personal data.
//
// The implementation date and the expiry are computed by rules/ when the measure is recorded
// and each time an extension is recorded, and stored with their explanations so that a list
// can filter on them; whether a measure is in force at an instant is always answered by
// rules/ from the facts (issuance, stated end, extensions, revocation), never by `status`,
// which is the last state the measure's workflow recorded.
import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DesignatedPerson } from '../../rules/index.js';

export const SPECIAL_MEASURE_TARGET_TYPES = ['jurisdiction', 'designated-person'] as const;
export type SpecialMeasureTargetType = (typeof SPECIAL_MEASURE_TARGET_TYPES)[number];
/** States a measure's workflow records; `issued` until its workflow has run. */
export const SPECIAL_MEASURE_STATUSES = ['issued', 'phase-in', 'in-force', 'expired', 'revoked'] as const;
export type SpecialMeasureStatusName = (typeof SPECIAL_MEASURE_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const specialMeasures = pgTable(
  'special_measures',
  {
    id: uuid('id').primaryKey(),
    targetType: text('target_type').$type<SpecialMeasureTargetType>().notNull(),
    /** ISO 3166-1 alpha-2 (target type `jurisdiction`). */
    jurisdiction: text('jurisdiction'),
    /** Name, aliases and identifiers (target type `designated-person`). */
    designatedPerson: jsonb('designated_person').$type<DesignatedPerson>(),
    /** `jurisdiction:KP` or `person:<normalised name>`: one measure per target per Federal Register document. */
    targetKey: text('target_key').notNull(),
    kind: text('kind').$type<'prohibition' | 'conditions'>().notNull(),
    conditions: jsonb('conditions').$type<string[]>().notNull().default([]),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    federalRegisterCitation: text('federal_register_citation').notNull(),
    /** The last day of effect the measure states, when shorter than the rule set's maximum. */
    expiresOn: date('expires_on', { mode: 'string' }),
    /** The rule set and provider zone the measure's dates are computed under, kept for its whole life. */
    ruleSetId: text('rule_set_id').notNull(),
    timeZone: text('time_zone').notNull(),
    implementationDueAt: timestamp('implementation_due_at', { withTimezone: true }).notNull(),
    implementationDate: date('implementation_date', { mode: 'string' }).notNull(),
    implementationExplanation: jsonb('implementation_explanation').$type<string[]>().notNull(),
    /** The end before any extension (the rule set's duration, or the shorter end the measure states). */
    initialExpiresAt: timestamp('initial_expires_at', { withTimezone: true }).notNull(),
    /** The end counting every recorded extension. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    expiryDate: date('expiry_date', { mode: 'string' }).notNull(),
    expiryExplanation: jsonb('expiry_explanation').$type<string[]>().notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revocationCitation: text('revocation_citation'),
    revocationReason: text('revocation_reason'),
    revokedBy: text('revoked_by'),
    status: text('status').$type<SpecialMeasureStatusName>().notNull().default('issued'),
    /** The measure's case (its workflow opens it). */
    caseId: uuid('case_id').notNull(),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('special_measures_citation_target_key').on(t.federalRegisterCitation, t.targetKey),
    // The list's order and keyset pagination (newest issuance first, ties by id).
    index('special_measures_issued_at_id_idx').on(t.issuedAt, t.id),
    index('special_measures_jurisdiction_idx').on(t.jurisdiction),
    check('special_measures_target_type_check', sql`${t.targetType} in (${inList(SPECIAL_MEASURE_TARGET_TYPES)})`),
    check(
      'special_measures_target_check',
      sql`(${t.targetType} = 'jurisdiction' and ${t.jurisdiction} ~ '^[A-Z]{2}$' and ${t.designatedPerson} is null) or (${t.targetType} = 'designated-person' and ${t.jurisdiction} is null and ${t.designatedPerson} is not null)`,
    ),
    check('special_measures_kind_check', sql`${t.kind} in ('prohibition', 'conditions')`),
    check('special_measures_conditions_check', sql`${t.kind} <> 'conditions' or jsonb_array_length(${t.conditions}) > 0`),
    check('special_measures_status_check', sql`${t.status} in (${inList(SPECIAL_MEASURE_STATUSES)})`),
    check('special_measures_expiry_check', sql`${t.expiresAt} > ${t.issuedAt} and (${t.revokedAt} is null or ${t.revokedAt} >= ${t.issuedAt})`),
  ],
);

/** Extensions Commerce published in the Federal Register, each with its citation and new end. */
export const specialMeasureExtensions = pgTable(
  'special_measure_extensions',
  {
    id: uuid('id').primaryKey(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => specialMeasures.id),
    federalRegisterCitation: text('federal_register_citation').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** The new last day as published; null: the rule set's duration from publication. */
    newEndDate: date('new_end_date', { mode: 'string' }),
    /** The end this extension gives the measure, computed by rules/, and why. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    expiryDate: date('expiry_date', { mode: 'string' }).notNull(),
    explanation: jsonb('explanation').$type<string[]>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [uniqueIndex('special_measure_extensions_citation_key').on(t.measureId, t.federalRegisterCitation)],
);

/** Every state a measure went through, and who or what moved it (append-only). */
export const specialMeasureStatusHistory = pgTable(
  'special_measure_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => specialMeasures.id),
    /** Chosen by the writer so that a retried write appends once. */
    eventKey: text('event_key').notNull(),
    status: text('status').$type<SpecialMeasureStatusName>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex('special_measure_status_history_key').on(t.measureId, t.eventKey), index('special_measure_status_history_measure_idx').on(t.measureId, t.id)],
);

export type SpecialMeasureRow = typeof specialMeasures.$inferSelect;
export type NewSpecialMeasureRow = typeof specialMeasures.$inferInsert;
export type SpecialMeasureExtensionRow = typeof specialMeasureExtensions.$inferSelect;
export type SpecialMeasureStatusRow = typeof specialMeasureStatusHistory.$inferSelect;
