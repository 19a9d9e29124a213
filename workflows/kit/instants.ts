// Instants a handler gives in a decision (when Commerce decided, when the CIP was resubmitted)
// are judged against the workflow's clock with the tolerance the API gives a handler's machine
// clock for the instants it is sent (api/schemas.ts reads it from here).
import { refuseInvalid } from './decisions.js';

/** How far ahead of the clock an instant "not in the future" may be (clock skew), in seconds. */
export const FUTURE_TOLERANCE_SECONDS = 60;

/** Refuses the decision, naming `field`, when `at` (an instant or its ISO text) lies beyond now and the tolerance. */
export function refuseFutureInstant(field: string, at: Date | string | undefined): void {
  if (at === undefined) return;
  const time = typeof at === 'string' ? new Date(at).getTime() : at.getTime();
  if (time > Date.now() + FUTURE_TOLERANCE_SECONDS * 1000) refuseInvalid(field, 'must not be in the future');
}
