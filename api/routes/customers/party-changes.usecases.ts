// Changes to a party's recorded facts after the application: a correction or completion of the
// facts the classification reads (citizenship once known, residence, organisation, a stake
// recorded wrongly), a change of a beneficial owner's stake and its removal, each with the date
// it took effect. Each change is
// stored with who, when, why and every field's old and new value (party_changes, append-only),
// written to the customer's open cases, and delivered to them as a fact: the identification
// workflow classifies again (and a case waiting in needs-correction goes on).
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { assessParties } from '../../../activities/customers.js';
import type { DbOrTx } from '../../../db/client.js';
import { getCustomerById, getParty, insertPartyChange, listParties, listPartyChanges, lockCustomer, updatePartyFacts, type PartyFactsUpdate } from '../../../db/queries/customers.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import type { FieldChange, PartyChangeKind, PartyRow } from '../../../db/schema/customers.js';
import { CURRENT_RULE_SET_ID, RuleInputError, getRuleSet } from '../../../rules/index.js';
import { customerFactsChangedFact } from '../../../workflows/kit/facts.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput, notFound } from '../../errors.js';
import { deliverFactToSubjectCases, factAbout, recordFactOnSubjectCases } from '../../facts/deliver.js';
import type { Principal } from '../../plugins/auth.js';
import { refuseWhatTheRulesRefuse, recordedInstant } from '../rule-input.js';
import { countryFacts } from './country-facts.js';
import { normalizePercent, toPartyChangeDto, toPartyDto } from './customer-dto.js';
import { INDIVIDUAL_HAS_NO_OWNERS, parsePercent } from './customers.usecases.js';
import type { ListPartyChangesQueryT, PartyFactsCorrectionBodyT } from './customers.schemas.js';

type Deps = Required<AppDeps>;

const INDIVIDUAL_ONLY = ['usCitizen', 'citizenships', 'usLawfulPermanentResident'] as const;
const ENTITY_ONLY = ['organizedUnderUsLaw', 'organizedIn', 'foreignBranchOfUsEntity'] as const;
const CLASSIFICATION_FACTS = ['usCitizen', 'usLawfulPermanentResident', 'locatedInUnitedStates', 'organizedUnderUsLaw', 'foreignBranchOfUsEntity', 'kind'] as const;

const classifies = (parties: PartyRow[]) => {
  try {
    assessParties(parties, getRuleSet(CURRENT_RULE_SET_ID));
    return true;
  } catch (err) {
    if (err instanceof RuleInputError) return false;
    throw err;
  }
};

/**
 * Refuses a change after which the rules could not classify the customer (the workflow would
 * put its case into needs-correction), naming the request field at fault. Facts the rules
 * refuse already (a case waiting in needs-correction) may be corrected one at a time: such a
 * change is accepted, and the workflow says what is still wrong.
 */
function refuseUnclassifiable(all: PartyRow[], party: PartyRow, set: PartyFactsUpdate, fieldOf: (key: string) => string) {
  if (!classifies(all)) return;
  const after = all.filter((p) => p.id !== party.id || set.removedAt == null).map((p) => (p.id === party.id ? { ...p, ...set } : p));
  const fields: Record<string, string> = {};
  for (const key of CLASSIFICATION_FACTS) {
    fields[party.role === 'customer' ? `customer.${key}` : `beneficialOwners.${party.id}.${key}`] = fieldOf(key);
  }
  // The rules number stakes in the order of the owners holding them; a stake they refuse after
  // this change is the changed one's.
  const fallback = 'ownershipPercent' in set ? fieldOf('ownershipPercent') : 'body';
  refuseWhatTheRulesRefuse(() => assessParties(after, getRuleSet(CURRENT_RULE_SET_ID)), fields, fallback);
}

/** A stake for `party` that the ownership rules can hold: in an entity, the owners together at most 100%. */
function checkStake(party: PartyRow, all: PartyRow[], percent: { micro: number }, field: string) {
  if (party.role !== 'beneficial-owner') throw badInput(field, 'the customer itself holds no stake in itself; only a beneficial owner has one');
  if (all.find((p) => p.role === 'customer')?.kind === 'individual') throw badInput(field, INDIVIDUAL_HAS_NO_OWNERS);
  const others = all.filter((p) => p.role === 'beneficial-owner' && p.id !== party.id && p.ownershipPercent !== null);
  const owned = others.reduce((sum, p) => sum + parsePercent(normalizePercent(p.ownershipPercent!), 'stored').micro, 0);
  if (owned + percent.micro > 100_000_000) {
    throw badInput(field, `the beneficial owners would own more than 100% together (${owned / 1_000_000}% held by the others)`);
  }
}

/** Stores the change with its record, writes it to the customer's open cases and delivers it. */
async function recordChange(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  input: {
    customerId: string;
    partyId: string;
    kind: PartyChangeKind;
    set: PartyFactsUpdate;
    reason: string;
    effectiveAt: Date;
    check: (party: PartyRow, all: PartyRow[]) => void;
    fieldOf: (key: string) => string;
  },
) {
  const now = deps.now();
  const result = await deps.db.db.transaction(async (tx) => {
    // Under the customer's lock: two changes at once cannot together break a rule (ownership over 100%).
    if (!(await lockCustomer(tx, { customerId: input.customerId }))) throw notFound('customer', input.customerId);
    const party = await getParty(tx, { customerId: input.customerId, partyId: input.partyId });
    if (!party) throw notFound('party', input.partyId);
    if (party.removedAt) throw new AppError('party.removed', 409, `party ${party.id} was removed with effect from ${party.removedAt.toISOString()}; its facts no longer change`);
    const all = await listParties(tx, { customerId: input.customerId });
    input.check(party, all);
    const changes: FieldChange[] = Object.entries(input.set)
      .map(([field, to]) => ({ field, from: valueOf(party[field as keyof PartyRow]), to: valueOf(to) }))
      .filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to));
    if (changes.length === 0) throw badInput('body', 'changes nothing: the recorded facts already say this');
    refuseUnclassifiable(all, party, input.set, input.fieldOf);
    const updated = (await updatePartyFacts(tx, { customerId: input.customerId, partyId: party.id, set: input.set }))!;
    const change = await insertPartyChange(tx, {
      id: randomUUID(),
      customerId: input.customerId,
      partyId: party.id,
      kind: input.kind,
      changes,
      reason: input.reason,
      effectiveAt: input.effectiveAt,
      changedBy: principal.subject,
      changedAt: now,
    });
    // The signal carries ids only; who, when, why and the values are in the change record.
    const fact = factAbout(customerFactsChangedFact, input.customerId, { changeId: change.id, partyId: party.id, change: input.kind, actor: principal.subject });
    await recordFactOnSubjectCases(tx, fact, {
      type: `customer.${input.kind}`,
      occurredAt: now,
      actor: principal.subject,
      data: { changeId: change.id, partyId: party.id, changes, reason: input.reason, effectiveAt: input.effectiveAt.toISOString() },
    });
    return { updated, change, fact };
  });
  await deliverFactToSubjectCases({ ...deps, log }, result.fact);
  return { change: toPartyChangeDto(result.change), party: toPartyDto(result.updated) };
}

function valueOf(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return normalizePercent(v);
  return v ?? null;
}

export async function correctPartyFacts(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  params: { customerId: string; partyId: string },
  body: PartyFactsCorrectionBodyT,
) {
  const effectiveAt = body.effectiveAt ? recordedInstant(deps, body.effectiveAt, 'body.effectiveAt') : deps.now();
  const facts = body.facts;
  const countries = countryFacts(facts, 'body.facts');
  const percent = facts.ownershipPercent === undefined || facts.ownershipPercent === null ? facts.ownershipPercent : parsePercent(facts.ownershipPercent, 'body.facts.ownershipPercent');
  const set: PartyFactsUpdate = {};
  for (const key of ['usLawfulPermanentResident', 'locatedInUnitedStates', 'foreignBranchOfUsEntity'] as const) {
    if (facts[key] !== undefined) set[key] = facts[key];
  }
  Object.assign(set, countries);
  if (percent !== undefined) set.ownershipPercent = percent === null ? null : percent.text;
  return recordChange(deps, log, principal, {
    ...params,
    kind: 'facts-corrected',
    set,
    reason: body.reason,
    effectiveAt,
    fieldOf: (key) => `body.facts.${key}`,
    check: (party, all) => {
      const wrong = (party.kind === 'individual' ? ENTITY_ONLY : INDIVIDUAL_ONLY).find((k) => facts[k] !== undefined);
      if (wrong) throw badInput(`body.facts.${wrong}`, `applies to ${party.kind === 'individual' ? 'an entity' : 'an individual'}, not to this ${party.kind}`);
      // A yes/no alone must agree with the country recorded before (correct the country instead).
      if (facts.usCitizen != null && facts.citizenships === undefined && party.citizenships !== null && party.citizenships.includes('US') !== facts.usCitizen) {
        throw badInput('body.facts.usCitizen', `contradicts the recorded citizenships (${party.citizenships.join(', ') || 'none'}); correct body.facts.citizenships instead`);
      }
      if (facts.organizedUnderUsLaw != null && facts.organizedIn === undefined && party.organizedIn !== null && (party.organizedIn === 'US') !== facts.organizedUnderUsLaw) {
        throw badInput('body.facts.organizedUnderUsLaw', `contradicts the recorded jurisdiction (${party.organizedIn}); correct body.facts.organizedIn instead`);
      }
      if (percent === null && party.role !== 'beneficial-owner') throw badInput('body.facts.ownershipPercent', 'the customer itself holds no stake in itself');
      if (percent) checkStake(party, all, percent, 'body.facts.ownershipPercent');
    },
  });
}

export async function changeStake(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  params: { customerId: string; partyId: string },
  body: { ownershipPercent: number | string; reason: string; effectiveAt: string },
) {
  const effectiveAt = recordedInstant(deps, body.effectiveAt, 'body.effectiveAt');
  const percent = parsePercent(body.ownershipPercent, 'body.ownershipPercent');
  return recordChange(deps, log, principal, {
    ...params,
    kind: 'stake-changed',
    set: { ownershipPercent: percent.text },
    reason: body.reason,
    effectiveAt,
    fieldOf: () => 'body.ownershipPercent',
    check: (party, all) => {
      if (party.role !== 'beneficial-owner') throw badInput('params.partyId', 'is the customer itself, not a beneficial owner');
      if (effectiveAt < party.addedAt) throw badInput('body.effectiveAt', `must not be before the owner was recorded (${party.addedAt.toISOString()}); a stake recorded wrongly is a correction`);
      checkStake(party, all, percent, 'body.ownershipPercent');
    },
  });
}

export async function removeBeneficialOwner(
  deps: Deps,
  log: FastifyBaseLogger,
  principal: Principal,
  params: { customerId: string; partyId: string },
  body: { reason: string; effectiveAt: string },
) {
  const effectiveAt = recordedInstant(deps, body.effectiveAt, 'body.effectiveAt');
  return recordChange(deps, log, principal, {
    ...params,
    kind: 'beneficial-owner-removed',
    set: { removedAt: effectiveAt },
    reason: body.reason,
    effectiveAt,
    fieldOf: () => 'params.partyId',
    check: (party) => {
      if (party.role !== 'beneficial-owner') throw badInput('params.partyId', 'is the customer itself, not a beneficial owner');
      if (effectiveAt < party.addedAt) throw badInput('body.effectiveAt', `must not be before the owner was recorded (${party.addedAt.toISOString()})`);
    },
  });
}

/** The customer's party changes, oldest first, a page at a time: who, when, why, with effect from when, old and new values. */
export async function listChanges(deps: Deps, customerId: string, query: ListPartyChangesQueryT) {
  const after = afterCursor(query.cursor);
  if (!(await getCustomerById(deps.db.db, { id: customerId }))) throw notFound('customer', customerId);
  const page = await listPartyChanges(deps.db.db, {
    customerId,
    limit: query.limit,
    ...(query.partyId ? { partyId: query.partyId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...after,
  });
  return pageAnswer(page, toPartyChangeDto);
}
