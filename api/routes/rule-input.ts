// A route that starts or feeds a workflow first runs the request through the same rules/
// computation the workflow will run. Input the rules refuse (a year outside the calendar the
// rules count in, a stake the ownership rules reject) is then a 400 naming the request's field,
// and never a workflow that fails its task on it and retries for ever where no handler sees it.
import { CURRENT_RULE_SET_ID, RuleInputError, getRuleSet, refuseEventBeforeRuleSet, type RuleSetPart } from '../../rules/index.js';
import { FUTURE_TOLERANCE_SECONDS } from '../../workflows/kit/instants.js';
import { badInput } from '../errors.js';

/**
 * Returns what `compute` returns, or throws a 400 problem for the request field that feeds the
 * rules' input property at fault. `fields` maps rules' input properties (`startedAt`) to request
 * fields (`body.receivedAt`); a property not in the map is blamed on `fallbackField`.
 */
export function refuseWhatTheRulesRefuse<T>(compute: () => T, fields: Record<string, string>, fallbackField = 'body'): T {
  try {
    return compute();
  } catch (err) {
    if (!(err instanceof RuleInputError)) throw err;
    const prefix = `${err.field}: `;
    const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
    throw badInput(fields[err.field] ?? fallbackField, message);
  }
}

/**
 * An instant a request records (a request received, a transaction, a measure issued, a document
 * received), refused with a 400 naming `field` (e.g. `body.receivedAt`) when it lies ahead of the
 * server's clock (a minute of clock skew tolerated) or before the first day the current rule set's
 * `part` can reach, the day the order that part implements was signed.
 */
export function recordedInstant(deps: { now(): Date; providerTimeZone: string }, value: string | Date, field: string, part: RuleSetPart = 'customer-identification'): Date {
  const at = typeof value === 'string' ? new Date(value) : value;
  if (at.getTime() > deps.now().getTime() + FUTURE_TOLERANCE_SECONDS * 1000) throw badInput(field, 'must not be in the future');
  return refuseWhatTheRulesRefuse(() => refuseEventBeforeRuleSet({ ruleSet: getRuleSet(CURRENT_RULE_SET_ID), part, at, field: 'at', timeZone: deps.providerTimeZone }), { at: field });
}
