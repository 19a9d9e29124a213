/**
 * Provider overrides of CIP policy values. The regulation leaves some values to the provider's
 * written CIP (interim review period, re-verification, remediation, irregular updates, reminder
 * offsets, the interim account's default action); a provider may set those, never a number the
 * regulation fixes.
 */
import { CipPolicyOverrideError } from './errors.js';
import {
  CIP_POLICY_KEYS,
  INTERIM_ACCOUNT_DEFAULT_ACTIONS,
  OBLIGATION_IDS,
  REGULATORY_PERIOD_KEYS,
  deepFreeze,
  describePeriod,
  parsePeriod,
  type CipPolicy,
  type CipPolicyKey,
  type CipPolicyValues,
  type Period,
  type RuleSet,
  type RuleValue,
} from './rule-set.js';

export type CipPolicyOverrides = Partial<CipPolicyValues>;

/** Keys that name something the regulation (or the rule set's interpretation) fixes. */
const REGULATORY_KEYS: ReadonlySet<string> = new Set<string>([
  ...REGULATORY_PERIOD_KEYS,
  ...OBLIGATION_IDS,
  'beneficialOwnershipThresholdPercent',
  'aiTrainingCoverage',
  'aiTrainingReportContents',
  'trainingOperations',
  'clusterCoLocation',
  'clusterNetworkingGbitPerSecond',
  'clusterPeakOperationsPerSecond',
  'resellerLateKnowledge',
  'specialMeasureExtension',
  'specialMeasureInForce',
  'specialMeasureReach',
  'specialMeasureNameMatch',
  'nearMatchSimilarity',
  'dayCounting',
  'weekendAndHolidayRoll',
  'monthEnd',
  'endOfDay',
  'regulatory',
  'interpretations',
  'calendar',
  'obligations',
  'id',
  'effectiveDate',
  'earliestEvent',
]);

function checkPeriod(key: string, value: unknown): Period {
  const parsed = parsePeriod(value);
  if (!parsed.ok) throw new CipPolicyOverrideError(key, 'invalid-value', parsed.message);
  return parsed.period;
}

function checkValue<K extends CipPolicyKey>(key: K, value: unknown): CipPolicyValues[K] {
  switch (key) {
    case 'interimAccountDefaultAction':
      if (!(INTERIM_ACCOUNT_DEFAULT_ACTIONS as readonly unknown[]).includes(value)) {
        throw new CipPolicyOverrideError(
          key,
          'invalid-value',
          `must be one of ${INTERIM_ACCOUNT_DEFAULT_ACTIONS.join(', ')}`,
        );
      }
      return value as CipPolicyValues[K];
    case 'reminderOffsetsDays': {
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1)
      ) {
        throw new CipPolicyOverrideError(key, 'invalid-value', 'must be a non-empty list of positive whole numbers of days');
      }
      const unique = [...new Set(value as number[])].sort((a, b) => b - a);
      return unique as unknown as CipPolicyValues[K];
    }
    case 'aiReportOwnRecordsMargin': {
      // Counted back from a deadline in calendar days, so only a period in days makes sense.
      const period = checkPeriod(key, value);
      if (period.days === undefined) throw new CipPolicyOverrideError(key, 'invalid-value', 'must be a period in days: { days }');
      return period as CipPolicyValues[K];
    }
    default:
      return checkPeriod(key, value) as CipPolicyValues[K];
  }
}

function describeValue(key: CipPolicyKey, value: unknown): string {
  if (key === 'interimAccountDefaultAction') return `"${String(value)}"`;
  if (key === 'reminderOffsetsDays') return `${(value as number[]).join(', ')} calendar days before the due date`;
  return describePeriod(value as Period);
}

/**
 * A copy of `ruleSet` with some CIP policy values replaced by the provider's. The rule-set id
 * stays the same (the regulation applied is the same); `cipPolicyOverrides` lists what changed
 * and each overridden value says so in its explanation.
 *
 * Throws CipPolicyOverrideError: `regulatory-key` for a number the regulation fixes,
 * `unknown-key` for anything else that is not a CIP policy value, `invalid-value` for a bad value.
 */
export function withCipPolicy(
  ruleSet: RuleSet,
  overrides: CipPolicyOverrides,
  options: { policyReference?: string } = {},
): RuleSet {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new CipPolicyOverrideError('overrides', 'invalid-value', 'must be an object of CIP policy values');
  }
  const reference = options.policyReference ?? "the provider's written CIP";
  const cipPolicy: Record<string, RuleValue<unknown>> = { ...ruleSet.cipPolicy };
  const changed = new Set<CipPolicyKey>(ruleSet.cipPolicyOverrides);
  for (const [key, raw] of Object.entries(overrides)) {
    if (raw === undefined) continue;
    if (!(CIP_POLICY_KEYS as readonly string[]).includes(key)) {
      if (REGULATORY_KEYS.has(key)) {
        throw new CipPolicyOverrideError(
          key,
          'regulatory-key',
          `"${key}" is fixed by the regulation in rule set ${ruleSet.id}; a provider cannot override it`,
        );
      }
      throw new CipPolicyOverrideError(
        key,
        'unknown-key',
        `"${key}" is not a CIP policy value; overridable keys: ${CIP_POLICY_KEYS.join(', ')}`,
      );
    }
    const policyKey = key as CipPolicyKey;
    const value = checkValue(policyKey, raw);
    const previous = ruleSet.cipPolicy[policyKey];
    cipPolicy[policyKey] = {
      value,
      explanation: `Provider policy (${reference}): ${describeValue(policyKey, value)}, overriding ${previous.source === 'cip-policy-override' ? 'an earlier provider value' : `the ${ruleSet.id} default`} of ${describeValue(policyKey, previous.value)}. This is the provider's choice, not a regulatory number.`,
      citation: `Provider CIP policy (${reference})`,
      source: 'cip-policy-override',
    };
    changed.add(policyKey);
  }
  return deepFreeze<RuleSet>({
    ...ruleSet,
    cipPolicy: cipPolicy as unknown as CipPolicy,
    cipPolicyOverrides: CIP_POLICY_KEYS.filter((k) => changed.has(k)),
  }) as RuleSet;
}
