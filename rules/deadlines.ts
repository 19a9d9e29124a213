/**
 * Deadlines: when an obligation is due under a rule set, and why, in sentences a legal
 * reviewer can check line by line.
 *
 * Counting (rule set NPRM-2024): calendar days, every day counted; the trigger day is not
 * counted (day 1 is the next day); the trigger day is the event's date in the provider's
 * IANA time zone; the deadline is the END of the last day in that zone, represented by
 * `dueAt` = the last millisecond before the next local midnight (so "due by dueAt, inclusive").
 * Periods in years end on the same date N years later, or on Feb 28 for a Feb 29 start.
 */
import {
  addDays,
  addPeriod,
  assertInstant,
  assertTimeZone,
  describeInstant,
  endOfLocalDay,
  formatDate,
  localDateOf,
  startOfLocalDay,
  weekdayOf,
  type CalendarDate,
  MAX_YEAR,
} from './calendar.js';
import { RuleInputError } from './errors.js';
import {
  OBLIGATION_IDS,
  describePeriod,
  isObligationId,
  obligationPeriod,
  parsePeriod,
  type ObligationDefinition,
  type ObligationId,
  type ObligationOwner,
  type Period,
  type RuleSet,
  type RuleValue,
} from './rule-set.js';

/** An extension of a special measure published by Commerce in the Federal Register. */
export interface SpecialMeasureExtension {
  readonly publishedAt: Date;
  /** The duration the extension states; the rule set's duration when absent. */
  readonly duration?: Period;
}

export interface DeadlineInput {
  readonly obligation: ObligationId;
  readonly ruleSet: RuleSet;
  /** The triggering event (request received, covered transaction, issuance, account closure, last completed verification, ...). */
  readonly startedAt: Date;
  /**
   * When the owner gained knowledge of the event, if later. Moves the clock only where the rule
   * says "or knowledge, if later" (ai-report-provider, ai-report-reseller-to-provider). For
   * ai-report-provider-files-reseller it is the RESELLER's knowledge: it does not move the
   * provider's clock but is used to flag the late-reseller case.
   */
  readonly knowledgeAt?: Date;
  /** record-retention only: the account's last access (the clock runs from the later of closure and last access). */
  readonly lastAccessAt?: Date;
  /** The provider's IANA time zone, e.g. "America/New_York". */
  readonly timeZone: string;
  /** special-measure-expiry only: extensions published in the Federal Register. */
  readonly extensions?: readonly SpecialMeasureExtension[];
}

export type DeadlineFlag =
  /** The clock started at knowledge, later than the event. */
  | 'clock-started-at-knowledge'
  /** record-retention: the last access was later than the closure. */
  | 'clock-started-at-last-access'
  /** special-measure-expiry: the clock runs from the latest extension. */
  | 'clock-started-at-extension'
  /** A period in months/years ended on the last day of a shorter month (Feb 29 -> Feb 28). */
  | 'period-ended-on-last-day-of-shorter-month'
  /** The reseller's own deadline ends after the provider's deadline to file the reseller's report. */
  | 'reseller-deadline-after-provider-deadline'
  /** An extension was published after the measure had already expired: legal review needed. */
  | 'extension-published-after-expiry';

export interface Deadline {
  readonly obligation: ObligationId;
  readonly ruleSetId: string;
  readonly owner: ObligationOwner;
  /** Canonical IANA zone the deadline was computed in. */
  readonly timeZone: string;
  /** The instant the clock started (event, knowledge, last access or latest extension). */
  readonly clockStartedAt: Date;
  /** The trigger day ('YYYY-MM-DD' in `timeZone`), which is not counted. */
  readonly clockStartDate: string;
  readonly period: Period;
  /** The last day of the period ('YYYY-MM-DD' in `timeZone`). */
  readonly dueDate: string;
  /** End of `dueDate` in `timeZone`: the last millisecond before the next local midnight. Due by this instant, inclusive. */
  readonly dueAt: Date;
  readonly flags: readonly DeadlineFlag[];
  readonly explanation: readonly string[];
}

const OWNER_LABEL: Record<ObligationOwner, string> = {
  'us-provider': 'the U.S. IaaS provider',
  'foreign-reseller': 'the foreign reseller',
  commerce: 'the Department of Commerce',
};

interface Counted {
  startDate: CalendarDate;
  dueDate: CalendarDate;
  dueAt: Date;
  clamped: boolean;
}

function count(start: Date, period: Period, timeZone: string): Counted {
  const startDate = localDateOf(start, timeZone);
  const { date: dueDate, clamped } = addPeriod(startDate, period);
  return { startDate, dueDate, dueAt: endOfLocalDay(dueDate, timeZone), clamped };
}

function checkPeriod(value: unknown, field: string): Period {
  const parsed = parsePeriod(value);
  if (!parsed.ok) throw new RuleInputError(field, parsed.message);
  return parsed.period;
}

function periodLines(
  value: RuleValue<Period>,
  counted: Counted,
  ruleSet: RuleSet,
  timeZone: string,
  periodOverride?: Period,
): string[] {
  const period = periodOverride ?? value.value;
  const start = formatDate(counted.startDate);
  const due = formatDate(counted.dueDate);
  const lines: string[] = [];
  if (periodOverride === undefined) {
    const kind = value.source === 'cip-policy-default' || value.source === 'cip-policy-override' ? 'CIP policy period' : 'Period';
    lines.push(`${kind}: ${describePeriod(period)}. ${value.explanation} (${value.citation})`);
  }
  if (period.days !== undefined) {
    lines.push(
      `Counting: the trigger day ${start} (its date in ${timeZone}) is not counted; day 1 is ${formatDate(addDays(counted.startDate, 1))} and day ${period.days} is ${due}. ${ruleSet.calendar.dayCounting.explanation}`,
    );
  } else {
    lines.push(
      `Counting: ${describePeriod(period)} from the trigger day ${start} (its date in ${timeZone}) ends on the same day of the month, ${due}.`,
    );
    if (counted.clamped) {
      lines.push(
        `${start.slice(5)} has no counterpart in the final month, so the period ends on the last day of that month, ${due}. ${ruleSet.calendar.monthEnd.explanation}`,
      );
    }
  }
  const weekday = weekdayOf(counted.dueDate);
  const weekend = weekday === 'Saturday' || weekday === 'Sunday';
  lines.push(
    `The last day, ${due}, is a ${weekday}${weekend ? ' and is not moved' : ''}: ${ruleSet.calendar.weekendAndHolidayRoll.explanation}`,
  );
  return lines;
}

function assertOptionalInstant(value: unknown, field: string): Date | undefined {
  return value === undefined || value === null ? undefined : assertInstant(value, field);
}

function notUsed(field: string, def: ObligationDefinition): never {
  throw new RuleInputError(field, `is not used by obligation "${def.id}" (its clock starts when ${def.trigger})`);
}

/**
 * Computes when an obligation is due. Throws RuleInputError (with `field`) on bad input rather
 * than ever returning a wrong date.
 */
export function computeDeadline(input: DeadlineInput): Deadline {
  if (input === null || typeof input !== 'object') throw new RuleInputError('input', 'must be an object');
  const { ruleSet } = input;
  if (!isObligationId(input.obligation)) {
    throw new RuleInputError('obligation', `unknown obligation "${String(input.obligation)}"; known: ${OBLIGATION_IDS.join(', ')}`);
  }
  if (ruleSet === null || typeof ruleSet !== 'object' || ruleSet.obligations === undefined) {
    throw new RuleInputError('ruleSet', 'a rule set is required (see getRuleSet)');
  }
  const def = ruleSet.obligations[input.obligation];
  const timeZone = assertTimeZone(input.timeZone);
  const startedAt = assertInstant(input.startedAt, 'startedAt');
  const knowledgeAt = assertOptionalInstant(input.knowledgeAt, 'knowledgeAt');
  const lastAccessAt = assertOptionalInstant(input.lastAccessAt, 'lastAccessAt');
  if (knowledgeAt !== undefined && knowledgeAt.getTime() < startedAt.getTime()) {
    throw new RuleInputError('knowledgeAt', `knowledge (${knowledgeAt.toISOString()}) cannot precede the event (${startedAt.toISOString()})`);
  }
  const knowledgeAllowed = def.clockStart === 'later-of-event-and-knowledge' || def.id === 'ai-report-provider-files-reseller';
  if (knowledgeAt !== undefined && !knowledgeAllowed) notUsed('knowledgeAt', def);
  if (lastAccessAt !== undefined && def.clockStart !== 'later-of-closure-and-last-access') notUsed('lastAccessAt', def);
  if (input.extensions !== undefined && def.clockStart !== 'issuance-or-latest-extension') notUsed('extensions', def);

  const periodValue = obligationPeriod(ruleSet, def.id);
  const describe = (d: Date) => describeInstant(d, timeZone);
  const flags: DeadlineFlag[] = [];
  const explanation: string[] = [
    `Obligation "${def.id}": ${def.title}; owner: ${OWNER_LABEL[def.owner]}. Rule set ${ruleSet.id} (${ruleSet.status} rule, ${ruleSet.source.federalRegister}); ${def.citation}.`,
  ];

  let clockStartedAt = startedAt;
  /** The input field that started the clock: named if the period would run past the calendar. */
  let clockStartField = 'startedAt';
  let period = periodValue.value;
  let periodFromExtension: Period | undefined;

  switch (def.clockStart) {
    case 'event':
      explanation.push(`The clock starts when ${def.trigger}: ${describe(startedAt)}.`);
      if (def.id === 'ai-report-provider-files-reseller' && knowledgeAt !== undefined) {
        explanation.push(
          `The reseller's knowledge date (${describe(knowledgeAt)}) does not move this clock: the provider's period runs from the covered transaction.`,
        );
      }
      break;
    case 'later-of-event-and-knowledge':
      if (knowledgeAt !== undefined && knowledgeAt.getTime() > startedAt.getTime()) {
        clockStartedAt = knowledgeAt;
        clockStartField = 'knowledgeAt';
        flags.push('clock-started-at-knowledge');
        explanation.push(
          `The covered transaction was at ${describe(startedAt)}; ${def.owner === 'foreign-reseller' ? 'the reseller' : 'the provider'} gained knowledge of it later, at ${describe(knowledgeAt)}. The period runs from the transaction or from knowledge if later, so the clock starts at knowledge.`,
        );
      } else {
        explanation.push(
          `The clock starts when ${def.trigger}: ${describe(startedAt)}${knowledgeAt === undefined ? ' (no later knowledge date was recorded; the period runs from the transaction or from knowledge if later)' : ' (knowledge was gained at the same instant)'}.`,
        );
      }
      break;
    case 'later-of-closure-and-last-access':
      if (lastAccessAt !== undefined && lastAccessAt.getTime() > startedAt.getTime()) {
        clockStartedAt = lastAccessAt;
        clockStartField = 'lastAccessAt';
        flags.push('clock-started-at-last-access');
        explanation.push(
          `The account was closed at ${describe(startedAt)} and last accessed later, at ${describe(lastAccessAt)}. The period runs from closure or last access, whichever is later: the last access.`,
        );
      } else {
        explanation.push(
          `The account was closed at ${describe(startedAt)}${lastAccessAt === undefined ? ' (no last-access instant was given)' : `, after its last access at ${describe(lastAccessAt)}`}. The period runs from closure or last access, whichever is later: the closure.`,
        );
      }
      break;
    case 'issuance-or-latest-extension': {
      explanation.push(`The measure was issued at ${describe(startedAt)}.`);
      const extensions = (input.extensions ?? []).map((ext, i) => {
        if (ext === null || typeof ext !== 'object') throw new RuleInputError(`extensions[${i}]`, 'must be { publishedAt, duration? }');
        const publishedAt = assertInstant(ext.publishedAt, `extensions[${i}].publishedAt`);
        if (publishedAt.getTime() < startedAt.getTime()) {
          throw new RuleInputError(`extensions[${i}].publishedAt`, `an extension (${publishedAt.toISOString()}) cannot precede the issuance (${startedAt.toISOString()})`);
        }
        const duration = ext.duration === undefined ? undefined : checkPeriod(ext.duration, `extensions[${i}].duration`);
        return { publishedAt, duration, field: `extensions[${i}].publishedAt` };
      });
      extensions.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
      let expiry = count(startedAt, period, timeZone).dueAt;
      for (const ext of extensions) {
        const extPeriod = ext.duration ?? periodValue.value;
        if (ext.publishedAt.getTime() > expiry.getTime()) {
          if (!flags.includes('extension-published-after-expiry')) flags.push('extension-published-after-expiry');
          explanation.push(
            `Legal review: the extension published at ${describe(ext.publishedAt)} came after the measure had expired at ${expiry.toISOString()}; it is counted as restarting the measure, but it may instead be a new measure.`,
          );
        }
        explanation.push(
          `Extension published in the Federal Register at ${describe(ext.publishedAt)}, for ${describePeriod(extPeriod)}${ext.duration === undefined ? ' (no duration stated: the rule set\'s duration applies)' : ''}.`,
        );
        clockStartedAt = ext.publishedAt;
        clockStartField = ext.field;
        period = extPeriod;
        periodFromExtension = ext.duration;
        expiry = count(ext.publishedAt, extPeriod, timeZone).dueAt;
      }
      if (extensions.length > 0) {
        flags.push('clock-started-at-extension');
        explanation.push(`${ruleSet.interpretations.specialMeasureExtension.explanation} (${ruleSet.interpretations.specialMeasureExtension.citation}) The clock therefore starts at the latest extension, ${describe(clockStartedAt)}.`);
      } else {
        explanation.push('No extension has been published: the clock starts at issuance.');
      }
      break;
    }
  }

  const counted = count(clockStartedAt, period, timeZone);
  if (counted.dueDate.year > MAX_YEAR) {
    throw new RuleInputError(clockStartField, `the period would end in year ${counted.dueDate.year}, after ${MAX_YEAR}`);
  }
  if (counted.clamped) flags.push('period-ended-on-last-day-of-shorter-month');
  if (periodFromExtension !== undefined) {
    explanation.push(`Period: ${describePeriod(periodFromExtension)}, as stated in the latest extension (the rule set's default would be ${describePeriod(periodValue.value)}: ${periodValue.explanation} (${periodValue.citation})).`);
  }
  explanation.push(...periodLines(periodValue, counted, ruleSet, timeZone, periodFromExtension));
  explanation.push(
    `Due at the end of ${formatDate(counted.dueDate)} in ${timeZone}: ${counted.dueAt.toISOString()}, the last millisecond before local midnight; ${def.meaning}.`,
  );

  if (def.id === 'interim-account-review') {
    const action = ruleSet.cipPolicy.interimAccountDefaultAction;
    explanation.push(`If no decision is taken by then, the CIP policy's default action applies: "${action.value}". ${action.explanation}`);
  }
  if (def.id === 'ai-report-reseller-to-provider' || def.id === 'ai-report-provider-files-reseller') {
    explanation.push(...resellerPairLines(def.id, ruleSet, startedAt, knowledgeAt, timeZone, counted.dueAt, flags));
  }
  // Last, so that a lawyer who reads one computed deadline alone knows what the rule behind it is worth today.
  explanation.push(standingLine(ruleSet));

  return {
    obligation: def.id,
    ruleSetId: ruleSet.id,
    owner: def.owner,
    timeZone,
    clockStartedAt,
    clockStartDate: formatDate(counted.startDate),
    period,
    dueDate: formatDate(counted.dueDate),
    dueAt: counted.dueAt,
    flags,
    explanation,
  };
}

/** The rule set's present legal standing, in one line closing every deadline's explanation. */
export function standingLine(ruleSet: RuleSet): string {
  return `Standing of rule set ${ruleSet.id} (reviewed ${ruleSet.standing.reviewedOn}): ${ruleSet.standing.summary} ${ruleSet.standing.howApplied}`;
}

/**
 * The reseller's 15 days (from its knowledge, if later) and the provider's 30 days (from the
 * transaction) can cross. The rule set settles it; both deadlines' explanations say how.
 */
function resellerPairLines(
  obligation: 'ai-report-reseller-to-provider' | 'ai-report-provider-files-reseller',
  ruleSet: RuleSet,
  transactionAt: Date,
  resellerKnowledgeAt: Date | undefined,
  timeZone: string,
  thisDueAt: Date,
  flags: DeadlineFlag[],
): string[] {
  const policy = ruleSet.interpretations.resellerLateKnowledge;
  const providerDue = count(transactionAt, ruleSet.regulatory.periods.aiReportProviderFilesReseller.value, timeZone).dueAt;
  const resellerStart =
    resellerKnowledgeAt !== undefined && resellerKnowledgeAt.getTime() > transactionAt.getTime() ? resellerKnowledgeAt : transactionAt;
  const resellerDue = count(resellerStart, ruleSet.regulatory.periods.aiReportResellerToProvider.value, timeZone).dueAt;
  // As every other line gives a deadline: the local day it ends, then the instant.
  const endOf = (dueAt: Date) => `the end of ${formatDate(localDateOf(dueAt, timeZone))} in ${timeZone} (${dueAt.toISOString()})`;
  if (resellerDue.getTime() > providerDue.getTime()) {
    flags.push('reseller-deadline-after-provider-deadline');
    const lead =
      obligation === 'ai-report-reseller-to-provider'
        ? `Unclear case, settled by rule set ${ruleSet.id}: this reseller deadline (${endOf(resellerDue)}) ends after the provider's deadline to file the reseller's report with Commerce (${endOf(providerDue)}).`
        : `Unclear case, settled by rule set ${ruleSet.id}: the reseller learned of the transaction late, so its own deadline (${endOf(resellerDue)}) ends after this deadline (${endOf(thisDueAt)}).`;
    return [`${lead} ${policy.explanation} (${policy.citation})`];
  }
  const known = resellerKnowledgeAt !== undefined;
  return [
    obligation === 'ai-report-reseller-to-provider'
      ? `The provider must file this report with Commerce by ${endOf(providerDue)} (from the covered transaction); this reseller deadline ends first. Were the reseller's deadline to end later, rule set ${ruleSet.id} settles it: ${policy.explanation}`
      : `${known ? `The reseller's own deadline (${endOf(resellerDue)}) ends first.` : 'No reseller knowledge date was given.'} If a reseller learns so late that its deadline ends after this one, rule set ${ruleSet.id} settles it: ${policy.explanation}`,
  ];
}

export interface Reminder {
  /** Calendar days before the due date. */
  readonly offsetDays: number;
  /** The local date the reminder is for ('YYYY-MM-DD'). */
  readonly date: string;
  /** Start (local midnight) of `date` in the deadline's zone. */
  readonly at: Date;
}

/**
 * Reminder instants for a deadline: for each offset N (from the rule set's CIP policy,
 * `reminderOffsetsDays`, e.g. 7, 3, 1), the start of the local day N calendar days before the
 * due date. Reminders not after the clock start (or `options.after`) are left out. Ascending.
 */
export function reminderInstants(
  deadline: Deadline,
  ruleSet: RuleSet,
  options: { readonly after?: Date; readonly offsetsDays?: readonly number[] } = {},
): readonly Reminder[] {
  if (ruleSet.id !== deadline.ruleSetId) {
    throw new RuleInputError('ruleSet', `the deadline was computed under ${deadline.ruleSetId}, not ${ruleSet.id}`);
  }
  const offsets = options.offsetsDays ?? ruleSet.cipPolicy.reminderOffsetsDays.value;
  offsets.forEach((n, i) => {
    if (!Number.isSafeInteger(n) || n < 1) throw new RuleInputError(`offsetsDays[${i}]`, 'must be a positive whole number of days');
  });
  const after = options.after === undefined ? deadline.clockStartedAt : assertInstant(options.after, 'after');
  const dueDate = localDateOf(deadline.dueAt, deadline.timeZone);
  const reminders = [...new Set(offsets)].map((offsetDays) => {
    const date = addDays(dueDate, -offsetDays);
    return { offsetDays, date: formatDate(date), at: startOfLocalDay(date, deadline.timeZone) };
  });
  return reminders
    .filter((r) => r.at.getTime() > after.getTime() && r.at.getTime() > deadline.clockStartedAt.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
