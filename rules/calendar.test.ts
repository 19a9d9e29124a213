import { describe, expect, it } from 'vitest';
import {
  addPeriod,
  compareDates,
  daysInMonth,
  describeInstant,
  assertInstant,
  assertTimeZone,
  daysBetween,
  endOfLocalDay,
  formatDate,
  localDateOf,
  parseDate,
  startOfLocalDay,
  weekdayOf,
} from './calendar.js';
import { RuleInputError } from './errors.js';

const d = (s: string) => parseDate(s);

describe('local days in a zone', () => {
  it.each([
    ['America/New_York', '2024-03-10', '2024-03-10T05:00:00.000Z', '2024-03-11T03:59:59.999Z'], // 23-hour day
    ['America/New_York', '2024-11-03', '2024-11-03T04:00:00.000Z', '2024-11-04T04:59:59.999Z'], // 25-hour day
    ['Europe/London', '2024-03-31', '2024-03-31T00:00:00.000Z', '2024-03-31T22:59:59.999Z'],
    ['Asia/Kolkata', '2024-01-01', '2023-12-31T18:30:00.000Z', '2024-01-01T18:29:59.999Z'],
    // Chile moves its clocks at midnight: on 2024-09-08 local midnight does not exist, the day starts at 01:00.
    ['America/Santiago', '2024-09-08', '2024-09-08T04:00:00.000Z', '2024-09-09T02:59:59.999Z'],
    // ... and on 2024-04-07 the clock falls back from 00:00 to 23:00 of the previous day.
    ['America/Santiago', '2024-04-06', '2024-04-06T03:00:00.000Z', '2024-04-07T03:59:59.999Z'],
    ['Pacific/Kiritimati', '2024-06-01', '2024-05-31T10:00:00.000Z', '2024-06-01T09:59:59.999Z'],
  ])('%s %s starts at %s and ends at %s', (zone, date, start, end) => {
    expect(startOfLocalDay(d(date), zone).toISOString()).toBe(start);
    expect(endOfLocalDay(d(date), zone).toISOString()).toBe(end);
    expect(formatDate(localDateOf(new Date(start), zone))).toBe(date);
    expect(formatDate(localDateOf(new Date(end), zone))).toBe(date);
    expect(formatDate(localDateOf(new Date(new Date(start).getTime() - 1), zone))).not.toBe(date);
    expect(formatDate(localDateOf(new Date(new Date(end).getTime() + 1), zone))).not.toBe(date);
  });
});

describe('addPeriod', () => {
  it.each([
    ['2024-01-31', { days: 30 }, '2024-03-01', false],
    ['2024-12-31', { days: 1 }, '2025-01-01', false],
    ['2028-02-29', { years: 2 }, '2030-02-28', true],
    ['2028-02-29', { years: 4 }, '2032-02-29', false],
    ['2024-01-31', { months: 1 }, '2024-02-29', true],
    ['2023-01-31', { months: 1 }, '2023-02-28', true],
    ['2024-03-31', { months: 13 }, '2025-04-30', true],
    ['2024-07-15', { years: 1 }, '2025-07-15', false],
  ] as const)('%s + %j = %s', (start, period, expected, clamped) => {
    const result = addPeriod(d(start), period);
    expect(formatDate(result.date)).toBe(expected);
    expect(result.clamped).toBe(clamped);
  });

  it('counts days between dates', () => {
    expect(daysBetween(d('2024-01-29'), d('2025-01-28'))).toBe(365);
    expect(weekdayOf(d('2024-03-16'))).toBe('Saturday');
  });
});

describe('input checks', () => {
  it('canonicalises zone names and rejects unknown ones with the field', () => {
    expect(assertTimeZone('america/new_york')).toBe('America/New_York');
    expect(() => assertTimeZone('Nowhere/Town', 'provider.timeZone')).toThrow(expect.objectContaining({ field: 'provider.timeZone' }));
    expect(() => assertTimeZone(42)).toThrow(RuleInputError);
  });

  it('rejects invalid and absurd dates', () => {
    expect(() => assertInstant(new Date('x'), 'at')).toThrow(/at: is an invalid Date/);
    expect(() => assertInstant(new Date('0099-01-01T00:00:00Z'), 'at')).toThrow(/outside/);
    expect(() => parseDate('2023-02-29')).toThrow(/not a calendar date/);
  });
});

describe('parseDate and assertInstant at their edges', () => {
  it.each([
    ['2024-01-01', { year: 2024, month: 1, day: 1 }],
    ['2024-12-31', { year: 2024, month: 12, day: 31 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2023-04-30', { year: 2023, month: 4, day: 30 }],
  ])('reads %s', (text, date) => {
    expect(parseDate(text)).toEqual(date);
  });

  it.each(['x2024-01-01', '2024-01-01x', '2024-01-01T00:00', ' 2024-01-01', '24-01-01', '2024-1-01', '2024-01-1', '2024/01/01'])(
    'refuses %j as not a YYYY-MM-DD date',
    (text) => {
      expect(() => parseDate(text, 'birthDate')).toThrow(`birthDate: "${text}" is not a YYYY-MM-DD date`);
    },
  );

  it.each(['2024-00-10', '2024-13-01', '2024-01-00', '2024-01-32', '2023-04-31', '2023-02-29'])('refuses %s as not a calendar date', (text) => {
    expect(() => parseDate(text)).toThrow(`date: "${text}" is not a calendar date`);
  });

  it('accepts instants in years 1000 to 9999 and refuses the years around them', () => {
    const first = new Date('1000-01-01T00:00:00.000Z');
    const last = new Date('9999-12-31T23:59:59.999Z');
    expect(assertInstant(first, 'at')).toBe(first);
    expect(assertInstant(last, 'at')).toBe(last);
    expect(() => assertInstant(new Date(first.getTime() - 1), 'at')).toThrow('at: year 999 is outside 1000-9999');
    expect(() => assertInstant(new Date(last.getTime() + 1), 'at')).toThrow('at: year 10000 is outside 1000-9999');
    expect(() => assertInstant(new Date(Number.NaN), 'at')).toThrow('at: is an invalid Date');
    expect(() => assertInstant('2024-01-01', 'at')).toThrow('at: must be a Date');
  });

  it('refuses an empty or unknown time zone, naming the field', () => {
    expect(() => assertTimeZone('  ', 'zone')).toThrow('zone: an IANA time zone name is required (e.g. "America/New_York")');
    expect(() => assertTimeZone('Mars/Olympus', 'zone')).toThrow('zone: "Mars/Olympus" is not a valid IANA time zone');
    expect(assertTimeZone('america/new_york')).toBe('America/New_York');
  });
});

describe('what explanations print of a date or an instant', () => {
  it('prints an instant with its local date and time to the millisecond, before 1970 too', () => {
    expect(describeInstant(new Date('2024-03-10T06:59:59.007Z'), 'America/New_York')).toBe('2024-03-10T06:59:59.007Z (2024-03-10 01:59:59.007 in America/New_York)');
    expect(describeInstant(new Date('1969-12-31T23:59:59.250Z'), 'UTC')).toBe('1969-12-31T23:59:59.250Z (1969-12-31 23:59:59.250 in UTC)');
  });

  it('names every weekday, and counts days backwards as negative', () => {
    expect(['2024-03-10', '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15', '2024-03-16'].map((s) => weekdayOf(d(s)))).toEqual([
      'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
    ]);
    expect(daysBetween(d('2024-03-01'), d('2024-02-28'))).toBe(-2);
    expect(compareDates(d('2024-03-01'), d('2024-02-29'))).toBeGreaterThan(0);
    expect(compareDates(d('2024-02-01'), d('2024-02-29'))).toBeLessThan(0);
    expect(compareDates(d('2023-12-31'), d('2024-01-01'))).toBeLessThan(0);
    expect(compareDates(d('2024-02-29'), d('2024-02-29'))).toBe(0);
    expect(formatDate({ year: 2024, month: 3, day: 5 })).toBe('2024-03-05');
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
  });
});
