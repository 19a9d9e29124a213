// Applications stored but whose identification workflow never started (the API crashed between
// the commit and the start): found at API start and started. REJECT_DUPLICATE and the case id
// kept on the account make this safe to run at any time, as often as wanted.
import { listEndedAccountsWithoutRetention, listPendingAccountsWithoutCase } from '../../../db/queries/customers.js';
import { startRetention } from './retention.js';
import { startIdentification } from './identification.js';
import type { CaseStartDeps } from '../start-case.js';

export async function reconcileCustomerCases(
  deps: CaseStartDeps & { log?: { warn(obj: object, msg: string): void } },
): Promise<{ started: number; failed: number }> {
  const pending = await listPendingAccountsWithoutCase(deps.db.db);
  let started = 0;
  let failed = 0;
  for (const { account, customer } of pending) {
    try {
      await startIdentification(
        deps,
        { customerId: customer.id, accountId: account.id, caseId: account.identificationCaseId, openedBy: customer.createdBy },
        { waitMs: 0 },
      );
      started += 1;
    } catch (err) {
      // One account's failure must not keep the others from starting; the next run retries it.
      failed += 1;
      deps.log?.warn({ err, accountId: account.id }, 'could not start the identification workflow');
    }
  }
  // Ended accounts whose retention never started (a crash between storing the closure and
  // starting the workflow) get it now: otherwise their records would never be disposed of.
  for (const { account } of await listEndedAccountsWithoutRetention(deps.db.db)) {
    try {
      if ((await startRetention(deps, account, 'system')) === 'started') started += 1;
    } catch (err) {
      failed += 1;
      deps.log?.warn({ err, accountId: account.id }, 'could not start the record-retention workflow');
    }
  }
  return { started, failed };
}
