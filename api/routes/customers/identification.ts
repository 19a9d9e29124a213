// Starting an account's customer-identification workflow. Unlike startCaseWorkflow (which draws
// a fresh case id and answers 409 on a duplicate), the case id here is chosen when the
// application is stored and kept on the account row: a repeated application, or the
// reconciler after a crash, starts the same workflow with the same case id, and a duplicate
// start (REJECT_DUPLICATE) just means it is already running or done.
import type { CaseRow } from '../../../db/schema/cases.js';
import { CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import type { CustomerIdentificationInput } from '../../../workflows/customer-identification/messages.js';
import { openCaseOnce, waitForCaseRow, type CaseStartDeps } from '../start-case.js';


export async function startIdentification(
  deps: CaseStartDeps,
  target: { customerId: string; accountId: string; caseId: string; openedBy: string },
  options: { waitMs?: number } = {},
): Promise<CaseRow | undefined> {
  const input: CustomerIdentificationInput = {
    caseId: target.caseId,
    customerId: target.customerId,
    accountId: target.accountId,
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: deps.providerTimeZone,
    openedBy: target.openedBy,
  };
  // An account is identified once: a repeat finds its workflow already started, with the same case id.
  const { outcome, case: row } = await openCaseOnce(
    { client: deps.temporal.client, db: deps.db.db },
    { caseType: 'customer-identification', businessId: target.accountId, taskQueue: deps.temporal.taskQueue, args: [input], caseId: target.caseId, ...options },
  );
  return outcome === 'already-started' ? waitForCaseRow(deps.db.db, target.caseId, options.waitMs) : row;
}
