/**
 * Whether a training run is a covered large-AI-model training run, the test that decides
 * whether a foreign person's transaction must be reported. The NPRM left the technical
 * conditions to a later notice; the rule set carries the interim ones (NPRM-2024: Executive
 * Order 14110 sec. 4.2(c)(iii)). Every criterion must be met:
 * - more than the rule set's training operations (10^26), and
 * - a cluster of machines physically co-located in a single data centre,
 * - transitively connected by data-centre networking of more than 100 Gbit/s,
 * - with a theoretical maximum of at least 10^20 operations per second for training AI.
 * There is no biological-sequence-data prong: that belongs to sec. 4.2(b), a different
 * reporting duty. Numbers compare exactly (decimal arithmetic on bigint), so "1e26" is not
 * covered and "100000000000000000000000001" is.
 */
import { compare, decimalToRational, formatDecimal, parseDecimal, type Decimal } from '../decimal.js';
import { RuleInputError } from '../errors.js';
import type { RuleSet, RuleValue } from '../rule-set.js';

type Quantity = number | bigint | string;

/** The computing cluster the run is trained on, as the provider knows it. */
export interface TrainingClusterFacts {
  /** Whether the cluster's machines are physically co-located in one data centre. */
  readonly coLocatedInSingleDataCentre: boolean;
  /** Bandwidth of the data-centre networking that transitively connects the machines, Gbit/s. */
  readonly networkingGbitPerSecond: Quantity;
  /** The cluster's theoretical maximum for training AI, integer or floating-point operations per second. */
  readonly peakOperationsPerSecond: Quantity;
}

export interface TrainingRunFacts {
  /** Estimated integer or floating-point operations: a number, a bigint, or a decimal string ("1.2e26"). */
  readonly operations: Quantity;
  readonly cluster: TrainingClusterFacts;
  /**
   * Recorded when known, but it changes nothing: the IaaS test has no lower threshold for
   * biological sequence data. The explanation says so, so that no reader expects one.
   */
  readonly primarilyBiologicalSequenceData?: boolean;
}

export type TrainingCriterionId = 'training-operations' | 'single-data-centre' | 'cluster-networking' | 'cluster-peak-capacity';

export interface TrainingCriterion {
  readonly id: TrainingCriterionId;
  readonly met: boolean;
  /** The run's or cluster's value as understood ("1.2e26", "400", "true"). */
  readonly actual: string;
  /** The rule set's value ("more than 1e26", "at least 1e20", "single data centre"). */
  readonly required: string;
  readonly reason: string;
}

export interface TrainingRunClassification {
  readonly covered: boolean;
  readonly ruleSetId: string;
  /** The run's operations as understood ("1.2e26"). */
  readonly operations: string;
  /** The training-operations threshold, as written in the rule set ("1e26"). */
  readonly thresholdOperations: string;
  readonly criteria: readonly TrainingCriterion[];
  /** Sentences a lawyer reads: the test, each criterion, the conclusion. */
  readonly reasons: readonly string[];
}

function quantity(value: unknown, field: string): Decimal {
  const parsed = parseDecimal(value, field);
  if (parsed.mantissa < 0n) throw new RuleInputError(field, 'cannot be negative');
  return parsed;
}

function cmp(a: Decimal, b: Decimal): number {
  return compare(decimalToRational(a), decimalToRational(b));
}

function limitOf(value: RuleValue<string>, field: string): Decimal {
  return parseDecimal(value.value, `ruleSet.regulatory.aiTrainingCoverage.${field}`);
}

export function classifyTrainingRun(run: TrainingRunFacts, ruleSet: RuleSet): TrainingRunClassification {
  if (run === null || typeof run !== 'object') throw new RuleInputError('run', 'must be an object');
  const ops = quantity(run.operations, 'operations');
  const cluster = run.cluster;
  if (cluster === null || typeof cluster !== 'object') {
    throw new RuleInputError('cluster', 'must describe the training cluster: { coLocatedInSingleDataCentre, networkingGbitPerSecond, peakOperationsPerSecond }');
  }
  if (typeof cluster.coLocatedInSingleDataCentre !== 'boolean') {
    throw new RuleInputError('cluster.coLocatedInSingleDataCentre', 'must be true or false');
  }
  const network = quantity(cluster.networkingGbitPerSecond, 'cluster.networkingGbitPerSecond');
  const peak = quantity(cluster.peakOperationsPerSecond, 'cluster.peakOperationsPerSecond');
  if (run.primarilyBiologicalSequenceData !== undefined && typeof run.primarilyBiologicalSequenceData !== 'boolean') {
    throw new RuleInputError('primarilyBiologicalSequenceData', 'must be true or false when given');
  }

  const c = ruleSet.regulatory.aiTrainingCoverage;
  const opsLimit = c.trainingOperations.value;
  const netLimit = c.clusterNetworkingGbitPerSecond.value;
  const peakLimit = c.clusterPeakOperationsPerSecond.value;
  const shownOps = formatDecimal(ops);
  const shownNet = formatDecimal(network);
  const shownPeak = formatDecimal(peak);

  const opsMet = cmp(ops, limitOf(c.trainingOperations, 'trainingOperations')) > 0;
  const coLocated = cluster.coLocatedInSingleDataCentre;
  const netMet = cmp(network, limitOf(c.clusterNetworkingGbitPerSecond, 'clusterNetworkingGbitPerSecond')) > 0;
  const peakMet = cmp(peak, limitOf(c.clusterPeakOperationsPerSecond, 'clusterPeakOperationsPerSecond')) >= 0;

  const criteria: TrainingCriterion[] = [
    {
      id: 'training-operations',
      met: opsMet,
      actual: shownOps,
      required: `more than ${opsLimit}`,
      reason: `Training operations: estimated ${shownOps}, which is ${opsMet ? '' : 'not '}more than ${opsLimit}.`,
    },
    {
      id: 'single-data-centre',
      met: coLocated,
      actual: String(coLocated),
      required: 'machines physically co-located in a single data centre',
      reason: coLocated
        ? "Cluster location: the cluster's machines are physically co-located in a single data centre."
        : "Cluster location: the cluster's machines are not physically co-located in a single data centre.",
    },
    {
      id: 'cluster-networking',
      met: netMet,
      actual: shownNet,
      required: `more than ${netLimit} Gbit/s`,
      reason: `Cluster networking: ${shownNet} Gbit/s, which is ${netMet ? '' : 'not '}more than ${netLimit} Gbit/s.`,
    },
    {
      id: 'cluster-peak-capacity',
      met: peakMet,
      actual: shownPeak,
      required: `at least ${peakLimit} operations per second`,
      reason: `Cluster capacity: a theoretical maximum of ${shownPeak} operations per second for training, which is ${peakMet ? 'at least' : 'less than'} ${peakLimit}.`,
    },
  ];
  const covered = criteria.every((x) => x.met);
  const failed = criteria.filter((x) => !x.met).map((x) => x.id);
  const reasons = [
    `${c.trainingOperations.explanation} (${c.trainingOperations.citation})`,
    ...criteria.map((x) => x.reason),
  ];
  if (run.primarilyBiologicalSequenceData === true) {
    reasons.push(
      'The run uses primarily biological sequence data. That does not lower the threshold: the IaaS training-report test has no biological-sequence-data prong (that prong belongs to the dual-use foundation model test of sec. 4.2(b)).',
    );
  }
  reasons.push(
    covered
      ? `Every criterion is met: a covered large-AI-model training run under rule set ${ruleSet.id} (reportable when by, for, or on behalf of a foreign person).`
      : `Not a covered large-AI-model training run under rule set ${ruleSet.id}: criteria not met: ${failed.join(', ')}. A handler may still open a report case, with a reason.`,
  );
  return { covered, ruleSetId: ruleSet.id, operations: shownOps, thresholdOperations: opsLimit, criteria, reasons };
}
