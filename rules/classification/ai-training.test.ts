import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleInputError } from '../errors.js';
import { NPRM_2024 } from '../rule-sets/nprm-2024.js';
import { classifyTrainingRun, type TrainingRunFacts } from './ai-training.js';

describe('classifyTrainingRun', () => {
  it.each<[TrainingRunFacts['operations'], boolean, boolean, string]>([
    ['1e26', false, false, '1e26'], // "more than": exactly the threshold is not covered
    [1e26, false, false, '1e26'], // the number 1e26 means 10^26, not its binary neighbour 100000000000000004764729344
    ['100000000000000000000000001', false, true, '100000000000000000000000001'],
    ['1.2e26', false, true, '1.2e26'],
    ['9.99e25', false, false, '9.99e25'],
    [10n ** 26n + 1n, false, true, '100000000000000000000000001'],
    ['2e23', true, true, '2e23'],
    ['2e23', false, false, '2e23'],
    ['1e23', true, false, '1e23'],
    ['1E+23', true, false, '1e23'],
    [0, false, false, '0'],
  ])('%s operations (bio: %s) -> covered: %s', (operations, bio, covered, shown) => {
    const result = classifyTrainingRun({ operations, primarilyBiologicalSequenceData: bio }, NPRM_2024);
    expect(result.covered).toBe(covered);
    expect(result.operations).toBe(shown);
    expect(result.thresholdApplied).toBe(bio ? 'biological-sequence-data' : 'general');
    expect(result.thresholdOperations).toBe(bio ? '1e23' : '1e26');
    expect(result.reasons[0]).toContain('Executive Order 14110 (Oct. 30, 2023), sec. 4.2(b)');
  });

  it('compares exactly at the threshold (bigint)', () => {
    const threshold = 10n ** 26n;
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), (delta) => {
        const result = classifyTrainingRun({ operations: (threshold + delta).toString(), primarilyBiologicalSequenceData: false }, NPRM_2024);
        expect(result.covered).toBe(delta > 0n);
      }),
    );
  });

  it.each([
    [{ operations: '-1e26', primarilyBiologicalSequenceData: false }, 'operations'],
    [{ operations: 'lots', primarilyBiologicalSequenceData: false }, 'operations'],
    [{ operations: Number.NaN, primarilyBiologicalSequenceData: false }, 'operations'],
    [{ operations: Number.POSITIVE_INFINITY, primarilyBiologicalSequenceData: false }, 'operations'],
    [{ operations: '1e26' }, 'primarilyBiologicalSequenceData'],
  ])('rejects %j naming %s', (run, field) => {
    expect(() => classifyTrainingRun(run as TrainingRunFacts, NPRM_2024)).toThrow(RuleInputError);
    expect(() => classifyTrainingRun(run as TrainingRunFacts, NPRM_2024)).toThrow(expect.objectContaining({ field }));
  });
});
