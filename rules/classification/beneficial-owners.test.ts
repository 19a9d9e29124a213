import { describe, expect, it } from 'vitest';
import { RuleInputError } from '../errors.js';
import { NPRM_2024 } from '../rule-sets/nprm-2024.js';
import { findBeneficialOwners, type BeneficialOwnerInput } from './beneficial-owners.js';

const individuals = (...ids: string[]) => ids.map((id) => ({ id, kind: 'individual' as const }));
const entities = (...ids: string[]) => ids.map((id) => ({ id, kind: 'entity' as const }));

describe('findBeneficialOwners', () => {
  it('multiplies along chains and adds over chains', () => {
    const result = findBeneficialOwners(
      {
        customerId: 'C',
        parties: [...entities('C', 'H1'), ...individuals('A', 'B', 'D')],
        stakes: [
          { ownerId: 'A', ownedId: 'H1', percent: 50 },
          { ownerId: 'H1', ownedId: 'C', percent: 55 },
          { ownerId: 'B', ownedId: 'C', percent: 20 },
          { ownerId: 'B', ownedId: 'H1', percent: 10 },
          { ownerId: 'D', ownedId: 'C', percent: '24.99' },
        ],
      },
      NPRM_2024,
    );
    expect(result.owners.map((o) => [o.individualId, o.ownershipPercentExact, o.byOwnership])).toEqual([
      ['A', '55/2', true],
      ['B', '51/2', true],
    ]);
    expect(result.owners[1]?.paths).toEqual([
      { chain: ['B', 'C'], percent: 20 },
      { chain: ['B', 'H1', 'C'], percent: 5.5 },
    ]);
    expect(result.belowThreshold).toEqual([{ individualId: 'D', ownershipPercent: 24.99, ownershipPercentExact: '2499/100' }]);
    expect(result.explanation.join('\n')).toContain('B owns 25.5% of C (51/2% exactly) through 2 chains, added together: B -> C (20%); B -> H1 -> C (5.5%)');
  });

  it('explains an owner below the threshold in a sentence, without repeating an exact share', () => {
    const result = findBeneficialOwners(
      {
        customerId: 'E',
        parties: [{ id: 'E', kind: 'entity' }, { id: 'A', kind: 'individual' }, { id: 'C', kind: 'individual' }],
        stakes: [{ ownerId: 'A', ownedId: 'E', percent: '30' }, { ownerId: 'C', ownedId: 'E', percent: '10' }],
      },
      NPRM_2024,
    );
    expect(result.explanation).toContain('A owns 30% of E through one chain: A -> E (30%). Along a chain the percentages multiply.');
    expect(result.explanation).toContain(
      'C owns 10% of E, below the 25% threshold, and no substantial-control determination is recorded, so C is not a beneficial owner.',
    );
  });

  it('counts exactly 25% as a beneficial owner, even where floating point would say 24.999...', () => {
    // 0.1% + 2% + 22.9% = 25% exactly; in binary floating point the fractions sum to 0.24999999999999997.
    const result = findBeneficialOwners(
      {
        customerId: 'C',
        parties: [...entities('C', 'H1', 'H2'), ...individuals('A')],
        stakes: [
          { ownerId: 'A', ownedId: 'C', percent: 0.1 },
          { ownerId: 'A', ownedId: 'H1', percent: 100 },
          { ownerId: 'H1', ownedId: 'C', percent: 2 },
          { ownerId: 'A', ownedId: 'H2', percent: 100 },
          { ownerId: 'H2', ownedId: 'C', percent: 22.9 },
        ],
      },
      NPRM_2024,
    );
    expect(result.owners.map((o) => [o.individualId, o.ownershipPercentExact, o.byOwnership])).toEqual([['A', '25', true]]);
  });

  it('adds individuals with a recorded substantial-control determination', () => {
    const result = findBeneficialOwners(
      {
        customerId: 'C',
        parties: [...entities('C'), ...individuals('CEO', 'A')],
        stakes: [{ ownerId: 'A', ownedId: 'C', percent: 10 }],
        substantialControl: [{ individualId: 'CEO', reason: 'Chief executive with sole signing authority', determinedBy: 'handler-7' }],
      },
      NPRM_2024,
    );
    expect(result.owners).toEqual([
      expect.objectContaining({
        individualId: 'CEO',
        byOwnership: false,
        bySubstantialControl: true,
        substantialControlReason: 'Chief executive with sole signing authority',
        ownershipPercent: 0,
      }),
    ]);
    expect(result.owners[0]?.reasons.join(' ')).toContain('A handler (handler-7) determined that CEO exercises substantial control');
    expect(result.belowThreshold.map((b) => b.individualId)).toEqual(['A']);
  });

  const base: BeneficialOwnerInput = { customerId: 'C', parties: [...entities('C', 'H1', 'H2'), ...individuals('A')], stakes: [] };
  it.each<[string, Partial<BeneficialOwnerInput>, string]>([
    ['substantial control without a reason', { substantialControl: [{ individualId: 'A', reason: '  ' }] }, 'substantialControl[0].reason'],
    ['substantial control of an entity', { substantialControl: [{ individualId: 'H1', reason: 'x' }] }, 'substantialControl[0].individualId'],
    ['an ownership cycle', { stakes: [{ ownerId: 'H1', ownedId: 'C', percent: 50 }, { ownerId: 'H2', ownedId: 'H1', percent: 50 }, { ownerId: 'H1', ownedId: 'H2', percent: 50 }] }, 'stakes'],
    ['stakes above 100%', { stakes: [{ ownerId: 'H1', ownedId: 'C', percent: 60 }, { ownerId: 'H2', ownedId: 'C', percent: 41 }] }, 'stakes[1].percent'],
    ['a zero stake', { stakes: [{ ownerId: 'A', ownedId: 'C', percent: 0 }] }, 'stakes[0].percent'],
    ['a stake that is not a number', { stakes: [{ ownerId: 'A', ownedId: 'C', percent: 'a lot' }] }, 'stakes[0].percent'],
    ['an owned individual', { stakes: [{ ownerId: 'H1', ownedId: 'A', percent: 10 }] }, 'stakes[0].ownedId'],
    ['an unknown owner', { stakes: [{ ownerId: 'Z', ownedId: 'C', percent: 10 }] }, 'stakes[0].ownerId'],
    ['an unknown customer', { customerId: 'nobody' }, 'customerId'],
  ])('rejects %s', (_name, patch, field) => {
    expect(() => findBeneficialOwners({ ...base, ...patch }, NPRM_2024)).toThrow(RuleInputError);
    expect(() => findBeneficialOwners({ ...base, ...patch }, NPRM_2024)).toThrow(expect.objectContaining({ field }));
  });
});

describe('owners by ownership alone', () => {
  it('are not owners by substantial control, and carry no control reason', () => {
    const result = findBeneficialOwners(
      { customerId: 'C', parties: [...entities('C'), ...individuals('A')], stakes: [{ ownerId: 'A', ownedId: 'C', percent: 40 }] },
      NPRM_2024,
    );
    expect(result.owners).toHaveLength(1);
    expect(result.owners[0]).toMatchObject({ individualId: 'A', byOwnership: true, bySubstantialControl: false, ownershipPercentExact: '40' });
    expect(result.owners[0]).not.toHaveProperty('substantialControlReason');
    expect(result.owners[0]?.reasons).toHaveLength(2);
    expect(result.explanation[1]).toBe('Beneficial owners of C: A.');
  });
});

describe('what a reviewer reads about beneficial owners', () => {
  const CITE = '89 FR 5698 (Jan. 29, 2024), proposed 15 CFR 7.300 (definitions; the section is a reading, within 7.300-7.310)';

  it('opens with the threshold rule and its citation, and says when there is no owner', () => {
    const result = findBeneficialOwners({ customerId: 'C', parties: [...entities('C'), ...individuals('A', 'Z')], stakes: [{ ownerId: 'A', ownedId: 'C', percent: 5 }] }, NPRM_2024);
    expect(result.thresholdPercent).toBe(25);
    expect(result.owners).toEqual([]);
    expect(result.explanation).toEqual([
      `${NPRM_2024.regulatory.beneficialOwnershipThresholdPercent.explanation} (${CITE})`,
      'C has no beneficial owner on these facts.',
      'A owns 5% of C, below the 25% threshold, and no substantial-control determination is recorded, so A is not a beneficial owner.',
    ]);
    // an individual with no stake at all is neither an owner nor listed below the threshold
    expect(result.belowThreshold.map((b) => b.individualId)).toEqual(['A']);
  });

  it('states an owner by ownership and by control, with the trimmed reason and without a determiner when none is named', () => {
    const result = findBeneficialOwners(
      {
        customerId: 'C',
        parties: [...entities('C', 'H1', 'H2'), ...individuals('A', 'B')],
        stakes: [
          { ownerId: 'H1', ownedId: 'C', percent: 50 },
          { ownerId: 'H2', ownedId: 'C', percent: 50 },
          { ownerId: 'A', ownedId: 'H1', percent: '33.3333' },
          { ownerId: 'A', ownedId: 'H2', percent: '33.3333' },
        ],
        substantialControl: [
          { individualId: 'A', reason: '  signs every contract  ' },
          { individualId: 'B', reason: 'Chief executive' },
        ],
      },
      NPRM_2024,
    );
    expect(result.owners.map((o) => [o.individualId, o.byOwnership, o.bySubstantialControl, o.substantialControlReason, o.ownershipPercent])).toEqual([
      ['A', true, true, 'signs every contract', 33.3333],
      ['B', false, true, 'Chief executive', 0],
    ]);
    expect(result.owners[0]?.paths).toEqual([
      { chain: ['A', 'H1', 'C'], percent: 16.66665 },
      { chain: ['A', 'H2', 'C'], percent: 16.66665 },
    ]);
    expect(result.owners[0]?.reasons).toEqual([
      'A owns 33.3333% of C (333333/10000% exactly) through 2 chains, added together: A -> H1 -> C (16.66665%); A -> H2 -> C (16.66665%). Along a chain the percentages multiply.',
      `That is at least the 25% threshold, so A is a beneficial owner by ownership (${CITE}).`,
      `A handler determined that A exercises substantial control: "signs every contract". The NPRM does not define substantial control; it is this recorded determination (${CITE}).`,
    ]);
    expect(result.owners[1]?.reasons).toEqual([
      `A handler determined that B exercises substantial control: "Chief executive". The NPRM does not define substantial control; it is this recorded determination (${CITE}).`,
    ]);
    expect(result.explanation[1]).toBe('Beneficial owners of C: A, B.');
    expect(result.explanation).toHaveLength(6);
    expect(result.belowThreshold).toEqual([]);
  });

  it('says an owner by control alone holds a stake below the threshold', () => {
    const result = findBeneficialOwners(
      {
        customerId: 'C',
        parties: [...entities('C'), ...individuals('A')],
        stakes: [{ ownerId: 'A', ownedId: 'C', percent: 10 }],
        substantialControl: [{ individualId: 'A', reason: 'founder' }],
      },
      NPRM_2024,
    );
    expect(result.owners[0]).toMatchObject({ byOwnership: false, bySubstantialControl: true, ownershipPercentExact: '10' });
    expect(result.owners[0]?.reasons.slice(0, 2)).toEqual([
      'A owns 10% of C through one chain: A -> C (10%). Along a chain the percentages multiply.',
      'That is below the 25% threshold.',
    ]);
    expect(result.belowThreshold).toEqual([]);
  });

  it('orders equal chains by name, keeps a long share exact, and names every link of a long chain', () => {
    const result = findBeneficialOwners(
      {
        customerId: 'C',
        parties: [...entities('C', 'HB', 'HA'), ...individuals('A')],
        stakes: [
          { ownerId: 'HB', ownedId: 'C', percent: '50' },
          { ownerId: 'HA', ownedId: 'C', percent: '50' },
          { ownerId: 'A', ownedId: 'HB', percent: '100' },
          { ownerId: 'A', ownedId: 'HA', percent: '100' },
        ],
      },
      NPRM_2024,
    );
    expect(result.owners[0]?.paths.map((p) => p.chain.join('>'))).toEqual(['A>HA>C', 'A>HB>C']);
    const third = findBeneficialOwners(
      { customerId: 'C', parties: [...entities('C', 'H'), ...individuals('A')], stakes: [{ ownerId: 'H', ownedId: 'C', percent: 100 }, { ownerId: 'A', ownedId: 'H', percent: '33.33333333333333333333' }] },
      NPRM_2024,
    );
    expect(third.owners[0]?.ownershipPercentExact).toBe('3333333333333333333333/100000000000000000000');
    const owner = findBeneficialOwners(
      { customerId: 'C', parties: [...entities('C', 'H1', 'H2', 'H3'), ...individuals('A')], stakes: [
        { ownerId: 'H1', ownedId: 'C', percent: 100 },
        { ownerId: 'H2', ownedId: 'H1', percent: 100 },
        { ownerId: 'H3', ownedId: 'H2', percent: 100 },
        { ownerId: 'A', ownedId: 'H3', percent: 40 },
      ] },
      NPRM_2024,
    );
    expect(owner.owners[0]?.reasons[0]).toBe('A owns 40% of C through one chain: A -> H3 -> H2 -> H1 -> C (40%). Along a chain the percentages multiply.');
  });

  it('orders several chains from the largest holding down', () => {
    const result = findBeneficialOwners(
      {
        customerId: 'C',
        parties: [...entities('C', 'HA', 'HB'), ...individuals('A')],
        stakes: [
          { ownerId: 'HA', ownedId: 'C', percent: 10 },
          { ownerId: 'HB', ownedId: 'C', percent: 60 },
          { ownerId: 'A', ownedId: 'HA', percent: 100 },
          { ownerId: 'A', ownedId: 'HB', percent: 50 },
          { ownerId: 'A', ownedId: 'C', percent: 5 },
        ],
      },
      NPRM_2024,
    );
    expect(result.owners[0]?.paths).toEqual([
      { chain: ['A', 'HB', 'C'], percent: 30 },
      { chain: ['A', 'HA', 'C'], percent: 10 },
      { chain: ['A', 'C'], percent: 5 },
    ]);
    expect(result.owners[0]?.ownershipPercent).toBe(45);
  });

  const base: BeneficialOwnerInput = { customerId: 'C', parties: [...entities('C', 'H1', 'H2'), ...individuals('A')], stakes: [] };
  it.each<[string, unknown, string, string]>([
    ['no input', null, 'input', 'must be an object'],
    ['no parties', { customerId: 'C', stakes: [] }, 'customerId', '"C" is not among the parties'],
    ['a party without an id', { ...base, parties: [...base.parties, { kind: 'individual' }] }, 'parties[4].id', 'must be a non-empty string'],
    ['a party with an empty id', { ...base, parties: [{ id: '', kind: 'entity' }] }, 'parties[0].id', 'must be a non-empty string'],
    ['a party of no known kind', { ...base, parties: [...base.parties, { id: 'T', kind: 'trust' }] }, 'parties[4].kind', 'must be "individual" or "entity"'],
    ['a party twice', { ...base, parties: [...base.parties, { id: 'A', kind: 'individual' }] }, 'parties[4].id', 'duplicate party "A"'],
    ['an unknown owned party', { ...base, stakes: [{ ownerId: 'A', ownedId: 'X', percent: 10 }] }, 'stakes[0].ownedId', '"X" is not among the parties'],
    ['an owned individual', { ...base, stakes: [{ ownerId: 'H1', ownedId: 'A', percent: 10 }] }, 'stakes[0].ownedId', '"A" is an individual; only entities have ownership interests'],
    ['a party owning itself', { ...base, stakes: [{ ownerId: 'H1', ownedId: 'H1', percent: 10 }] }, 'stakes[0]', '"H1" cannot own itself'],
    ['a stake above 100%', { ...base, stakes: [{ ownerId: 'A', ownedId: 'C', percent: '100.01' }] }, 'stakes[0].percent', 'must be more than 0 and at most 100'],
    ['a negative stake', { ...base, stakes: [{ ownerId: 'A', ownedId: 'C', percent: -5 }] }, 'stakes[0].percent', 'must be more than 0 and at most 100'],
    ['a stake given twice', { ...base, stakes: [{ ownerId: 'A', ownedId: 'C', percent: 10 }, { ownerId: 'A', ownedId: 'C', percent: 5 }] }, 'stakes[1]', 'duplicate stake of "A" in "C"'],
    ['stakes adding up to more than 100%', { ...base, stakes: [{ ownerId: 'H1', ownedId: 'C', percent: 60 }, { ownerId: 'H2', ownedId: 'C', percent: '40.5' }] }, 'stakes[1].percent', 'stakes in "C" add up to more than 100% (100.5%)'],
    ['an ownership cycle', { ...base, stakes: [{ ownerId: 'H1', ownedId: 'C', percent: 50 }, { ownerId: 'H2', ownedId: 'H1', percent: 50 }, { ownerId: 'H1', ownedId: 'H2', percent: 50 }] }, 'stakes', 'ownership cycle: H1 -> H2 -> H1 -> C'],
    ['control by an unknown individual', { ...base, substantialControl: [{ individualId: 'Q', reason: 'x' }] }, 'substantialControl[0].individualId', '"Q" is not an individual among the parties'],
    ['control without a reason', { ...base, substantialControl: [{ individualId: 'A' }] }, 'substantialControl[0].reason', 'a substantial-control determination must record its reason'],
  ])('refuses %s, naming the field', (_name, input, field, message) => {
    expect(() => findBeneficialOwners(input as BeneficialOwnerInput, NPRM_2024)).toThrow(expect.objectContaining({ field, message: `${field}: ${message}` }));
  });

  it('takes a stake of exactly 100% and stakes adding up to exactly 100%', () => {
    const result = findBeneficialOwners(
      { ...base, stakes: [{ ownerId: 'H1', ownedId: 'C', percent: 100 }, { ownerId: 'A', ownedId: 'H1', percent: '60' }, { ownerId: 'H2', ownedId: 'H1', percent: '40' }] },
      NPRM_2024,
    );
    expect(result.owners.map((o) => [o.individualId, o.ownershipPercent])).toEqual([['A', 60]]);
  });

  it('refuses a structure with more than 10,000 ownership chains, and takes one with exactly 10,000', () => {
    // C is owned by 100 holdings (1% each); each holding by the same 99 holdings: 100 + 9,900 = 10,000 chains walked.
    const tier1 = Array.from({ length: 100 }, (_, i) => `E${i}`);
    const tier2 = Array.from({ length: 99 }, (_, i) => `F${i}`);
    const stakes = [
      ...tier1.map((e) => ({ ownerId: e, ownedId: 'C', percent: 1 })),
      ...tier1.flatMap((e) => tier2.map((f) => ({ ownerId: f, ownedId: e, percent: 1 }))),
    ];
    const parties = [...entities('C', ...tier1, ...tier2), ...individuals('A')];
    expect(findBeneficialOwners({ customerId: 'C', parties, stakes }, NPRM_2024).owners).toEqual([]);
    expect(() => findBeneficialOwners({ customerId: 'C', parties, stakes: [...stakes, { ownerId: 'A', ownedId: 'E0', percent: 1 }] }, NPRM_2024)).toThrow(
      expect.objectContaining({ field: 'stakes', message: 'stakes: more than 10000 ownership chains; simplify the structure' }),
    );
  });
});

describe('inputs a mutation run showed untried', () => {
  const parties = [...entities('C', 'H1'), ...individuals('A')];
  it.each<[string, unknown, string, string]>([
    ['input that is not an object', 'C', 'input', 'must be an object'],
    ['a missing party', { customerId: 'C', parties: [null], stakes: [] }, 'parties[0].id', 'must be a non-empty string'],
    ['a missing stake', { customerId: 'C', parties, stakes: [null] }, 'stakes[0].ownerId', '"undefined" is not among the parties'],
    ['a stake without its owned party', { customerId: 'C', parties, stakes: [{ ownerId: 'A', percent: 10 }] }, 'stakes[0].ownedId', '"undefined" is not among the parties'],
    ['a missing control determination', { customerId: 'C', parties, stakes: [], substantialControl: [null] }, 'substantialControl[0].individualId', '"undefined" is not an individual among the parties'],
  ])('refuses %s, naming the field', (_name, input, field, message) => {
    expect(() => findBeneficialOwners(input as BeneficialOwnerInput, NPRM_2024)).toThrow(expect.objectContaining({ field, message: `${field}: ${message}` }));
  });

  it('takes a structure with no stakes given', () => {
    expect(findBeneficialOwners({ customerId: 'C', parties } as unknown as BeneficialOwnerInput, NPRM_2024)).toMatchObject({ owners: [], belowThreshold: [] });
  });

  it("names the rule set's threshold when the rule set carries an unusable one", () => {
    const broken = {
      ...NPRM_2024,
      regulatory: { ...NPRM_2024.regulatory, beneficialOwnershipThresholdPercent: { ...NPRM_2024.regulatory.beneficialOwnershipThresholdPercent, value: 'a quarter' as unknown as number } },
    };
    expect(() => findBeneficialOwners({ customerId: 'C', parties, stakes: [] }, broken)).toThrow(
      expect.objectContaining({ field: 'ruleSet.beneficialOwnershipThresholdPercent' }),
    );
  });
});
