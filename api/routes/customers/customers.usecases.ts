// What the customer routes do. Each write stores the fact in PostgreSQL first (one transaction,
// with the case events it explains), then delivers it to the open cases of its subject that
// listen to it (api/facts): the database is the source of truth, a signal only wakes a workflow
// up, so a lost signal delays, never corrupts.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '../../../config.js';
import type { DbOrTx } from '../../../db/client.js';
import { getCaseById, listCasesOfSubject } from '../../../db/queries/cases.js';
import {
  getAccountById,
  getCustomerById,
  getParty,
  insertBeneficialOwner,
  insertCustomerApplication,
  insertLegalHold,
  insertPartyChange,
  insertVerificationAttempt,
  listAccountsOfCustomer,
  listLegalHolds,
  listParties,
  listIdentityDocuments,
  listPartyIdentities,
  listVerificationAttempts,
  lockCustomer,
  recordAccountAccess,
  recordIpAccesses,
  recordPersonalDataRead,
  releaseLegalHold,
  resolveDiscrepancy,
  setAccountStatus as setAccountStatusRow,
  setSubstantialControl,
  type IdentityInput,
} from '../../../db/queries/customers.js';
import { assessParties, type ClassifiableParty } from '../../../activities/customers.js';
import { CURRENT_RULE_SET_ID, getRuleSet } from '../../../rules/index.js';
import { refuseWhatTheRulesRefuse, recordedInstant } from '../rule-input.js';
import { CUSTOMER_APPLICATION_SCOPE, claimIdempotencyKey } from '../../../db/queries/idempotency.js';
import type { PartyRow } from '../../../db/schema/customers.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput, notFound } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { toCaseDto } from '../cases/case-dto.js';
import {
  PERSONAL_FIELDS,
  VERIFICATION_PERSONAL_FIELDS,
  normalizePercent,
  toAccountDto,
  toCustomerDto,
  toLegalHoldDto,
  toPartyDto,
  toPersonalPartyDto,
  toVerificationDto,
} from './customer-dto.js';
import type { BeneficialOwnerInputT, CreateCustomerBodyT } from './customers.schemas.js';
import { pendingClosureDto } from './account-closure.js';
import { countryFacts } from './country-facts.js';
import { startIdentification } from './identification.js';
import { PERSONAL_DATA_READERS, withheldFields } from './withheld.js';

export { PERSONAL_DATA_READERS };
import { checkRetentionClock, startRetention } from './retention.js';
import { waitForCase } from '../start-case.js';
import {
  accountAccessedFact,
  accountClosedFact,
  beneficialOwnerAddedFact,
  customerFactsChangedFact,
  legalHoldReleasedFact,
  legalHoldSetFact,
  verificationRecordedFact,
} from '../../../workflows/kit/facts.js';
import { appendToCasesOfSubject, deliverFactToSubjectCases, factAbout, recordFactOnSubjectCases } from '../../facts/deliver.js';

type Deps = Required<AppDeps>;

/** Where the personal fields of a verification would be in the list's response. */
const VERIFICATION_WITHHELD_FIELDS = ['items[].materials', 'items[].discrepancies[].description', 'items[].discrepancies[].resolution'] as const;



// Ownership interests exist in entities only (rules/classification/beneficial-owners.ts refuses
// a stake in an individual); an individual's beneficial owner is recorded by substantial control.
export const INDIVIDUAL_HAS_NO_OWNERS = 'an individual customer has no ownership interests; record substantial control with a reason instead';

// ---- validation helpers ---------------------------------------------------------------------

const PERCENT = /^(\d{1,3})(?:\.(\d{1,6}))?$/;

/** Percent as an exact decimal string, and in millionths for adding up without floating point. */
export function parsePercent(value: number | string, field: string): { text: string; micro: number } {
  const text = typeof value === 'number' ? String(value) : value;
  const m = PERCENT.exec(text);
  if (!m) throw badInput(field, 'must be a percentage with at most 6 decimals');
  const micro = Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
  if (micro <= 0 || micro > 100_000_000) throw badInput(field, 'must be more than 0 and at most 100');
  return { text, micro };
}

function checkIps(accesses: { ip: string }[] | undefined, field: string) {
  accesses?.forEach((a, i) => {
    if (isIP(a.ip) === 0) throw badInput(`${field}.${i}.ip`, 'must be an IPv4 or IPv6 address');
  });
}

function identityOf(input: {
  name?: string;
  address?: IdentityInput['address'];
  paymentMethods?: IdentityInput['paymentMethods'];
  email?: string;
  telephone?: string;
  ipAccesses?: { ip: string; accessedAt: string; kind: 'access' | 'administration' }[];
}): IdentityInput {
  return {
    name: input.name ?? null,
    address: input.address ?? null,
    paymentMethods: input.paymentMethods ?? null,
    email: input.email ?? null,
    telephone: input.telephone ?? null,
    ipAccesses: (input.ipAccesses ?? []).map((a) => ({ ip: a.ip, accessedAt: new Date(a.accessedAt), kind: a.kind })),
  };
}

const fact = (v: boolean | null | undefined) => (v === undefined ? null : v);

function beneficialOwnerParty(bo: BeneficialOwnerInputT, field: string, principal: Principal, at: Date) {
  if (bo.ownershipPercent === undefined && bo.substantialControl === undefined) {
    throw badInput(field, 'a beneficial owner needs ownershipPercent (at least the threshold) and/or substantialControl with a reason');
  }
  checkIps(bo.ipAccesses, `${field}.ipAccesses`);
  const percent = bo.ownershipPercent === undefined ? undefined : parsePercent(bo.ownershipPercent, `${field}.ownershipPercent`);
  const countries = countryFacts(bo, field);
  return {
    micro: percent?.micro ?? 0,
    party: {
      id: randomUUID(),
      role: 'beneficial-owner' as const,
      kind: 'individual' as const,
      ownershipPercent: percent?.text ?? null,
      substantialControl: bo.substantialControl !== undefined,
      substantialControlReason: bo.substantialControl?.reason ?? null,
      substantialControlDeterminedBy: bo.substantialControl ? principal.subject : null,
      substantialControlDeterminedAt: bo.substantialControl ? at : null,
      usCitizen: fact(countries.usCitizen),
      citizenships: countries.citizenships ?? null,
      usLawfulPermanentResident: fact(bo.usLawfulPermanentResident),
      locatedInUnitedStates: fact(bo.locatedInUnitedStates),
      addedBy: principal.subject,
      identity: identityOf(bo),
    },
  };
}

/**
 * Classifies the application as the identification workflow will, before anything is stored:
 * facts the rules refuse are a 400 naming the body field, not a case stuck in needs-correction
 * from its first minute.
 */
function refuseWhatTheRulesRefuseToClassify(customer: Omit<ClassifiableParty, 'ownershipPercent' | 'substantialControl' | 'substantialControlReason' | 'substantialControlDeterminedBy'>, owners: ClassifiableParty[]) {
  const fields: Record<string, string> = {};
  for (const key of ['usCitizen', 'usLawfulPermanentResident', 'locatedInUnitedStates', 'organizedUnderUsLaw', 'foreignBranchOfUsEntity', 'kind']) {
    fields[`customer.${key}`] = `body.${key}`;
  }
  // The rules number stakes and control determinations in the order of the owners holding them.
  owners.filter((o) => o.ownershipPercent !== null).forEach((o, k) => {
    const i = owners.indexOf(o);
    for (const suffix of ['', '.percent', '.ownerId', '.ownedId']) fields[`stakes[${k}]${suffix}`] = `body.beneficialOwners.${i}.ownershipPercent`;
  });
  owners.filter((o) => o.substantialControl).forEach((o, k) => {
    const i = owners.indexOf(o);
    fields[`substantialControl[${k}].individualId`] = `body.beneficialOwners.${i}.substantialControl`;
    fields[`substantialControl[${k}].reason`] = `body.beneficialOwners.${i}.substantialControl.reason`;
  });
  owners.forEach((o, i) => {
    for (const key of ['usCitizen', 'usLawfulPermanentResident', 'locatedInUnitedStates', 'kind']) {
      fields[`beneficialOwners.${o.id}.${key}`] = `body.beneficialOwners.${i}.${key}`;
    }
  });
  refuseWhatTheRulesRefuse(
    () =>
      assessParties(
        [
          { ...customer, ownershipPercent: null, substantialControl: false, substantialControlReason: null, substantialControlDeterminedBy: null },
          ...owners,
        ],
        getRuleSet(CURRENT_RULE_SET_ID),
      ),
    fields,
    'body.beneficialOwners',
  );
}

// ---- customers ------------------------------------------------------------------------------

export async function createCustomer(deps: Deps, principal: Principal, body: CreateCustomerBodyT) {
  const now = deps.now();
  if (body.kind === 'individual') {
    for (const f of ['organizedUnderUsLaw', 'foreignBranchOfUsEntity', 'organizedIn'] as const) {
      if (body[f] !== undefined) throw badInput(`body.${f}`, 'applies to an entity, not an individual');
    }
  } else {
    for (const f of ['usCitizen', 'usLawfulPermanentResident', 'citizenships'] as const) {
      if (body[f] !== undefined) throw badInput(`body.${f}`, 'applies to an individual, not an entity');
    }
  }
  checkIps(body.ipAccesses, 'body.ipAccesses');
  if (body.kind === 'individual') {
    const i = body.beneficialOwners.findIndex((bo) => bo.ownershipPercent !== undefined);
    if (i >= 0) throw badInput(`body.beneficialOwners.${i}.ownershipPercent`, INDIVIDUAL_HAS_NO_OWNERS);
  }
  const owners = body.beneficialOwners.map((bo, i) => beneficialOwnerParty(bo, `body.beneficialOwners.${i}`, principal, now));
  let total = 0;
  owners.forEach((o, i) => {
    total += o.micro;
    if (total > 100_000_000) throw badInput(`body.beneficialOwners.${i}.ownershipPercent`, 'the beneficial owners would own more than 100% together');
  });

  const countries = countryFacts(body, 'body');
  const customerParty = {
    id: randomUUID(),
    role: 'customer' as const,
    kind: body.kind,
    usCitizen: fact(countries.usCitizen),
    citizenships: countries.citizenships ?? null,
    usLawfulPermanentResident: fact(body.usLawfulPermanentResident),
    locatedInUnitedStates: fact(body.locatedInUnitedStates),
    organizedUnderUsLaw: fact(countries.organizedUnderUsLaw),
    organizedIn: countries.organizedIn ?? null,
    foreignBranchOfUsEntity: fact(body.foreignBranchOfUsEntity),
    addedBy: principal.subject,
    identity: identityOf(body),
  };
  refuseWhatTheRulesRefuseToClassify(
    customerParty,
    owners.map((o) => ({ ...o.party, organizedUnderUsLaw: null, foreignBranchOfUsEntity: null })),
  );

  const customerId = randomUUID();
  const outcome = await deps.db.db.transaction(async (tx) => {
    // The first application under an external reference fixes its facts: a repeat that says
    // something else (another name, now a U.S. citizen) is refused, never silently dropped.
    const claim = await claimIdempotencyKey(tx, { scope: CUSTOMER_APPLICATION_SCOPE, key: body.externalReference, request: body, actor: principal.subject });
    if (claim === 'different') {
      throw new AppError(
        'customer.application_conflict',
        409,
        `externalReference ${body.externalReference} belongs to an application with different facts; correct the customer's facts instead of applying again`,
        [{ field: 'body.externalReference', message: 'was used for an application with different facts' }],
      );
    }
    return insertCustomerApplication(tx, {
      customer: { id: customerId, kind: body.kind, externalReference: body.externalReference, createdBy: principal.subject, createdAt: now },
      parties: [customerParty, ...owners.map((o) => o.party)],
      account: { id: randomUUID(), identificationCaseId: randomUUID() },
    });
  });
  const { customer } = outcome;
  const account = outcome.account;
  if (!account) throw new AppError('customer.no_account', 409, `customer ${customer.id} has no account`);
  let caseRow = await getCaseById(deps.db.db, { id: account.identificationCaseId });
  // A new application, or a repeat after a crash left its workflow unstarted: start it (idempotent).
  if (!caseRow && account.status === 'pending') {
    caseRow = await startIdentification(deps, {
      customerId: customer.id,
      accountId: account.id,
      caseId: account.identificationCaseId,
      openedBy: customer.createdBy,
    });
  }
  const [parties, accounts] = await Promise.all([listParties(deps.db.db, { customerId: customer.id }), listAccountsOfCustomer(deps.db.db, { customerId: customer.id })]);
  return {
    created: outcome.created,
    body: {
      customer: toCustomerDto(customer, parties, accounts),
      accountId: account.id,
      caseId: account.identificationCaseId,
      case: caseRow ? toCaseDto(caseRow) : null,
    },
  };
}

export async function readCustomer(deps: Deps, principal: Principal, customerId: string, purpose: string | undefined) {
  if (purpose !== undefined && !PERSONAL_DATA_READERS.includes(principal.role)) {
    throw new AppError('auth.forbidden', 403, `role ${principal.role} may not read personal data; allowed: ${PERSONAL_DATA_READERS.join(', ')}`);
  }
  // The read and its record are one transaction: no personal data leaves without its log entry.
  return deps.db.db.transaction(async (tx) => {
    const customer = await getCustomerById(tx, { id: customerId });
    if (!customer) throw notFound('customer', customerId);
    const [parties, accounts] = [await listParties(tx, { customerId, includeRemoved: true }), await listAccountsOfCustomer(tx, { customerId })];
    const dto = toCustomerDto(customer, parties, accounts);
    if (purpose === undefined) return { ...dto, withheld: withheldFields(principal, purpose, PERSONAL_FIELDS.map((f) => `personal.parties[].${f}`)) };
    const read = await recordPersonalDataRead(tx, { customerId, actor: principal.subject, purpose, fields: [...PERSONAL_FIELDS] });
    await appendToCasesOfSubject(tx, { type: 'customer', id: customerId }, {
      type: 'customer.personal-data-read',
      occurredAt: read.readAt,
      actor: principal.subject,
      data: { readId: read.id, fields: [...PERSONAL_FIELDS] },
    });
    const identities = await listPartyIdentities(tx, { customerId });
    const documents = await listIdentityDocuments(tx, { customerId });
    return { ...dto, personal: { readId: read.id, purpose, parties: identities.map((i) => toPersonalPartyDto(i, documents)) }, withheld: [] };
  });
}

/** IP addresses a party used for access to or administration of the service (personal data). */
export async function addIpAccesses(
  deps: Deps,
  customerId: string,
  body: { partyId: string; accesses: { ip: string; accessedAt: string; kind: 'access' | 'administration' }[] },
) {
  checkIps(body.accesses, 'body.accesses');
  const accesses = body.accesses.map((a, i) => ({ ip: a.ip, accessedAt: recordedInstant(deps, a.accessedAt, `body.accesses.${i}.accessedAt`), kind: a.kind }));
  await deps.db.db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, { customerId }))) throw notFound('customer', customerId);
    const party = await getParty(tx, { customerId, partyId: body.partyId });
    if (!party || party.removedAt) throw badInput('body.partyId', 'is not a party of this customer');
    await recordIpAccesses(tx, { customerId, partyId: party.id, accesses });
  });
  return { recorded: accesses.length };
}

// ---- beneficial owners ----------------------------------------------------------------------

export async function addBeneficialOwner(deps: Deps, log: FastifyBaseLogger, principal: Principal, customerId: string, bo: BeneficialOwnerInputT) {
  const now = deps.now();
  const { party, micro } = beneficialOwnerParty(bo, 'body', principal, now);
  const row = await deps.db.db.transaction(async (tx) => {
    // Locked so that two notices at once cannot together push ownership over 100%.
    const customer = await lockCustomer(tx, { customerId });
    if (!customer) throw notFound('customer', customerId);
    if (customer.kind === 'individual' && bo.ownershipPercent !== undefined) throw badInput('body.ownershipPercent', INDIVIDUAL_HAS_NO_OWNERS);
    const existing = (await listParties(tx, { customerId })).filter((p) => p.role === 'beneficial-owner' && p.ownershipPercent !== null);
    const owned = existing.reduce((sum, p) => sum + parsePercent(normalizePercent(p.ownershipPercent!), 'stored').micro, 0);
    if (owned + micro > 100_000_000) throw badInput('body.ownershipPercent', `the beneficial owners would own more than 100% together (${owned / 1_000_000}% recorded already)`);
    // The workflows classify again on this notice: facts the rules refuse are refused here.
    const all = await listParties(tx, { customerId });
    refuseWhatTheRulesRefuse(
      () => assessParties([...all, { ...party, organizedUnderUsLaw: null, foreignBranchOfUsEntity: null }], getRuleSet(CURRENT_RULE_SET_ID)),
      Object.fromEntries(['usCitizen', 'usLawfulPermanentResident', 'locatedInUnitedStates'].map((k) => [`beneficialOwners.${party.id}.${k}`, `body.${k}`])),
      'body',
    );
    const inserted = await insertBeneficialOwner(tx, { customerId, party });
    await recordFactOnSubjectCases(tx, factAbout(beneficialOwnerAddedFact, customerId, { partyId: inserted.id }), {
      type: 'customer.beneficial-owner-added',
      occurredAt: now,
      actor: principal.subject,
      data: { partyId: inserted.id, ownershipPercent: inserted.ownershipPercent, substantialControl: inserted.substantialControl },
    });
    return inserted;
  });
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(beneficialOwnerAddedFact, customerId, { partyId: row.id }));
  return toPartyDto(row);
}

export async function listBeneficialOwners(deps: Deps, customerId: string) {
  if (!(await getCustomerById(deps.db.db, { id: customerId }))) throw notFound('customer', customerId);
  const owners = (await listParties(deps.db.db, { customerId, includeRemoved: true })).filter((p) => p.role === 'beneficial-owner');
  const current = owners.filter((p) => p.removedAt === null);
  return {
    items: current.filter((p) => p.beneficialOwnerDetermination?.beneficialOwner !== false).map(toPartyDto),
    notBeneficialOwners: current.filter((p) => p.beneficialOwnerDetermination?.beneficialOwner === false).map(toPartyDto),
    removed: owners.filter((p) => p.removedAt !== null).map(toPartyDto),
  };
}

export async function determineSubstantialControl(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  params: { customerId: string; partyId: string },
  body: { substantialControl: boolean; reason: string },
) {
  const now = deps.now();
  const row = await deps.db.db.transaction(async (tx) => {
    if (!(await getCustomerById(tx, { id: params.customerId }))) throw notFound('customer', params.customerId);
    const party = await getParty(tx, params);
    if (!party || party.removedAt) throw notFound('beneficial_owner', params.partyId);
    if (party.role !== 'beneficial-owner') throw badInput('params.partyId', 'is the customer itself, not a beneficial owner');
    const updated = (await setSubstantialControl(tx, { ...params, ...body, determinedBy: principal.subject, at: now }))!;
    const change = await insertPartyChange(tx, {
      id: randomUUID(),
      customerId: params.customerId,
      partyId: party.id,
      kind: 'substantial-control-determined',
      changes: [
        { field: 'substantialControl', from: party.substantialControl, to: body.substantialControl },
        { field: 'substantialControlReason', from: party.substantialControlReason, to: body.reason },
      ],
      reason: body.reason,
      effectiveAt: now,
      changedBy: principal.subject,
      changedAt: now,
    });
    const fact = factAbout(customerFactsChangedFact, params.customerId, { changeId: change.id, partyId: party.id, change: change.kind, actor: principal.subject });
    await recordFactOnSubjectCases(tx, fact, {
      type: 'customer.substantial-control-determined',
      occurredAt: now,
      actor: principal.subject,
      data: { changeId: change.id, partyId: party.id, substantialControl: body.substantialControl, reason: body.reason },
    });
    return { updated, fact };
  });
  // A determination of control (or of none) can make or unmake a beneficial owner: the workflows re-classify.
  await deliverFactToSubjectCases({ ...deps, log }, row.fact);
  return toPartyDto(row.updated);
}

// ---- verification ---------------------------------------------------------------------------

export async function recordVerification(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  customerId: string,
  body: {
    partyId: string;
    method: 'documentary' | 'non-documentary';
    methodDetail: string;
    result: 'verified' | 'failed' | 'inconclusive';
    performedAt?: string;
    materials?: Record<string, string>;
    discrepancies: { description: string; resolution?: string }[];
  },
) {
  const now = deps.now();
  const performedAt = body.performedAt ? recordedInstant(deps, body.performedAt, 'body.performedAt') : now;
  const attempt = await deps.db.db.transaction(async (tx) => {
    if (!(await getCustomerById(tx, { id: customerId }))) throw notFound('customer', customerId);
    const party: PartyRow | undefined = await getParty(tx, { customerId, partyId: body.partyId });
    if (!party || party.removedAt) throw badInput('body.partyId', 'is not a party of this customer');
    const attempt = await insertVerificationAttempt(tx, {
      attempt: {
        id: randomUUID(),
        customerId,
        partyId: party.id,
        method: body.method,
        methodDetail: body.methodDetail,
        result: body.result,
        materials: body.materials ?? null,
        performedBy: principal.subject,
        performedAt,
      },
      discrepancies: body.discrepancies.map((d) => ({
        id: randomUUID(),
        description: d.description,
        ...(d.resolution ? { resolution: d.resolution, resolvedBy: principal.subject, resolvedAt: now } : {}),
      })),
    });
    const fact = factAbout(verificationRecordedFact, customerId, { attemptId: attempt.id, partyId: party.id, result: attempt.result });
    await recordFactOnSubjectCases(tx, fact, {
      type: 'customer.verification-recorded',
      occurredAt: performedAt,
      actor: principal.subject,
      data: {
        attemptId: attempt.id,
        partyId: party.id,
        method: body.method,
        result: body.result,
        discrepancies: attempt.discrepancies.length,
        openDiscrepancies: attempt.discrepancies.filter((d) => d.resolvedAt === null).length,
      },
    });
    return attempt;
  });
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(verificationRecordedFact, customerId, { attemptId: attempt.id, partyId: attempt.partyId, result: attempt.result }));
  return toVerificationDto(attempt, false);
}

export async function resolveVerificationDiscrepancy(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  params: { customerId: string; attemptId: string; discrepancyId: string },
  resolution: string,
) {
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    const outcome = await resolveDiscrepancy(tx, { ...params, resolution, resolvedBy: principal.subject, at: now });
    if (outcome.outcome === 'not-found') throw notFound('discrepancy', params.discrepancyId);
    if (outcome.outcome === 'already-resolved') throw new AppError('discrepancy.already_resolved', 409, `discrepancy ${params.discrepancyId} is resolved already`);
    const attempt = (await listVerificationAttempts(tx, { customerId: params.customerId })).find((a) => a.id === params.attemptId)!;
    await recordFactOnSubjectCases(tx, factAbout(verificationRecordedFact, params.customerId, { attemptId: attempt.id, partyId: attempt.partyId, result: attempt.result }), {
      type: 'customer.discrepancy-resolved',
      occurredAt: now,
      actor: principal.subject,
      data: { attemptId: params.attemptId, discrepancyId: params.discrepancyId },
    });
  });
  const attempt = (await listVerificationAttempts(deps.db.db, { customerId: params.customerId })).find((a) => a.id === params.attemptId)!;
  // A resolution can complete the verification: wake the workflows as a new result would.
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(verificationRecordedFact, params.customerId, { attemptId: attempt.id, partyId: attempt.partyId, result: attempt.result }));
  return toVerificationDto(attempt, false);
}

export async function listVerifications(deps: Deps, principal: Principal, customerId: string, purpose: string | undefined) {
  if (purpose !== undefined && !PERSONAL_DATA_READERS.includes(principal.role)) {
    throw new AppError('auth.forbidden', 403, `role ${principal.role} may not read personal data; allowed: ${PERSONAL_DATA_READERS.join(', ')}`);
  }
  return deps.db.db.transaction(async (tx) => {
    if (!(await getCustomerById(tx, { id: customerId }))) throw notFound('customer', customerId);
    if (purpose !== undefined) {
      await recordPersonalDataRead(tx, { customerId, actor: principal.subject, purpose, fields: [...VERIFICATION_PERSONAL_FIELDS] });
    }
    const attempts = await listVerificationAttempts(tx, { customerId });
    return { items: attempts.map((a) => toVerificationDto(a, purpose !== undefined)), withheld: withheldFields(principal, purpose, VERIFICATION_WITHHELD_FIELDS) };
  });
}

// ---- accounts, accesses and legal holds -----------------------------------------------------

async function accountOrNotFound(tx: DbOrTx, accountId: string) {
  const account = await getAccountById(tx, { id: accountId });
  if (!account) throw notFound('account', accountId);
  return account;
}

export async function readAccount(deps: Deps, accountId: string) {
  const account = await accountOrNotFound(deps.db.db, accountId);
  const holds = await listLegalHolds(deps.db.db, { accountId });
  return { ...toAccountDto(account), legalHolds: holds.map(toLegalHoldDto), pendingClosure: await pendingClosureDto(deps.db.db, accountId) };
}

export async function recordAccess(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  accountId: string,
  body: { accessedAt: string; kind: 'access' | 'administration' },
) {
  const accessedAt = recordedInstant(deps, body.accessedAt, 'body.accessedAt');
  const account = await deps.db.db.transaction(async (tx) => {
    const current = await accountOrNotFound(tx, accountId);
    // An access is a fact about the account: one dated before the account existed (opened, or
    // while it is still applied for, applied for) would put a false line in its record.
    if (current.openedAt && accessedAt < current.openedAt) throw badInput('body.accessedAt', `must not be before the account was opened (${current.openedAt.toISOString()})`);
    if (accessedAt < current.createdAt) throw badInput('body.accessedAt', `must not be before the account was applied for (${current.createdAt.toISOString()})`);
    // An access moves the retention clock: one the rules cannot count from is refused here.
    checkRetentionClock(deps, { closedAt: current.closedAt ?? accessedAt, lastAccessAt: accessedAt }, { closedAt: 'body.accessedAt', lastAccessAt: 'body.accessedAt' });
    const updated = (await recordAccountAccess(tx, { accountId, accessedAt, kind: body.kind, recordedBy: principal.subject }))!;
    await recordFactOnSubjectCases(tx, factAbout(accountAccessedFact, accountId, { at: accessedAt.toISOString() }), {
      type: 'account.accessed',
      occurredAt: accessedAt,
      actor: principal.subject,
      data: { accountId, kind: body.kind, accessedAt: accessedAt.toISOString() },
    });
    return updated;
  });
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(accountAccessedFact, accountId, { at: accessedAt.toISOString() }));
  return toAccountDto(account);
}

export async function setLegalHold(deps: Deps, log: FastifyBaseLogger, principal: Principal, accountId: string, reason: string) {
  const now = deps.now();
  const hold = await deps.db.db.transaction(async (tx) => {
    const account = await accountOrNotFound(tx, accountId);
    // Under the customer's lock: a disposal running now either sees this hold or has finished.
    await lockCustomer(tx, { customerId: account.customerId });
    const hold = await insertLegalHold(tx, { id: randomUUID(), customerId: account.customerId, accountId, reason, setBy: principal.subject, setAt: now });
    await recordFactOnSubjectCases(tx, factAbout(legalHoldSetFact, accountId, { holdId: hold.id }), {
      type: 'retention.legal-hold-set',
      occurredAt: now,
      actor: principal.subject,
      data: { holdId: hold.id, accountId, reason },
    });
    return hold;
  });
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(legalHoldSetFact, accountId, { holdId: hold.id }));
  return toLegalHoldDto(hold);
}

export async function releaseHold(deps: Deps, log: FastifyBaseLogger, principal: Principal, params: { accountId: string; holdId: string }) {
  const now = deps.now();
  const hold = await deps.db.db.transaction(async (tx) => {
    await accountOrNotFound(tx, params.accountId);
    const outcome = await releaseLegalHold(tx, { ...params, releasedBy: principal.subject, at: now });
    if (outcome.outcome === 'not-found') throw notFound('legal_hold', params.holdId);
    if (outcome.outcome === 'already-released') throw new AppError('legal_hold.already_released', 409, `legal hold ${params.holdId} was released already`);
    await recordFactOnSubjectCases(tx, factAbout(legalHoldReleasedFact, params.accountId, { holdId: params.holdId }), {
      type: 'retention.legal-hold-released',
      occurredAt: now,
      actor: principal.subject,
      data: { holdId: params.holdId, accountId: params.accountId },
    });
    return outcome.hold;
  });
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(legalHoldReleasedFact, params.accountId, { holdId: hold.id }));
  return toLegalHoldDto(hold);
}
