import { describe, expect, it } from 'vitest';
import { RuleInputError } from '../errors.js';
import { mustTrackCustomer } from './tracking.js';
import { classifyUsPerson, type PersonFacts } from './us-person.js';

describe('classifyUsPerson', () => {
  it.each<[string, PersonFacts, string, boolean, string[]]>([
    ['a U.S. citizen abroad', { kind: 'individual', usCitizen: true, locatedInUnitedStates: false }, 'us', false, []],
    ['a permanent resident (other facts unknown)', { kind: 'individual', usLawfulPermanentResident: true }, 'us', false, []],
    ['a foreign national located in the U.S.', { kind: 'individual', usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: true }, 'us', false, []],
    ['a foreign national abroad', { kind: 'individual', usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false }, 'foreign', true, []],
    ['an individual with unknown residence', { kind: 'individual', usCitizen: false, locatedInUnitedStates: false }, 'unknown', true, ['usLawfulPermanentResident']],
    ['an individual with no facts', { kind: 'individual' }, 'unknown', true, ['usCitizen', 'usLawfulPermanentResident', 'locatedInUnitedStates']],
    ['a Delaware corporation', { kind: 'entity', organizedUnderUsLaw: true }, 'us', false, []],
    ['a foreign branch of a U.S. entity', { kind: 'entity', organizedUnderUsLaw: false, foreignBranchOfUsEntity: true, locatedInUnitedStates: false }, 'us', false, []],
    ['a foreign entity abroad', { kind: 'entity', organizedUnderUsLaw: false, foreignBranchOfUsEntity: false, locatedInUnitedStates: false }, 'foreign', true, []],
    ['a foreign entity, location unknown', { kind: 'entity', organizedUnderUsLaw: false, foreignBranchOfUsEntity: false }, 'unknown', true, ['locatedInUnitedStates']],
  ])('%s', (_name, facts, status, treatAsForeign, missing) => {
    const result = classifyUsPerson(facts);
    expect([result.status, result.treatAsForeign, result.missingFacts]).toEqual([status, treatAsForeign, missing]);
    const citation = '(89 FR 5698 (Jan. 29, 2024), proposed 15 CFR 7.300 (definition of U.S. person; the section is a reading, within 7.300-7.310))';
    if (status === 'unknown') {
      expect(result.reasons).toHaveLength(2);
      // Each missing fact is named in words a lawyer reads, not by its field name.
      const inWords: Record<string, string> = {
        usCitizen: 'a U.S. citizen',
        usLawfulPermanentResident: 'a lawful permanent resident of the United States',
        locatedInUnitedStates: 'located in the United States',
      };
      expect(result.reasons[0]).toMatch(/not yet known whether the (individual|entity) /);
      for (const fact of missing) expect(result.reasons[0]).toContain(inWords[fact]);
      expect(result.reasons[0]).not.toMatch(/usCitizen|usLawfulPermanentResident|locatedInUnitedStates/);
      expect(result.reasons[1]).toMatch(/^Until that is known, the (individual|entity) is treated as foreign /);
      expect(result.reasons[1]!.endsWith(`; ${citation.slice(1)}.`)).toBe(true);
    } else {
      expect(result.reasons).toHaveLength(1);
      expect(result.reasons[0]).toMatch(new RegExp(`^The (individual|entity) .*, so the (individual|entity) is a ${status === 'us' ? 'U\\.S\\.' : 'foreign'} person `));
      expect(result.reasons[0]!.endsWith(`${citation}.`)).toBe(true);
    }
  });

  it('counts a null fact as unknown, like an absent one', () => {
    const result = classifyUsPerson({ kind: 'individual', usCitizen: false, usLawfulPermanentResident: null, locatedInUnitedStates: false } as unknown as PersonFacts);
    expect([result.status, result.treatAsForeign, result.missingFacts]).toEqual(['unknown', true, ['usLawfulPermanentResident']]);
  });

  it('explains an unknown as treated as foreign', () => {
    expect(classifyUsPerson({ kind: 'individual', usCitizen: false }).reasons.join(' ')).toContain('treated as foreign');
  });

  it('explains each outcome in sentences a lawyer can read, naming the tests in words', () => {
    const cite = '(89 FR 5698 (Jan. 29, 2024), proposed 15 CFR 7.300 (definition of U.S. person; the section is a reading, within 7.300-7.310))';
    expect(classifyUsPerson({ kind: 'individual' }).reasons).toEqual([
      'It is not yet known whether the individual is a U.S. citizen, is a lawful permanent resident of the United States or is located in the United States.',
      `Until that is known, the individual is treated as foreign (rule set policy: a customer is treated as foreign until U.S. status is established; 89 FR 5698 (Jan. 29, 2024), proposed 15 CFR 7.300 (definition of U.S. person; the section is a reading, within 7.300-7.310)).`,
    ]);
    expect(classifyUsPerson({ kind: 'individual', usCitizen: false, locatedInUnitedStates: false }).reasons[0]).toBe(
      'The individual is not a U.S. citizen and is not located in the United States, but it is not yet known whether the individual is a lawful permanent resident of the United States.',
    );
    expect(classifyUsPerson({ kind: 'entity', organizedUnderUsLaw: false, foreignBranchOfUsEntity: false, locatedInUnitedStates: false }).reasons).toEqual([
      `The entity is not organized under the laws of the United States or a U.S. jurisdiction, is not a foreign branch of an entity organized under U.S. law and is not located in the United States: none of the tests for a U.S. person is met, so the entity is a foreign person ${cite}.`,
    ]);
    expect(classifyUsPerson({ kind: 'individual', usCitizen: true, locatedInUnitedStates: true }).reasons).toEqual([
      `The individual is a U.S. citizen and is located in the United States, so the individual is a U.S. person ${cite}.`,
    ]);
    const tracked = mustTrackCustomer({ customer: { kind: 'entity' }, beneficialOwners: [] });
    expect(tracked.reasons[0]).toMatch(/^Customer: U\.S\.-person status not yet known\. It is not yet known whether the entity is organized/);
    expect(tracked.reasons.at(-1)).toBe(
      "Tracked: the customer (U.S.-person status not yet known) is not established as a U.S. person, so the CIP's identification and verification apply.",
    );
    // No sentence names a field by its code name.
    const all = [tracked, mustTrackCustomer({ customer: { kind: 'individual', usCitizen: false }, beneficialOwners: [{ id: 'bo1', kind: 'individual' }] })].flatMap((r) => r.reasons).join(' ');
    expect(all).not.toMatch(/usCitizen|usLawfulPermanentResident|locatedInUnitedStates|organizedUnderUsLaw|foreignBranchOfUsEntity|it meets/);
  });

  it('rejects malformed facts with the field', () => {
    expect(() => classifyUsPerson({ kind: 'robot' } as unknown as PersonFacts, 'customer')).toThrow(expect.objectContaining({ field: 'customer.kind' }));
    expect(() => classifyUsPerson({ kind: 'individual', usCitizen: 'yes' } as unknown as PersonFacts)).toThrow(RuleInputError);
  });
});

describe('mustTrackCustomer', () => {
  const us: PersonFacts = { kind: 'entity', organizedUnderUsLaw: true };
  it('does not track a U.S. customer whose beneficial owners are all U.S. persons', () => {
    const result = mustTrackCustomer({ customer: us, beneficialOwners: [{ id: 'bo1', kind: 'individual', usCitizen: true }] });
    expect(result.mustTrack).toBe(false);
    expect(result.reasons.at(-1)).toContain('Not tracked');
  });

  it('tracks a U.S. customer with one foreign beneficial owner', () => {
    const result = mustTrackCustomer({
      customer: us,
      beneficialOwners: [
        { id: 'bo1', kind: 'individual', usCitizen: true },
        { id: 'bo2', kind: 'individual', usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false },
      ],
    });
    expect(result.mustTrack).toBe(true);
    expect(result.reasons.at(-1)).toBe("Tracked: beneficial owner bo2 (a foreign person) is not established as a U.S. person, so the CIP's identification and verification apply.");
  });

  it('tracks while a beneficial owner is still unknown', () => {
    expect(mustTrackCustomer({ customer: us, beneficialOwners: [{ id: 'bo1', kind: 'individual' }] }).mustTrack).toBe(true);
  });

  it('tracks a foreign customer with no beneficial owners', () => {
    const result = mustTrackCustomer({ customer: { kind: 'entity', organizedUnderUsLaw: false, foreignBranchOfUsEntity: false, locatedInUnitedStates: false }, beneficialOwners: [] });
    expect(result.mustTrack).toBe(true);
    expect(result.customer.status).toBe('foreign');
  });

  it('names the field of a bad beneficial owner', () => {
    expect(() => mustTrackCustomer({ customer: us, beneficialOwners: [{ id: 'x', kind: 'alien' } as unknown as PersonFacts & { id: string }] })).toThrow(
      expect.objectContaining({ field: 'beneficialOwners[0].kind' }),
    );
  });
});
