/**
 * Large-AI-model training reports: when each report is due on each route, when the provider
 * stops waiting for a late reseller, and whether a report has everything the rule requires.
 *
 * Two routes:
 * - `direct`: the provider's own foreign customer. The provider files within its period of the
 *   transaction, or of its knowledge if later (obligation `ai-report-provider`).
 * - `through-reseller`: a foreign reseller's customer. The reseller gives the provider its
 *   report within its period of the transaction, or of the reseller's knowledge if later
 *   (`ai-report-reseller-to-provider`); the provider files it within its period of the
 *   transaction (`ai-report-provider-files-reseller`), whatever the reseller's knowledge. When
 *   the reseller's report has not arrived with the CIP policy's margin left, the provider
 *   prepares the filing from its own records.
 */
import { addDays, assertInstant, formatDate, parseDate, startOfLocalDay } from './calendar.js';
import { parseDecimal } from './decimal.js';
import { computeDeadline, type Deadline } from './deadlines.js';
import { RuleInputError } from './errors.js';
import { describePeriod, type AiTrainingReportContent, type Period, type RuleSet } from './rule-set.js';

export type AiTrainingReportRoute = 'direct' | 'through-reseller';

export interface AiTrainingReportScheduleInput {
  readonly ruleSet: RuleSet;
  readonly timeZone: string;
  readonly route: AiTrainingReportRoute;
  /** The covered transaction (or the change of arrangement that made it one). */
  readonly transactionAt: Date;
  /** When the one who owes the first report learned of it: the provider (direct) or the reseller. */
  readonly knowledgeAt?: Date;
}

/** The instant from which the provider prepares a reseller's filing from its own records. */
export interface OwnRecordsSwitch {
  readonly at: Date;
  /** The first day ('YYYY-MM-DD' in the zone) of preparation from the provider's own records. */
  readonly date: string;
  readonly margin: Period;
  readonly explanation: readonly string[];
}

export type AiTrainingReportSchedule =
  | { readonly route: 'direct'; readonly filing: Deadline }
  | {
      readonly route: 'through-reseller';
      /** The reseller's report to the provider. */
      readonly resellerReport: Deadline;
      /** The provider's filing of the reseller's report with Commerce. */
      readonly filing: Deadline;
      readonly ownRecordsFrom: OwnRecordsSwitch;
    };

export function aiTrainingReportSchedule(input: AiTrainingReportScheduleInput): AiTrainingReportSchedule {
  if (input === null || typeof input !== 'object') throw new RuleInputError('input', 'must be an object');
  const { ruleSet, timeZone, transactionAt, knowledgeAt } = input;
  const knowledge = knowledgeAt === undefined ? {} : { knowledgeAt };
  if (input.route === 'direct') {
    return {
      route: 'direct',
      filing: computeDeadline({ obligation: 'ai-report-provider', ruleSet, timeZone, startedAt: transactionAt, ...knowledge }),
    };
  }
  if (input.route !== 'through-reseller') throw new RuleInputError('route', 'must be "direct" or "through-reseller"');
  const resellerReport = computeDeadline({ obligation: 'ai-report-reseller-to-provider', ruleSet, timeZone, startedAt: transactionAt, ...knowledge });
  const filing = computeDeadline({ obligation: 'ai-report-provider-files-reseller', ruleSet, timeZone, startedAt: transactionAt, ...knowledge });
  return { route: 'through-reseller', resellerReport, filing, ownRecordsFrom: ownRecordsSwitch(ruleSet, resellerReport, filing) };
}

function ownRecordsSwitch(ruleSet: RuleSet, resellerReport: Deadline, filing: Deadline): OwnRecordsSwitch {
  const policy = ruleSet.cipPolicy.aiReportOwnRecordsMargin;
  const marginDays = policy.value.days;
  if (marginDays === undefined) throw new RuleInputError('ruleSet.cipPolicy.aiReportOwnRecordsMargin', 'must be a period in days');
  const timeZone = filing.timeZone;
  const dueDate = parseDate(filing.dueDate);
  // With N days left: the last N days of the period are days (due - N + 1) .. due.
  const firstDay = addDays(dueDate, 1 - marginDays);
  let at = startOfLocalDay(firstDay, timeZone);
  let date = formatDate(firstDay);
  const explanation = [
    `CIP policy margin: ${describePeriod(policy.value)}. ${policy.explanation} (${policy.citation})`,
    `The provider must file by the end of ${filing.dueDate} in ${timeZone}. If the reseller's report has not arrived before ${formatDate(firstDay)} (the last ${describePeriod(policy.value)} of the provider's period), the provider prepares the filing from its own records from ${at.toISOString()}.`,
  ];
  if (at.getTime() <= filing.clockStartedAt.getTime()) {
    at = filing.clockStartedAt;
    date = filing.clockStartDate;
    explanation.push('The margin is as long as the whole period, so the provider prepares the filing from its own records from the transaction on.');
  }
  if (resellerReport.dueAt.getTime() >= at.getTime()) {
    const late = ruleSet.interpretations.resellerLateKnowledge;
    explanation.push(
      `The reseller's own deadline (${resellerReport.dueAt.toISOString()}) is not before this point, so the provider does not wait for it: ${late.explanation} (${late.citation})`,
    );
  }
  return { at, date, margin: policy.value, explanation };
}

/** A report's contents as the desk holds them: references (ids) to personal data, facts about the run. */
export interface AiTrainingReportContents {
  /** Reference to the foreign person's contact information (kept in the identity vault). */
  readonly contactInfoRef?: string | null;
  /** Reference to the foreign person's means and source of payment (kept in the identity vault). */
  readonly paymentInfoRef?: string | null;
  /** Estimated integer or floating-point operations, as an exact decimal string ("1.2e26"). */
  readonly estimatedOperations?: string | null;
  readonly operationsPeriod?: { readonly start: string; readonly end: string } | null;
  readonly modelName?: string | null;
  readonly cybersecurityPractices?: string | null;
}

export interface AiTrainingReportCompleteness {
  readonly complete: boolean;
  readonly missing: readonly { readonly item: AiTrainingReportContent; readonly field: string; readonly reason: string }[];
  readonly explanation: readonly string[];
}

const FIELD_OF: Record<AiTrainingReportContent, keyof AiTrainingReportContents> = {
  'foreign-person-contact': 'contactInfoRef',
  'foreign-person-payment': 'paymentInfoRef',
  'estimated-operations': 'estimatedOperations',
  'operations-period': 'operationsPeriod',
  'model-name': 'modelName',
  'cybersecurity-practices': 'cybersecurityPractices',
};

/** An ISO 8601 date-time string as an instant, or undefined. */
function instantFrom(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  try {
    return assertInstant(new Date(value), 'instant');
  } catch {
    return undefined;
  }
}

function problemWith(item: AiTrainingReportContent, contents: AiTrainingReportContents): string | undefined {
  const value = contents[FIELD_OF[item]];
  if (value === undefined || value === null) return 'is missing';
  if (item === 'operations-period') {
    const period = value as { start?: unknown; end?: unknown };
    if (typeof period !== 'object') return 'must be { start, end }';
    const start = instantFrom(period.start);
    const end = instantFrom(period.end);
    if (start === undefined || end === undefined) return 'must have a start and an end instant';
    return start.getTime() > end.getTime() ? 'ends before it starts' : undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') return 'is missing';
  if (item === 'estimated-operations') {
    try {
      if (parseDecimal(value, 'estimatedOperations').mantissa < 0n) return 'cannot be negative';
    } catch {
      return `"${value}" is not a decimal number`;
    }
  }
  return undefined;
}

/** Whether a report holds every item the rule set requires; names each missing one. */
export function checkAiTrainingReportContents(contents: AiTrainingReportContents, ruleSet: RuleSet): AiTrainingReportCompleteness {
  if (contents === null || typeof contents !== 'object') throw new RuleInputError('contents', 'must be an object');
  const required = ruleSet.regulatory.aiTrainingReportContents;
  const missing = required.value.flatMap((item) => {
    const problem = problemWith(item, contents);
    return problem === undefined ? [] : [{ item, field: FIELD_OF[item], reason: `${FIELD_OF[item]} ${problem}` }];
  });
  const explanation = [
    `${required.explanation} (${required.citation})`,
    missing.length === 0
      ? `Every required item is present: ${required.value.join(', ')}.`
      : `Not complete under rule set ${ruleSet.id}: ${missing.map((m) => `${m.item} (${m.reason})`).join('; ')}.`,
  ];
  return { complete: missing.length === 0, missing, explanation };
}
