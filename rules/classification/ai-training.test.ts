import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleInputError } from '../errors.js';
import { NPRM_2024 } from '../rule-sets/nprm-2024.js';
import { classifyTrainingRun, type TrainingClusterFacts, type TrainingRunFacts } from './ai-training.js';

/** A cluster meeting every cluster criterion of EO 14110 sec. 4.2(c)(iii). */
const qualifyingCluster: TrainingClusterFacts = {
  coLocatedInSingleDataCentre: true,
  networkingGbitPerSecond: 400,
  peakOperationsPerSecond: '2e20',
};
const TEN_TO_26_PLUS_1 = '100000000000000000000000001';

type RunChanges = Omit<Partial<TrainingRunFacts>, 'cluster'> & { cluster?: Partial<TrainingClusterFacts> };

const run = (facts: RunChanges): TrainingRunFacts => ({
  operations: TEN_TO_26_PLUS_1,
  ...facts,
  cluster: { ...qualifyingCluster, ...facts.cluster },
});

describe('classifyTrainingRun (EO 14110 sec. 4.2(c)(iii), rule set NPRM-2024)', () => {
  it('covers 10^26 + 1 operations on a qualifying cluster, and explains every criterion', () => {
    const result = classifyTrainingRun(run({}), NPRM_2024);
    expect(result.covered).toBe(true);
    expect(result.operations).toBe(TEN_TO_26_PLUS_1);
    expect(result.thresholdOperations).toBe('1e26');
    expect(result.criteria.map((c) => [c.id, c.met])).toEqual([
      ['training-operations', true],
      ['single-data-centre', true],
      ['cluster-networking', true],
      ['cluster-peak-capacity', true],
    ]);
    expect(result.reasons[0]).toContain('Executive Order 14110 (Oct. 30, 2023), sec. 4.2(c)(iii)');
    expect(result.reasons.at(-1)).toBe(
      'Every criterion is met: a covered large-AI-model training run under rule set NPRM-2024 (reportable when by, for, or on behalf of a foreign person).',
    );
  });

  it('does not cover the same run on a cluster below 10^20 operations per second', () => {
    const result = classifyTrainingRun(run({ cluster: { peakOperationsPerSecond: '99999999999999999999' } }), NPRM_2024);
    expect(result.covered).toBe(false);
    expect(result.criteria.find((c) => c.id === 'cluster-peak-capacity')).toMatchObject({
      met: false,
      actual: '99999999999999999999',
      required: 'at least 1e20 operations per second',
    });
    expect(result.reasons.at(-1)).toContain('criteria not met: cluster-peak-capacity');
  });

  it('does not cover 10^24 operations on biological sequence data: the IaaS test has no biological prong', () => {
    const result = classifyTrainingRun(run({ operations: '1e24', primarilyBiologicalSequenceData: true }), NPRM_2024);
    expect(result.covered).toBe(false);
    expect(result.thresholdOperations).toBe('1e26');
    expect(result.criteria.find((c) => c.id === 'training-operations')).toMatchObject({ met: false, actual: '1e24' });
    expect(result.reasons.join(' ')).toContain('has no biological-sequence-data prong');
  });

  it.each<[string, RunChanges, boolean]>([
    ['exactly 10^26 operations ("more than")', { operations: '1e26' }, false],
    ['the number 1e26 (10^26, not its binary neighbour)', { operations: 1e26 }, false],
    ['10^26 + 1 as a bigint', { operations: 10n ** 26n + 1n }, true],
    ['1.2e26', { operations: '1.2e26' }, true],
    ['machines in two data centres', { cluster: { coLocatedInSingleDataCentre: false } }, false],
    ['exactly 100 Gbit/s ("over 100")', { cluster: { networkingGbitPerSecond: 100 } }, false],
    ['100.5 Gbit/s', { cluster: { networkingGbitPerSecond: '100.5' } }, true],
    ['exactly 10^20 operations per second ("at least", the desk\'s reading)', { cluster: { peakOperationsPerSecond: '1e20' } }, true],
    ['10^26 + 1 on biological data, qualifying cluster (biological data changes nothing)', { primarilyBiologicalSequenceData: true }, true],
  ])('%s -> covered: %s', (_name, facts, covered) => {
    expect(classifyTrainingRun(run(facts), NPRM_2024).covered).toBe(covered);
  });

  it('needs every criterion: covered exactly when all four are met', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -3n, max: 3n }),
        fc.boolean(),
        fc.bigInt({ min: -3n, max: 3n }),
        fc.bigInt({ min: -3n, max: 3n }),
        (opsDelta, coLocated, netDelta, peakDelta) => {
          const result = classifyTrainingRun(
            {
              operations: (10n ** 26n + opsDelta).toString(),
              cluster: {
                coLocatedInSingleDataCentre: coLocated,
                networkingGbitPerSecond: (100n + netDelta).toString(),
                peakOperationsPerSecond: (10n ** 20n + peakDelta).toString(),
              },
            },
            NPRM_2024,
          );
          expect(result.covered).toBe(opsDelta > 0n && coLocated && netDelta > 0n && peakDelta >= 0n);
          expect(result.criteria.filter((c) => !c.met).length === 0).toBe(result.covered);
        },
      ),
    );
  });

  it.each([
    [{ operations: '-1e26', cluster: qualifyingCluster }, 'operations'],
    [{ operations: 'lots', cluster: qualifyingCluster }, 'operations'],
    [{ operations: Number.NaN, cluster: qualifyingCluster }, 'operations'],
    [{ operations: Number.POSITIVE_INFINITY, cluster: qualifyingCluster }, 'operations'],
    [{ operations: '1e26' }, 'cluster'],
    [{ operations: '1e26', cluster: { ...qualifyingCluster, coLocatedInSingleDataCentre: 'yes' } }, 'cluster.coLocatedInSingleDataCentre'],
    [{ operations: '1e26', cluster: { ...qualifyingCluster, networkingGbitPerSecond: -400 } }, 'cluster.networkingGbitPerSecond'],
    [{ operations: '1e26', cluster: { ...qualifyingCluster, peakOperationsPerSecond: 'fast' } }, 'cluster.peakOperationsPerSecond'],
    [{ operations: '1e26', cluster: qualifyingCluster, primarilyBiologicalSequenceData: 'no' }, 'primarilyBiologicalSequenceData'],
  ])('rejects %j naming %s', (facts, field) => {
    const classify = () => classifyTrainingRun(facts as unknown as TrainingRunFacts, NPRM_2024);
    expect(classify).toThrow(RuleInputError);
    expect(classify).toThrow(expect.objectContaining({ field }));
  });
});

describe('what a handler reads about a training run', () => {
  const coverage = NPRM_2024.regulatory.aiTrainingCoverage;

  it('states each criterion met, in order, with the figures', () => {
    const result = classifyTrainingRun(run({}), NPRM_2024);
    expect(result.reasons).toEqual([
      `${coverage.trainingOperations.explanation} (${coverage.trainingOperations.citation})`,
      `Training operations: estimated ${TEN_TO_26_PLUS_1}, which is more than 1e26.`,
      "Cluster location: the cluster's machines are physically co-located in a single data centre.",
      'Cluster networking: 400 Gbit/s, which is more than 100 Gbit/s.',
      'Cluster capacity: a theoretical maximum of 2e20 operations per second for training, which is at least 1e20.',
      'Every criterion is met: a covered large-AI-model training run under rule set NPRM-2024 (reportable when by, for, or on behalf of a foreign person).',
    ]);
    expect(result.criteria.map((c) => [c.actual, c.required])).toEqual([
      [TEN_TO_26_PLUS_1, 'more than 1e26'],
      ['true', 'machines physically co-located in a single data centre'],
      ['400', 'more than 100 Gbit/s'],
      ['2e20', 'at least 1e20 operations per second'],
    ]);
    expect(result.ruleSetId).toBe('NPRM-2024');
  });

  it('states each criterion not met, and every one that failed, at the thresholds themselves', () => {
    const result = classifyTrainingRun(
      run({ operations: '1e26', primarilyBiologicalSequenceData: true, cluster: { coLocatedInSingleDataCentre: false, networkingGbitPerSecond: '100', peakOperationsPerSecond: '1e20' } }),
      NPRM_2024,
    );
    expect(result.reasons.slice(1)).toEqual([
      'Training operations: estimated 1e26, which is not more than 1e26.',
      "Cluster location: the cluster's machines are not physically co-located in a single data centre.",
      'Cluster networking: 100 Gbit/s, which is not more than 100 Gbit/s.',
      'Cluster capacity: a theoretical maximum of 1e20 operations per second for training, which is at least 1e20.',
      'The run uses primarily biological sequence data. That does not lower the threshold: the IaaS training-report test has no biological-sequence-data prong (that prong belongs to the dual-use foundation model test of sec. 4.2(b)).',
      'Not a covered large-AI-model training run under rule set NPRM-2024: criteria not met: training-operations, single-data-centre, cluster-networking. A handler may still open a report case, with a reason.',
    ]);
    expect(classifyTrainingRun(run({ cluster: { peakOperationsPerSecond: '9e19' } }), NPRM_2024).reasons[4]).toBe(
      'Cluster capacity: a theoretical maximum of 9e19 operations per second for training, which is less than 1e20.',
    );
    // no biological sentence when the fact is false or not given
    expect(classifyTrainingRun(run({ primarilyBiologicalSequenceData: false }), NPRM_2024).reasons).toHaveLength(6);
  });

  it.each<[unknown, string, string]>([
    [null, 'run', 'must be an object'],
    ['1e26', 'run', 'must be an object'],
    [{ operations: '1e26', cluster: 'big' }, 'cluster', 'must describe the training cluster: { coLocatedInSingleDataCentre, networkingGbitPerSecond, peakOperationsPerSecond }'],
    [{ operations: '1e26', cluster: null }, 'cluster', 'must describe the training cluster: { coLocatedInSingleDataCentre, networkingGbitPerSecond, peakOperationsPerSecond }'],
    [{ operations: '1e26', cluster: { ...qualifyingCluster, coLocatedInSingleDataCentre: undefined } }, 'cluster.coLocatedInSingleDataCentre', 'must be true or false'],
    [{ operations: '-1', cluster: qualifyingCluster }, 'operations', 'cannot be negative'],
    [{ operations: '1e26', cluster: qualifyingCluster, primarilyBiologicalSequenceData: 1 }, 'primarilyBiologicalSequenceData', 'must be true or false when given'],
  ])('refuses %j with its message', (facts, field, message) => {
    expect(() => classifyTrainingRun(facts as TrainingRunFacts, NPRM_2024)).toThrow(expect.objectContaining({ field, message: `${field}: ${message}` }));
  });

  it('takes zero operations as a figure, not covered', () => {
    expect(classifyTrainingRun(run({ operations: '0' }), NPRM_2024).criteria[0]).toMatchObject({ met: false, actual: '0' });
  });

  it('names the rule-set figure that cannot be read', () => {
    const broken = {
      ...NPRM_2024,
      regulatory: { ...NPRM_2024.regulatory, aiTrainingCoverage: { ...coverage, clusterNetworkingGbitPerSecond: { ...coverage.clusterNetworkingGbitPerSecond, value: 'fast' } } },
    };
    expect(() => classifyTrainingRun(run({}), broken)).toThrow(expect.objectContaining({ field: 'ruleSet.regulatory.aiTrainingCoverage.clusterNetworkingGbitPerSecond' }));
  });
});
