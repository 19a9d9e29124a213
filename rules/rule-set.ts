/**
 * The shape of a rule set: one immutable, versioned value that holds every number and every
 * interpretive choice the desk applies. Workflow code never holds a day count; it asks the
 * rules with a rule set, and a case keeps the id of the rule set it was opened under.
 */

/** A legal period. Exactly one unit: calendar days, calendar months or calendar years. */
export type Period =
  | { readonly days: number; readonly months?: never; readonly years?: never }
  | { readonly months: number; readonly days?: never; readonly years?: never }
  | { readonly years: number; readonly days?: never; readonly months?: never };

/** Where a value comes from, so that a reviewer can tell law from interpretation from policy. */
export type ValueSource =
  | 'regulation'
  | 'executive-order'
  | 'interpretation'
  | 'cip-policy-default'
  | 'cip-policy-override';

/** A value with the sentence a lawyer reads to understand it and where it comes from. */
export interface RuleValue<T> {
  readonly value: T;
  readonly explanation: string;
  readonly citation: string;
  readonly source: ValueSource;
}

/** Every obligation the desk computes a deadline for. One per row of the deadline table, plus the other CIP policy periods (irregular update, deficiency remediation, periodic re-verification) and the annual notification an exemption carries. */
export const OBLIGATION_IDS = [
  'cip-transmission',
  'reseller-termination',
  'ai-report-provider',
  'ai-report-reseller-to-provider',
  'ai-report-provider-files-reseller',
  'special-measure-implementation',
  'special-measure-expiry',
  'record-retention',
  'cip-certification',
  'cip-initial-certification',
  'interim-account-review',
  'irregular-update',
  'deficiency-remediation',
  'periodic-reverification',
  'reseller-cip-delivery',
  'exemption-notification',
] as const;
export type ObligationId = (typeof OBLIGATION_IDS)[number];

export function isObligationId(value: unknown): value is ObligationId {
  return typeof value === 'string' && (OBLIGATION_IDS as readonly string[]).includes(value);
}

/** Periods fixed by the regulation (or the executive order); a provider cannot change them. */
export const REGULATORY_PERIOD_KEYS = [
  'cipTransmission',
  'resellerTermination',
  'aiReportProvider',
  'aiReportResellerToProvider',
  'aiReportProviderFilesReseller',
  'specialMeasurePhaseIn',
  'specialMeasureDuration',
  'recordRetention',
  'cipCertification',
  'exemptionNotification',
] as const;
export type RegulatoryPeriodKey = (typeof REGULATORY_PERIOD_KEYS)[number];

/** What a special measure in force reaches: new accounts only, or also accounts already open. */
export const SPECIAL_MEASURE_REACHES = ['opening', 'opening-or-maintaining'] as const;
export type SpecialMeasureReach = (typeof SPECIAL_MEASURE_REACHES)[number];

/** What an interim, restricted account becomes when no decision was taken by its review deadline. */
export const INTERIM_ACCOUNT_DEFAULT_ACTIONS = ['close', 'keep-under-additional-monitoring'] as const;
export type InterimAccountDefaultAction = (typeof INTERIM_ACCOUNT_DEFAULT_ACTIONS)[number];

/** The provider's own CIP policy values: the regulation leaves them to the provider's written CIP. */
export interface CipPolicyValues {
  readonly interimAccountReviewPeriod: Period;
  readonly interimAccountDefaultAction: InterimAccountDefaultAction;
  readonly periodicReverificationPeriod: Period;
  readonly deficiencyRemediationPeriod: Period;
  readonly irregularUpdatePeriod: Period;
  /** From the start of the provider's program under the rule set to its initial CIP certification. */
  readonly initialCertificationPeriod: Period;
  /**
   * The provider's internal deadline for a foreign reseller to deliver its current CIP after
   * Commerce requested it, so that the provider can still transmit within the legal period.
   */
  readonly resellerCipDeliveryPeriod: Period;
  /** Reminders before a deadline, in calendar days before the due date, largest first. */
  readonly reminderOffsetsDays: readonly number[];
  /**
   * Through a foreign reseller: when the reseller's AI training report has not arrived with this
   * many calendar days left before the provider's own filing deadline, the provider prepares the
   * filing from its own records. Whole days only.
   */
  readonly aiReportOwnRecordsMargin: Period;
}
export type CipPolicyKey = keyof CipPolicyValues;
export const CIP_POLICY_KEYS: readonly CipPolicyKey[] = [
  'interimAccountReviewPeriod',
  'interimAccountDefaultAction',
  'periodicReverificationPeriod',
  'deficiencyRemediationPeriod',
  'irregularUpdatePeriod',
  'initialCertificationPeriod',
  'resellerCipDeliveryPeriod',
  'reminderOffsetsDays',
  'aiReportOwnRecordsMargin',
];
export type CipPolicyPeriodKey = {
  [K in CipPolicyKey]: CipPolicyValues[K] extends Period ? K : never;
}[CipPolicyKey];

export type CipPolicy = { readonly [K in CipPolicyKey]: RuleValue<CipPolicyValues[K]> };

/**
 * When the clock of an obligation starts.
 * - `event`: the triggering event (`startedAt`).
 * - `later-of-event-and-knowledge`: the event, or the owner's knowledge of it if later.
 * - `later-of-closure-and-last-access`: account closure or last access, whichever is later.
 * - `issuance-or-latest-extension`: issuance, or the latest published extension.
 */
export type ClockStartRule =
  | 'event'
  | 'later-of-event-and-knowledge'
  | 'later-of-closure-and-last-access'
  | 'issuance-or-latest-extension';

export type PeriodRef =
  | { readonly kind: 'regulatory'; readonly key: RegulatoryPeriodKey }
  | { readonly kind: 'cip-policy'; readonly key: CipPolicyPeriodKey };

export type ObligationOwner = 'us-provider' | 'foreign-reseller' | 'commerce';

/** The two parts of the rule, each implementing its own executive order. */
export const RULE_SET_PARTS = ['customer-identification', 'ai-training'] as const;
export type RuleSetPart = (typeof RULE_SET_PARTS)[number];

export interface ObligationDefinition {
  readonly id: ObligationId;
  /** What must happen, in one line ("Transmit the requested CIP to Commerce"). */
  readonly title: string;
  readonly owner: ObligationOwner;
  /** The event that starts the clock, as the rule words it ("the request is received"). */
  readonly trigger: string;
  readonly clockStart: ClockStartRule;
  readonly period: PeriodRef;
  /** What `dueAt` means for this obligation (a deadline to act, or the earliest date something may happen). */
  readonly meaning: string;
  readonly citation: string;
}

/** The items a large-AI-model training report must contain. */
export const AI_TRAINING_REPORT_CONTENTS = [
  'foreign-person-contact',
  'foreign-person-payment',
  'estimated-operations',
  'operations-period',
  'model-name',
  'cybersecurity-practices',
] as const;
export type AiTrainingReportContent = (typeof AI_TRAINING_REPORT_CONTENTS)[number];

/**
 * When a training run is a covered large-AI-model training run for an IaaS report. Every
 * criterion must be met. Numbers are exact decimal strings, compared without floating point.
 */
export interface AiTrainingCoverageCriteria {
  /** The run's estimated integer or floating-point operations must be MORE than this. */
  readonly trainingOperations: RuleValue<string>;
  /** The cluster's machines must be physically co-located in one data centre. */
  readonly clusterCoLocation: RuleValue<'single-data-centre'>;
  /** The data-centre networking that transitively connects them must be MORE than this, in Gbit/s. */
  readonly clusterNetworkingGbitPerSecond: RuleValue<string>;
  /** The cluster's theoretical maximum for training AI must be AT LEAST this, in operations per second. */
  readonly clusterPeakOperationsPerSecond: RuleValue<string>;
}

export interface RuleSetSource {
  /** Full citation of the instrument. */
  readonly citation: string;
  readonly federalRegister: string;
  readonly publishedOn: string;
  readonly rin: string;
  readonly cfr: string;
  readonly implements: readonly string[];
  /** Caveats a reviewer must know (status of the instrument, pinpoints to verify, ...). */
  readonly notes: readonly string[];
}

/** The legal status of one instrument a rule set rests on, as far as it was checked. */
export interface InstrumentStanding {
  /** E.g. 'Notice of proposed rulemaking, 89 FR 5698 (RIN 0694-AJ35)', 'Executive Order 14110'. */
  readonly instrument: string;
  /** What the instrument is to this rule set. */
  readonly role: 'rule' | 'authority';
  readonly status: 'proposed' | 'final' | 'in-force' | 'revoked' | 'reported-withdrawn';
  /** 'YYYY-MM' or 'YYYY-MM-DD' of the last change of status. */
  readonly since: string;
  /** The sentence a lawyer reads. */
  readonly explanation: string;
  /** Where the status comes from. */
  readonly sources: readonly string[];
  /** False when the status rests on a secondary source not yet checked against a primary one. */
  readonly confirmedByPrimarySource: boolean;
}

/** The legal standing of a rule set: what the instruments are now, and how the desk runs them. */
export interface RuleSetStanding {
  /** One paragraph: the standing in plain words, shown in every case history under this rule set. */
  readonly summary: string;
  /** How the provider runs this rule set (e.g. as its own program pending a final rule). */
  readonly howApplied: string;
  /** 'YYYY-MM-DD' on which the standing was last reviewed. */
  readonly reviewedOn: string;
  readonly instruments: readonly InstrumentStanding[];
}

export interface RuleSet {
  readonly id: string;
  readonly title: string;
  readonly status: 'proposed' | 'final';
  readonly source: RuleSetSource;
  /** The legal standing of the rule and the orders it rests on. */
  readonly standing: RuleSetStanding;
  /** 'YYYY-MM-DD': the date from which the desk applies this rule set to new cases. */
  readonly effectiveDate: RuleValue<string>;
  /**
   * 'YYYY-MM-DD': the first local day an event can fall under each part of the rule set, the
   * day the order that part implements was signed. An earlier event is refused: a typing error
   * (year 1026) or a record no order reached, never a clock to run.
   */
  readonly earliestEvent: { readonly [K in RuleSetPart]: RuleValue<string> };
  readonly calendar: {
    /** How days are counted. */
    readonly dayCounting: RuleValue<'calendar-days-excluding-trigger-day'>;
    /** Whether a last day falling on a weekend or holiday moves. */
    readonly weekendAndHolidayRoll: RuleValue<'none'>;
    /** What a period in months or years does when the target month is shorter (Feb 29 -> Feb 28). */
    readonly monthEnd: RuleValue<'last-day-of-month'>;
    /** What `dueAt` is: the last millisecond of the last day in the provider's zone. */
    readonly endOfDay: RuleValue<'last-millisecond-before-local-midnight'>;
  };
  readonly regulatory: {
    readonly periods: { readonly [K in RegulatoryPeriodKey]: RuleValue<Period> };
    readonly beneficialOwnershipThresholdPercent: RuleValue<number>;
    readonly aiTrainingCoverage: AiTrainingCoverageCriteria;
    /** What a large-AI-model training report must contain before it can be filed. */
    readonly aiTrainingReportContents: RuleValue<readonly AiTrainingReportContent[]>;
  };
  readonly interpretations: {
    readonly resellerLateKnowledge: RuleValue<'provider-deadline-not-extended'>;
    readonly specialMeasureExtension: RuleValue<'runs-from-latest-extension'>;
    readonly specialMeasureInForce: RuleValue<'day-after-implementation-deadline'>;
    /** Whether a measure in force binds only the opening of accounts, or also accounts already open. */
    readonly specialMeasureReach: RuleValue<SpecialMeasureReach>;
    /** How a designated person's name and aliases are compared with a customer's name: a near match is flagged for review, never refused. */
    readonly specialMeasureNameMatch: RuleValue<{ readonly nearMatchSimilarity: number }>;
  };
  readonly cipPolicy: CipPolicy;
  /** Keys the provider has overridden (empty for the rule set as published). */
  readonly cipPolicyOverrides: readonly CipPolicyKey[];
  readonly obligations: { readonly [K in ObligationId]: ObligationDefinition };
}

/** The unit and count of a period, e.g. "10 calendar days", "2 years". */
export function describePeriod(period: Period): string {
  if (period.days !== undefined) return `${period.days} calendar day${period.days === 1 ? '' : 's'}`;
  if (period.months !== undefined) return `${period.months} calendar month${period.months === 1 ? '' : 's'}`;
  return `${period.years} year${period.years === 1 ? '' : 's'}`;
}

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Freezes a value and everything reachable from it (rule sets are immutable values). */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value as DeepReadonly<T>;
}

/** The period an obligation runs for under a rule set (regulatory or CIP policy). */
export function obligationPeriod(ruleSet: RuleSet, obligation: ObligationId): RuleValue<Period> {
  const ref = ruleSet.obligations[obligation].period;
  return ref.kind === 'regulatory' ? ruleSet.regulatory.periods[ref.key] : ruleSet.cipPolicy[ref.key];
}

/** Validates a period from untrusted input: exactly one of days/months/years, a positive whole number. */
export function parsePeriod(value: unknown): { ok: true; period: Period } | { ok: false; message: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'must be a period: { days }, { months } or { years }' };
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined || !['days', 'months', 'years'].includes(entry[0])) {
    return { ok: false, message: 'must have exactly one of days, months or years' };
  }
  const [unit, count] = entry;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
    return { ok: false, message: `${unit} must be a positive whole number` };
  }
  const period = (unit === 'days' ? { days: count } : unit === 'months' ? { months: count } : { years: count }) satisfies Period;
  return { ok: true, period };
}
