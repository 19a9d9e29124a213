/**
 * Zone-aware calendar arithmetic, built on Intl.DateTimeFormat only (it is available in the
 * Temporal workflow sandbox; no date library). A "calendar date" is a civil date with no zone;
 * an instant becomes a calendar date by reading it in the provider's IANA zone.
 */
import { RuleInputError } from './errors.js';
import type { Period } from './rule-set.js';

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

const MS_PER_SECOND = 1000;
/** Dates outside these years are refused: they are typos, and Intl formats them with eras. */
const MIN_YEAR = 1000;
/** The last year a date is written in (four digits, as every date in the product is). */
export const MAX_YEAR = 9999;

const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Zone names already checked, by the spelling given: building a formatter to check a name costs
 * about a millisecond, and every deadline computed checks its zone (the same one, nearly always).
 */
const canonicalZones = new Map<string, string>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Checks an IANA zone name and returns its canonical spelling ("america/new_york" ->
 * "America/New_York"). Throws RuleInputError(field) when the zone is unknown.
 */
export function assertTimeZone(timeZone: unknown, field = 'timeZone'): string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new RuleInputError(field, 'an IANA time zone name is required (e.g. "America/New_York")');
  }
  const known = canonicalZones.get(timeZone);
  if (known !== undefined) return known;
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    formatterFor(canonical);
    // Bounded: any spelling in any case is a valid name, and a request may carry one.
    if (canonicalZones.size >= 1000) canonicalZones.clear();
    canonicalZones.set(timeZone, canonical);
    return canonical;
  } catch {
    throw new RuleInputError(field, `"${timeZone}" is not a valid IANA time zone`);
  }
}

/** Checks that a value is a valid Date within years 1000-9999 and returns it. */
export function assertInstant(value: unknown, field: string): Date {
  if (!(value instanceof Date)) throw new RuleInputError(field, 'must be a Date');
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new RuleInputError(field, 'is an invalid Date');
  const year = value.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RuleInputError(field, `year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}`);
  }
  return value;
}

interface LocalParts extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function localParts(instantMs: number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (part === undefined) throw new RuleInputError('timeZone', `cannot read ${type} in ${timeZone}`);
    return Number(part.value);
  };
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** UTC milliseconds of a civil date-time read as if it were UTC (years < 100 handled). */
function civilToUtcMs(date: CalendarDate, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function utcMsToCivil(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar date of an instant in a zone. */
export function localDateOf(instant: Date | number, timeZone: string): CalendarDate {
  const p = localParts(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** Zone offset at an instant, in ms (local wall clock minus UTC), to the second. */
function offsetMs(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  const wholeSecond = Math.floor(instantMs / MS_PER_SECOND) * MS_PER_SECOND;
  return civilToUtcMs(p, p.hour, p.minute, p.second) - wholeSecond;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The first instant of a calendar date in a zone: local midnight, or, in the rare zones whose
 * clocks jump over midnight, the first instant that exists on that date.
 */
export function startOfLocalDay(date: CalendarDate, timeZone: string): Date {
  const wallMidnight = civilToUtcMs(date);
  let t = wallMidnight - offsetMs(wallMidnight, timeZone);
  t = wallMidnight - offsetMs(t, timeZone);
  const isFirstInstant = (ms: number) =>
    compareDates(localDateOf(ms, timeZone), date) === 0 && compareDates(localDateOf(ms - 1, timeZone), date) < 0;
  if (isFirstInstant(t)) return new Date(t);
  // Fallback: binary search, for the first instant whose local date is on or after `date`.
  // Zone offsets stay within +/- 26 hours of UTC, so the answer lies in this window.
  const window = 26 * 60 * 60 * MS_PER_SECOND;
  let lo = wallMidnight - window;
  let hi = wallMidnight + window;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (compareDates(localDateOf(mid, timeZone), date) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return new Date(lo);
}

/** The last millisecond of a calendar date in a zone (the instant just before the next local midnight). */
export function endOfLocalDay(date: CalendarDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(civilToUtcMs(date));
  d.setUTCDate(d.getUTCDate() + days);
  return utcMsToCivil(d.getTime());
}

export function daysInMonth(year: number, month: number): number {
  return lastDayOfMonth(year, month);
}

function lastDayOfMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month = last day of this one
  return d.getUTCDate();
}

export function addMonths(date: CalendarDate, months: number): { date: CalendarDate; clamped: boolean } {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = lastDayOfMonth(year, month);
  return { date: { year, month, day: Math.min(date.day, last) }, clamped: date.day > last };
}

/**
 * Adds a period to a calendar date. Days count every calendar day. Months and years land on
 * the same day of the month; when that day does not exist (Feb 29 in a common year, the 31st
 * of a 30-day month) the result is the last day of the month and `clamped` is true.
 */
export function addPeriod(date: CalendarDate, period: Period): { date: CalendarDate; clamped: boolean } {
  if (period.days !== undefined) return { date: addDays(date, period.days), clamped: false };
  if (period.months !== undefined) return addMonths(date, period.months);
  return addMonths(date, period.years * 12);
}

/** Whole calendar days from a to b (b - a). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((civilToUtcMs(b) - civilToUtcMs(a)) / (24 * 60 * 60 * MS_PER_SECOND));
}

export function formatDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function parseDate(text: string, field = 'date'): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) throw new RuleInputError(field, `"${text}" is not a YYYY-MM-DD date`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > lastDayOfMonth(date.year, date.month)) {
    throw new RuleInputError(field, `"${text}" is not a calendar date`);
  }
  return date;
}

/** "2024-03-11 at 23:59:59.999 local time" style rendering of an instant in a zone, for explanations. */
export function describeInstant(instant: Date, timeZone: string): string {
  const p = localParts(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const ms = String(((instant.getTime() % 1000) + 1000) % 1000).padStart(3, '0');
  return `${instant.toISOString()} (${formatDate(p)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${ms} in ${timeZone})`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The day of the week of a calendar date ("Saturday"). */
export function weekdayOf(date: CalendarDate): string {
  return WEEKDAYS[new Date(civilToUtcMs(date)).getUTCDay()] ?? '';
}
