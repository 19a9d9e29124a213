// What a clock set by a case workflow is, read back from its instant: a reminder some calendar
// days before one of the case's due dates, or a due instant itself. Temporal records a timer only
// as a duration; the case history shows a lawyer which reminder of which deadline it was, on
// which policy, and why an earlier reminder of the same deadline is not among the clocks.
import { addDays, formatDate, localDateOf, startOfLocalDay } from './calendar.js';
import type { ObligationId, RuleSet } from './rule-set.js';

/** One clock a case runs on: the obligation and its due instant. */
export interface CaseClock {
  readonly obligation: ObligationId | null;
  readonly dueAt: Date;
}

export interface ClockReading {
  readonly kind: 'reminder' | 'due';
  readonly obligation: ObligationId | null;
  /** The due instant of the deadline the clock belongs to (ISO). */
  readonly dueAt: string;
  readonly dueDate: string;
  /** Calendar days before the due date (reminders only). */
  readonly offsetDays?: number;
  /** The reminder's sentence or the due instant's. */
  readonly sentence: string;
  /** Reminders of the same deadline whose day had begun before this clock was set, largest offset first. */
  readonly passed: readonly { readonly offsetDays: number; readonly date: string }[];
}

/** A timer fires within this much of the instant the workflow asked for (it counts from its own clock). */
const SAME_INSTANT_MS = 1000;

function policyOfReminders(ruleSet: RuleSet): string {
  const offsets = ruleSet.cipPolicy.reminderOffsetsDays;
  const whose = offsets.source === 'cip-policy-override' ? "provider's CIP policy" : 'CIP policy default';
  return `${whose}: reminders ${offsets.value.join(', ')} calendar days before a due date`;
}

/**
 * Which of the case's clocks an instant belongs to, or undefined when it is none of them (a
 * workflow's own timer, or a deadline that has moved since). `setAt` is when the clock was set:
 * reminders whose day had already begun then were never set (rules/deadlines.ts, reminderInstants).
 */
export function readClockInstant(input: {
  readonly firesAt: Date;
  readonly setAt: Date;
  readonly clocks: readonly CaseClock[];
  readonly ruleSet: RuleSet;
  readonly timeZone: string;
}): ClockReading | undefined {
  const { firesAt, setAt, ruleSet, timeZone } = input;
  const near = (at: Date) => Math.abs(at.getTime() - firesAt.getTime()) < SAME_INSTANT_MS;
  const offsets = [...new Set(ruleSet.cipPolicy.reminderOffsetsDays.value)].sort((a, b) => b - a);
  for (const clock of input.clocks) {
    const due = localDateOf(clock.dueAt, timeZone);
    const dueDate = formatDate(due);
    const reminders = offsets.map((offsetDays) => {
      const day = addDays(due, -offsetDays);
      return { offsetDays, date: formatDate(day), at: startOfLocalDay(day, timeZone) };
    });
    const passedBefore = (offsetDays: number) =>
      reminders.filter((r) => r.offsetDays > offsetDays && r.at.getTime() <= setAt.getTime()).map(({ offsetDays: o, date }) => ({ offsetDays: o, date }));
    if (near(clock.dueAt)) {
      return {
        kind: 'due',
        obligation: clock.obligation,
        dueAt: clock.dueAt.toISOString(),
        dueDate,
        // What the instant means is the obligation's own (a deadline to act, or the earliest day
        // records may be disposed of): not every clock's end escalates a case.
        sentence:
          `Due instant: the end of ${dueDate} in ${timeZone} (${clock.dueAt.toISOString()})` +
          (clock.obligation ? `; ${ruleSet.obligations[clock.obligation].meaning}` : ''),
        passed: passedBefore(0),
      };
    }
    const match = reminders.find((r) => near(r.at));
    if (!match) continue;
    return {
      kind: 'reminder',
      obligation: clock.obligation,
      dueAt: clock.dueAt.toISOString(),
      dueDate,
      offsetDays: match.offsetDays,
      sentence:
        `Reminder ${match.offsetDays} calendar day${match.offsetDays === 1 ? '' : 's'} before the due date ${dueDate} (${policyOfReminders(ruleSet)}): ` +
        `at the start of ${match.date} in ${timeZone} (${match.at.toISOString()})`,
      passed: passedBefore(match.offsetDays),
    };
  }
  return undefined;
}

/** Why reminders are missing from a deadline's clocks: their day had begun when the clock was set. */
export function passedRemindersSentence(passed: ClockReading['passed']): string | undefined {
  if (passed.length === 0) return undefined;
  const list = passed.map((p) => `${p.offsetDays} calendar day${p.offsetDays === 1 ? '' : 's'} before (${p.date})`).join(', ');
  return `No reminder ${list}: ${passed.length === 1 ? 'that day had' : 'those days had'} already begun when the clock was set, and a reminder is never sent late`;
}
