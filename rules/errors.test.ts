import { describe, expect, it } from 'vitest';
import { CipPolicyOverrideError, RuleInputError, UnknownRuleSetError } from './errors.js';

// The API maps `code` to an HTTP status and `field` to the problem's pointer; both are stable
// contracts, and the message is what a handler reads.
describe('rule errors', () => {
  it('RuleInputError names its field, code and message', () => {
    const error = new RuleInputError('extensions[1].publishedAt', 'must be an ISO instant');
    expect(error).toBeInstanceOf(Error);
    expect({ name: error.name, code: error.code, field: error.field, message: error.message }).toEqual({
      name: 'RuleInputError',
      code: 'rules.invalid_input',
      field: 'extensions[1].publishedAt',
      message: 'extensions[1].publishedAt: must be an ISO instant',
    });
  });

  it('UnknownRuleSetError lists the known rule sets', () => {
    const error = new UnknownRuleSetError('FINAL-2099', ['NPRM-2024', 'FINAL-2025']);
    expect(error).toBeInstanceOf(RuleInputError);
    expect({ name: error.name, code: error.code, field: error.field, ruleSetId: error.ruleSetId, message: error.message }).toEqual({
      name: 'UnknownRuleSetError',
      code: 'rules.unknown_rule_set',
      field: 'ruleSetId',
      ruleSetId: 'FINAL-2099',
      message: 'ruleSetId: unknown rule set "FINAL-2099"; known rule sets: NPRM-2024, FINAL-2025',
    });
  });

  it('CipPolicyOverrideError names the key as the field, with the reason', () => {
    const error = new CipPolicyOverrideError('recordRetention', 'regulatory-key', 'fixed by the regulation');
    expect(error).toBeInstanceOf(RuleInputError);
    expect({ name: error.name, code: error.code, field: error.field, key: error.key, reason: error.reason, message: error.message }).toEqual({
      name: 'CipPolicyOverrideError',
      code: 'rules.cip_policy_override_rejected',
      field: 'recordRetention',
      key: 'recordRetention',
      reason: 'regulatory-key',
      message: 'recordRetention: fixed by the regulation',
    });
  });
});
