// Issuance instants for special-measure tests, computed through rules/ (no day counts here):
// a measure issued the rule set's phase-in plus one day before today is in force today.
import { addDays, localDateOf, startOfLocalDay } from '../../rules/calendar.js';
import type { RuleSet } from '../../rules/index.js';

const HOURS_12 = 12 * 60 * 60 * 1000;

/** Noon (about: local midnight plus twelve hours) of the day `days` calendar days before `now`'s date in `timeZone`. */
export function daysBeforeToday(now: Date, days: number, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(localDateOf(now, timeZone), -days), timeZone).getTime() + HOURS_12);
}

/** The phase-in in calendar days (the rule set states it in days). */
export function phaseInDays(ruleSet: RuleSet): number {
  const days = ruleSet.regulatory.periods.specialMeasurePhaseIn.value.days;
  if (days === undefined) throw new Error(`${ruleSet.id} states the phase-in in another unit`);
  return days;
}

/** An issuance whose phase-in ended yesterday: the measure is in force today (e.g. 181 days ago under NPRM-2024). */
export function issuedInForce(now: Date, ruleSet: RuleSet, timeZone: string): Date {
  return daysBeforeToday(now, phaseInDays(ruleSet) + 1, timeZone);
}
