// Named queries over customers, their parties, accounts and the identity vault. Each takes
// `(db | tx, params)`; callers open a transaction where a rule spans several rows.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { CUSTOMER_APPLICATION_SCOPE, forgetIdempotencyKey } from './idempotency.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';
import { cases } from '../schema/cases.js';
import {
  accountAccesses,
  accounts,
  customers,
  ipAccesses,
  legalHolds,
  parties,
  partyChanges,
  partyIdentities,
  partyIdentityDocuments,
  personalDataReads,
  verificationAttempts,
  verificationDiscrepancies,
  type AccountRow,
  type AccountStatusValue,
  type CustomerKind,
  type CustomerRow,
  type IpAccessRow,
  type LegalHoldRow,
  type NewPartyRow,
  type PartyChangeKind,
  type PartyChangeRow,
  type PartyIdentityDocumentRow,
  type PartyIdentityRow,
  type PartyRow,
  type PaymentMethod,
  type PersonalDataReadRow,
  type PostalAddress,
  type VerificationAttemptRow,
  type VerificationDiscrepancyRow,
} from '../schema/customers.js';

export interface IdentityInput {
  name?: string | null;
  address?: PostalAddress | null;
  paymentMethods?: PaymentMethod[] | null;
  email?: string | null;
  telephone?: string | null;
  ipAccesses?: { ip: string; accessedAt: Date; kind: 'access' | 'administration' }[];
}

export interface NewPartyInput extends Omit<NewPartyRow, 'customerId'> {
  identity: IdentityInput;
}

export interface CustomerApplication {
  customer: { id: string; kind: CustomerKind; externalReference: string; createdBy: string; createdAt: Date };
  /** The customer's own party first, then its beneficial owners. */
  parties: NewPartyInput[];
  account: { id: string; identificationCaseId: string };
}

export type ApplicationOutcome =
  | { created: true; customer: CustomerRow; account: AccountRow }
  | { created: false; customer: CustomerRow; account: AccountRow | undefined };

const customerFirst = sql`case when ${parties.role} = 'customer' then 0 else 1 end`;

async function insertPartyWithIdentity(db: DbOrTx, customerId: string, input: NewPartyInput): Promise<PartyRow> {
  const { identity, ...party } = input;
  const [row] = await db
    .insert(parties)
    // clock_timestamp(), not now(): parties added in one transaction keep the order they were given in.
    .values({ addedAt: sql`clock_timestamp()`, ...party, customerId })
    .returning();
  await db.insert(partyIdentities).values({
    partyId: party.id,
    name: identity.name ?? null,
    address: identity.address ?? null,
    paymentMethods: identity.paymentMethods ?? null,
    email: identity.email ?? null,
    telephone: identity.telephone ?? null,
  });
  if (identity.ipAccesses?.length) {
    await db.insert(ipAccesses).values(identity.ipAccesses.map((a) => ({ customerId, partyId: party.id, ...a })));
  }
  return row!;
}

/**
 * Inserts a customer application: customer, parties, identities and the pending account, or,
 * when the external reference is known already, returns what is there (idempotent POST).
 * Must run in a transaction: the rows exist together or not at all.
 */
export async function insertCustomerApplication(tx: DbOrTx, app: CustomerApplication): Promise<ApplicationOutcome> {
  const [created] = await tx.insert(customers).values(app.customer).onConflictDoNothing({ target: customers.externalReference }).returning();
  if (!created) {
    const existing = (await getCustomerByExternalReference(tx, { externalReference: app.customer.externalReference }))!;
    const [account] = await listAccountsOfCustomer(tx, { customerId: existing.id });
    return { created: false, customer: existing, account };
  }
  for (const p of app.parties) await insertPartyWithIdentity(tx, created.id, p);
  const [account] = await tx
    .insert(accounts)
    .values({ id: app.account.id, customerId: created.id, identificationCaseId: app.account.identificationCaseId, status: 'pending' })
    .returning();
  return { created: true, customer: created, account: account! };
}

export async function getCustomerById(db: DbOrTx, params: { id: string }): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.id, params.id)).limit(1);
  return row;
}

export async function getCustomerByExternalReference(db: DbOrTx, params: { externalReference: string }): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.externalReference, params.externalReference)).limit(1);
  return row;
}

/** Parties in the order they were added (the customer first); removed ones only on request. */
export async function listParties(db: DbOrTx, params: { customerId: string; includeRemoved?: boolean }): Promise<PartyRow[]> {
  return db
    .select()
    .from(parties)
    .where(and(eq(parties.customerId, params.customerId), params.includeRemoved ? undefined : isNull(parties.removedAt)))
    .orderBy(customerFirst, asc(parties.addedAt), asc(parties.id));
}

export async function getParty(db: DbOrTx, params: { customerId: string; partyId: string }): Promise<PartyRow | undefined> {
  const [row] = await db
    .select()
    .from(parties)
    .where(and(eq(parties.id, params.partyId), eq(parties.customerId, params.customerId)))
    .limit(1);
  return row;
}

export async function insertBeneficialOwner(db: DbOrTx, params: { customerId: string; party: NewPartyInput }): Promise<PartyRow> {
  return insertPartyWithIdentity(db, params.customerId, { ...params.party, role: 'beneficial-owner' });
}

export async function setSubstantialControl(
  db: DbOrTx,
  params: { customerId: string; partyId: string; substantialControl: boolean; reason: string; determinedBy: string; at: Date },
): Promise<PartyRow | undefined> {
  const [row] = await db
    .update(parties)
    .set({
      substantialControl: params.substantialControl,
      substantialControlReason: params.reason,
      substantialControlDeterminedBy: params.determinedBy,
      substantialControlDeterminedAt: params.at,
    })
    .where(and(eq(parties.id, params.partyId), eq(parties.customerId, params.customerId)))
    .returning();
  return row;
}

/** Stores the result of a classification on the customer and each party. */
export async function storeClassification(
  db: DbOrTx,
  params: {
    customerId: string;
    status: CustomerRow['usPersonStatus'];
    trackingRequired: boolean;
    ruleSetId: string;
    at: Date;
    parties: { partyId: string; status: PartyRow['usPersonStatus']; tracked?: boolean; determination?: PartyRow['beneficialOwnerDetermination'] }[];
  },
): Promise<void> {
  await db
    .update(customers)
    .set({ usPersonStatus: params.status, trackingRequired: params.trackingRequired, classifiedAt: params.at, classifiedRuleSetId: params.ruleSetId })
    .where(eq(customers.id, params.customerId));
  for (const p of params.parties) {
    await db
      .update(parties)
      .set({
        usPersonStatus: p.status,
        ...(p.tracked !== undefined ? { tracked: p.tracked } : {}),
        ...(p.determination !== undefined ? { beneficialOwnerDetermination: p.determination } : {}),
      })
      .where(and(eq(parties.id, p.partyId), eq(parties.customerId, params.customerId)));
  }
}

// ---- identity vault -------------------------------------------------------------------------

export interface PartyIdentityView extends PartyIdentityRow {
  ipAccesses: Pick<IpAccessRow, 'ip' | 'accessedAt' | 'kind'>[];
}

/** The personal fields of every party of the customer. Callers log the read (recordPersonalDataRead). */
export async function listPartyIdentities(db: DbOrTx, params: { customerId: string }): Promise<PartyIdentityView[]> {
  const identities = await db
    .select({ identity: partyIdentities })
    .from(partyIdentities)
    .innerJoin(parties, eq(parties.id, partyIdentities.partyId))
    .where(eq(parties.customerId, params.customerId))
    .orderBy(customerFirst, asc(parties.addedAt), asc(parties.id));
  const ips = await db
    .select()
    .from(ipAccesses)
    .where(eq(ipAccesses.customerId, params.customerId))
    .orderBy(asc(ipAccesses.accessedAt), asc(ipAccesses.id));
  return identities.map(({ identity }) => ({
    ...identity,
    ipAccesses: ips
      .filter((a) => a.partyId === identity.partyId && a.ip !== null)
      .map((a) => ({ ip: a.ip, accessedAt: a.accessedAt, kind: a.kind })),
  }));
}

export async function recordIpAccesses(
  db: DbOrTx,
  params: { customerId: string; partyId: string; accesses: { ip: string; accessedAt: Date; kind: 'access' | 'administration' }[] },
): Promise<void> {
  if (params.accesses.length === 0) return;
  await db.insert(ipAccesses).values(params.accesses.map((a) => ({ customerId: params.customerId, partyId: params.partyId, ...a })));
}

export async function recordPersonalDataRead(
  db: DbOrTx,
  params: { customerId: string; actor: string; purpose: string; fields: string[] },
): Promise<PersonalDataReadRow> {
  const [row] = await db.insert(personalDataReads).values(params).returning();
  return row!;
}

export async function listPersonalDataReads(db: DbOrTx, params: { customerId: string }): Promise<PersonalDataReadRow[]> {
  return db.select().from(personalDataReads).where(eq(personalDataReads.customerId, params.customerId)).orderBy(asc(personalDataReads.id));
}

// ---- verification ---------------------------------------------------------------------------

export interface VerificationAttemptView extends VerificationAttemptRow {
  discrepancies: VerificationDiscrepancyRow[];
}

export async function insertVerificationAttempt(
  db: DbOrTx,
  params: {
    attempt: Omit<VerificationAttemptRow, 'recordedAt' | 'materialsDisposedAt'>;
    discrepancies: { id: string; description: string; resolution?: string | null; resolvedBy?: string | null; resolvedAt?: Date | null }[];
  },
): Promise<VerificationAttemptView> {
  const [attempt] = await db.insert(verificationAttempts).values(params.attempt).returning();
  const discrepancies = params.discrepancies.length
    ? await db
        .insert(verificationDiscrepancies)
        .values(params.discrepancies.map((d) => ({ ...d, attemptId: attempt!.id })))
        .returning()
    : [];
  return { ...attempt!, discrepancies };
}

export async function listVerificationAttempts(db: DbOrTx, params: { customerId: string }): Promise<VerificationAttemptView[]> {
  const attempts = await db
    .select()
    .from(verificationAttempts)
    .where(eq(verificationAttempts.customerId, params.customerId))
    .orderBy(asc(verificationAttempts.performedAt), asc(verificationAttempts.recordedAt));
  if (attempts.length === 0) return [];
  const discrepancies = await db
    .select()
    .from(verificationDiscrepancies)
    .where(inArray(verificationDiscrepancies.attemptId, attempts.map((a) => a.id)))
    .orderBy(asc(verificationDiscrepancies.id));
  return attempts.map((a) => ({ ...a, discrepancies: discrepancies.filter((d) => d.attemptId === a.id) }));
}

export type ResolveOutcome = { outcome: 'resolved'; discrepancy: VerificationDiscrepancyRow } | { outcome: 'not-found' | 'already-resolved' };

/** Resolves an open discrepancy of one of the customer's attempts; a resolution is never overwritten. */
export async function resolveDiscrepancy(
  db: DbOrTx,
  params: { customerId: string; attemptId: string; discrepancyId: string; resolution: string; resolvedBy: string; at: Date },
): Promise<ResolveOutcome> {
  const [found] = await db
    .select({ discrepancy: verificationDiscrepancies })
    .from(verificationDiscrepancies)
    .innerJoin(verificationAttempts, eq(verificationAttempts.id, verificationDiscrepancies.attemptId))
    .where(
      and(
        eq(verificationDiscrepancies.id, params.discrepancyId),
        eq(verificationDiscrepancies.attemptId, params.attemptId),
        eq(verificationAttempts.customerId, params.customerId),
      ),
    )
    .limit(1);
  if (!found) return { outcome: 'not-found' };
  const [row] = await db
    .update(verificationDiscrepancies)
    .set({ resolution: params.resolution, resolvedBy: params.resolvedBy, resolvedAt: params.at })
    .where(and(eq(verificationDiscrepancies.id, params.discrepancyId), isNull(verificationDiscrepancies.resolvedAt)))
    .returning();
  return row ? { outcome: 'resolved', discrepancy: row } : { outcome: 'already-resolved' };
}

// ---- accounts -------------------------------------------------------------------------------

export async function getAccountById(db: DbOrTx, params: { id: string }): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, params.id)).limit(1);
  return row;
}

export async function listAccountsOfCustomer(db: DbOrTx, params: { customerId: string }): Promise<AccountRow[]> {
  return db.select().from(accounts).where(eq(accounts.customerId, params.customerId)).orderBy(asc(accounts.createdAt), asc(accounts.id));
}

const OPEN_STATUSES: readonly AccountStatusValue[] = ['open', 'interim-restricted', 'monitored'];
const ENDED_STATUSES: readonly AccountStatusValue[] = ['closed', 'refused'];

/**
 * Idempotent status change. `openedAt` is the first time the account was usable (open, interim
 * or monitored); `closedAt` the first time it ended (closed or refused: the retention clock's
 * anchor for an application that never became an account, too).
 */
export async function setAccountStatus(
  db: DbOrTx,
  params: { accountId: string; status: AccountStatusValue; restrictions?: string[]; reviewDueAt?: Date | null; at: Date; actor: string },
): Promise<AccountRow | undefined> {
  const at = params.at.toISOString();
  const [row] = await db
    .update(accounts)
    .set({
      status: params.status,
      statusChangedAt: params.at,
      statusChangedBy: params.actor,
      ...(params.restrictions !== undefined ? { restrictions: params.restrictions } : {}),
      ...(params.reviewDueAt !== undefined ? { reviewDueAt: params.reviewDueAt } : {}),
      ...(OPEN_STATUSES.includes(params.status) ? { openedAt: sql`coalesce(${accounts.openedAt}, ${at}::timestamptz)` } : {}),
      ...(ENDED_STATUSES.includes(params.status) ? { closedAt: sql`coalesce(${accounts.closedAt}, ${at}::timestamptz)` } : {}),
    })
    .where(eq(accounts.id, params.accountId))
    .returning();
  return row;
}

/** Records an access and moves last_accessed_at forward (never back: accesses may arrive late). */
export async function recordAccountAccess(
  db: DbOrTx,
  params: { accountId: string; accessedAt: Date; kind: 'access' | 'administration'; recordedBy: string },
): Promise<AccountRow | undefined> {
  await db.insert(accountAccesses).values(params);
  const [row] = await db
    .update(accounts)
    .set({ lastAccessedAt: sql`greatest(${accounts.lastAccessedAt}, ${params.accessedAt.toISOString()}::timestamptz)` })
    .where(eq(accounts.id, params.accountId))
    .returning();
  return row;
}

export async function listAccountAccesses(db: DbOrTx, params: { accountId: string; limit?: number }) {
  return db
    .select()
    .from(accountAccesses)
    .where(eq(accountAccesses.accountId, params.accountId))
    .orderBy(desc(accountAccesses.accessedAt), desc(accountAccesses.id))
    .limit(params.limit ?? 100);
}

/** Accounts still pending whose identification case row does not exist (a start lost in a crash). */
export async function listPendingAccountsWithoutCase(db: DbOrTx, params: { limit?: number } = {}) {
  return db
    .select({ account: accounts, customer: customers })
    .from(accounts)
    .innerJoin(customers, eq(customers.id, accounts.customerId))
    .leftJoin(cases, eq(cases.id, accounts.identificationCaseId))
    .where(and(eq(accounts.status, 'pending'), isNull(cases.id)))
    .orderBy(asc(accounts.createdAt))
    .limit(params.limit ?? 500);
}

// ---- legal holds ----------------------------------------------------------------------------

export async function insertLegalHold(
  db: DbOrTx,
  params: { id: string; customerId: string; accountId: string | null; reason: string; setBy: string; setAt: Date },
): Promise<LegalHoldRow> {
  const [row] = await db.insert(legalHolds).values(params).returning();
  return row!;
}

export type ReleaseOutcome = { outcome: 'released'; hold: LegalHoldRow } | { outcome: 'not-found' } | { outcome: 'already-released'; hold: LegalHoldRow };

export async function releaseLegalHold(
  db: DbOrTx,
  params: { holdId: string; accountId: string; releasedBy: string; at: Date },
): Promise<ReleaseOutcome> {
  const [row] = await db
    .update(legalHolds)
    .set({ releasedBy: params.releasedBy, releasedAt: params.at })
    .where(and(eq(legalHolds.id, params.holdId), eq(legalHolds.accountId, params.accountId), isNull(legalHolds.releasedAt)))
    .returning();
  if (row) return { outcome: 'released', hold: row };
  const [existing] = await db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.id, params.holdId), eq(legalHolds.accountId, params.accountId)))
    .limit(1);
  return existing ? { outcome: 'already-released', hold: existing } : { outcome: 'not-found' };
}

export async function listLegalHolds(db: DbOrTx, params: { accountId: string }): Promise<LegalHoldRow[]> {
  return db.select().from(legalHolds).where(eq(legalHolds.accountId, params.accountId)).orderBy(asc(legalHolds.setAt), asc(legalHolds.id));
}

/** Holds not released that cover the customer (set on the customer or on any of its accounts). */
export async function listActiveLegalHolds(db: DbOrTx, params: { customerId: string }): Promise<LegalHoldRow[]> {
  return db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.customerId, params.customerId), isNull(legalHolds.releasedAt)))
    .orderBy(asc(legalHolds.setAt));
}

// ---- disposal -------------------------------------------------------------------------------

/**
 * Nulls every personal field of the customer (identities, IP addresses, verification materials,
 * discrepancy texts) and stamps when; ids, roles, statuses and dates stay. Idempotent. Run in a
 * transaction after checking legal holds under lockCustomer, so a hold set meanwhile waits.
 */
export async function disposeCustomerPersonalData(db: DbOrTx, params: { customerId: string; at: Date }): Promise<{ disposedParties: number }> {
  const partyIds = db.select({ id: parties.id }).from(parties).where(eq(parties.customerId, params.customerId));
  await db
    .update(partyIdentities)
    .set({ name: null, address: null, paymentMethods: null, email: null, telephone: null, disposedAt: params.at })
    .where(and(inArray(partyIdentities.partyId, partyIds), isNull(partyIdentities.disposedAt)));
  await db
    .update(partyIdentityDocuments)
    .set({ number: null, issuingCountry: null, expiresOn: null, disposedAt: params.at })
    .where(and(eq(partyIdentityDocuments.customerId, params.customerId), isNull(partyIdentityDocuments.disposedAt)));
  await db
    .update(ipAccesses)
    .set({ ip: null, disposedAt: params.at })
    .where(and(eq(ipAccesses.customerId, params.customerId), isNull(ipAccesses.disposedAt)));
  await db
    .update(verificationAttempts)
    .set({ materials: null, materialsDisposedAt: params.at })
    .where(and(eq(verificationAttempts.customerId, params.customerId), isNull(verificationAttempts.materialsDisposedAt)));
  const attemptIds = db.select({ id: verificationAttempts.id }).from(verificationAttempts).where(eq(verificationAttempts.customerId, params.customerId));
  await db
    .update(verificationDiscrepancies)
    .set({ description: null, resolution: null, disposedAt: params.at })
    .where(and(inArray(verificationDiscrepancies.attemptId, attemptIds), isNull(verificationDiscrepancies.disposedAt)));
  // The application's fingerprint is computed from personal data: it goes with it.
  const [customer] = await db.select({ externalReference: customers.externalReference }).from(customers).where(eq(customers.id, params.customerId));
  if (customer) await forgetIdempotencyKey(db, { scope: CUSTOMER_APPLICATION_SCOPE, key: customer.externalReference });
  await db
    .update(customers)
    .set({ personalDataDisposedAt: sql`coalesce(${customers.personalDataDisposedAt}, ${params.at.toISOString()}::timestamptz)` })
    .where(eq(customers.id, params.customerId));
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(partyIdentities)
    .where(and(inArray(partyIdentities.partyId, partyIds), sql`${partyIdentities.disposedAt} is not null`));
  return { disposedParties: count?.n ?? 0 };
}

/** Row lock on the customer: serializes disposal with legal holds and new personal data. */
export async function lockCustomer(db: DbOrTx, params: { customerId: string }): Promise<CustomerRow | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.id, params.customerId)).for('update').limit(1);
  return row;
}

export interface CustomerListFilter {
  usPersonStatus?: CustomerRow['usPersonStatus'];
  trackingRequired?: boolean;
  externalReference?: string;
}

/** Newest first, keyset-paginated on (created_at, id). No personal data: customers rows hold none. */
export async function listCustomers(
  db: DbOrTx,
  params: CustomerListFilter & { limit: number; after?: KeysetCursor },
): Promise<Page<CustomerRow>> {
  const where = [
    params.usPersonStatus ? eq(customers.usPersonStatus, params.usPersonStatus) : undefined,
    params.trackingRequired === undefined ? undefined : eq(customers.trackingRequired, params.trackingRequired),
    params.externalReference ? eq(customers.externalReference, params.externalReference) : undefined,
  ];
  return selectKeysetPage(db, customers, { at: 'createdAt', id: 'id' }, where, params);
}

/**
 * Ended accounts (closed or refused) with no record-retention case: their records would never
 * be disposed of. Found at API start; the retention workflow is then started for each.
 */
export async function listEndedAccountsWithoutRetention(db: DbOrTx, params: { limit?: number } = {}) {
  return db
    .select({ account: accounts })
    .from(accounts)
    .leftJoin(cases, and(eq(cases.type, 'record-retention'), eq(cases.subjectType, 'account'), sql`${cases.subjectId} = ${accounts.id}::text`))
    .where(and(inArray(accounts.status, ['closed', 'refused']), isNull(cases.id)))
    .orderBy(asc(accounts.closedAt))
    .limit(params.limit ?? 500);
}

/** Stores one change of a party's facts (the history of corrections, stakes and removals). */
export async function insertPartyChange(db: DbOrTx, change: typeof partyChanges.$inferInsert): Promise<PartyChangeRow> {
  const [row] = await db.insert(partyChanges).values(change).returning();
  return row!;
}

/** A customer's party changes, oldest first (the order they were made in), a page at a time. */
export async function listPartyChanges(
  db: DbOrTx,
  params: { customerId: string; partyId?: string; kind?: PartyChangeKind; limit: number; after?: KeysetCursor },
): Promise<Page<PartyChangeRow>> {
  const where = [
    eq(partyChanges.customerId, params.customerId),
    params.partyId ? eq(partyChanges.partyId, params.partyId) : undefined,
    params.kind ? eq(partyChanges.kind, params.kind) : undefined,
  ];
  return selectKeysetPage(db, partyChanges, { at: 'changedAt', id: 'id', oldestFirst: true }, where, params);
}

/** The fields of a party a handler may change after the application (classification facts, stake, removal). */
export type PartyFactsUpdate = Partial<
  Pick<
    PartyRow,
    | 'usCitizen'
    | 'usLawfulPermanentResident'
    | 'locatedInUnitedStates'
    | 'organizedUnderUsLaw'
    | 'foreignBranchOfUsEntity'
    | 'citizenships'
    | 'organizedIn'
    | 'ownershipPercent'
    | 'removedAt'
  >
>;

export async function updatePartyFacts(db: DbOrTx, params: { customerId: string; partyId: string; set: PartyFactsUpdate }): Promise<PartyRow | undefined> {
  const [row] = await db
    .update(parties)
    .set(params.set)
    .where(and(eq(parties.id, params.partyId), eq(parties.customerId, params.customerId)))
    .returning();
  return row;
}

/** Records an identity document seen for a party (personal: its number, issuing country and expiry). */
export async function insertIdentityDocument(db: DbOrTx, document: typeof partyIdentityDocuments.$inferInsert): Promise<PartyIdentityDocumentRow> {
  const [row] = await db.insert(partyIdentityDocuments).values(document).returning();
  return row!;
}

/** The identity documents of every party of the customer, oldest first. Personal: callers log the read. */
export async function listIdentityDocuments(db: DbOrTx, params: { customerId: string }): Promise<PartyIdentityDocumentRow[]> {
  return db
    .select()
    .from(partyIdentityDocuments)
    .where(eq(partyIdentityDocuments.customerId, params.customerId))
    .orderBy(asc(partyIdentityDocuments.recordedAt), asc(partyIdentityDocuments.id));
}
