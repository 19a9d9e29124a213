// The provider's certification settings and its CIP certifications.
//
// `provider_settings` holds what the certification is assembled from that no other table
// records: the certification anniversary, the CIP contact (who is responsible for the CIP, and
// who attests it), and the CIP's procedures as the certification describes them. One row per
// provider (this desk serves one: `provider`).
//
// `cip_certification_versions` keeps each assembled certification and the filed one as
// immutable versions (the database refuses UPDATE, DELETE and TRUNCATE, see the migration): a
// filed certification is the record of what the provider attested, and when, and who attested
// and reviewed it.
import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** The person responsible for the CIP: attests every certification, first of the two. */
export interface CipContact {
  /** The person's API token subject: the desk knows them by it when they attest. */
  subject: string;
  name: string;
  title?: string;
  email: string;
  telephone?: string;
}

/** The CIP's procedures as the annual certification describes them (free text, non-personal). */
export const CIP_PROCEDURE_PARTS = [
  'identity-verification-mechanisms',
  'ownership-change-procedures',
  'ongoing-verification',
  'malicious-activity-detection',
  'reseller-cip-procedures',
  'ai-training-identification',
] as const;
export type CipProcedurePart = (typeof CIP_PROCEDURE_PARTS)[number];
export type CipProcedures = Partial<Record<CipProcedurePart, string>>;

export const providerSettings = pgTable('provider_settings', {
  providerId: text('provider_id').primaryKey(),
  /** `MM-DD`: the certification anniversary; each period starts on it. */
  certificationAnniversary: text('certification_anniversary'),
  /** When the provider's program under the rule set started (the initial certification's clock). */
  programStartedAt: timestamp('program_started_at', { withTimezone: true }),
  cipContact: jsonb('cip_contact').$type<CipContact>(),
  cipProcedures: jsonb('cip_procedures').$type<CipProcedures>().notNull().default({}),
  /** Incremented at every change, so a reader can tell which settings an assembly used. */
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

export const CERTIFICATION_VERSION_KINDS = ['assembled', 'filed'] as const;
export type CertificationVersionKind = (typeof CERTIFICATION_VERSION_KINDS)[number];
export const CERTIFICATION_KINDS = ['initial', 'annual'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const cipCertificationVersions = pgTable(
  'cip_certification_versions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    /** 1, 2, … per case. */
    version: integer('version').notNull(),
    kind: text('kind').$type<CertificationVersionKind>().notNull(),
    certificationKind: text('certification_kind').$type<CertificationKind>().notNull(),
    /** The certification period's year (annual), or null (initial). */
    period: integer('period'),
    /** The certification as assembled (see activities/certifications.ts: CertificationContent). */
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the canonical JSON of `content`. */
    sha256: text('sha256').notNull(),
    /** Parts still missing when it was assembled (a filed version has none). */
    missingParts: jsonb('missing_parts').$type<string[]>().notNull().default([]),
    /** The assembled version a filed one certifies. */
    assembledVersionId: uuid('assembled_version_id'),
    attestedBy: text('attested_by'),
    attestedAt: timestamp('attested_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [
    unique('cip_certification_versions_case_version_key').on(t.caseId, t.version),
    check('cip_certification_versions_kind_check', sql`${t.kind} in ('assembled', 'filed')`),
    check('cip_certification_versions_certification_kind_check', sql`${t.certificationKind} in ('initial', 'annual')`),
    // A filed certification names the two people who attested it, and they are two.
    check(
      'cip_certification_versions_filed_check',
      sql`${t.kind} <> 'filed' or (${t.attestedBy} is not null and ${t.reviewedBy} is not null and ${t.attestedBy} <> ${t.reviewedBy})`,
    ),
  ],
);

export type ProviderSettingsRow = typeof providerSettings.$inferSelect;
export type CipCertificationVersionRow = typeof cipCertificationVersions.$inferSelect;
