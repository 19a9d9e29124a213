// Starting an account's record-retention workflow from the API: after a closure recorded here,
// and at API start for ended accounts a crash left without one. `record-retention:<accountId>`
// is started once; a repeat finds it running and is not an error.
import { randomUUID } from 'node:crypto';
import type { AccountRow } from '../../../db/schema/customers.js';
import { CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import { workflowIdFor } from '../../../workflows/ids.js';
import type { RecordRetentionInput } from '../../../workflows/record-retention/messages.js';
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
    workflowType: 'recordRetentionWorkflow',
    workflowId: workflowIdFor('record-retention', account.id),
    taskQueue: deps.temporal.taskQueue,
    args: [input],
  });
}
