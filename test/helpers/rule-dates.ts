// Dates for test cases, expressed against the rule set instead of as literal day counts: a CIP
// request received so long ago that its period has passed, or so recently that it is due soon.
import { CURRENT_RULE_SET_ID, getRuleSet, obligationPeriod } from '../../rules/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function cipTransmissionPeriodDays(): number {
  const period = obligationPeriod(getRuleSet(CURRENT_RULE_SET_ID), 'cip-transmission').value;
  if (!('days' in period) || period.days === undefined) throw new Error('the CIP transmission period is expected in days');
  return period.days;
}

/** A receipt instant whose CIP transmission deadline passed `daysPast` days ago (or so). */
export function receivedWithDeadlinePassed(daysPast = 2, now = Date.now()): Date {
  return new Date(now - (cipTransmissionPeriodDays() + daysPast) * DAY_MS);
}

/** A receipt instant leaving about `daysLeft` days until the CIP transmission deadline. */
export function receivedWithDaysLeft(daysLeft: number, now = Date.now()): Date {
  return new Date(now - (cipTransmissionPeriodDays() - daysLeft) * DAY_MS);
}
