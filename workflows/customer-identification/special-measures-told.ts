// What a customer-identification case keeps of the special measures it was told bind its
// pending application (a fact the measure's workflow sends when it enters force), and of those
// that ended before the opening. The case only shows them: the handler still decides, and the
// opening decisions ask the measures in force again when the account would open.
import { RuleInputError } from '../../rules/index.js';
import type { SpecialMeasureApplies, SpecialMeasureCondition, SpecialMeasureEnded } from '../kit/facts.js';

/** The decisions that open the account, which a prohibition in force refuses. */
export const OPENING_DECISIONS = ['open', 'open-interim', 'monitor'] as const;

/** A measure that binds the application now, as the case shows it. */
export interface SpecialMeasureApplying {
  measureId: string;
  federalRegisterCitation: string;
  effect: SpecialMeasureApplies['effect'];
  matchedBy: string[];
  inForceSince: string;
  impactReviewCaseId: string;
  /** What it means for the handler's next decision. */
  note: string;
}

/** A measure that bound the application and ended before the opening. */
export interface SpecialMeasureLifted {
  measureId: string;
  federalRegisterCitation: string;
  ended: SpecialMeasureEnded['ended'];
  at: string;
  /** Its conditions, which no longer apply. */
  conditionsLifted: SpecialMeasureCondition[];
}

const isInstant = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Refuses (RuleInputError naming the field) a told measure the case cannot act on. */
export function checkSpecialMeasureApplies(fact: SpecialMeasureApplies): void {
  if (typeof fact.measureId !== 'string' || fact.measureId.trim() === '') throw new RuleInputError('measureId', 'must name the measure');
  if (fact.effect !== 'refuse' && fact.effect !== 'conditions') throw new RuleInputError('effect', `must be refuse or conditions on a pending application, not ${String(fact.effect)}`);
  if (!isInstant(fact.inForceSince)) throw new RuleInputError('inForceSince', 'must be an instant');
  if (fact.effect === 'conditions' && !(Array.isArray(fact.conditions) && fact.conditions.length > 0)) {
    throw new RuleInputError('conditions', 'a conditions-measure must state its conditions');
  }
}

// A told end of a measure is checked by the kit's `checkSpecialMeasureEnded` (the impact review hears it too).

/** What a measure binding the pending application means for the handler, in a sentence. */
export function noteOnApplying(fact: SpecialMeasureApplies): string {
  const measure = `Special measure ${fact.measureId} (${fact.federalRegisterCitation}), in force since ${fact.inForceSince}`;
  return fact.effect === 'refuse'
    ? `${measure}, prohibits opening this account: an open, open-interim or monitor decision will be refused and the case will end as prohibited, unless the measure is revoked or expires first. Nothing has been decided: the handler decides (a refusal may be proposed).`
    : `${measure}, allows opening this account only on its conditions, which are tasks on this case.`;
}

/** Why each opening decision will be refused, while a prohibition binds the application. */
export function openingDecisionNotes(applying: readonly SpecialMeasureApplying[]): Record<string, string> | undefined {
  const prohibitions = applying.filter((m) => m.effect === 'refuse');
  if (prohibitions.length === 0) return undefined;
  const named = prohibitions.map((m) => `${m.measureId} (${m.federalRegisterCitation})`).join(', ');
  const note = `will be refused (409): special measure ${named} in force prohibits opening this account`;
  return Object.fromEntries(OPENING_DECISIONS.map((decision) => [decision, note]));
}
