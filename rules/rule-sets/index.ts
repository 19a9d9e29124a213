/**
 * The registry of rule sets. Adding a rule set (e.g. a final rule) = one new file beside
 * nprm-2024.ts and one line in RULE_SETS; workflows keep the id recorded on each case and
 * never need to change. CURRENT_RULE_SET_ID is what new cases are opened under.
 */
import { UnknownRuleSetError } from '../errors.js';
import type { RuleSet } from '../rule-set.js';
import { NPRM_2024 } from './nprm-2024.js';

const RULE_SETS: readonly RuleSet[] = Object.freeze([NPRM_2024]);

export const CURRENT_RULE_SET_ID = 'NPRM-2024';

export function listRuleSets(): readonly RuleSet[] {
  return RULE_SETS;
}

export function isRuleSetId(id: unknown): id is string {
  return typeof id === 'string' && RULE_SETS.some((r) => r.id === id);
}

/** The rule set with this id; throws UnknownRuleSetError (field `ruleSetId`) otherwise. */
export function getRuleSet(id: string): RuleSet {
  const found = RULE_SETS.find((r) => r.id === id);
  if (found === undefined) throw new UnknownRuleSetError(String(id), RULE_SETS.map((r) => r.id));
  return found;
}

export { NPRM_2024 };
