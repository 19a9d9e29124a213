// A route that starts or feeds a workflow first runs the request through the same rules/
// computation the workflow will run. Input the rules refuse (a year outside the calendar the
// rules count in, a stake the ownership rules reject) is then a 400 naming the request's field,
// and never a workflow that fails its task on it and retries for ever where no handler sees it.
import { RuleInputError } from '../../rules/index.js';
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
