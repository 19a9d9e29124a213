// Starting an account's record-retention workflow from the API: after a closure recorded here,
// and at API start for ended accounts a crash left without one. `record-retention:<accountId>`
// is started once; a repeat finds it running and is not an error.
import { randomUUID } from 'node:crypto';
import type { AccountRow } from '../../../db/schema/customers.js';
import { CURRENT_RULE_SET_ID, computeDeadline, getRuleSet } from '../../../rules/index.js';
import type { RecordRetentionInput } from '../../../workflows/record-retention/messages.js';
import { refuseWhatTheRulesRefuse } from '../rule-input.js';
import { startWorkflowOnce, type CaseStartDeps } from '../start-case.js';

export async function startRetention(deps: CaseStartDeps, account: AccountRow, openedBy: string): Promise<'started' | 'already-started'> {
  if (!account.closedAt) throw new Error(`account ${account.id} has no closure date`);
  const input: RecordRetentionInput = {
    caseId: randomUUID(),
    customerId: account.customerId,
    accountId: account.id,
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: deps.providerTimeZone,
    openedBy,
    closedAt: account.closedAt.toISOString(),
  };
  return startWorkflowOnce(deps.temporal.client, {
    caseType: 'record-retention',
    businessId: account.id,
    taskQueue: deps.temporal.taskQueue,
    args: [input],
  });
}

/**
 * The disposal date the retention workflow will compute from a closure and a last access: a
 * closure or access the rules cannot count from is refused (400 naming `fields`' request field)
 * before it is stored, so the workflow never fails on it.
 */
export function checkRetentionClock(
  deps: Pick<CaseStartDeps, 'providerTimeZone'>,
  clock: { closedAt: Date; lastAccessAt?: Date | null },
  fields: { closedAt?: string; lastAccessAt?: string },
): void {
  refuseWhatTheRulesRefuse(
    () =>
      computeDeadline({
        obligation: 'record-retention',
        ruleSet: getRuleSet(CURRENT_RULE_SET_ID),
        startedAt: clock.closedAt,
        ...(clock.lastAccessAt ? { lastAccessAt: clock.lastAccessAt } : {}),
        timeZone: deps.providerTimeZone,
      }),
    {
      ...(fields.closedAt ? { startedAt: fields.closedAt } : {}),
      ...(fields.lastAccessAt ? { lastAccessAt: fields.lastAccessAt } : {}),
    },
  );
}
