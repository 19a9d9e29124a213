// Customers, their beneficial owners, accounts and the identity vault (issue 4).
//
// Two kinds of data live here, kept in separate tables on purpose:
// - the shape of the history (customers, parties, accounts, verification attempts, legal holds):
//   ids, roles, statuses, dates and the U.S.-person facts the classification reads; never
//   disposed of;
// - personal data the rule requires for foreign persons (party_identity, ip_accesses, the
//   verification materials and discrepancy texts): nullable columns that the retention
//   disposal sets to NULL, stamping `disposed_at`, so that every id the case history names
//   still resolves to a row.
// Reads of personal data are themselves recorded (personal_data_reads, append-only by trigger).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  inet,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const CUSTOMER_KINDS = ['individual', 'entity'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const PARTY_ROLES = ['customer', 'beneficial-owner'] as const;
export const US_PERSON_STATUSES = ['us', 'foreign', 'unknown'] as const;
export const ACCOUNT_STATUSES = ['pending', 'open', 'interim-restricted', 'monitored', 'closed', 'refused'] as const;
export const ACCESS_KINDS = ['access', 'administration'] as const;
export const VERIFICATION_METHODS = ['documentary', 'non-documentary'] as const;
export const VERIFICATION_RESULTS = ['verified', 'failed', 'inconclusive'] as const;

export type BeneficialOwnerBasis = 'ownership' | 'substantial-control';

/** A notified beneficial owner's determination, as stored on the party at each classification. */
export interface BeneficialOwnerDetermination {
  beneficialOwner: boolean;
  /** Empty when it is not a beneficial owner. */
  basis: BeneficialOwnerBasis[];
  /** Its share of the ownership interests (exact decimal or fraction), null when none is recorded. */
  ownershipPercent: string | null;
  thresholdPercent: number;
  /** The handler's determination of substantial control, when one is recorded. */
  substantialControl: { reason: string; determinedBy: string | null } | null;
  tracked: boolean;
  explanation: string[];
}

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<CustomerKind>().notNull(),
    /** The provider's own customer id; a repeated application with it is the same customer. */
    externalReference: text('external_reference').notNull(),
    /** As last classified (classifyCustomer); 'unknown' until then, treated as foreign. */
    usPersonStatus: text('us_person_status').$type<(typeof US_PERSON_STATUSES)[number]>().notNull().default('unknown'),
    /** Until classified, a customer is tracked (treated as foreign). */
    trackingRequired: boolean('tracking_required').notNull().default(true),
    classifiedAt: timestamp('classified_at', { withTimezone: true }),
    classifiedRuleSetId: text('classified_rule_set_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    personalDataDisposedAt: timestamp('personal_data_disposed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('customers_external_reference_key').on(t.externalReference),
    // The customer list's order and keyset pagination (newest first, ties by id).
    index('customers_created_at_id_idx').on(t.createdAt, t.id),
    check('customers_kind_check', sql`${t.kind} in (${inList(CUSTOMER_KINDS)})`),
    check('customers_us_person_status_check', sql`${t.usPersonStatus} in (${inList(US_PERSON_STATUSES)})`),
  ],
);

/** The customer itself and each of its beneficial owners. */
export const parties = pgTable(
  'parties',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    role: text('role').$type<(typeof PARTY_ROLES)[number]>().notNull(),
    kind: text('kind').$type<CustomerKind>().notNull(),
    /** Direct share of the customer's ownership interests (beneficial owners), exact decimal. */
    ownershipPercent: numeric('ownership_percent', { precision: 9, scale: 6 }),
    /** A handler's determination (the NPRM leaves "substantial control" undefined). */
    substantialControl: boolean('substantial_control').notNull().default(false),
    substantialControlReason: text('substantial_control_reason'),
    substantialControlDeterminedBy: text('substantial_control_determined_by'),
    substantialControlDeterminedAt: timestamp('substantial_control_determined_at', { withTimezone: true }),
    // The U.S.-person facts: NULL means not known (treated as foreign until known).
    usCitizen: boolean('us_citizen'),
    usLawfulPermanentResident: boolean('us_lawful_permanent_resident'),
    locatedInUnitedStates: boolean('located_in_united_states'),
    organizedUnderUsLaw: boolean('organized_under_us_law'),
    foreignBranchOfUsEntity: boolean('foreign_branch_of_us_entity'),
    /**
     * An individual's citizenships, ISO 3166-1 alpha-2 (NULL: not known). When known, `usCitizen`
     * is derived from it (a U.S. citizen holds 'US'), so the U.S. yes/no stays the rules' input.
     */
    citizenships: text('citizenships').array(),
    /** The jurisdiction an entity is organized in, ISO 3166-1 alpha-2 (NULL: not known); 'US' means organized under U.S. law. */
    organizedIn: text('organized_in'),
    /** As last classified. */
    usPersonStatus: text('us_person_status').$type<(typeof US_PERSON_STATUSES)[number]>().notNull().default('unknown'),
    /** As last classified: whether the CIP identifies and verifies this party. NULL until classified. */
    tracked: boolean('tracked'),
    /**
     * As last classified, for a notified beneficial owner: whether it is one, on which basis
     * (ownership at or above the threshold, substantial control with its reason) and why. NULL
     * until classified.
     */
    beneficialOwnerDetermination: jsonb('beneficial_owner_determination').$type<BeneficialOwnerDetermination>(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    addedBy: text('added_by').notNull(),
    /** When a removal took effect (the owner sold its stake on that date); see party_changes for who and why. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('parties_customer_idx').on(t.customerId),
    // A customer is one party of its own, exactly once.
    uniqueIndex('parties_one_customer_role').on(t.customerId).where(sql`${t.role} = 'customer'`),
    check('parties_role_check', sql`${t.role} in (${inList(PARTY_ROLES)})`),
    check('parties_kind_check', sql`${t.kind} in (${inList(CUSTOMER_KINDS)})`),
    check('parties_ownership_percent_check', sql`${t.ownershipPercent} is null or (${t.ownershipPercent} > 0 and ${t.ownershipPercent} <= 100)`),
    check('parties_substantial_control_reason_check', sql`not ${t.substantialControl} or ${t.substantialControlReason} is not null`),
    check('parties_us_person_status_check', sql`${t.usPersonStatus} in (${inList(US_PERSON_STATUSES)})`),
  ],
);

export const PARTY_CHANGE_KINDS = ['substantial-control-determined', 'facts-corrected', 'stake-changed', 'beneficial-owner-removed'] as const;
export type PartyChangeKind = (typeof PARTY_CHANGE_KINDS)[number];

/** One field of a party as it was and as it became. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * Every change a handler makes to a party's recorded facts after the application: who, when,
 * why, with effect from when, and each field's old and new value. Classification facts and
 * stakes only (the identity vault's personal fields are not kept here). Append-only (trigger).
 */
export const partyChanges = pgTable(
  'party_changes',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    kind: text('kind').$type<PartyChangeKind>().notNull(),
    changes: jsonb('changes').$type<FieldChange[]>().notNull(),
    reason: text('reason').notNull(),
    /** When the change took effect in the world (a stake sold on a date); the recording time otherwise. */
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('party_changes_customer_idx').on(t.customerId, t.changedAt), check('party_changes_kind_check', sql`${t.kind} in (${inList(PARTY_CHANGE_KINDS)})`)],
);

export interface PostalAddress {
  lines: string[];
  city?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface PaymentMethod {
  type: 'card' | 'bank-account' | 'wallet' | 'other';
  /** Card, account or wallet identifier. */
  identifier: string;
  /** Source of the funds (who pays, from where). */
  source?: string;
}

/** The identity vault: one row per party; disposal nulls every field and stamps disposed_at. */
export const partyIdentities = pgTable('party_identities', {
  partyId: uuid('party_id')
    .primaryKey()
    .references(() => parties.id),
  name: text('name'),
  address: jsonb('address').$type<PostalAddress>(),
  paymentMethods: jsonb('payment_methods').$type<PaymentMethod[]>(),
  email: text('email'),
  telephone: text('telephone'),
  disposedAt: timestamp('disposed_at', { withTimezone: true }),
});

export const IDENTITY_DOCUMENT_TYPES = ['passport', 'national-id-card', 'driving-licence', 'residence-permit', 'commercial-register-extract', 'certificate-of-incorporation', 'other'] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

/**
 * The identity documents seen for a party's documentary verification. Its type is the shape of
 * the history (which kind of document was seen); its number, issuing country and expiry are
 * personal: read only with a stated purpose (logged), never in a workflow payload, and set to
 * NULL by the retention disposal, which stamps `disposed_at`.
 */
export const partyIdentityDocuments = pgTable(
  'party_identity_documents',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    documentType: text('document_type').$type<IdentityDocumentType>().notNull(),
    number: text('number'),
    /** ISO 3166-1 alpha-2. */
    issuingCountry: text('issuing_country'),
    expiresOn: date('expires_on', { mode: 'string' }),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
  },
  (t) => [
    index('party_identity_documents_customer_idx').on(t.customerId, t.recordedAt),
    check('party_identity_documents_type_check', sql`${t.documentType} in (${inList(IDENTITY_DOCUMENT_TYPES)})`),
  ],
);

/** IP addresses used for access to or administration of the service, with each access's time. Personal. */
export const ipAccesses = pgTable(
  'ip_accesses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    partyId: uuid('party_id').references(() => parties.id),
    /** NULL once disposed of. */
    ip: inet('ip'),
    accessedAt: timestamp('accessed_at', { withTimezone: true }).notNull(),
    kind: text('kind').$type<(typeof ACCESS_KINDS)[number]>().notNull(),
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
  },
  (t) => [index('ip_accesses_customer_idx').on(t.customerId), check('ip_accesses_kind_check', sql`${t.kind} in (${inList(ACCESS_KINDS)})`)],
);

export const verificationAttempts = pgTable(
  'verification_attempts',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    method: text('method').$type<(typeof VERIFICATION_METHODS)[number]>().notNull(),
    /** What was checked, without personal data (e.g. "passport, vendor X document check"). */
    methodDetail: text('method_detail').notNull(),
    result: text('result').$type<(typeof VERIFICATION_RESULTS)[number]>().notNull(),
    /** Verification materials (document numbers, vendor responses): personal, NULL once disposed of. */
    materials: jsonb('materials').$type<Record<string, string>>(),
    performedBy: text('performed_by').notNull(),
    performedAt: timestamp('performed_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    materialsDisposedAt: timestamp('materials_disposed_at', { withTimezone: true }),
  },
  (t) => [
    index('verification_attempts_customer_idx').on(t.customerId, t.performedAt),
    check('verification_attempts_method_check', sql`${t.method} in (${inList(VERIFICATION_METHODS)})`),
    check('verification_attempts_result_check', sql`${t.result} in (${inList(VERIFICATION_RESULTS)})`),
  ],
);

/** Every discrepancy a verification found, and how it was resolved. Texts are personal. */
export const verificationDiscrepancies = pgTable(
  'verification_discrepancies',
  {
    id: uuid('id').primaryKey(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => verificationAttempts.id),
    description: text('description'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
  },
  (t) => [index('verification_discrepancies_attempt_idx').on(t.attemptId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Chosen when the account is applied for, so that a restart of its workflow reuses it. */
    identificationCaseId: uuid('identification_case_id').notNull(),
    status: text('status').$type<(typeof ACCOUNT_STATUSES)[number]>().notNull().default('pending'),
    restrictions: jsonb('restrictions').$type<string[]>().notNull().default([]),
    reviewDueAt: timestamp('review_due_at', { withTimezone: true }),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    statusChangedBy: text('status_changed_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastAccessedAt: timestamp('last_accessed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('accounts_customer_idx').on(t.customerId),
    uniqueIndex('accounts_identification_case_key').on(t.identificationCaseId),
    index('accounts_status_idx').on(t.status),
    check('accounts_status_check', sql`${t.status} in (${inList(ACCOUNT_STATUSES)})`),
  ],
);

/** Every recorded access to an account; each moves the record-retention clock. */
export const accountAccesses = pgTable(
  'account_accesses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    accessedAt: timestamp('accessed_at', { withTimezone: true }).notNull(),
    kind: text('kind').$type<(typeof ACCESS_KINDS)[number]>().notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('account_accesses_account_idx').on(t.accountId, t.accessedAt),
    check('account_accesses_kind_check', sql`${t.kind} in (${inList(ACCESS_KINDS)})`),
  ],
);

/** Who read which customer's personal fields, why and when. Append-only (trigger). */
export const personalDataReads = pgTable(
  'personal_data_reads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    actor: text('actor').notNull(),
    purpose: text('purpose').notNull(),
    fields: text('fields').array().notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().default(sql`now()`),
    // Tamper evidence: the whole log is one hash chain, computed by the database on insert
    // (trigger `personal_data_reads_chain`), like case_events' per-case chains.
    chainSeq: integer('chain_seq').notNull().default(0),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [index('personal_data_reads_customer_idx').on(t.customerId, t.id)],
);

/** A legal hold suspends disposal of the customer's personal data while it is not released. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    accountId: uuid('account_id').references(() => accounts.id),
    reason: text('reason').notNull(),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
    releasedBy: text('released_by'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [index('legal_holds_customer_idx').on(t.customerId), index('legal_holds_account_idx').on(t.accountId)],
);

export type CustomerRow = typeof customers.$inferSelect;
export type PartyRow = typeof parties.$inferSelect;
export type NewPartyRow = typeof parties.$inferInsert;
export type PartyIdentityRow = typeof partyIdentities.$inferSelect;
export type IpAccessRow = typeof ipAccesses.$inferSelect;
export type VerificationAttemptRow = typeof verificationAttempts.$inferSelect;
export type VerificationDiscrepancyRow = typeof verificationDiscrepancies.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type AccountAccessRow = typeof accountAccesses.$inferSelect;
export type PersonalDataReadRow = typeof personalDataReads.$inferSelect;
export type LegalHoldRow = typeof legalHolds.$inferSelect;
export type PartyChangeRow = typeof partyChanges.$inferSelect;
export type PartyIdentityDocumentRow = typeof partyIdentityDocuments.$inferSelect;
export type AccountStatusValue = (typeof ACCOUNT_STATUSES)[number];
