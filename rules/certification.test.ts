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
});

describe('certification periods', () => {
  const anniversary = parseAnniversary('03-15');
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
  it("is due one year after the period's start (the previous certification), per the rule set", () => {
    const start = certificationPeriod(anniversary, 2026, zone);
    const deadline = computeDeadline({ obligation: 'cip-certification', ruleSet: getRuleSet('NPRM-2024'), startedAt: start.startsAt, timeZone: zone });
    expect(deadline.dueDate).toBe('2027-03-15');
    expect(deadline.explanation.join(' ')).toContain('15 CFR 7.302');
  });
});
