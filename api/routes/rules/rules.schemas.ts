// Schemas of the rules API: rule sets as published values (every number with its explanation,
// citation and source) and the deadline calculator. Enumerations come from rules/ itself, so a
// new obligation or rule set shows up here without an edit.
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import {
  CIP_POLICY_KEYS,
  CURRENT_RULE_SET_ID,
  INTERIM_ACCOUNT_DEFAULT_ACTIONS,
  AI_TRAINING_REPORT_CONTENTS,
  SPECIAL_MEASURE_REACHES,
  OBLIGATION_IDS,
  REGULATORY_PERIOD_KEYS,
  listRuleSets,
  type ClockStartRule,
  type DeadlineFlag,
  type ObligationId,
  type ObligationOwner,
  type ValueSource,
} from '../../../rules/index.js';

/**
 * A string enumeration as JSON Schema `enum` (Ajv reports "must be one of ..."; a union of
 * literals would report every branch). `values` must be a tuple: the Fastify type provider
 * infers request and reply types with TypeBox 1.x (package `typebox`), which reads the literal
 * tuple in `enum`; `@sinclair/typebox`'s Static reads the Unsafe type.
 */
export const StringEnum = <const V extends readonly [string, ...string[]]>(values: V, options: { description?: string } = {}) =>
  Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...options }) as TUnsafe<V[number]> & { readonly enum: [...V] };

/** Compile-time check that a runtime list names every member of a union type. */
type Covers<Union extends string, List extends readonly string[]> = [Union] extends [List[number]] ? true : false;
type Assert<T extends true> = T;

const VALUE_SOURCES = ['regulation', 'executive-order', 'interpretation', 'cip-policy-default', 'cip-policy-override'] as const;
const OWNERS = ['us-provider', 'foreign-reseller', 'commerce'] as const;
const CLOCK_STARTS = ['event', 'later-of-event-and-knowledge', 'later-of-closure-and-last-access', 'issuance-or-latest-extension'] as const;
const DEADLINE_FLAGS = [
  'clock-started-at-knowledge',
  'clock-started-at-last-access',
  'clock-started-at-extension',
  'period-ended-on-last-day-of-shorter-month',
  'reseller-deadline-after-provider-deadline',
  'extension-published-after-expiry',
] as const;
// A new source, owner, clock rule or flag in rules/ fails compilation here until listed above.
export type EnumsCoverRules = [
  Assert<Covers<ValueSource, typeof VALUE_SOURCES>>,
  Assert<Covers<ObligationOwner, typeof OWNERS>>,
  Assert<Covers<ClockStartRule, typeof CLOCK_STARTS>>,
  Assert<Covers<DeadlineFlag, typeof DEADLINE_FLAGS>>,
];

const ruleSetIds = () => listRuleSets().map((r) => r.id);

export const PeriodSchema = Type.Object(
  {
    days: Type.Optional(Type.Integer({ minimum: 1 })),
    months: Type.Optional(Type.Integer({ minimum: 1 })),
    years: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1, description: 'exactly one of days (calendar days), months or years' },
);

const RuleValue = <T extends TSchema>(value: T) =>
  Type.Object({
    value,
    explanation: Type.String({ description: 'the sentence a lawyer reads' }),
    citation: Type.String(),
    source: StringEnum(VALUE_SOURCES, { description: 'regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)' }),
  });

const keyed = <K extends string, T extends TSchema>(keys: readonly K[], schema: T) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, schema])) as Record<K, T>);

const ObligationDefinitionSchema = Type.Object({
  id: StringEnum(OBLIGATION_IDS),
  title: Type.String(),
  owner: StringEnum(OWNERS),
  trigger: Type.String({ description: 'the event that starts the clock' }),
  clockStart: StringEnum(CLOCK_STARTS),
  period: Type.Object({
    kind: StringEnum(['regulatory', 'cip-policy'] as const),
    key: Type.String({ description: 'key in regulatory.periods or cipPolicy' }),
  }),
  meaning: Type.String({ description: 'what dueAt means for this obligation' }),
  citation: Type.String(),
});

export const RuleSetSummarySchema = Type.Object({
  id: Type.String({ examples: ['NPRM-2024'] }),
  title: Type.String(),
  status: StringEnum(['proposed', 'final'] as const),
  effectiveDate: Type.String({ format: 'date', description: 'the date from which the desk applies the rule set to new cases' }),
  citation: Type.String({ description: 'full citation of the instrument' }),
  current: Type.Boolean({ description: 'new cases are opened under this rule set' }),
  standing: Type.String({ description: 'the legal standing in plain words (details in GET /v1/rule-sets/{id})' }),
});
export type RuleSetSummaryDto = Static<typeof RuleSetSummarySchema>;

export const RuleSetStandingSchema = Type.Object(
  {
    summary: Type.String({ description: 'the standing in plain words' }),
    howApplied: Type.String({ description: 'how the provider runs this rule set' }),
    reviewedOn: Type.String({ format: 'date' }),
    instruments: Type.Array(
      Type.Object({
        instrument: Type.String(),
        role: StringEnum(['rule', 'authority'] as const),
        status: StringEnum(['proposed', 'final', 'in-force', 'revoked', 'reported-withdrawn'] as const),
        since: Type.String({ description: 'YYYY-MM or YYYY-MM-DD' }),
        explanation: Type.String(),
        sources: Type.Array(Type.String()),
        confirmedByPrimarySource: Type.Boolean({ description: 'false when the status rests on a secondary source only' }),
      }),
    ),
  },
  { description: 'the legal standing of the rule and the executive orders it rests on' },
);
export type RuleSetStandingDto = Static<typeof RuleSetStandingSchema>;

export const RuleSetSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    status: StringEnum(['proposed', 'final'] as const),
    source: Type.Object({
      citation: Type.String(),
      federalRegister: Type.String(),
      publishedOn: Type.String({ format: 'date' }),
      rin: Type.String(),
      cfr: Type.String(),
      implements: Type.Array(Type.String()),
      notes: Type.Array(Type.String(), { description: 'caveats a reviewer must know' }),
    }),
    standing: RuleSetStandingSchema,
    effectiveDate: RuleValue(Type.String({ format: 'date' })),
    earliestEvent: Type.Object(
      {
        'customer-identification': RuleValue(Type.String({ format: 'date' })),
        'ai-training': RuleValue(Type.String({ format: 'date' })),
      },
      { description: 'the first local day an event can fall under each part: the day the order it implements was signed; earlier instants are refused at intake' },
    ),
    calendar: Type.Object({
      dayCounting: RuleValue(Type.String()),
      weekendAndHolidayRoll: RuleValue(Type.String()),
      monthEnd: RuleValue(Type.String()),
      endOfDay: RuleValue(Type.String()),
    }),
    regulatory: Type.Object({
      periods: keyed(REGULATORY_PERIOD_KEYS, RuleValue(PeriodSchema)),
      beneficialOwnershipThresholdPercent: RuleValue(Type.Number()),
      aiTrainingCoverage: Type.Object(
        {
          trainingOperations: RuleValue(Type.String({ description: 'exact decimal; a run is covered only when its operations are MORE than this' })),
          clusterCoLocation: RuleValue(Type.Literal('single-data-centre')),
          clusterNetworkingGbitPerSecond: RuleValue(Type.String({ description: 'exact decimal; the networking must be MORE than this (Gbit/s)' })),
          clusterPeakOperationsPerSecond: RuleValue(Type.String({ description: 'exact decimal; the theoretical maximum must be AT LEAST this (operations per second)' })),
        },
        { description: 'when a training run is a covered large-AI-model training run: every criterion must be met' },
      ),
      aiTrainingReportContents: RuleValue(Type.Array(StringEnum(AI_TRAINING_REPORT_CONTENTS))),
    }),
    interpretations: Type.Object({
      resellerLateKnowledge: RuleValue(Type.String()),
      specialMeasureExtension: RuleValue(Type.String()),
      specialMeasureInForce: RuleValue(Type.String()),
      specialMeasureReach: RuleValue(StringEnum(SPECIAL_MEASURE_REACHES)),
      specialMeasureNameMatch: RuleValue(Type.Object({ nearMatchSimilarity: Type.Number({ minimum: 0, maximum: 1 }) })),
    }),
    cipPolicy: Type.Object(
      {
        interimAccountReviewPeriod: RuleValue(PeriodSchema),
        interimAccountDefaultAction: RuleValue(StringEnum(INTERIM_ACCOUNT_DEFAULT_ACTIONS)),
        periodicReverificationPeriod: RuleValue(PeriodSchema),
        deficiencyRemediationPeriod: RuleValue(PeriodSchema),
        irregularUpdatePeriod: RuleValue(PeriodSchema),
        initialCertificationPeriod: RuleValue(PeriodSchema),
        resellerCipDeliveryPeriod: RuleValue(PeriodSchema),
        reminderOffsetsDays: RuleValue(Type.Array(Type.Integer({ minimum: 1 }))),
        aiReportOwnRecordsMargin: RuleValue(PeriodSchema),
      },
      { description: "the provider's CIP policy values: provider policy defaults, not regulation" },
    ),
    cipPolicyOverrides: Type.Array(Type.String({ enum: [...CIP_POLICY_KEYS] }), { description: 'CIP policy values the provider has overridden' }),
    obligations: keyed(OBLIGATION_IDS, ObligationDefinitionSchema),
  },
  { description: 'A rule set: an immutable, versioned value holding every number and interpretive choice the desk applies' },
);
export type RuleSetDto = Static<typeof RuleSetSchema>;

export const RuleSetIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, examples: ['NPRM-2024'] }) });

const Instant = (description: string) => Type.String({ format: 'date-time', description });

/**
 * One realistic request per obligation: a named OpenAPI `examples` map on the request body
 * (added for the document only, Ajv's strict mode refuses unknown keywords), posted by the tests.
 */
export const COMPUTE_DEADLINE_EXAMPLES: Record<ObligationId, { summary: string; value: Record<string, unknown> }> = {
  'cip-transmission': {
    summary: 'Commerce requested our CIP on a Friday afternoon',
    value: { obligation: 'cip-transmission', startedAt: '2026-11-20T15:00:00-05:00' },
  },
  'reseller-cip-delivery': {
    summary: "Commerce requested a foreign reseller's CIP and we have no current version on file",
    value: { obligation: 'reseller-cip-delivery', startedAt: '2026-11-20T15:00:00-05:00' },
  },
  'reseller-termination': {
    summary: 'We determined that a foreign reseller ignored the CIP issues we identified',
    value: { obligation: 'reseller-termination', startedAt: '2026-04-14T10:30:00-04:00' },
  },
  'ai-report-provider': {
    summary: 'A covered training transaction we learned of a week later',
    value: { obligation: 'ai-report-provider', startedAt: '2026-05-04T09:12:00-04:00', knowledgeAt: '2026-05-11T16:40:00-04:00' },
  },
  'ai-report-reseller-to-provider': {
    summary: "A foreign reseller's covered transaction, in the provider's Pacific-time calendar",
    value: {
      obligation: 'ai-report-reseller-to-provider',
      ruleSet: 'NPRM-2024',
      startedAt: '2026-06-01T08:00:00Z',
      knowledgeAt: '2026-06-03T12:00:00Z',
      timeZone: 'America/Los_Angeles',
    },
  },
  'ai-report-provider-files-reseller': {
    summary: 'The reseller learned of the transaction late: its 15 days end after our 30 (flagged)',
    value: { obligation: 'ai-report-provider-files-reseller', startedAt: '2026-06-01T08:00:00Z', knowledgeAt: '2026-06-25T12:00:00Z' },
  },
  'special-measure-implementation': {
    summary: 'A special measure issued on Feb 2: implement it within the phase-in',
    value: { obligation: 'special-measure-implementation', startedAt: '2026-02-02T09:00:00-05:00' },
  },
  'special-measure-expiry': {
    summary: 'The same measure, extended for six months by a notice in the Federal Register',
    value: {
      obligation: 'special-measure-expiry',
      startedAt: '2026-02-02T09:00:00-05:00',
      extensions: [{ publishedAt: '2027-01-15T09:00:00-05:00', duration: { months: 6 } }],
    },
  },
  'record-retention': {
    summary: 'An account closed on Mar 31 and accessed after closure (the access starts the clock)',
    value: { obligation: 'record-retention', startedAt: '2026-03-31T17:00:00-04:00', lastAccessAt: '2026-04-02T08:15:00-04:00' },
  },
  'cip-certification': {
    summary: 'Next annual certification after the one submitted on Jan 15',
    value: { obligation: 'cip-certification', startedAt: '2026-01-15T12:00:00-05:00' },
  },
  'cip-initial-certification': {
    summary: "The provider's program under the rule set started on Mar 2: its initial certification",
    value: { obligation: 'cip-initial-certification', startedAt: '2026-03-02T09:00:00-05:00' },
  },
  'interim-account-review': {
    summary: 'An interim, restricted account opened while verification continues',
    value: { obligation: 'interim-account-review', startedAt: '2026-07-01T14:00:00-04:00' },
  },
  'irregular-update': {
    summary: 'The CIP contact person changed',
    value: { obligation: 'irregular-update', startedAt: '2026-09-08T11:00:00-04:00' },
  },
  'deficiency-remediation': {
    summary: "A Commerce compliance assessment's findings were received",
    value: { obligation: 'deficiency-remediation', startedAt: '2026-10-05T16:00:00-04:00' },
  },
  'periodic-reverification': {
    summary: "A customer's verification was completed on Feb 28 (next one due a year later)",
    value: { obligation: 'periodic-reverification', startedAt: '2026-02-28T13:00:00-05:00' },
  },
  'exemption-notification': {
    summary: 'An exemption granted on Mar 2: its first annual notification to Commerce',
    value: { obligation: 'exemption-notification', startedAt: '2026-03-02T10:00:00-05:00' },
  },
};

export const ComputeDeadlineBody = Type.Object(
  {
    obligation: StringEnum(OBLIGATION_IDS, { description: 'the obligation whose deadline to compute' }),
    ruleSet: Type.Optional(
      Type.String({ enum: ruleSetIds(), description: `rule set id; default: the current rule set (${CURRENT_RULE_SET_ID})` }),
    ),
    startedAt: Instant(
      'the triggering event: request received, determination, covered transaction, issuance, account closure, previous certification, interim account opened, change, findings received, last completed verification',
    ),
    knowledgeAt: Type.Optional(
      Instant(
        'ai-report-provider / ai-report-reseller-to-provider: when the owner learned of the transaction, if later (moves the clock); ai-report-provider-files-reseller: the reseller\'s knowledge (flags a late reseller, does not move the clock). Refused for other obligations',
      ),
    ),
    lastAccessAt: Type.Optional(Instant('record-retention only: the last access to the account (the clock runs from the later of closure and last access)')),
    timeZone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "IANA zone in which calendar days are counted; default: the provider's configured zone" }),
    ),
    extensions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            publishedAt: Instant('publication of the extension in the Federal Register'),
            duration: Type.Optional(PeriodSchema),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100, description: 'special-measure-expiry only: published extensions (the latest restarts the clock)' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ComputeDeadlineBodyT = Static<typeof ComputeDeadlineBody>;

export const DeadlineSchema = Type.Object({
  obligation: StringEnum(OBLIGATION_IDS),
  ruleSet: Type.String({ description: 'id of the rule set applied' }),
  owner: StringEnum(OWNERS),
  timeZone: Type.String({ description: 'canonical IANA zone the days were counted in' }),
  clockStartedAt: Type.String({ format: 'date-time', description: 'the event, knowledge, last access or latest extension' }),
  clockStartDate: Type.String({ format: 'date', description: 'the trigger day in timeZone (not counted)' }),
  period: PeriodSchema,
  dueDate: Type.String({ format: 'date', description: 'the last day, in timeZone' }),
  dueAt: Type.String({ format: 'date-time', description: 'the end of dueDate in timeZone (last millisecond before local midnight); due by this instant, inclusive' }),
  flags: Type.Array(StringEnum(DEADLINE_FLAGS)),
  explanation: Type.Array(Type.String(), { description: 'sentences a legal reviewer can check one by one' }),
});
export type DeadlineDto = Static<typeof DeadlineSchema>;
