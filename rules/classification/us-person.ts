/**
 * U.S. person or foreign person (proposed 15 CFR 7.300, definitions; the section is a reading,
 * within 7.300-7.310). A U.S. person is a U.S. citizen, a lawful permanent resident, an entity
 * organized under U.S. law (or a foreign branch of one), or any person located in the United
 * States; everyone else is foreign. A fact left undefined is unknown; until the facts settle it,
 * the person is treated as foreign.
 */
import { proposedSectionReading } from '../citations.js';
import { RuleInputError } from '../errors.js';

export interface IndividualFacts {
  readonly kind: 'individual';
  readonly usCitizen?: boolean;
  readonly usLawfulPermanentResident?: boolean;
  readonly locatedInUnitedStates?: boolean;
}

export interface EntityFacts {
  readonly kind: 'entity';
  readonly organizedUnderUsLaw?: boolean;
  /** The entity is a foreign branch of an entity organized under U.S. law. */
  readonly foreignBranchOfUsEntity?: boolean;
  readonly locatedInUnitedStates?: boolean;
}

export type PersonFacts = IndividualFacts | EntityFacts;

export type UsPersonStatus = 'us' | 'foreign' | 'unknown';

export interface UsPersonClassification {
  readonly status: UsPersonStatus;
  /** True for 'foreign' and for 'unknown' (treated as foreign until the facts are complete). */
  readonly treatAsForeign: boolean;
  /** Facts still needed to settle an 'unknown' (names of the fields). */
  readonly missingFacts: readonly string[];
  readonly reasons: readonly string[];
}

const CITATION = proposedSectionReading('7.300', 'definition of U.S. person');

const TESTS = {
  individual: [
    ['usCitizen', 'is a U.S. citizen'],
    ['usLawfulPermanentResident', 'is a lawful permanent resident of the United States'],
    ['locatedInUnitedStates', 'is located in the United States'],
  ],
  entity: [
    ['organizedUnderUsLaw', 'is organized under the laws of the United States or a U.S. jurisdiction'],
    ['foreignBranchOfUsEntity', 'is a foreign branch of an entity organized under U.S. law'],
    ['locatedInUnitedStates', 'is located in the United States'],
  ],
} as const;

export function classifyUsPerson(facts: PersonFacts, field = 'person'): UsPersonClassification {
  if (facts === null || typeof facts !== 'object' || (facts.kind !== 'individual' && facts.kind !== 'entity')) {
    throw new RuleInputError(`${field}.kind`, 'must be "individual" or "entity"');
  }
  const tests = TESTS[facts.kind];
  const record = facts as unknown as Record<string, unknown>;
  const yes: string[] = [];
  const no: string[] = [];
  const missing: string[] = [];
  for (const [key, phrase] of tests) {
    const value = record[key];
    if (value === undefined || value === null) missing.push(key);
    else if (typeof value !== 'boolean') throw new RuleInputError(`${field}.${key}`, 'must be true, false or absent (unknown)');
    else if (value) yes.push(phrase);
    else no.push(phrase.replace(/^is /, 'is not '));
  }
  const who = facts.kind === 'individual' ? 'the individual' : 'the entity';
  const Who = who === 'the individual' ? 'The individual' : 'The entity';
  if (yes.length > 0) {
    return {
      status: 'us',
      treatAsForeign: false,
      missingFacts: [],
      reasons: [`${Who} ${listOf(yes, 'and')}, so ${who} is a U.S. person (${CITATION}).`],
    };
  }
  if (missing.length === 0) {
    return {
      status: 'foreign',
      treatAsForeign: true,
      missingFacts: [],
      reasons: [`${Who} ${listOf(no, 'and')}: none of the tests for a U.S. person is met, so ${who} is a foreign person (${CITATION}).`],
    };
  }
  const open = tests.filter(([key]) => missing.includes(key)).map(([, phrase]) => phrase);
  return {
    status: 'unknown',
    treatAsForeign: true,
    missingFacts: missing,
    reasons: [
      no.length > 0
        ? `${Who} ${listOf(no, 'and')}, but it is not yet known whether ${who} ${listOf(open, 'or')}.`
        : `It is not yet known whether ${who} ${listOf(open, 'or')}.`,
      `Until that is known, ${who} is treated as foreign (rule set policy: a customer is treated as foreign until U.S. status is established; ${CITATION}).`,
    ],
  };
}

/** "a", "a and b", "a, b and c" (or with "or"): phrases joined as a sentence reads them. */
function listOf(phrases: readonly string[], conjunction: 'and' | 'or'): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} ${conjunction} ${phrases.at(-1)}`;
}
