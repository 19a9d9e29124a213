/**
 * The regulation as code: pure, deterministic, no I/O; safe to import from Temporal workflows.
 */
export { RuleInputError, UnknownRuleSetError, CipPolicyOverrideError, type CipPolicyOverrideRejection } from './errors.js';
export {
  OBLIGATION_IDS,
  REGULATORY_PERIOD_KEYS,
  CIP_POLICY_KEYS,
  INTERIM_ACCOUNT_DEFAULT_ACTIONS,
  AI_TRAINING_REPORT_CONTENTS,
  SPECIAL_MEASURE_REACHES,
  RULE_SET_PARTS,
  isObligationId,
  describePeriod,
  obligationPeriod,
  parsePeriod,
  type Period,
  type RuleValue,
  type ValueSource,
  type RuleSetStanding,
  type InstrumentStanding,
  type ObligationId,
  type ObligationDefinition,
  type ObligationOwner,
  type ClockStartRule,
  type PeriodRef,
  type RegulatoryPeriodKey,
  type CipPolicy,
  type CipPolicyKey,
  type CipPolicyPeriodKey,
  type CipPolicyValues,
  type InterimAccountDefaultAction,
  type AiTrainingCoverageCriteria,
  type AiTrainingReportContent,
  type SpecialMeasureReach,
  type RuleSet,
  type RuleSetSource,
  type RuleSetPart,
} from './rule-set.js';
export { CURRENT_RULE_SET_ID, getRuleSet, listRuleSets, isRuleSetId, NPRM_2024 } from './rule-sets/index.js';
export { withCipPolicy, type CipPolicyOverrides } from './cip-policy.js';
export { refuseEventBeforeRuleSet, ruleSetPartOf } from './earliest-event.js';
export { readClockInstant, passedRemindersSentence, type CaseClock, type ClockReading } from './clock-reading.js';
export {
  computeDeadline,
  reminderInstants,
  type Deadline,
  type DeadlineFlag,
  type DeadlineInput,
  type Reminder,
  type SpecialMeasureExtension,
} from './deadlines.js';
export {
  assertTimeZone,
  localDateOf,
  startOfLocalDay,
  endOfLocalDay,
  addPeriod,
  formatDate,
  parseDate,
  type CalendarDate,
} from './calendar.js';
export {
  classifyUsPerson,
  type IndividualFacts,
  type EntityFacts,
  type PersonFacts,
  type UsPersonStatus,
  type UsPersonClassification,
} from './classification/us-person.js';
export { mustTrackCustomer, type TrackingInput, type TrackingDecision } from './classification/tracking.js';
export {
  findBeneficialOwners,
  type OwnershipParty,
  type OwnershipStake,
  type SubstantialControlDetermination,
  type BeneficialOwnerInput,
  type BeneficialOwner,
  type BeneficialOwnerResult,
  type OwnershipPath,
} from './classification/beneficial-owners.js';
export {
  classifyTrainingRun,
  type TrainingRunFacts,
  type TrainingClusterFacts,
  type TrainingCriterion,
  type TrainingCriterionId,
  type TrainingRunClassification,
} from './classification/ai-training.js';
export {
  aiTrainingReportSchedule,
  checkAiTrainingReportContents,
  type AiTrainingReportRoute,
  type AiTrainingReportSchedule,
  type AiTrainingReportScheduleInput,
  type AiTrainingReportContents,
  type AiTrainingReportCompleteness,
  type OwnRecordsSwitch,
} from './ai-training-report.js';
export {
  specialMeasureStatus,
  specialMeasureEffect,
  specialMeasureTimeline,
  assertExtensionsProlong,
  normalizeName,
  nameSimilarity,
  SPECIAL_MEASURE_KINDS,
  PERSON_IDENTIFIER_TYPES,
  type SpecialMeasureKind,
  type SpecialMeasureEffect,
  type SpecialMeasureFinding,
  type SpecialMeasureSubject,
  type SpecialMeasureExtensionRecord,
  type DesignatedPerson,
  type PersonIdentifier,
  type PersonIdentifierType,
  type NearNameMatch,
  type SpecialMeasure,
  type SpecialMeasureState,
  type SpecialMeasureStatus,
  type MeasureContext,
} from './classification/special-measures.js';
export { ISO_3166_ALPHA2, isJurisdictionCode, assertJurisdiction } from './jurisdictions.js';
export {
  parseAnniversary,
  formatAnniversary,
  certificationPeriod,
  certificationPeriodAt,
  type Anniversary,
  type CertificationPeriod,
} from './certification.js';
export { cipVersionInForce, compareCipVersionPrecedence, type CipVersionTiming } from './cip-versions.js';
