import { describe, expect, it } from 'vitest';
import { passedRemindersSentence, readClockInstant } from './clock-reading.js';
import { withCipPolicy } from './cip-policy.js';
import { NPRM_2024 } from './rule-sets/index.js';

const ZONE = 'America/New_York';
// A CIP transmission requested on 2026-11-24 (New York) is due at the end of 2026-12-04.
const clocks = [{ obligation: 'cip-transmission' as const, dueAt: new Date('2026-12-05T04:59:59.999Z') }];
// Set on 2026-11-28, after the 7-day reminder's day (2026-11-27) had begun.
const setAt = new Date('2026-11-28T23:37:19.000Z');

describe('reading a case clock from its instant', () => {
  it('names the reminder, its due date and policy, at the local midnight it was set for, and the reminder already past', () => {
    const reading = readClockInstant({ firesAt: new Date('2026-12-01T05:00:00.000Z'), setAt, clocks, ruleSet: NPRM_2024, timeZone: ZONE })!;
    expect(reading).toMatchObject({ kind: 'reminder', obligation: 'cip-transmission', offsetDays: 3, dueDate: '2026-12-04', passed: [{ offsetDays: 7, date: '2026-11-27' }] });
    expect(reading.sentence).toBe(
      'Reminder 3 calendar days before the due date 2026-12-04 (CIP policy default: reminders 7, 3, 1 calendar days before a due date): at the start of 2026-12-01 in America/New_York (2026-12-01T05:00:00.000Z)',
    );
    expect(passedRemindersSentence(reading.passed)).toBe(
      'No reminder 7 calendar days before (2026-11-27): that day had already begun when the clock was set, and a reminder is never sent late',
    );
  });

  it("reads a timer that fires a few milliseconds late (Temporal counts from its own clock) as the instant asked for", () => {
    expect(readClockInstant({ firesAt: new Date('2026-12-01T05:00:00.037Z'), setAt, clocks, ruleSet: NPRM_2024, timeZone: ZONE })).toMatchObject({ offsetDays: 3 });
  });

  it('names the due instant as the end of the due date in the zone', () => {
    const reading = readClockInstant({ firesAt: clocks[0]!.dueAt, setAt: new Date('2026-12-04T06:00:00Z'), clocks, ruleSet: NPRM_2024, timeZone: ZONE })!;
    expect(reading).toMatchObject({ kind: 'due', dueDate: '2026-12-04' });
    expect(reading.sentence).toMatch(/^Due instant: the end of 2026-12-04 in America\/New_York \(2026-12-05T04:59:59\.999Z\)/);
    expect(reading.passed.map((p) => p.offsetDays)).toEqual([7, 3, 1]);
  });

  it("says what the due instant means for the clock's own obligation, not that every case is escalated", () => {
    // A record-retention clock's end is when the records may be disposed of; nothing is escalated then.
    const retention = [{ obligation: 'record-retention' as const, dueAt: new Date('2028-11-30T04:59:59.999Z') }];
    const reading = readClockInstant({ firesAt: retention[0]!.dueAt, setAt: new Date('2026-11-29T06:31:55Z'), clocks: retention, ruleSet: NPRM_2024, timeZone: ZONE })!;
    expect(reading.sentence).toBe(
      'Due instant: the end of 2028-11-29 in America/New_York (2028-11-30T04:59:59.999Z); the records must be kept until this instant and may be disposed of after it',
    );
    const transmission = readClockInstant({ firesAt: clocks[0]!.dueAt, setAt, clocks, ruleSet: NPRM_2024, timeZone: ZONE })!;
    expect(transmission.sentence).toMatch(/\); the CIP must be transmitted by this instant$/);
    // A clock of no obligation of the rule set says only when it falls.
    const own = readClockInstant({ firesAt: clocks[0]!.dueAt, setAt, clocks: [{ obligation: null, dueAt: clocks[0]!.dueAt }], ruleSet: NPRM_2024, timeZone: ZONE })!;
    expect(own.sentence).toBe('Due instant: the end of 2026-12-04 in America/New_York (2026-12-05T04:59:59.999Z)');
  });

  it("says when the reminders are the provider's own policy", () => {
    const ruleSet = withCipPolicy(NPRM_2024, { reminderOffsetsDays: [14, 2] });
    const reading = readClockInstant({ firesAt: new Date('2026-11-20T05:00:00Z'), setAt: new Date('2026-11-01T00:00:00Z'), clocks, ruleSet, timeZone: ZONE })!;
    expect(reading.sentence).toMatch(/^Reminder 14 calendar days before the due date 2026-12-04 \(provider's CIP policy: reminders 14, 2 calendar days/);
    expect(reading.passed).toEqual([]);
  });

  it('reads an instant that is none of the clocks as nothing (a workflow timer of its own, or a deadline since moved)', () => {
    expect(readClockInstant({ firesAt: new Date('2026-12-02T12:00:00Z'), setAt, clocks, ruleSet: NPRM_2024, timeZone: ZONE })).toBeUndefined();
  });
});
