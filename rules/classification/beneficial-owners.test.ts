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
