/**
 * Errors raised by the rules. Every error names the input `field` that was wrong, so an API
 * can map it to a 400 with a pointer to the offending property, and a workflow can fail fast
 * instead of computing a wrong date.
 */
export class RuleInputError extends Error {
  /** Dotted code, stable across releases (the API maps codes to HTTP statuses). */
  readonly code: string = 'rules.invalid_input';
  override readonly name: string = 'RuleInputError';

  constructor(
    /** The input property that was wrong, e.g. `startedAt`, `extensions[1].publishedAt`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The rule-set id is not in the registry. */
export class UnknownRuleSetError extends RuleInputError {
  override readonly code = 'rules.unknown_rule_set';
  override readonly name = 'UnknownRuleSetError';

  constructor(readonly ruleSetId: string, known: readonly string[]) {
    super('ruleSetId', `unknown rule set "${ruleSetId}"; known rule sets: ${known.join(', ')}`);
  }
}

export type CipPolicyOverrideRejection = 'unknown-key' | 'regulatory-key' | 'invalid-value';

/**
 * A provider tried to override something it may not: a key that is not a CIP policy value
 * (`unknown-key`), a number fixed by the regulation (`regulatory-key`), or a CIP policy value
 * with an unusable value (`invalid-value`).
 */
export class CipPolicyOverrideError extends RuleInputError {
  override readonly code = 'rules.cip_policy_override_rejected';
  override readonly name = 'CipPolicyOverrideError';

  constructor(
    readonly key: string,
    readonly reason: CipPolicyOverrideRejection,
    message: string,
  ) {
    super(key, message);
  }
}
