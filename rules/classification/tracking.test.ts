import { describe, expect, it } from 'vitest';
import { RuleInputError } from '../errors.js';
import { mustTrackCustomer, type TrackingInput } from './tracking.js';
import type { PersonFacts } from './us-person.js';

const CITE = '(89 FR 5698 (Jan. 29, 2024), proposed 15 CFR 7.300 (definition of U.S. person; the section is a reading, within 7.300-7.310))';
const usEntity: PersonFacts = { kind: 'entity', organizedUnderUsLaw: true };
const foreignIndividual: PersonFacts = { kind: 'individual', usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false };

describe('mustTrackCustomer: the explanation a reviewer reads', () => {
  it('states every party and why nothing more is tracked when all are U.S. persons', () => {
    const result = mustTrackCustomer({ customer: usEntity, beneficialOwners: [{ id: 'bo1', kind: 'individual', usCitizen: true }] });
    expect(result.mustTrack).toBe(false);
    expect(result.reasons).toEqual([
      `Customer: a U.S. person. The entity is organized under the laws of the United States or a U.S. jurisdiction, so the entity is a U.S. person ${CITE}.`,
      `Beneficial owner bo1: a U.S. person. The individual is a U.S. citizen, so the individual is a U.S. person ${CITE}.`,
      'Not tracked: the customer and all of its beneficial owners are U.S. persons, so nothing more is tracked.',
    ]);
    expect(result.customer).toMatchObject({ status: 'us', treatAsForeign: false });
    expect(result.beneficialOwners).toEqual([expect.objectContaining({ id: 'bo1', status: 'us', treatAsForeign: false })]);
  });

  it('names the customer and each owner not established as a U.S. person, in the plural', () => {
    const result = mustTrackCustomer({
      customer: foreignIndividual,
      beneficialOwners: [
        { id: 'bo1', kind: 'individual', usCitizen: true },
        { id: 'bo2', kind: 'individual' },
        { id: 'bo3', ...foreignIndividual },
      ],
    });
    expect(result.mustTrack).toBe(true);
    expect(result.reasons).toHaveLength(5);
    expect(result.reasons[0]).toBe(
      `Customer: a foreign person. The individual is not a U.S. citizen, is not a lawful permanent resident of the United States and is not located in the United States: none of the tests for a U.S. person is met, so the individual is a foreign person ${CITE}.`,
    );
    expect(result.reasons[2]).toBe(
      'Beneficial owner bo2: U.S.-person status not yet known. It is not yet known whether the individual is a U.S. citizen, is a lawful permanent resident of the United States or is located in the United States. ' +
        `Until that is known, the individual is treated as foreign (rule set policy: a customer is treated as foreign until U.S. status is established; ${CITE.slice(1, -1)}).`,
    );
    expect(result.reasons[4]).toBe(
      "Tracked: the customer (a foreign person), beneficial owner bo2 (U.S.-person status not yet known), beneficial owner bo3 (a foreign person) are not established as U.S. persons, so the CIP's identification and verification apply.",
    );
    expect(result.beneficialOwners.map((o) => [o.id, o.status])).toEqual([
      ['bo1', 'us'],
      ['bo2', 'unknown'],
      ['bo3', 'foreign'],
    ]);
  });

  it('tracks a foreign customer whose owners are all U.S. persons, naming only the customer', () => {
    const result = mustTrackCustomer({ customer: foreignIndividual, beneficialOwners: [{ id: 'bo1', kind: 'individual', usCitizen: true }] });
    expect(result.mustTrack).toBe(true);
    expect(result.reasons.at(-1)).toBe(
      "Tracked: the customer (a foreign person) is not established as a U.S. person, so the CIP's identification and verification apply.",
    );
  });

  it('gives both sentences of a customer whose status is not yet known', () => {
    expect(mustTrackCustomer({ customer: { kind: 'entity', organizedUnderUsLaw: false, foreignBranchOfUsEntity: false }, beneficialOwners: [] }).reasons[0]).toBe(
      'Customer: U.S.-person status not yet known. The entity is not organized under the laws of the United States or a U.S. jurisdiction and is not a foreign branch of an entity organized under U.S. law, but it is not yet known whether the entity is located in the United States. ' +
        `Until that is known, the entity is treated as foreign (rule set policy: a customer is treated as foreign until U.S. status is established; ${CITE.slice(1, -1)}).`,
    );
  });

  it.each<[string, unknown, string, string]>([
    ['no input', null, 'input', 'must be an object'],
    ['input that is not an object', 'customer', 'input', 'must be an object'],
    ['owners that are not a list', { customer: usEntity, beneficialOwners: { id: 'bo1' } }, 'beneficialOwners', 'must be a list (empty if none)'],
    ['owners left out', { customer: usEntity }, 'beneficialOwners', 'must be a list (empty if none)'],
    ['a customer without a kind', { customer: {}, beneficialOwners: [] }, 'customer.kind', 'must be "individual" or "entity"'],
  ])('refuses %s, naming the field', (_name, input, field, message) => {
    const run = () => mustTrackCustomer(input as TrackingInput);
    expect(run).toThrow(RuleInputError);
    expect(run).toThrow(expect.objectContaining({ field, message: `${field}: ${message}` }));
  });
});
