/**
 * The lower bound on the instants the desk records: an event can fall under a part of the rule
 * only from the day the executive order that part implements was signed. Intake refuses an
 * earlier instant naming the field, so that no case opens with a clock decades (or a millennium)
 * past. The bound is checked where an instant enters the desk, not inside running workflows.
 */
import { assertTimeZone, compareDates, describeInstant, localDateOf, parseDate } from './calendar.js';
import { RuleInputError } from './errors.js';
import type { ObligationId, RuleSet, RuleSetPart } from './rule-set.js';

const AI_TRAINING_OBLIGATIONS: readonly ObligationId[] = ['ai-report-provider', 'ai-report-reseller-to-provider', 'ai-report-provider-files-reseller'];

/** The part of the rule an obligation belongs to. */
export function ruleSetPartOf(obligation: ObligationId): RuleSetPart {
  return AI_TRAINING_OBLIGATIONS.includes(obligation) ? 'ai-training' : 'customer-identification';
}

/**
 * Refuses (RuleInputError naming `field`) an instant whose local day in `timeZone` is before the
 * first day the rule set's `part` can reach; returns the instant otherwise.
 */
export function refuseEventBeforeRuleSet(input: { ruleSet: RuleSet; part: RuleSetPart; at: Date; field: string; timeZone: string }): Date {
  const earliest = input.ruleSet.earliestEvent[input.part];
  const timeZone = assertTimeZone(input.timeZone);
  const day = localDateOf(input.at, timeZone);
  if (compareDates(day, parseDate(earliest.value)) < 0) {
    throw new RuleInputError(
      input.field,
      `${describeInstant(input.at, timeZone)} is before ${earliest.value}, the first day an event can fall under the ${input.part} provisions of rule set ${input.ruleSet.id} (${earliest.citation}). ${earliest.explanation}`,
    );
  }
  return input.at;
}
