import { describe, expect, it } from 'vitest';
import { RuleInputError } from './errors.js';
import { refuseEventBeforeRuleSet, ruleSetPartOf } from './earliest-event.js';
import { NPRM_2024 } from './rule-sets/nprm-2024.js';
import { OBLIGATION_IDS } from './rule-set.js';

const check = (iso: string, part: 'customer-identification' | 'ai-training', timeZone = 'America/New_York') =>
  () => refuseEventBeforeRuleSet({ ruleSet: NPRM_2024, part, at: new Date(iso), field: 'receivedAt', timeZone });

describe('the first day an event can fall under the rule set', () => {
  it('is the day Executive Order 13984 was signed for the customer-identification part, counted in the provider zone', () => {
    expect(NPRM_2024.earliestEvent['customer-identification']).toMatchObject({ value: '2021-01-19', citation: expect.stringContaining('Executive Order 13984') });
    expect(check('2021-01-19T05:00:00Z', 'customer-identification')).not.toThrow();
    // 03:00 UTC on the 19th is still the 18th in New York: refused there, accepted in Berlin.
    expect(check('2021-01-19T03:00:00Z', 'customer-identification')).toThrow(RuleInputError);
    expect(check('2021-01-19T03:00:00Z', 'customer-identification', 'Europe/Berlin')).not.toThrow();
    // A backfill of an existing program between the order and the proposed rule is accepted.
    expect(check('2023-06-01T12:00:00Z', 'customer-identification')).not.toThrow();
  });

  it('is the day Executive Order 14110 was signed for AI-training transactions', () => {
    expect(NPRM_2024.earliestEvent['ai-training']).toMatchObject({ value: '2023-10-30', citation: expect.stringContaining('Executive Order 14110') });
    expect(check('2023-10-30T12:00:00Z', 'ai-training')).not.toThrow();
    expect(check('2023-10-29T12:00:00Z', 'ai-training')).toThrow(RuleInputError);
    expect(check('2023-06-01T12:00:00Z', 'customer-identification')).not.toThrow();
  });

  it('refuses a typo of a millennium naming the field and saying why, in words a lawyer can follow', () => {
    let error: unknown;
    try {
      check('1026-11-10T12:00:00Z', 'ai-training')();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RuleInputError);
    expect((error as RuleInputError).field).toBe('receivedAt');
    expect((error as RuleInputError).message).toMatch(/is before 2023-10-30, the first day an event can fall under the ai-training provisions of rule set NPRM-2024 \(Executive Order 14110/);
    expect((error as RuleInputError).message).toContain('typing error');
  });

  it('puts each obligation in the part whose order it implements', () => {
    const ai = OBLIGATION_IDS.filter((o) => ruleSetPartOf(o) === 'ai-training');
    expect(ai).toEqual(['ai-report-provider', 'ai-report-reseller-to-provider', 'ai-report-provider-files-reseller']);
  });
});
