// Named queries for the CIP certification: the provider's settings, the figures a certification
// is assembled from (read from what the customer, reseller and CIP tables record), and the
// certification's immutable versions. Each takes `(db | tx, params)`.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { cipVersionInForce } from '../../rules/index.js';
import type { DbOrTx } from '../client.js';
import {
  cipCertificationVersions,
  providerSettings,
  type CipCertificationVersionRow,
  type CipContact,
  type CipProcedures,
  type ProviderSettingsRow,
} from '../schema/certifications.js';

/** The one provider this desk serves; ids and schedules are named per provider all the same. */
export const PROVIDER_ID = 'provider';

// ---- provider settings ----------------------------------------------------------------------

export async function getProviderSettings(db: DbOrTx, params: { providerId: string }): Promise<ProviderSettingsRow | undefined> {
  const [row] = await db.select().from(providerSettings).where(eq(providerSettings.providerId, params.providerId)).limit(1);
  return row;
}

export interface ProviderSettingsChange {
  certificationAnniversary?: string | null;
  programStartedAt?: Date | null;
  cipContact?: CipContact | null;
  /** Parts given replace the recorded text; a part set to null is cleared. */
  cipProcedures?: Partial<Record<keyof CipProcedures, string | null>>;
}

/**
 * Applies a change to the provider's settings and returns the row before and after. Callers
 * run it in a transaction (the row is locked, so two changes do not interleave).
 */
export async function changeProviderSettings(
  tx: DbOrTx,
  params: { providerId: string; change: ProviderSettingsChange; actor: string; at: Date },
): Promise<{ before: ProviderSettingsRow | undefined; after: ProviderSettingsRow }> {
  const [before] = await tx.select().from(providerSettings).where(eq(providerSettings.providerId, params.providerId)).for('update');
  const { change } = params;
  const procedures: CipProcedures = { ...(before?.cipProcedures ?? {}) };
  for (const [part, text] of Object.entries(change.cipProcedures ?? {})) {
    if (text === null) delete procedures[part as keyof CipProcedures];
    else if (text !== undefined) procedures[part as keyof CipProcedures] = text;
  }
  const values = {
    certificationAnniversary: change.certificationAnniversary !== undefined ? change.certificationAnniversary : (before?.certificationAnniversary ?? null),
    programStartedAt: change.programStartedAt !== undefined ? change.programStartedAt : (before?.programStartedAt ?? null),
    cipContact: change.cipContact !== undefined ? change.cipContact : (before?.cipContact ?? null),
    cipProcedures: procedures,
    updatedAt: params.at,
    updatedBy: params.actor,
  };
  const [after] = before
    ? await tx
        .update(providerSettings)
        .set({ ...values, version: sql`${providerSettings.version} + 1` })
        .where(eq(providerSettings.providerId, params.providerId))
        .returning()
    : await tx
        .insert(providerSettings)
        .values({ providerId: params.providerId, ...values })
        .returning();
  return { before, after: after! };
}

// ---- figures assembled from the records ------------------------------------------------------

/** Account statuses of a customer the provider serves now (not an application, not ended). */
const SERVED = sql.raw(`('open', 'interim-restricted', 'monitored')`);
/** Account statuses not ended: an application still in identification counts as unverified. */
const NOT_ENDED = sql.raw(`('pending', 'open', 'interim-restricted', 'monitored')`);

export interface CountryCount {
  /** ISO 3166-1 alpha-2, or `unknown` where no address is on record (or it was disposed of). */
  country: string;
  count: number;
}

export interface CertificationFigures {
  foreignCustomers: { total: number; byCountry: CountryCount[] };
  foreignBeneficialOwners: { total: number; byCountry: CountryCount[] };
  /** Accounts not ended of tracked customers where the customer or a current foreign beneficial owner has no verified identity. */
  unverifiedForeignAccounts: number;
  /**
   * Of those, applications not yet opened (account `pending`): their applicants are not yet
   * customers the provider serves, so they are not among `foreignCustomers`. Absent in versions
   * assembled before it was counted.
   */
  unverifiedPendingApplications?: number;
}

const byCountry = (rows: { country: string | null; count: number | string }[]): CountryCount[] =>
  rows.map((r) => ({ country: r.country ?? 'unknown', count: Number(r.count) })).sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));

/**
 * The customer base in foreign jurisdictions and the unverified foreign accounts. A customer
 * is counted while the provider serves it (an account open, interim-restricted or monitored);
 * a customer or owner whose U.S.-person status is not settled counts as foreign, as the rule
 * treats it. Reading the customers' countries is a read of personal data, logged per customer
 * (`readBy`, purpose `compliance-audit`) in the same statement batch.
 */
export async function certificationFigures(db: DbOrTx, params: { readBy: string }): Promise<CertificationFigures> {
  const customers = await db.execute<{ country: string | null; count: string }>(sql`
    select pi.address->>'country' as country, count(*) as count
    from customers c
    join parties p on p.customer_id = c.id and p.role = 'customer'
    left join party_identities pi on pi.party_id = p.id
    where c.us_person_status <> 'us'
      and exists (select 1 from accounts a where a.customer_id = c.id and a.status in ${SERVED})
    group by 1`);
  const owners = await db.execute<{ country: string | null; count: string }>(sql`
    select pi.address->>'country' as country, count(*) as count
    from parties p
    join customers c on c.id = p.customer_id
    left join party_identities pi on pi.party_id = p.id
    where p.role = 'beneficial-owner' and p.removed_at is null and p.us_person_status <> 'us'
      and exists (select 1 from accounts a where a.customer_id = c.id and a.status in ${SERVED})
    group by 1`);
  const [unverified] = await db.execute<{ count: string; pending: string }>(sql`
    select count(*) as count, count(*) filter (where a.status = 'pending') as pending
    from accounts a
    join customers c on c.id = a.customer_id
    where a.status in ${NOT_ENDED} and c.tracking_required
      and exists (
        select 1 from parties p
        where p.customer_id = c.id and p.removed_at is null and (p.role = 'customer' or p.us_person_status <> 'us')
          and not exists (select 1 from verification_attempts v where v.party_id = p.id and v.result = 'verified'))`);
  // Every customer whose address (country) was read above: customers and the owners' customers.
  await db.execute(sql`
    insert into personal_data_reads (customer_id, actor, purpose, fields)
    select distinct c.id, ${params.readBy}, 'compliance-audit', array['address.country']
    from customers c
    join parties p on p.customer_id = c.id
    where exists (select 1 from accounts a where a.customer_id = c.id and a.status in ${SERVED})
      and ((p.role = 'customer' and c.us_person_status <> 'us')
        or (p.role = 'beneficial-owner' and p.removed_at is null and p.us_person_status <> 'us'))`);
  const customerRows = byCountry([...customers]);
  const ownerRows = byCountry([...owners]);
  return {
    foreignCustomers: { total: customerRows.reduce((n, r) => n + r.count, 0), byCountry: customerRows },
    foreignBeneficialOwners: { total: ownerRows.reduce((n, r) => n + r.count, 0), byCountry: ownerRows },
    unverifiedForeignAccounts: Number(unverified?.count ?? 0),
    unverifiedPendingApplications: Number(unverified?.pending ?? 0),
  };
}

export interface ResellerCertificationRow {
  resellerId: string;
  legalName: string;
  jurisdiction: string;
  status: string;
  /** The reseller's CIP in force now, or null when none is on file. */
  cip: { version: number; effectiveAt: string; sha256: string } | null;
  /** The provider's accounts through which it serves the reseller. */
  accounts: number;
}

/** Every foreign reseller with its status, its CIP in force (rules/ `cipVersionInForce`) and its accounts, by legal name. */
export async function resellersForCertification(db: DbOrTx, params: { at: Date }): Promise<ResellerCertificationRow[]> {
  const rows = await db.execute<{ id: string; legal_name: string; jurisdiction: string; status: string; accounts: string }>(sql`
    select r.id, r.legal_name, r.jurisdiction, r.status,
      (select count(*) from reseller_accounts ra where ra.reseller_id = r.id) as accounts
    from resellers r
    order by r.legal_name, r.id`);
  const versions = await db.execute<{ reseller_id: string; version: number; effective_at: Date | string; sha256: string }>(sql`
    select d.reseller_id, d.version, d.effective_at, doc.sha256
    from cip_documents d join documents doc on doc.id = d.document_id
    where d.owner_type = 'foreign-reseller' and d.effective_at <= ${params.at.toISOString()}`);
  const effectiveOf = new Map<string, { version: number; effectiveAt: Date; sha256: string }[]>();
  for (const v of versions) {
    const list = effectiveOf.get(v.reseller_id) ?? [];
    list.push({ version: Number(v.version), effectiveAt: new Date(v.effective_at), sha256: v.sha256 });
    effectiveOf.set(v.reseller_id, list);
  }
  return [...rows].map((r) => {
    const cip = cipVersionInForce(effectiveOf.get(r.id) ?? [], params.at);
    return {
      resellerId: r.id,
      legalName: r.legal_name,
      jurisdiction: r.jurisdiction,
      status: r.status,
      cip: cip ? { version: cip.version, effectiveAt: cip.effectiveAt.toISOString(), sha256: cip.sha256 } : null,
      accounts: Number(r.accounts),
    };
  });
}

// ---- certification versions ------------------------------------------------------------------

export type NewCertificationVersion = Omit<CipCertificationVersionRow, 'version' | 'recordedAt'>;

/**
 * Appends a version to a case's certification (numbered 1, 2, … per case). Idempotent by id:
 * an activity retried after its commit finds its own row and returns it.
 */
export async function appendCertificationVersion(tx: DbOrTx, row: NewCertificationVersion): Promise<CipCertificationVersionRow> {
  const [existing] = await tx.select().from(cipCertificationVersions).where(eq(cipCertificationVersions.id, row.id)).limit(1);
  if (existing) return existing;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cip-certification:${row.caseId}`}))`);
  const [last] = await tx
    .select({ version: sql<number>`coalesce(max(${cipCertificationVersions.version}), 0)` })
    .from(cipCertificationVersions)
    .where(eq(cipCertificationVersions.caseId, row.caseId));
  const [inserted] = await tx
    .insert(cipCertificationVersions)
    .values({ ...row, version: Number(last?.version ?? 0) + 1 })
    .returning();
  return inserted!;
}

export async function getCertificationVersionById(db: DbOrTx, params: { id: string }): Promise<CipCertificationVersionRow | undefined> {
  const [row] = await db.select().from(cipCertificationVersions).where(eq(cipCertificationVersions.id, params.id)).limit(1);
  return row;
}

/** A case's versions, oldest first. */
export async function listCertificationVersions(db: DbOrTx, params: { caseId: string }): Promise<CipCertificationVersionRow[]> {
  return db.select().from(cipCertificationVersions).where(eq(cipCertificationVersions.caseId, params.caseId)).orderBy(asc(cipCertificationVersions.version));
}

/** The filed version of a case, if it was filed. */
export async function getFiledCertification(db: DbOrTx, params: { caseId: string }): Promise<CipCertificationVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(cipCertificationVersions)
    .where(and(eq(cipCertificationVersions.caseId, params.caseId), eq(cipCertificationVersions.kind, 'filed')))
    .orderBy(desc(cipCertificationVersions.version))
    .limit(1);
  return row;
}
