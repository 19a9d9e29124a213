import { describe, expect, it } from 'vitest';
import { UnknownRuleSetError } from '../errors.js';
import { CURRENT_RULE_SET_ID, getRuleSet, isRuleSetId, listRuleSets } from './index.js';

describe('rule-set registry lookups', () => {
  it('knows exactly the registered ids', () => {
    for (const ruleSet of listRuleSets()) expect(isRuleSetId(ruleSet.id)).toBe(true);
    expect(isRuleSetId(CURRENT_RULE_SET_ID)).toBe(true);
    expect(isRuleSetId('FINAL-2099')).toBe(false);
    expect(isRuleSetId('nprm-2024')).toBe(false);
    expect(isRuleSetId('')).toBe(false);
    expect(isRuleSetId(2024)).toBe(false);
    expect(isRuleSetId({ id: CURRENT_RULE_SET_ID })).toBe(false);
    expect(isRuleSetId(undefined)).toBe(false);
  });

  it('refuses an unknown id, naming it and every known rule set', () => {
    const known = listRuleSets().map((r) => r.id);
    expect(() => getRuleSet('FINAL-2099')).toThrow(UnknownRuleSetError);
    expect(() => getRuleSet('FINAL-2099')).toThrow(
      expect.objectContaining({ ruleSetId: 'FINAL-2099', message: `ruleSetId: unknown rule set "FINAL-2099"; known rule sets: ${known.join(', ')}` }),
    );
    expect(known).toContain('NPRM-2024');
  });

  it('finds each registered rule set by its id', () => {
    for (const ruleSet of listRuleSets()) expect(getRuleSet(ruleSet.id)).toBe(ruleSet);
  });
});
