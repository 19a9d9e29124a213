/**
 * Whether a training run is a covered large-AI-model training run. The NPRM left the technical
 * threshold to later notice; NPRM-2024 carries EO 14110 sec. 4.2(b)'s interim criteria: MORE
 * than 10^26 operations, or more than 10^23 when the run uses primarily biological sequence
 * data. Compared exactly (decimal arithmetic on bigint), so "1e26" is not covered and
 * "100000000000000000000000001" is.
 */
import { compare, decimalToRational, formatDecimal, parseDecimal } from '../decimal.js';
import { RuleInputError } from '../errors.js';
import type { RuleSet } from '../rule-set.js';

export interface TrainingRunFacts {
  /** Estimated integer or floating-point operations: a number, a bigint, or a decimal string ("1.2e26"). */
  readonly operations: number | bigint | string;
  readonly primarilyBiologicalSequenceData: boolean;
}

export interface TrainingRunClassification {
  readonly covered: boolean;
  readonly thresholdApplied: 'general' | 'biological-sequence-data';
  /** The threshold compared against, as written in the rule set ("1e26"). */
  readonly thresholdOperations: string;
  /** The run's operations as understood ("1.2e26"). */
  readonly operations: string;
  readonly reasons: readonly string[];
}

export function classifyTrainingRun(run: TrainingRunFacts, ruleSet: RuleSet): TrainingRunClassification {
  if (run === null || typeof run !== 'object') throw new RuleInputError('run', 'must be an object');
  if (typeof run.primarilyBiologicalSequenceData !== 'boolean') {
    throw new RuleInputError('primarilyBiologicalSequenceData', 'must be true or false');
  }
  const ops = parseDecimal(run.operations, 'operations');
  if (ops.mantissa < 0n) throw new RuleInputError('operations', 'cannot be negative');
  const thresholds = ruleSet.regulatory.aiTrainingOperationThresholds;
  const bio = run.primarilyBiologicalSequenceData;
  const threshold = bio ? thresholds.biologicalSequenceData : thresholds.general;
  const limit = parseDecimal(threshold.value, 'ruleSet.aiTrainingOperationThresholds');
  const covered = compare(decimalToRational(ops), decimalToRational(limit)) > 0;
  const shown = formatDecimal(ops);
  const reasons = [
    `${threshold.explanation} (${threshold.citation})`,
    `The run ${bio ? 'uses primarily biological sequence data' : 'does not use primarily biological sequence data'}, so the ${bio ? 'biological-sequence' : 'general'} threshold applies: more than ${threshold.value} operations.`,
    covered
      ? `Estimated ${shown} operations is more than ${threshold.value}: a covered large-AI-model training run (reportable when by, for, or on behalf of a foreign person).`
      : `Estimated ${shown} operations is not more than ${threshold.value}: not a covered large-AI-model training run under rule set ${ruleSet.id}.`,
  ];
  return {
    covered,
    thresholdApplied: bio ? 'biological-sequence-data' : 'general',
    thresholdOperations: threshold.value,
    operations: shown,
    reasons,
  };
}
