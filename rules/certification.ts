/**
 * The annual CIP certification's calendar: the provider's certification anniversary (a month
 * and day in its written CIP, a provider setting) divides time into certification periods.
 * Period `Y` starts on the anniversary in year Y (the start of that day in the provider's zone)
 * and ends the day before the next anniversary; its certification is due one rule-set period
 * (NPRM-2024: one year) after the period starts, i.e. one year after the previous
 * certification, as the deadline table says. Pure: the workflow that a Temporal Schedule starts
 * computes the period from its scheduled instant with these functions, so a scheduled run and a
 * scheduler's request for the same instant name the same period.
 */
import { compareDates, localDateOf, startOfLocalDay, formatDate, type CalendarDate } from './calendar.js';
import { RuleInputError } from './errors.js';

/** A month and day, `MM-DD`. */
export interface Anniversary {
  readonly month: number;
  readonly day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses a certification anniversary `MM-DD`. February 29 is refused: an anniversary must fall
 * every year (a Schedule on Feb 29 would fire only in leap years).
 */
export function parseAnniversary(text: unknown, field = 'certificationAnniversary'): Anniversary {
  if (typeof text !== 'string' || !/^\d{2}-\d{2}$/.test(text)) throw new RuleInputError(field, 'must be a month and day, MM-DD (e.g. 03-15)');
  const month = Number(text.slice(0, 2));
  const day = Number(text.slice(3, 5));
  if (month < 1 || month > 12) throw new RuleInputError(field, 'must name a month 01-12');
  if (month === 2 && day === 29) throw new RuleInputError(field, 'must fall every year: February 29 does not (choose 02-28 or 03-01)');
  if (day < 1 || day > DAYS_IN_MONTH[month - 1]!) throw new RuleInputError(field, `must name a day that month has (01-${DAYS_IN_MONTH[month - 1]})`);
  return { month, day };
}

export function formatAnniversary(a: Anniversary): string {
  return `${String(a.month).padStart(2, '0')}-${String(a.day).padStart(2, '0')}`;
}

export interface CertificationPeriod {
  /** The year in which the period starts (its anniversary); the business id's last part. */
  readonly period: number;
  /** 'YYYY-MM-DD': the anniversary that starts the period, in the provider's zone. */
  readonly startsOn: string;
  /** The start of that day in the provider's zone: the certification's clock starts here. */
  readonly startsAt: Date;
}

/** The certification period that starts on the anniversary in `year`. */
export function certificationPeriod(anniversary: Anniversary, year: number, timeZone: string): CertificationPeriod {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) throw new RuleInputError('period', 'must be a year 1000-9998');
  const date: CalendarDate = { year, month: anniversary.month, day: anniversary.day };
  return { period: year, startsOn: formatDate(date), startsAt: startOfLocalDay(date, timeZone) };
}

/** The certification period an instant falls in: the one whose anniversary is the latest on or before it. */
export function certificationPeriodAt(anniversary: Anniversary, instant: Date, timeZone: string): CertificationPeriod {
  const local = localDateOf(instant, timeZone);
  const thisYear: CalendarDate = { year: local.year, month: anniversary.month, day: anniversary.day };
  return certificationPeriod(anniversary, compareDates(local, thisYear) >= 0 ? local.year : local.year - 1, timeZone);
}
