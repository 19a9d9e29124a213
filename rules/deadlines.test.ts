import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDateOf, parseDate } from './calendar.js';
import { withCipPolicy } from './cip-policy.js';
import { computeDeadline, reminderInstants, standingLine, type DeadlineInput } from './deadlines.js';
import { RuleInputError } from './errors.js';
import { OBLIGATION_IDS, obligationPeriod, type ObligationId } from './rule-set.js';
import { NPRM_2024 } from './rule-sets/nprm-2024.js';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);

type Row = {
  name: string;
  obligation: ObligationId;
  startedAt: string;
  knowledgeAt?: string;
  lastAccessAt?: string;
  extensions?: DeadlineInput['extensions'];
  timeZone?: string;
  clockStartedAt?: string;
  clockStartDate: string;
  dueDate: string;
  dueAt: string;
  flags?: string[];
};

// Expected values worked out by hand: trigger day not counted, end of the last day in the zone.
const rows: Row[] = [
  {
    name: 'CIP transmission: 10 days across the spring DST change (EST start, EDT end)',
    obligation: 'cip-transmission', startedAt: '2024-03-01T15:00:00.000Z',
    clockStartDate: '2024-03-01', dueDate: '2024-03-11', dueAt: '2024-03-12T03:59:59.999Z',
  },
  {
    name: 'CIP transmission: an evening request in New York is a leap-day request there (UTC date differs)',
    obligation: 'cip-transmission', startedAt: '2024-03-01T03:00:00.000Z',
    clockStartDate: '2024-02-29', dueDate: '2024-03-10', dueAt: '2024-03-11T03:59:59.999Z',
  },
  {
    name: 'CIP transmission: in Tokyo the same kind of instant falls on the next day',
    obligation: 'cip-transmission', startedAt: '2024-03-01T15:30:00.000Z', timeZone: 'Asia/Tokyo',
    clockStartDate: '2024-03-02', dueDate: '2024-03-12', dueAt: '2024-03-12T14:59:59.999Z',
  },
  {
    name: 'reseller termination: 30 days from Jan 31 in a leap year is Mar 1',
    obligation: 'reseller-termination', startedAt: '2024-01-31T17:00:00.000Z',
    clockStartDate: '2024-01-31', dueDate: '2024-03-01', dueAt: '2024-03-02T04:59:59.999Z',
  },
  {
    name: 'reseller termination: 30 days from Jan 31 in a common year is Mar 2',
    obligation: 'reseller-termination', startedAt: '2023-01-31T17:00:00.000Z',
    clockStartDate: '2023-01-31', dueDate: '2023-03-02', dueAt: '2023-03-03T04:59:59.999Z',
  },
  {
    name: 'provider AI report: 15 days across the fall DST change (EDT start, EST end)',
    obligation: 'ai-report-provider', startedAt: '2024-10-20T12:00:00.000Z',
    clockStartDate: '2024-10-20', dueDate: '2024-11-04', dueAt: '2024-11-05T04:59:59.999Z',
  },
  {
    name: 'provider AI report: later knowledge moves the clock (to its New York date)',
    obligation: 'ai-report-provider', startedAt: '2024-10-20T12:00:00.000Z', knowledgeAt: '2024-10-25T02:00:00.000Z',
    clockStartedAt: '2024-10-25T02:00:00.000Z', clockStartDate: '2024-10-24', dueDate: '2024-11-08', dueAt: '2024-11-09T04:59:59.999Z',
    flags: ['clock-started-at-knowledge'],
  },
  {
    name: 'provider AI report: knowledge at the transaction instant changes nothing',
    obligation: 'ai-report-provider', startedAt: '2024-10-20T12:00:00.000Z', knowledgeAt: '2024-10-20T12:00:00.000Z',
    clockStartDate: '2024-10-20', dueDate: '2024-11-04', dueAt: '2024-11-05T04:59:59.999Z',
  },
  {
    name: 'reseller to provider: 15 days from the transaction',
    obligation: 'ai-report-reseller-to-provider', startedAt: '2024-06-01T12:00:00.000Z',
    clockStartDate: '2024-06-01', dueDate: '2024-06-16', dueAt: '2024-06-17T03:59:59.999Z',
  },
  {
    name: 'reseller to provider: late knowledge ends after the provider 30 days (flagged)',
    obligation: 'ai-report-reseller-to-provider', startedAt: '2024-06-01T12:00:00.000Z', knowledgeAt: '2024-06-25T12:00:00.000Z',
    clockStartedAt: '2024-06-25T12:00:00.000Z', clockStartDate: '2024-06-25', dueDate: '2024-07-10', dueAt: '2024-07-11T03:59:59.999Z',
    flags: ['clock-started-at-knowledge', 'reseller-deadline-after-provider-deadline'],
  },
  {
    name: 'provider files reseller report: knowledge does NOT move the clock; late reseller flagged',
    obligation: 'ai-report-provider-files-reseller', startedAt: '2024-06-01T12:00:00.000Z', knowledgeAt: '2024-06-25T12:00:00.000Z',
    clockStartedAt: '2024-06-01T12:00:00.000Z', clockStartDate: '2024-06-01', dueDate: '2024-07-01', dueAt: '2024-07-02T03:59:59.999Z',
    flags: ['reseller-deadline-after-provider-deadline'],
  },
  {
    name: 'provider files reseller report: timely reseller, no flag',
    obligation: 'ai-report-provider-files-reseller', startedAt: '2024-06-01T12:00:00.000Z', knowledgeAt: '2024-06-05T12:00:00.000Z',
    clockStartedAt: '2024-06-01T12:00:00.000Z', clockStartDate: '2024-06-01', dueDate: '2024-07-01', dueAt: '2024-07-02T03:59:59.999Z',
  },
  {
    name: 'special measure implementation: 180 days after issuance',
    obligation: 'special-measure-implementation', startedAt: '2024-01-29T15:00:00.000Z',
    clockStartDate: '2024-01-29', dueDate: '2024-07-27', dueAt: '2024-07-28T03:59:59.999Z',
  },
  {
    name: 'special measure expiry: 365 days after issuance (leap year in between)',
    obligation: 'special-measure-expiry', startedAt: '2024-01-29T15:00:00.000Z',
    clockStartDate: '2024-01-29', dueDate: '2025-01-28', dueAt: '2025-01-29T04:59:59.999Z',
  },
  {
    name: 'special measure expiry: 365 days from the latest extension (extensions given out of order)',
    obligation: 'special-measure-expiry', startedAt: '2024-01-29T15:00:00.000Z',
    extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z') }, { publishedAt: at('2024-06-01T15:00:00.000Z') }],
    clockStartedAt: '2024-12-01T15:00:00.000Z', clockStartDate: '2024-12-01', dueDate: '2025-12-01', dueAt: '2025-12-02T04:59:59.999Z',
    flags: ['clock-started-at-extension'],
  },
  {
    name: 'special measure expiry: an extension stating its own duration',
    obligation: 'special-measure-expiry', startedAt: '2024-01-29T15:00:00.000Z',
    extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), duration: { days: 180 } }],
    clockStartedAt: '2024-12-01T15:00:00.000Z', clockStartDate: '2024-12-01', dueDate: '2025-05-30', dueAt: '2025-05-31T03:59:59.999Z',
    flags: ['clock-started-at-extension'],
  },
  {
    name: 'special measure expiry: extension after the measure expired is flagged for legal review',
    obligation: 'special-measure-expiry', startedAt: '2024-01-29T15:00:00.000Z',
    extensions: [{ publishedAt: at('2025-02-10T15:00:00.000Z') }],
    clockStartedAt: '2025-02-10T15:00:00.000Z', clockStartDate: '2025-02-10', dueDate: '2026-02-10', dueAt: '2026-02-11T04:59:59.999Z',
    flags: ['extension-published-after-expiry', 'clock-started-at-extension'],
  },
  {
    name: 'record retention: 2 years from Feb 29 ends Feb 28',
    obligation: 'record-retention', startedAt: '2028-02-29T12:00:00.000Z', timeZone: 'UTC',
    clockStartDate: '2028-02-29', dueDate: '2030-02-28', dueAt: '2030-02-28T23:59:59.999Z',
    flags: ['period-ended-on-last-day-of-shorter-month'],
  },
  {
    name: 'record retention: last access after closure starts the clock',
    obligation: 'record-retention', startedAt: '2026-03-10T15:00:00.000Z', lastAccessAt: '2026-04-02T15:00:00.000Z',
    clockStartedAt: '2026-04-02T15:00:00.000Z', clockStartDate: '2026-04-02', dueDate: '2028-04-02', dueAt: '2028-04-03T03:59:59.999Z',
    flags: ['clock-started-at-last-access'],
  },
  {
    name: 'record retention: last access before closure, closure starts the clock',
    obligation: 'record-retention', startedAt: '2026-04-02T15:00:00.000Z', lastAccessAt: '2026-03-10T15:00:00.000Z',
    clockStartedAt: '2026-04-02T15:00:00.000Z', clockStartDate: '2026-04-02', dueDate: '2028-04-02', dueAt: '2028-04-03T03:59:59.999Z',
  },
  {
    name: 'CIP certification: 1 year from Feb 29 ends Feb 28',
    obligation: 'cip-certification', startedAt: '2024-02-29T17:00:00.000Z',
    clockStartDate: '2024-02-29', dueDate: '2025-02-28', dueAt: '2025-03-01T04:59:59.999Z',
    flags: ['period-ended-on-last-day-of-shorter-month'],
  },
  {
    name: 'CIP certification: an ordinary anniversary',
    obligation: 'cip-certification', startedAt: '2024-07-15T17:00:00.000Z',
    clockStartDate: '2024-07-15', dueDate: '2025-07-15', dueAt: '2025-07-16T03:59:59.999Z',
  },
  {
    name: 'exemption notification: one year after the grant, Feb 29 ends Feb 28',
    obligation: 'exemption-notification', startedAt: '2028-02-29T17:00:00.000Z',
    clockStartDate: '2028-02-29', dueDate: '2029-02-28', dueAt: '2029-03-01T04:59:59.999Z',
    flags: ['period-ended-on-last-day-of-shorter-month'],
  },
  {
    name: 'exemption notification: one year after the last notification, counted in the provider zone',
    obligation: 'exemption-notification', startedAt: '2026-03-03T02:00:00.000Z',
    clockStartDate: '2026-03-02', dueDate: '2027-03-02', dueAt: '2027-03-03T04:59:59.999Z',
  },
  {
    name: 'initial CIP certification: 90 days (CIP policy default) from the program start, before the first anniversary',
    obligation: 'cip-initial-certification', startedAt: '2026-03-02T14:00:00.000Z',
    clockStartDate: '2026-03-02', dueDate: '2026-05-31', dueAt: '2026-06-01T03:59:59.999Z',
  },
  {
    name: 'interim account review: 30 days (CIP policy default) across a year end',
    obligation: 'interim-account-review', startedAt: '2024-12-15T17:00:00.000Z',
    clockStartDate: '2024-12-15', dueDate: '2025-01-14', dueAt: '2025-01-15T04:59:59.999Z',
  },
  {
    name: 'irregular update: 30 days (CIP policy default)',
    obligation: 'irregular-update', startedAt: '2024-12-15T17:00:00.000Z',
    clockStartDate: '2024-12-15', dueDate: '2025-01-14', dueAt: '2025-01-15T04:59:59.999Z',
  },
  {
    name: 'deficiency remediation: 90 days (CIP policy default) ending after the spring DST change',
    obligation: 'deficiency-remediation', startedAt: '2024-12-15T17:00:00.000Z',
    clockStartDate: '2024-12-15', dueDate: '2025-03-15', dueAt: '2025-03-16T03:59:59.999Z',
  },
  {
    name: 'periodic re-verification: 1 year (CIP policy default) from the last completed verification',
    obligation: 'periodic-reverification', startedAt: '2025-03-10T15:00:00.000Z',
    clockStartDate: '2025-03-10', dueDate: '2026-03-10', dueAt: '2026-03-11T03:59:59.999Z',
  },
  {
    name: 'periodic re-verification: a verification on Feb 29 is due again on Feb 28',
    obligation: 'periodic-reverification', startedAt: '2024-02-29T17:00:00.000Z',
    clockStartDate: '2024-02-29', dueDate: '2025-02-28', dueAt: '2025-03-01T04:59:59.999Z',
    flags: ['period-ended-on-last-day-of-shorter-month'],
  },
  {
    name: 'periodic re-verification: a New Year\'s Eve evening verification in New York counts from Dec 31 (UTC says Jan 1)',
    obligation: 'periodic-reverification', startedAt: '2026-01-01T04:30:00.000Z',
    clockStartDate: '2025-12-31', dueDate: '2026-12-31', dueAt: '2027-01-01T04:59:59.999Z',
  },
  {
    name: 'periodic re-verification: in Tokyo the same instant is already Jan 1',
    obligation: 'periodic-reverification', startedAt: '2026-01-01T04:30:00.000Z', timeZone: 'Asia/Tokyo',
    clockStartDate: '2026-01-01', dueDate: '2027-01-01', dueAt: '2027-01-01T14:59:59.999Z',
  },
  {
    name: "reseller CIP delivery: 5 days (CIP policy default) from Commerce's request, ahead of the 10-day transmission",
    obligation: 'reseller-cip-delivery', startedAt: '2026-11-20T20:00:00.000Z',
    clockStartDate: '2026-11-20', dueDate: '2026-11-25', dueAt: '2026-11-26T04:59:59.999Z',
  },
  {
    name: 'ends on the fall-back day itself (a 25-hour day)',
    obligation: 'cip-transmission', startedAt: '2024-10-24T16:00:00.000Z',
    clockStartDate: '2024-10-24', dueDate: '2024-11-03', dueAt: '2024-11-04T04:59:59.999Z',
  },
  {
    name: 'ends on the spring-forward day itself (a 23-hour day)',
    obligation: 'cip-transmission', startedAt: '2024-02-29T16:00:00.000Z',
    clockStartDate: '2024-02-29', dueDate: '2024-03-10', dueAt: '2024-03-11T03:59:59.999Z',
  },
  {
    name: 'Lord Howe Island: half-hour DST offset',
    obligation: 'cip-transmission', startedAt: '2024-03-28T00:00:00.000Z', timeZone: 'Australia/Lord_Howe',
    clockStartDate: '2024-03-28', dueDate: '2024-04-07', dueAt: '2024-04-07T13:29:59.999Z',
  },
];

describe('computeDeadline, one row per case', () => {
  it('covers every obligation', () => {
    expect(new Set(rows.map((r) => r.obligation))).toEqual(new Set(OBLIGATION_IDS));
  });

  it.each(rows)('$name', (row) => {
    const d = computeDeadline({
      obligation: row.obligation,
      ruleSet: NPRM_2024,
      startedAt: at(row.startedAt),
      timeZone: row.timeZone ?? NY,
      ...(row.knowledgeAt ? { knowledgeAt: at(row.knowledgeAt) } : {}),
      ...(row.lastAccessAt ? { lastAccessAt: at(row.lastAccessAt) } : {}),
      ...(row.extensions ? { extensions: row.extensions } : {}),
    });
    expect({
      clockStartedAt: d.clockStartedAt.toISOString(),
      clockStartDate: d.clockStartDate,
      dueDate: d.dueDate,
      dueAt: d.dueAt.toISOString(),
      flags: d.flags,
    }).toEqual({
      clockStartedAt: row.clockStartedAt ?? row.startedAt,
      clockStartDate: row.clockStartDate,
      dueDate: row.dueDate,
      dueAt: row.dueAt,
      flags: row.flags ?? [],
    });
    expect(d.obligation).toBe(row.obligation);
    expect(d.ruleSetId).toBe('NPRM-2024');
    expect(d.explanation.join('\n')).toContain(`Due at the end of ${row.dueDate}`);
    expect(d.explanation.join('\n')).toContain(NPRM_2024.obligations[row.obligation].citation);
  });
});

describe('explanations', () => {
  const explain = (input: Partial<DeadlineInput> & Pick<DeadlineInput, 'obligation' | 'startedAt'>) =>
    computeDeadline({ ruleSet: NPRM_2024, timeZone: NY, ...input }).explanation.join('\n');

  it('say which day is day 1 and that the trigger day is not counted', () => {
    const text = explain({ obligation: 'cip-transmission', startedAt: at('2024-03-01T15:00:00.000Z') });
    expect(text).toContain('the trigger day 2024-03-01 (its date in America/New_York) is not counted; day 1 is 2024-03-02 and day 10 is 2024-03-11');
    expect(text).toContain('2024-03-12T03:59:59.999Z');
  });

  it('say a weekend last day is not moved', () => {
    const text = explain({ obligation: 'cip-transmission', startedAt: at('2024-03-06T15:00:00.000Z') });
    expect(text).toContain('The last day, 2024-03-16, is a Saturday and is not moved');
  });

  it('say knowledge moved the clock', () => {
    const text = explain({ obligation: 'ai-report-provider', startedAt: at('2024-10-20T12:00:00.000Z'), knowledgeAt: at('2024-10-25T02:00:00.000Z') });
    expect(text).toContain('so the clock starts at knowledge');
  });

  it('state the late-reseller policy in both deadlines of the pair, even when not triggered', () => {
    for (const obligation of ['ai-report-reseller-to-provider', 'ai-report-provider-files-reseller'] as const) {
      const text = explain({ obligation, startedAt: at('2024-06-01T12:00:00.000Z') });
      expect(text).toContain("NPRM-2024 does not extend the provider's deadline");
      expect(text).not.toContain('Unclear case');
    }
  });

  it('flag the late-reseller case in both deadlines of the pair', () => {
    const knowledgeAt = at('2024-06-25T12:00:00.000Z');
    const reseller = explain({ obligation: 'ai-report-reseller-to-provider', startedAt: at('2024-06-01T12:00:00.000Z'), knowledgeAt });
    const provider = explain({ obligation: 'ai-report-provider-files-reseller', startedAt: at('2024-06-01T12:00:00.000Z'), knowledgeAt });
    expect(reseller).toContain("Unclear case, settled by rule set NPRM-2024: this reseller deadline (the end of 2024-07-10 in America/New_York (2024-07-11T03:59:59.999Z)) ends after the provider's deadline to file the reseller's report with Commerce (the end of 2024-07-01 in America/New_York (2024-07-02T03:59:59.999Z)).");
    expect(provider).toContain('Unclear case, settled by rule set NPRM-2024: the reseller learned of the transaction late, so its own deadline (the end of 2024-07-10 in America/New_York (2024-07-11T03:59:59.999Z)) ends after this deadline (the end of 2024-07-01 in America/New_York (2024-07-02T03:59:59.999Z)).');
    expect(provider).toContain('does not move this clock');
  });

  it("say that the reseller termination's clock start is the rule set's reading, not the rule's words", () => {
    const text = explain({ obligation: 'reseller-termination', startedAt: at('2024-06-01T12:00:00.000Z') });
    expect(text).toContain('within 30 calendar days');
    expect(text).toContain("name no event that starts the 30 days; rule set NPRM-2024 reads them as running from the provider's determination");
  });

  it('explain the Feb 29 -> Feb 28 rule', () => {
    const text = computeDeadline({ obligation: 'record-retention', ruleSet: NPRM_2024, startedAt: at('2028-02-29T12:00:00.000Z'), timeZone: 'UTC' }).explanation.join('\n');
    expect(text).toContain('02-29 has no counterpart in the final month, so the period ends on the last day of that month, 2030-02-28');
  });

  it('give the interim account default action and call CIP policy periods what they are', () => {
    const text = explain({ obligation: 'interim-account-review', startedAt: at('2024-12-15T17:00:00.000Z') });
    expect(text).toContain('CIP policy period: 30 calendar days');
    expect(text).toContain('the CIP policy\'s default action applies: "close"');
  });
});

describe('CIP policy overrides flow into deadlines', () => {
  // periodic-reverification runs on the provider's own period: days, months or years.
  it.each([
    ['180 days', { days: 180 }, '2025-08-31T16:00:00.000Z', '2025-08-31', '2026-02-27', '2026-02-28T04:59:59.999Z', []],
    ['6 months, Aug 31 -> Feb 28', { months: 6 }, '2025-08-31T16:00:00.000Z', '2025-08-31', '2026-02-28', '2026-03-01T04:59:59.999Z', ['period-ended-on-last-day-of-shorter-month']],
    ['6 months, ends after the spring DST change', { months: 6 }, '2025-09-15T16:00:00.000Z', '2025-09-15', '2026-03-15', '2026-03-16T03:59:59.999Z', []],
    ['2 years, Feb 29 -> Feb 28', { years: 2 }, '2024-02-29T17:00:00.000Z', '2024-02-29', '2026-02-28', '2026-03-01T04:59:59.999Z', ['period-ended-on-last-day-of-shorter-month']],
    ['3 years, Feb 29 -> Feb 28 (2027 is a common year)', { years: 3 }, '2024-02-29T17:00:00.000Z', '2024-02-29', '2027-02-28', '2027-03-01T04:59:59.999Z', ['period-ended-on-last-day-of-shorter-month']],
    ['4 years, Feb 29 -> Feb 29', { years: 4 }, '2024-02-29T17:00:00.000Z', '2024-02-29', '2028-02-29', '2028-03-01T04:59:59.999Z', []],
  ] as const)('periodic re-verification with a provider period of %s', (_name, period, startedAt, clockStartDate, dueDate, dueAt, flags) => {
    const ruleSet = withCipPolicy(NPRM_2024, { periodicReverificationPeriod: period }, { policyReference: 'CIP v4' });
    const d = computeDeadline({ obligation: 'periodic-reverification', ruleSet, startedAt: at(startedAt), timeZone: NY });
    expect({ clockStartDate: d.clockStartDate, dueDate: d.dueDate, dueAt: d.dueAt.toISOString(), flags: d.flags, period: d.period }).toEqual({
      clockStartDate,
      dueDate,
      dueAt,
      flags,
      period,
    });
    expect(d.explanation.join('\n')).toContain('Provider policy (CIP v4)');
    expect(d.explanation.join('\n')).toContain("This is the provider's choice, not a regulatory number.");
  });

  it('periodic re-verification explains its clock and calls its period CIP policy, not regulation', () => {
    const d = computeDeadline({ obligation: 'periodic-reverification', ruleSet: NPRM_2024, startedAt: at('2025-03-10T15:00:00.000Z'), timeZone: NY });
    const text = d.explanation.join('\n');
    expect(d.owner).toBe('us-provider');
    expect(obligationPeriod(NPRM_2024, 'periodic-reverification')).toBe(NPRM_2024.cipPolicy.periodicReverificationPeriod);
    expect(text).toContain('Obligation "periodic-reverification"');
    expect(text).toContain("The clock starts when the customer's last verification is completed: ");
    expect(text).toContain('CIP policy period: 1 year. The NPRM requires periodic re-verification of customer information without a period. Provider policy default: every year.');
    expect(text).toContain('not set by the regulation');
    expect(text).toContain('1 year from the trigger day 2025-03-10 (its date in America/New_York) ends on the same day of the month, 2026-03-10');
    expect(text).toContain('the next re-verification must be completed by this instant');
  });

  it('uses the provider period for interim-account-review, and says so', () => {
    const ruleSet = withCipPolicy(NPRM_2024, { interimAccountReviewPeriod: { days: 45 }, interimAccountDefaultAction: 'keep-under-additional-monitoring' });
    const d = computeDeadline({ obligation: 'interim-account-review', ruleSet, startedAt: at('2024-12-15T17:00:00.000Z'), timeZone: NY });
    expect(d.dueDate).toBe('2025-01-29');
    expect(d.dueAt.toISOString()).toBe('2025-01-30T04:59:59.999Z');
    expect(d.explanation.join('\n')).toContain('Provider policy');
    expect(d.explanation.join('\n')).toContain('"keep-under-additional-monitoring"');
  });
});

describe('bad input throws RuleInputError naming the field', () => {
  const base: DeadlineInput = { obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY };
  const cases: [string, Partial<Record<keyof DeadlineInput, unknown>>, string][] = [
    ['unknown obligation', { obligation: 'file-taxes' }, 'obligation'],
    ['invalid zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['empty zone', { timeZone: '' }, 'timeZone'],
    ['invalid date', { startedAt: new Date('not a date') }, 'startedAt'],
    ['not a date', { startedAt: '2024-03-01' }, 'startedAt'],
    ['knowledge before the event', { obligation: 'ai-report-provider', knowledgeAt: at('2024-02-01T00:00:00.000Z') }, 'knowledgeAt'],
    ['invalid knowledge date', { obligation: 'ai-report-provider', knowledgeAt: new Date(Number.NaN) }, 'knowledgeAt'],
    ['knowledge for an obligation that ignores it', { knowledgeAt: at('2024-03-02T00:00:00.000Z') }, 'knowledgeAt'],
    ['last access for an obligation that ignores it', { lastAccessAt: at('2024-03-02T00:00:00.000Z') }, 'lastAccessAt'],
    ['extensions for an obligation that ignores them', { extensions: [] }, 'extensions'],
    ['extension before issuance', { obligation: 'special-measure-expiry', extensions: [{ publishedAt: at('2024-01-01T00:00:00.000Z') }] }, 'extensions[0].publishedAt'],
    ['extension with a bad duration', { obligation: 'special-measure-expiry', extensions: [{ publishedAt: at('2024-04-01T00:00:00.000Z'), duration: { days: 0 } }] }, 'extensions[0].duration'],
    ['missing rule set', { ruleSet: undefined }, 'ruleSet'],
    ['knowledge for periodic re-verification (its clock is the last verification)', { obligation: 'periodic-reverification', knowledgeAt: at('2024-03-02T00:00:00.000Z') }, 'knowledgeAt'],
    ['last access for periodic re-verification', { obligation: 'periodic-reverification', lastAccessAt: at('2024-03-02T00:00:00.000Z') }, 'lastAccessAt'],
    // A date in year 10000 or later cannot be written in four digits: refused, naming what started the clock.
    ['a period ending after 9999', { startedAt: at('9999-12-28T15:00:00.000Z') }, 'startedAt'],
    ['a last access whose period ends after 9999', { obligation: 'record-retention', lastAccessAt: at('9999-06-01T00:00:00.000Z') }, 'lastAccessAt'],
    ['knowledge whose period ends after 9999', { obligation: 'ai-report-provider', knowledgeAt: at('9999-12-30T00:00:00.000Z') }, 'knowledgeAt'],
    ['an extension whose period ends after 9999', { obligation: 'special-measure-expiry', extensions: [{ publishedAt: at('9999-06-01T00:00:00.000Z') }] }, 'extensions[0].publishedAt'],
  ];
  it.each(cases)('%s', (_name, patch, field) => {
    const run = () => computeDeadline({ ...base, ...patch } as DeadlineInput);
    expect(run).toThrow(RuleInputError);
    try {
      run();
    } catch (error) {
      expect((error as RuleInputError).field).toBe(field);
      expect((error as RuleInputError).code).toBe('rules.invalid_input');
    }
  });
});

describe('the end of the calendar', () => {
  it('takes a period that ends in 9999 and says why one that would end later is refused', () => {
    const last = computeDeadline({ obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: at('9999-12-01T15:00:00.000Z'), timeZone: NY });
    expect(last.dueDate).toBe('9999-12-11');
    expect(() => computeDeadline({ obligation: 'record-retention', ruleSet: NPRM_2024, startedAt: at('9998-06-01T15:00:00.000Z'), timeZone: NY })).toThrow(
      'startedAt: the period would end in year 10000, after 9999',
    );
  });
});

describe('reminderInstants', () => {
  it('gives local midnights 7, 3 and 1 days before the due date, ascending, across DST', () => {
    const d = computeDeadline({ obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY });
    expect(reminderInstants(d, NPRM_2024).map((r) => [r.offsetDays, r.date, r.at.toISOString()])).toEqual([
      [7, '2024-03-04', '2024-03-04T05:00:00.000Z'],
      [3, '2024-03-08', '2024-03-08T05:00:00.000Z'],
      [1, '2024-03-10', '2024-03-10T05:00:00.000Z'],
    ]);
  });

  it('leaves out reminders before the clock start or the given instant, and takes provider offsets', () => {
    const ruleSet = withCipPolicy(NPRM_2024, { reminderOffsetsDays: [1, 14, 2] });
    const d = computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY });
    expect(reminderInstants(d, ruleSet).map((r) => r.offsetDays)).toEqual([2, 1]);
    expect(reminderInstants(d, ruleSet, { after: at('2024-03-09T12:00:00.000Z') }).map((r) => r.date)).toEqual(['2024-03-10']);
  });

  it('refuses a rule set other than the deadline\'s', () => {
    const d = computeDeadline({ obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY });
    expect(() => reminderInstants(d, { ...NPRM_2024, id: 'OTHER' })).toThrow(expect.objectContaining({ field: 'ruleSet' }));
  });
});

describe('properties', () => {
  const zones = fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Tokyo', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC', 'Pacific/Kiritimati');
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) });
  const obligation = fc.constantFrom(...OBLIGATION_IDS);

  it('a later start never gives an earlier due date', () => {
    fc.assert(
      fc.property(obligation, zones, instant, fc.integer({ min: 0, max: 400 * 86_400_000 }), (o, tz, t, delta) => {
        const a = computeDeadline({ obligation: o, ruleSet: NPRM_2024, startedAt: new Date(t), timeZone: tz });
        const b = computeDeadline({ obligation: o, ruleSet: NPRM_2024, startedAt: new Date(t + delta), timeZone: tz });
        expect(b.dueAt.getTime()).toBeGreaterThanOrEqual(a.dueAt.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('later knowledge never gives an earlier due date', () => {
    fc.assert(
      fc.property(fc.constantFrom('ai-report-provider', 'ai-report-reseller-to-provider' as const), zones, instant, fc.nat(60 * 86_400_000), fc.nat(60 * 86_400_000), (o, tz, t, k1, k2) => {
        const [early, late] = k1 <= k2 ? [k1, k2] : [k2, k1];
        const a = computeDeadline({ obligation: o, ruleSet: NPRM_2024, startedAt: new Date(t), knowledgeAt: new Date(t + early), timeZone: tz });
        const b = computeDeadline({ obligation: o, ruleSet: NPRM_2024, startedAt: new Date(t), knowledgeAt: new Date(t + late), timeZone: tz });
        expect(b.dueAt.getTime()).toBeGreaterThanOrEqual(a.dueAt.getTime());
      }),
    );
  });

  it('gives a whole period less the spring-forward hour from the trigger day\'s last millisecond', () => {
    const t = Date.parse('2059-12-31T23:59:59.999Z');
    const d = computeDeadline({ obligation: 'deficiency-remediation', ruleSet: NPRM_2024, startedAt: new Date(t), timeZone: 'Europe/London' });
    expect(d.dueAt.toISOString()).toBe('2060-03-30T22:59:59.999Z');
    expect(d.dueAt.getTime() - t).toBe(90 * 86_400_000 - 3_600_000);
  });

  it('the due date is always the full period after the trigger day, and dueAt is the end of that local day', () => {
    fc.assert(
      fc.property(obligation, zones, instant, (o, tz, t) => {
        const d = computeDeadline({ obligation: o, ruleSet: NPRM_2024, startedAt: new Date(t), timeZone: tz });
        const period = obligationPeriod(NPRM_2024, o).value;
        const start = parseDate(d.clockStartDate);
        const due = parseDate(d.dueDate);
        expect(localDateOf(new Date(t), tz)).toEqual(start);
        if (period.days !== undefined) {
          expect(daysBetween(start, due)).toBe(period.days);
          // At least N days of time remain; a spring-forward day inside the period is 1 hour short
          // (exactly that, from the trigger day's last millisecond: 2059-12-31T23:59:59.999Z in London).
          expect(d.dueAt.getTime() - t).toBeGreaterThanOrEqual(period.days * 86_400_000 - 3_600_000);
        } else {
          const years = period.years ?? 0;
          expect(due.year).toBe(start.year + years);
          expect(due.month).toBe(start.month);
          expect(due.day === start.day || (start.month === 2 && start.day === 29 && due.day === 28)).toBe(true);
        }
        expect(localDateOf(d.dueAt, tz)).toEqual(due);
        expect(localDateOf(new Date(d.dueAt.getTime() + 1), tz)).toEqual(addDays(due, 1));
      }),
      { numRuns: 500 },
    );
  });

  it('errors always carry the field', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 * 86_400_000 }), (t, before) => {
        try {
          computeDeadline({ obligation: 'ai-report-provider', ruleSet: NPRM_2024, startedAt: new Date(t), knowledgeAt: new Date(t - before), timeZone: NY });
          return false;
        } catch (error) {
          return error instanceof RuleInputError && error.field === 'knowledgeAt';
        }
      }),
    );
  });
});

describe('edges the mutation run found untested', () => {
  it('does not flag a reseller deadline that ends at the same instant as the provider\'s, and flags one a day later', () => {
    const startedAt = at('2024-06-01T12:00:00.000Z');
    const pair = (knowledgeAt: Date) =>
      (['ai-report-reseller-to-provider', 'ai-report-provider-files-reseller'] as const).map((obligation) =>
        computeDeadline({ obligation, ruleSet: NPRM_2024, startedAt, knowledgeAt, timeZone: NY }),
      );
    const [resellerSame, providerSame] = pair(at('2024-06-16T12:00:00.000Z'));
    expect(resellerSame!.dueAt.toISOString()).toBe('2024-07-02T03:59:59.999Z');
    expect(providerSame!.dueAt.toISOString()).toBe('2024-07-02T03:59:59.999Z');
    for (const d of [resellerSame!, providerSame!]) {
      expect(d.flags).not.toContain('reseller-deadline-after-provider-deadline');
      expect(d.explanation.join('\n')).not.toContain('Unclear case');
    }
    expect(providerSame!.explanation.join('\n')).toContain("The reseller's own deadline (the end of 2024-07-01 in America/New_York (2024-07-02T03:59:59.999Z)) ends first.");
    for (const d of pair(at('2024-06-17T12:00:00.000Z'))) expect(d.flags).toContain('reseller-deadline-after-provider-deadline');
  });

  it.each([[0], [-1], [1.5], [Number.NaN], [2 ** 53]])('refuses the reminder offset %s naming its position', (bad) => {
    const d = computeDeadline({ obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY });
    expect(() => reminderInstants(d, NPRM_2024, { offsetsDays: [3, bad] })).toThrow('offsetsDays[1]: must be a positive whole number of days');
  });

  it('takes a one-day offset, and one reminder per distinct offset', () => {
    const d = computeDeadline({ obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY });
    expect(reminderInstants(d, NPRM_2024, { offsetsDays: [1, 1, 3] }).map((r) => r.offsetDays)).toEqual([3, 1]);
  });

  it('leaves out a reminder at exactly the given instant', () => {
    const d = computeDeadline({ obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY });
    expect(reminderInstants(d, NPRM_2024, { after: at('2024-03-08T05:00:00.000Z') }).map((r) => r.offsetDays)).toEqual([1]);
    expect(reminderInstants(d, NPRM_2024, { after: at('2024-03-08T04:59:59.999Z') }).map((r) => r.offsetDays)).toEqual([3, 1]);
  });
});

describe("a computed deadline's last line", () => {
  it("states the rule set's present standing: the rule never finalised, reported withdrawn, EO 14110 revoked", () => {
    for (const obligation of ['cip-transmission', 'ai-report-provider'] as const) {
      const last = computeDeadline({ obligation, ruleSet: NPRM_2024, startedAt: at('2024-03-01T15:00:00.000Z'), timeZone: NY }).explanation.at(-1)!;
      expect(last).toMatch(/^Standing of rule set NPRM-2024 \(reviewed \d{4}-\d{2}-\d{2}\): A proposed rule that was never finalised\./);
      expect(last).toContain('as withdrawn in December 2025');
      expect(last).toContain('Executive Order 14110 was revoked in January 2025');
      expect(last).toContain("cipdesk runs the proposed rule as the provider's own compliance program");
    }
  });
});

describe('the whole explanation, sentence by sentence, for each way a clock starts', () => {
  // The rule set's own texts are referenced, so this pins what the deadline engine says around them.
  const R = NPRM_2024;
  const head = (o: ObligationId, owner: string) =>
    `Obligation "${o}": ${R.obligations[o].title}; owner: ${owner}. Rule set NPRM-2024 (proposed rule, 89 FR 5698); ${R.obligations[o].citation}.`;
  const periodLine = (o: ObligationId, words: string, kind = 'Period') => {
    const v = obligationPeriod(R, o);
    return `${kind}: ${words}. ${v.explanation} (${v.citation})`;
  };
  const dayCount = (start: string, zone: string, day1: string, n: number, last: string) =>
    `Counting: the trigger day ${start} (its date in ${zone}) is not counted; day 1 is ${day1} and day ${n} is ${last}. ${R.calendar.dayCounting.explanation}`;
  const lastDay = (date: string, weekday: string) =>
    `The last day, ${date}, is a ${weekday}${weekday === 'Saturday' || weekday === 'Sunday' ? ' and is not moved' : ''}: ${R.calendar.weekendAndHolidayRoll.explanation}`;
  const due = (o: ObligationId, date: string, zone: string, iso: string) =>
    `Due at the end of ${date} in ${zone}: ${iso}, the last millisecond before local midnight; ${R.obligations[o].meaning}.`;
  const explain = (input: Partial<DeadlineInput> & Pick<DeadlineInput, 'obligation' | 'startedAt'>) => computeDeadline({ ruleSet: R, timeZone: NY, ...input });
  const late = R.interpretations.resellerLateKnowledge;

  it('an event clock', () => {
    expect(explain({ obligation: 'cip-transmission', startedAt: at('2024-03-01T15:00:00.000Z') }).explanation).toEqual([
      head('cip-transmission', 'the U.S. IaaS provider'),
      `The clock starts when ${R.obligations['cip-transmission'].trigger}: 2024-03-01T15:00:00.000Z (2024-03-01 10:00:00.000 in America/New_York).`,
      periodLine('cip-transmission', '10 calendar days'),
      dayCount('2024-03-01', NY, '2024-03-02', 10, '2024-03-11'),
      lastDay('2024-03-11', 'Monday'),
      due('cip-transmission', '2024-03-11', NY, '2024-03-12T03:59:59.999Z'),
      standingLine(R),
    ]);
  });

  it('a clock from the transaction or later knowledge', () => {
    const startedAt = at('2024-10-20T12:00:00.000Z');
    const later = explain({ obligation: 'ai-report-provider', startedAt, knowledgeAt: at('2024-10-25T02:00:00.000Z') });
    expect(later.clockStartedAt.toISOString()).toBe('2024-10-25T02:00:00.000Z');
    expect(later.explanation).toEqual([
      head('ai-report-provider', 'the U.S. IaaS provider'),
      'The covered transaction was at 2024-10-20T12:00:00.000Z (2024-10-20 08:00:00.000 in America/New_York); the provider gained knowledge of it later, at 2024-10-25T02:00:00.000Z (2024-10-24 22:00:00.000 in America/New_York). The period runs from the transaction or from knowledge if later, so the clock starts at knowledge.',
      periodLine('ai-report-provider', '15 calendar days'),
      dayCount('2024-10-24', NY, '2024-10-25', 15, '2024-11-08'),
      lastDay('2024-11-08', 'Friday'),
      due('ai-report-provider', '2024-11-08', NY, '2024-11-09T04:59:59.999Z'),
      standingLine(R),
    ]);
    const trigger = R.obligations['ai-report-provider'].trigger;
    expect(explain({ obligation: 'ai-report-provider', startedAt, knowledgeAt: startedAt }).explanation[1]).toBe(
      `The clock starts when ${trigger}: 2024-10-20T12:00:00.000Z (2024-10-20 08:00:00.000 in America/New_York) (knowledge was gained at the same instant).`,
    );
    expect(explain({ obligation: 'ai-report-provider', startedAt, knowledgeAt: startedAt }).flags).toEqual([]);
    expect(explain({ obligation: 'ai-report-provider', startedAt }).explanation[1]).toBe(
      `The clock starts when ${trigger}: 2024-10-20T12:00:00.000Z (2024-10-20 08:00:00.000 in America/New_York) (no later knowledge date was recorded; the period runs from the transaction or from knowledge if later).`,
    );
    // the foreign reseller's own clock speaks of the reseller's knowledge
    expect(explain({ obligation: 'ai-report-reseller-to-provider', startedAt: at('2024-06-01T12:00:00.000Z'), knowledgeAt: at('2024-06-10T12:00:00.000Z') }).explanation).toEqual([
      head('ai-report-reseller-to-provider', 'the foreign reseller'),
      'The covered transaction was at 2024-06-01T12:00:00.000Z (2024-06-01 08:00:00.000 in America/New_York); the reseller gained knowledge of it later, at 2024-06-10T12:00:00.000Z (2024-06-10 08:00:00.000 in America/New_York). The period runs from the transaction or from knowledge if later, so the clock starts at knowledge.',
      periodLine('ai-report-reseller-to-provider', '15 calendar days'),
      dayCount('2024-06-10', NY, '2024-06-11', 15, '2024-06-25'),
      lastDay('2024-06-25', 'Tuesday'),
      due('ai-report-reseller-to-provider', '2024-06-25', NY, '2024-06-26T03:59:59.999Z'),
      `The provider must file this report with Commerce by the end of 2024-07-01 in America/New_York (2024-07-02T03:59:59.999Z) (from the covered transaction); this reseller deadline ends first. Were the reseller's deadline to end later, rule set NPRM-2024 settles it: ${late.explanation}`,
      standingLine(R),
    ]);
  });

  it("the provider's filing of a reseller's report, with and without the reseller's knowledge date", () => {
    const startedAt = at('2024-06-01T12:00:00.000Z');
    expect(explain({ obligation: 'ai-report-provider-files-reseller', startedAt, knowledgeAt: at('2024-06-10T12:00:00.000Z') }).explanation).toEqual([
      head('ai-report-provider-files-reseller', 'the U.S. IaaS provider'),
      `The clock starts when ${R.obligations['ai-report-provider-files-reseller'].trigger}: 2024-06-01T12:00:00.000Z (2024-06-01 08:00:00.000 in America/New_York).`,
      "The reseller's knowledge date (2024-06-10T12:00:00.000Z (2024-06-10 08:00:00.000 in America/New_York)) does not move this clock: the provider's period runs from the covered transaction.",
      periodLine('ai-report-provider-files-reseller', '30 calendar days'),
      dayCount('2024-06-01', NY, '2024-06-02', 30, '2024-07-01'),
      lastDay('2024-07-01', 'Monday'),
      due('ai-report-provider-files-reseller', '2024-07-01', NY, '2024-07-02T03:59:59.999Z'),
      `The reseller's own deadline (the end of 2024-06-25 in America/New_York (2024-06-26T03:59:59.999Z)) ends first. If a reseller learns so late that its deadline ends after this one, rule set NPRM-2024 settles it: ${late.explanation}`,
      standingLine(R),
    ]);
    const without = explain({ obligation: 'ai-report-provider-files-reseller', startedAt }).explanation;
    expect(without).toHaveLength(8);
    expect(without.at(-1)).toBe(standingLine(R));
    expect(without.at(-2)).toBe(`No reseller knowledge date was given. If a reseller learns so late that its deadline ends after this one, rule set NPRM-2024 settles it: ${late.explanation}`);
    const lateCase = explain({ obligation: 'ai-report-provider-files-reseller', startedAt, knowledgeAt: at('2024-06-25T12:00:00.000Z') });
    expect(lateCase.explanation.at(-2)).toBe(
      `Unclear case, settled by rule set NPRM-2024: the reseller learned of the transaction late, so its own deadline (the end of 2024-07-10 in America/New_York (2024-07-11T03:59:59.999Z)) ends after this deadline (the end of 2024-07-01 in America/New_York (2024-07-02T03:59:59.999Z)). ${late.explanation} (${late.citation})`,
    );
    expect(lateCase.flags).toEqual(['reseller-deadline-after-provider-deadline']);
  });

  it('a clock from closure or a later last access, in years, with the month-end rule', () => {
    const closedAt = at('2028-02-29T12:00:00.000Z');
    const retention = (lastAccessAt?: Date) => explain({ obligation: 'record-retention', startedAt: closedAt, timeZone: 'UTC', ...(lastAccessAt ? { lastAccessAt } : {}) });
    const later = retention(at('2028-03-02T12:00:00.000Z'));
    expect(later.flags).toEqual(['clock-started-at-last-access']);
    expect(later.explanation).toEqual([
      head('record-retention', 'the U.S. IaaS provider'),
      'The account was closed at 2028-02-29T12:00:00.000Z (2028-02-29 12:00:00.000 in UTC) and last accessed later, at 2028-03-02T12:00:00.000Z (2028-03-02 12:00:00.000 in UTC). The period runs from closure or last access, whichever is later: the last access.',
      periodLine('record-retention', '2 years'),
      'Counting: 2 years from the trigger day 2028-03-02 (its date in UTC) ends on the same day of the month, 2030-03-02.',
      lastDay('2030-03-02', 'Saturday'),
      due('record-retention', '2030-03-02', 'UTC', '2030-03-02T23:59:59.999Z'),
      standingLine(R),
    ]);
    const earlier = retention(at('2028-02-01T12:00:00.000Z'));
    expect(earlier.flags).toEqual(['period-ended-on-last-day-of-shorter-month']);
    expect(earlier.explanation).toEqual([
      head('record-retention', 'the U.S. IaaS provider'),
      'The account was closed at 2028-02-29T12:00:00.000Z (2028-02-29 12:00:00.000 in UTC), after its last access at 2028-02-01T12:00:00.000Z (2028-02-01 12:00:00.000 in UTC). The period runs from closure or last access, whichever is later: the closure.',
      periodLine('record-retention', '2 years'),
      'Counting: 2 years from the trigger day 2028-02-29 (its date in UTC) ends on the same day of the month, 2030-02-28.',
      `02-29 has no counterpart in the final month, so the period ends on the last day of that month, 2030-02-28. ${R.calendar.monthEnd.explanation}`,
      lastDay('2030-02-28', 'Thursday'),
      due('record-retention', '2030-02-28', 'UTC', '2030-02-28T23:59:59.999Z'),
      standingLine(R),
    ]);
    expect(retention().explanation[1]).toBe(
      'The account was closed at 2028-02-29T12:00:00.000Z (2028-02-29 12:00:00.000 in UTC) (no last-access instant was given). The period runs from closure or last access, whichever is later: the closure.',
    );
    // a last access at the closure instant leaves the clock at the closure
    expect(retention(closedAt)).toMatchObject({ flags: ['period-ended-on-last-day-of-shorter-month'], dueDate: '2030-02-28' });
  });

  it('a clock from issuance or the latest extension, with and without a stated duration', () => {
    const extended = explain({
      obligation: 'special-measure-expiry',
      startedAt: at('2024-01-29T15:00:00.000Z'),
      extensions: [{ publishedAt: at('2025-03-01T15:00:00.000Z'), duration: { days: 90 } }, { publishedAt: at('2024-12-01T15:00:00.000Z') }],
    });
    const ext = R.interpretations.specialMeasureExtension;
    const duration = R.regulatory.periods.specialMeasureDuration;
    expect(extended.flags).toEqual(['clock-started-at-extension']);
    expect(extended.period).toEqual({ days: 90 });
    expect(extended.explanation).toEqual([
      head('special-measure-expiry', 'the Department of Commerce'),
      'The measure was issued at 2024-01-29T15:00:00.000Z (2024-01-29 10:00:00.000 in America/New_York).',
      "Extension published in the Federal Register at 2024-12-01T15:00:00.000Z (2024-12-01 10:00:00.000 in America/New_York), for 365 calendar days (no duration stated: the rule set's duration applies).",
      'Extension published in the Federal Register at 2025-03-01T15:00:00.000Z (2025-03-01 10:00:00.000 in America/New_York), for 90 calendar days.',
      `${ext.explanation} (${ext.citation}) The clock therefore starts at the latest extension, 2025-03-01T15:00:00.000Z (2025-03-01 10:00:00.000 in America/New_York).`,
      `Period: 90 calendar days, as stated in the latest extension (the rule set's default would be 365 calendar days: ${duration.explanation} (${duration.citation})).`,
      dayCount('2025-03-01', NY, '2025-03-02', 90, '2025-05-30'),
      lastDay('2025-05-30', 'Friday'),
      due('special-measure-expiry', '2025-05-30', NY, '2025-05-31T03:59:59.999Z'),
      standingLine(R),
    ]);
    const none = explain({ obligation: 'special-measure-expiry', startedAt: at('2024-01-29T15:00:00.000Z') });
    expect(none.explanation.slice(1, 3)).toEqual([
      'The measure was issued at 2024-01-29T15:00:00.000Z (2024-01-29 10:00:00.000 in America/New_York).',
      'No extension has been published: the clock starts at issuance.',
    ]);
  });

  it('an extension published after the measure expired is counted, and flagged once for legal review', () => {
    const result = explain({
      obligation: 'special-measure-expiry',
      startedAt: at('2024-01-29T15:00:00.000Z'),
      extensions: [{ publishedAt: at('2025-03-01T15:00:00.000Z'), duration: { days: 30 } }, { publishedAt: at('2025-06-01T15:00:00.000Z') }],
    });
    expect(result.flags).toEqual(['extension-published-after-expiry', 'clock-started-at-extension']);
    expect(result.dueDate).toBe('2026-06-01');
    expect(result.explanation.filter((l) => l.startsWith('Legal review'))).toEqual([
      'Legal review: the extension published at 2025-03-01T15:00:00.000Z (2025-03-01 10:00:00.000 in America/New_York) came after the measure had expired at 2025-01-29T04:59:59.999Z; it is counted as restarting the measure, but it may instead be a new measure.',
      'Legal review: the extension published at 2025-06-01T15:00:00.000Z (2025-06-01 11:00:00.000 in America/New_York) came after the measure had expired at 2025-04-01T03:59:59.999Z; it is counted as restarting the measure, but it may instead be a new measure.',
    ]);
    // an extension published at the very instant of expiry is in time
    const inTime = explain({ obligation: 'special-measure-expiry', startedAt: at('2024-01-29T15:00:00.000Z'), extensions: [{ publishedAt: at('2025-01-29T04:59:59.999Z') }] });
    expect(inTime.flags).toEqual(['clock-started-at-extension']);
    // an extension at the issuance instant is accepted; one before it is refused
    expect(explain({ obligation: 'special-measure-expiry', startedAt: at('2024-01-29T15:00:00.000Z'), extensions: [{ publishedAt: at('2024-01-29T15:00:00.000Z') }] }).dueDate).toBe('2025-01-28');
    expect(() => explain({ obligation: 'special-measure-expiry', startedAt: at('2024-01-29T15:00:00.000Z'), extensions: [{ publishedAt: at('2024-01-29T14:59:59.999Z') }] })).toThrow(
      'extensions[0].publishedAt: an extension (2024-01-29T14:59:59.999Z) cannot precede the issuance (2024-01-29T15:00:00.000Z)',
    );
  });

  it('a CIP policy period, with the default action of an interim account', () => {
    const action = R.cipPolicy.interimAccountDefaultAction;
    expect(explain({ obligation: 'interim-account-review', startedAt: at('2024-12-15T17:00:00.000Z') }).explanation).toEqual([
      head('interim-account-review', 'the U.S. IaaS provider'),
      `The clock starts when ${R.obligations['interim-account-review'].trigger}: 2024-12-15T17:00:00.000Z (2024-12-15 12:00:00.000 in America/New_York).`,
      periodLine('interim-account-review', '30 calendar days', 'CIP policy period'),
      dayCount('2024-12-15', NY, '2024-12-16', 30, '2025-01-14'),
      lastDay('2025-01-14', 'Tuesday'),
      due('interim-account-review', '2025-01-14', NY, '2025-01-15T04:59:59.999Z'),
      `If no decision is taken by then, the CIP policy's default action applies: "${action.value}". ${action.explanation}`,
      standingLine(R),
    ]);
    const overridden = computeDeadline({ obligation: 'periodic-reverification', ruleSet: withCipPolicy(R, { periodicReverificationPeriod: { months: 6 } }), startedAt: at('2024-01-31T17:00:00.000Z'), timeZone: NY });
    expect(overridden.explanation.slice(2, 5)).toEqual([
      `CIP policy period: 6 calendar months. ${overridden.explanation[2]!.slice('CIP policy period: 6 calendar months. '.length)}`,
      'Counting: 6 calendar months from the trigger day 2024-01-31 (its date in America/New_York) ends on the same day of the month, 2024-07-31.',
      lastDay('2024-07-31', 'Wednesday'),
    ]);
    expect(overridden.explanation[2]).toMatch(/^CIP policy period: 6 calendar months\. Provider policy \(the provider's written CIP\): 6 calendar months, overriding the NPRM-2024 default of 1 year\./);
  });

  it.each<[string, Partial<DeadlineInput>, string, string]>([
    ['no input', null as unknown as Partial<DeadlineInput>, 'input', 'must be an object'],
    ['an unknown obligation', { obligation: 'coffee' as ObligationId }, 'obligation', `unknown obligation "coffee"; known: ${OBLIGATION_IDS.join(', ')}`],
    ['no rule set', { ruleSet: undefined }, 'ruleSet', 'a rule set is required (see getRuleSet)'],
    ['a rule set that is not one', { ruleSet: 'NPRM-2024' as unknown as DeadlineInput['ruleSet'] }, 'ruleSet', 'a rule set is required (see getRuleSet)'],
    ['a rule set without obligations', { ruleSet: { id: 'X' } as unknown as DeadlineInput['ruleSet'] }, 'ruleSet', 'a rule set is required (see getRuleSet)'],
    ['knowledge before the event', { obligation: 'ai-report-provider', knowledgeAt: at('2024-06-01T11:59:59.999Z') }, 'knowledgeAt', 'knowledge (2024-06-01T11:59:59.999Z) cannot precede the event (2024-06-01T12:00:00.000Z)'],
    ['knowledge where it is not used', { knowledgeAt: at('2024-06-02T12:00:00.000Z') }, 'knowledgeAt', `is not used by obligation "cip-transmission" (its clock starts when ${NPRM_2024.obligations['cip-transmission'].trigger})`],
    ['a last access where it is not used', { lastAccessAt: at('2024-06-02T12:00:00.000Z') }, 'lastAccessAt', `is not used by obligation "cip-transmission" (its clock starts when ${NPRM_2024.obligations['cip-transmission'].trigger})`],
    ['extensions where they are not used', { extensions: [] }, 'extensions', `is not used by obligation "cip-transmission" (its clock starts when ${NPRM_2024.obligations['cip-transmission'].trigger})`],
    ['an extension that is not an object', { obligation: 'special-measure-expiry', extensions: [null as unknown as { publishedAt: Date }] }, 'extensions[0]', 'must be { publishedAt, duration? }'],
    ['an extension with a bad duration', { obligation: 'special-measure-expiry', extensions: [{ publishedAt: at('2024-07-01T12:00:00.000Z'), duration: { days: 0 } }] }, 'extensions[0].duration', 'days must be a positive whole number'],
  ])('refuses %s with a sentence naming the field', (_name, patch, field, message) => {
    const input = patch === null ? null : { obligation: 'cip-transmission' as ObligationId, ruleSet: NPRM_2024, startedAt: at('2024-06-01T12:00:00.000Z'), timeZone: NY, ...patch };
    expect(() => computeDeadline(input as DeadlineInput)).toThrow(expect.objectContaining({ field, message: `${field}: ${message}` }));
  });

  it('takes knowledge at the event instant, and a null knowledge or last access as none given', () => {
    const base = { ruleSet: NPRM_2024, startedAt: at('2024-06-01T12:00:00.000Z'), timeZone: NY };
    expect(computeDeadline({ ...base, obligation: 'ai-report-provider', knowledgeAt: base.startedAt }).dueDate).toBe('2024-06-16');
    expect(computeDeadline({ ...base, obligation: 'cip-transmission', knowledgeAt: null as unknown as Date, lastAccessAt: null as unknown as Date }).dueDate).toBe('2024-06-11');
  });
});
