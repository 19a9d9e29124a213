import { describe, expect, it } from 'vitest';
import { certificationPeriod, certificationPeriodAt, computeDeadline, formatAnniversary, getRuleSet, parseAnniversary, RuleInputError } from './index.js';

const zone = 'America/New_York';

describe('certification anniversary', () => {
  it('parses MM-DD and refuses days that do not come every year', () => {
    expect(parseAnniversary('03-15')).toEqual({ month: 3, day: 15 });
    expect(formatAnniversary(parseAnniversary('01-05'))).toBe('01-05');
    expect(() => parseAnniversary('02-29')).toThrow(/February 29/);
    expect(() => parseAnniversary('04-31')).toThrow(/01-30/);
    expect(() => parseAnniversary('13-01')).toThrow(RuleInputError);
    expect(() => parseAnniversary('3-15')).toThrow(/MM-DD/);
  });

  it('takes the first and last day of every month, and refuses what lies outside it, naming the field', () => {
    expect(parseAnniversary('01-01')).toEqual({ month: 1, day: 1 });
    expect(parseAnniversary('12-31')).toEqual({ month: 12, day: 31 });
    expect(parseAnniversary('02-28')).toEqual({ month: 2, day: 28 });
    expect(parseAnniversary('04-30')).toEqual({ month: 4, day: 30 });
    expect(() => parseAnniversary('00-10')).toThrow('certificationAnniversary: must name a month 01-12');
    expect(() => parseAnniversary('12-00')).toThrow('certificationAnniversary: must name a day that month has (01-31)');
    expect(() => parseAnniversary('12-32')).toThrow('certificationAnniversary: must name a day that month has (01-31)');
    expect(() => parseAnniversary('06-31')).toThrow('certificationAnniversary: must name a day that month has (01-30)');
    // February 29 is refused for its own reason; the 29th of other months is a day like any other.
    expect(parseAnniversary('03-29')).toEqual({ month: 3, day: 29 });
    expect(parseAnniversary('02-09')).toEqual({ month: 2, day: 9 });
  });

  it('reads only the whole text as MM-DD, and nothing but text', () => {
    for (const text of ['x03-15', '03-15x', '003-15', '03-155', '0a-15', '03-1b', ' 03-15']) {
      expect(() => parseAnniversary(text, 'anniversary')).toThrow('anniversary: must be a month and day, MM-DD (e.g. 03-15)');
    }
    for (const value of [315, null, undefined, { month: 3, day: 15 }]) expect(() => parseAnniversary(value)).toThrow(RuleInputError);
  });
});

describe('certification periods', () => {
  const anniversary = { month: 3, day: 15 };
  it('starts a period at the start of the anniversary in the provider zone', () => {
    expect(certificationPeriod(anniversary, 2026, zone)).toEqual({ period: 2026, startsOn: '2026-03-15', startsAt: new Date('2026-03-15T04:00:00.000Z') });
  });
  it('finds the period an instant falls in: the latest anniversary on or before its local date', () => {
    expect(certificationPeriodAt(anniversary, new Date('2026-03-15T04:00:00.000Z'), zone).period).toBe(2026);
    // 03:59 UTC on Mar 15 is still Mar 14 in New York: the previous period.
    expect(certificationPeriodAt(anniversary, new Date('2026-03-15T03:59:59.999Z'), zone).period).toBe(2025);
    expect(certificationPeriodAt(anniversary, new Date('2026-12-31T12:00:00.000Z'), zone).period).toBe(2026);
    expect(certificationPeriodAt(anniversary, new Date('2027-01-01T12:00:00.000Z'), zone).period).toBe(2026);
  });
  it('names periods from year 1000 to 9998 only (the next period must still have a date)', () => {
    expect(certificationPeriod(anniversary, 1000, zone).startsOn).toBe('1000-03-15');
    expect(certificationPeriod(anniversary, 9998, zone).startsOn).toBe('9998-03-15');
    for (const year of [999, 9999, 2026.5, Number.NaN]) {
      expect(() => certificationPeriod(anniversary, year, zone)).toThrow('period: must be a year 1000-9998');
    }
  });
  it("is due one year after the period's start (the previous certification), per the rule set", () => {
    const start = certificationPeriod(anniversary, 2026, zone);
    const deadline = computeDeadline({ obligation: 'cip-certification', ruleSet: getRuleSet('NPRM-2024'), startedAt: start.startsAt, timeZone: zone });
    expect(deadline.dueDate).toBe('2027-03-15');
    expect(deadline.explanation.join(' ')).toContain('15 CFR 7.302');
    // The explanation names the instant the clock really starts at: the period's start on the anniversary, not a submission.
    expect(deadline.explanation).toContain(
      "The clock starts when the certification period starts, on the provider's certification anniversary (the rule counts the year from the previous certification; cipdesk dates that certification to the anniversary its period starts on, so a late filing does not move the next due date): 2026-03-15T04:00:00.000Z (2026-03-15 00:00:00.000 in America/New_York).",
    );
  });
});
