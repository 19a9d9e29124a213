/**
 * Beneficial owners (proposed 15 CFR 7.300, definitions; the section is a reading, within
 * 7.300-7.310): individuals who own or control at least the rule set's threshold (25% under
 * NPRM-2024) of a customer's ownership interests, directly or indirectly, plus individuals a
 * handler determined to exercise substantial control (the NPRM does not define it: the
 * determination must carry a reason).
 *
 * Indirect ownership: along a chain, percentages multiply (A owns 50% of H, H owns 60% of the
 * customer: A owns 30%); over several chains, they add up. Arithmetic is exact (rationals).
 */
import { add, compare, decimalToRational, formatRational, multiply, parseDecimal, rational, toNumber, ZERO, type Rational } from '../decimal.js';
import { RuleInputError } from '../errors.js';
import type { RuleSet } from '../rule-set.js';

export interface OwnershipParty {
  readonly id: string;
  readonly kind: 'individual' | 'entity';
}

/** `ownerId` holds `percent`% of the ownership interests of `ownedId`. */
export interface OwnershipStake {
  readonly ownerId: string;
  readonly ownedId: string;
  /** 0 < percent <= 100; a number or an exact decimal string ("33.3333"). */
  readonly percent: number | string;
}

export interface SubstantialControlDetermination {
  readonly individualId: string;
  /** Why the handler determined this individual exercises substantial control. Required. */
  readonly reason: string;
  readonly determinedBy?: string;
}

export interface BeneficialOwnerInput {
  readonly customerId: string;
  readonly parties: readonly OwnershipParty[];
  readonly stakes: readonly OwnershipStake[];
  readonly substantialControl?: readonly SubstantialControlDetermination[];
}

export interface OwnershipPath {
  /** From the individual down to the customer: [individual, intermediate..., customer]. */
  readonly chain: readonly string[];
  readonly percent: number;
}

export interface BeneficialOwner {
  readonly individualId: string;
  /** Effective (direct + indirect) ownership, for display. */
  readonly ownershipPercent: number;
  /** The same, exact: "30" or "100/3". */
  readonly ownershipPercentExact: string;
  readonly byOwnership: boolean;
  readonly bySubstantialControl: boolean;
  readonly substantialControlReason?: string;
  readonly paths: readonly OwnershipPath[];
  readonly reasons: readonly string[];
}

export interface BeneficialOwnerResult {
  readonly owners: readonly BeneficialOwner[];
  /** Individuals with some ownership below the threshold and no substantial control. */
  readonly belowThreshold: readonly { readonly individualId: string; readonly ownershipPercent: number; readonly ownershipPercentExact: string }[];
  readonly thresholdPercent: number;
  readonly explanation: readonly string[];
}

const MAX_PATHS = 10_000;
const HUNDRED = rational(100n);

export function findBeneficialOwners(input: BeneficialOwnerInput, ruleSet: RuleSet): BeneficialOwnerResult {
  if (input === null || typeof input !== 'object') throw new RuleInputError('input', 'must be an object');
  const parties = new Map<string, OwnershipParty>();
  (input.parties ?? []).forEach((p, i) => {
    if (typeof p?.id !== 'string' || p.id === '') throw new RuleInputError(`parties[${i}].id`, 'must be a non-empty string');
    if (p.kind !== 'individual' && p.kind !== 'entity') throw new RuleInputError(`parties[${i}].kind`, 'must be "individual" or "entity"');
    if (parties.has(p.id)) throw new RuleInputError(`parties[${i}].id`, `duplicate party "${p.id}"`);
    parties.set(p.id, p);
  });
  const customer = parties.get(input.customerId);
  if (customer === undefined) throw new RuleInputError('customerId', `"${String(input.customerId)}" is not among the parties`);

  // owners of each owned party: ownedId -> [{ ownerId, fraction }]
  const ownersOf = new Map<string, { ownerId: string; fraction: Rational; percentText: string }[]>();
  const totals = new Map<string, Rational>();
  (input.stakes ?? []).forEach((s, i) => {
    const field = `stakes[${i}]`;
    const owner = parties.get(s?.ownerId);
    const owned = parties.get(s?.ownedId);
    if (owner === undefined) throw new RuleInputError(`${field}.ownerId`, `"${String(s?.ownerId)}" is not among the parties`);
    if (owned === undefined) throw new RuleInputError(`${field}.ownedId`, `"${String(s?.ownedId)}" is not among the parties`);
    if (owned.kind !== 'entity') throw new RuleInputError(`${field}.ownedId`, `"${owned.id}" is an individual; only entities have ownership interests`);
    if (owner.id === owned.id) throw new RuleInputError(field, `"${owner.id}" cannot own itself`);
    const percent = decimalToRational(parseDecimal(s.percent, `${field}.percent`));
    if (compare(percent, ZERO) <= 0 || compare(percent, HUNDRED) > 0) {
      throw new RuleInputError(`${field}.percent`, 'must be more than 0 and at most 100');
    }
    const list = ownersOf.get(owned.id) ?? [];
    if (list.some((o) => o.ownerId === owner.id)) throw new RuleInputError(field, `duplicate stake of "${owner.id}" in "${owned.id}"`);
    const total = add(totals.get(owned.id) ?? ZERO, percent);
    if (compare(total, HUNDRED) > 0) {
      throw new RuleInputError(`${field}.percent`, `stakes in "${owned.id}" add up to more than 100% (${toNumber(total)}%)`);
    }
    totals.set(owned.id, total);
    list.push({ ownerId: owner.id, fraction: multiply(percent, rational(1n, 100n)), percentText: String(s.percent) });
    ownersOf.set(owned.id, list);
  });

  // Walk up from the customer through every chain of owners.
  const shares = new Map<string, Rational>();
  const paths = new Map<string, OwnershipPath[]>();
  let pathCount = 0;
  const walk = (partyId: string, share: Rational, chainDown: string[]): void => {
    for (const stake of ownersOf.get(partyId) ?? []) {
      if (chainDown.includes(stake.ownerId)) {
        throw new RuleInputError('stakes', `ownership cycle: ${[stake.ownerId, ...chainDown].join(' -> ')}`);
      }
      const held = multiply(share, stake.fraction);
      const chain = [stake.ownerId, ...chainDown];
      if (++pathCount > MAX_PATHS) throw new RuleInputError('stakes', `more than ${MAX_PATHS} ownership chains; simplify the structure`);
      if (parties.get(stake.ownerId)?.kind === 'individual') {
        shares.set(stake.ownerId, add(shares.get(stake.ownerId) ?? ZERO, held));
        const list = paths.get(stake.ownerId) ?? [];
        list.push({ chain, percent: toNumber(multiply(held, HUNDRED)) });
        paths.set(stake.ownerId, list);
      } else {
        walk(stake.ownerId, held, chain);
      }
    }
  };
  walk(customer.id, rational(1n), [customer.id]);

  const control = new Map<string, SubstantialControlDetermination>();
  (input.substantialControl ?? []).forEach((c, i) => {
    const party = parties.get(c?.individualId);
    if (party === undefined || party.kind !== 'individual') {
      throw new RuleInputError(`substantialControl[${i}].individualId`, `"${String(c?.individualId)}" is not an individual among the parties`);
    }
    if (typeof c.reason !== 'string' || c.reason.trim() === '') {
      throw new RuleInputError(`substantialControl[${i}].reason`, 'a substantial-control determination must record its reason');
    }
    control.set(party.id, c);
  });

  const thresholdValue = ruleSet.regulatory.beneficialOwnershipThresholdPercent;
  const threshold = decimalToRational(parseDecimal(thresholdValue.value, 'ruleSet.beneficialOwnershipThresholdPercent'));
  const owners: BeneficialOwner[] = [];
  const below: BeneficialOwnerResult['belowThreshold'][number][] = [];
  const individuals = [...parties.values()].filter((p) => p.kind === 'individual').map((p) => p.id);
  for (const id of individuals) {
    const share = multiply(shares.get(id) ?? ZERO, HUNDRED);
    const byOwnership = compare(share, threshold) >= 0;
    const determination = control.get(id);
    const ownershipPercent = toNumber(share);
    const ownershipPercentExact = formatRational(share);
    // Largest chains first, so the explanation reads from the main holding down.
    const idPaths = [...(paths.get(id) ?? [])].sort((a, b) => b.percent - a.percent || (a.chain.join('>') < b.chain.join('>') ? -1 : 1));
    if (!byOwnership && determination === undefined) {
      if (idPaths.length > 0) below.push({ individualId: id, ownershipPercent, ownershipPercentExact });
      continue;
    }
    const reasons: string[] = [];
    if (idPaths.length > 0) {
      const described = idPaths.map((p) => `${p.chain.join(' -> ')} (${p.percent}%)`).join('; ');
      reasons.push(
        `${id} owns ${ownershipPercent}% of ${customer.id}${exactly(ownershipPercent, ownershipPercentExact)} through ${idPaths.length === 1 ? 'one chain' : `${idPaths.length} chains, added together`}: ${described}. Along a chain the percentages multiply.`,
      );
    }
    if (byOwnership) {
      reasons.push(`That is at least the ${thresholdValue.value}% threshold, so ${id} is a beneficial owner by ownership (${thresholdValue.citation}).`);
    } else if (idPaths.length > 0) {
      reasons.push(`That is below the ${thresholdValue.value}% threshold.`);
    }
    if (determination !== undefined) {
      reasons.push(
        `A handler${determination.determinedBy ? ` (${determination.determinedBy})` : ''} determined that ${id} exercises substantial control: "${determination.reason.trim()}". The NPRM does not define substantial control; it is this recorded determination (${thresholdValue.citation}).`,
      );
    }
    owners.push({
      individualId: id,
      ownershipPercent,
      ownershipPercentExact,
      byOwnership,
      bySubstantialControl: determination !== undefined,
      ...(determination !== undefined ? { substantialControlReason: determination.reason.trim() } : {}),
      paths: idPaths,
      reasons,
    });
  }
  const explanation = [
    `${thresholdValue.explanation} (${thresholdValue.citation})`,
    owners.length === 0
      ? `${customer.id} has no beneficial owner on these facts.`
      : `Beneficial owners of ${customer.id}: ${owners.map((o) => o.individualId).join(', ')}.`,
    ...owners.flatMap((o) => o.reasons),
    ...below.map((b) => `${b.individualId} owns ${b.ownershipPercent}% of ${customer.id}${exactly(b.ownershipPercent, b.ownershipPercentExact)}, below the ${thresholdValue.value}% threshold, and no substantial-control determination is recorded, so ${b.individualId} is not a beneficial owner.`),
  ];
  return { owners, belowThreshold: below, thresholdPercent: thresholdValue.value, explanation };
}

/** The exact share, where the rounded percentage alone would not state it. */
function exactly(rounded: number, exact: string): string {
  return String(rounded) === exact ? '' : ` (${exact}% exactly)`;
}
