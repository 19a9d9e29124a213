// Starting a transaction's report case. The case id is chosen when the transaction is stored and
// kept on its row: a repeated request, or the reconciler after a crash between storing and
// starting, starts the same workflow with the same case id, and a duplicate start
// (REJECT_DUPLICATE) just means it is already running or done.
import { listAiTrainingTransactionsWithoutCase } from '../../../db/queries/ai-training.js';
import type { AiTrainingTransactionRow } from '../../../db/schema/ai-training.js';
import type { CaseRow } from '../../../db/schema/cases.js';
import type { AiTrainingReportInput, ReportContents } from '../../../workflows/ai-training-report/messages.js';
import { openCaseOnce, waitForCaseRow, type CaseStartDeps } from '../start-case.js';

/** What the provider's own records hold for the report: the transaction as recorded (references and facts). */
export function providerRecordsOf(t: AiTrainingTransactionRow): ReportContents {
  return {
    ...(t.contactInfoRef ? { contactInfoRef: t.contactInfoRef } : {}),
    ...(t.paymentInfoRef ? { paymentInfoRef: t.paymentInfoRef } : {}),
    estimatedOperations: t.estimatedOperations,
    ...(t.operationsStart && t.operationsEnd ? { operationsPeriod: { start: t.operationsStart.toISOString(), end: t.operationsEnd.toISOString() } } : {}),
    ...(t.modelName ? { modelName: t.modelName } : {}),
    ...(t.cybersecurityPractices ? { cybersecurityPractices: t.cybersecurityPractices } : {}),
  };
}

export async function startAiTrainingReport(
  deps: CaseStartDeps,
  t: AiTrainingTransactionRow,
  options: { waitMs?: number } = {},
): Promise<CaseRow | undefined> {
  const input: AiTrainingReportInput = {
    caseId: t.caseId,
    transactionId: t.id,
    transactionReference: t.externalReference,
    route: t.route,
    ...(t.resellerId ? { resellerId: t.resellerId } : {}),
    transactionAt: t.transactionAt.toISOString(),
    ...(t.knowledgeAt ? { knowledgeAt: t.knowledgeAt.toISOString() } : {}),
    providerRecords: providerRecordsOf(t),
    covered: t.coverage.covered,
    ...(t.belowThresholdReason ? { belowThresholdReason: t.belowThresholdReason } : {}),
    changedArrangement: t.changedArrangement,
    // The rule set the transaction was judged under stays the case's for its whole life.
    ruleSetId: t.ruleSetId,
    timeZone: deps.providerTimeZone,
    openedBy: t.createdBy,
  };
  const { outcome, case: row } = await openCaseOnce(
    { client: deps.temporal.client, db: deps.db.db },
    { caseType: 'ai-training-report', businessId: t.externalReference, taskQueue: deps.temporal.taskQueue, args: [input], caseId: t.caseId, ...options },
  );
  return outcome === 'already-started' ? waitForCaseRow(deps.db.db, t.caseId, options.waitMs) : row;
}

/** Transactions stored before a crash but never started get their report case now. Safe to run at any time. */
export async function reconcileAiTrainingReports(
  deps: CaseStartDeps & { log?: { warn(obj: object, msg: string): void } },
): Promise<{ started: number; failed: number }> {
  let started = 0;
  let failed = 0;
  for (const t of await listAiTrainingTransactionsWithoutCase(deps.db.db, { limit: 1000 })) {
    try {
      await startAiTrainingReport(deps, t, { waitMs: 0 });
      started += 1;
    } catch (err) {
      // One transaction's failure must not keep the others from starting; the next run retries it.
      failed += 1;
      deps.log?.warn({ err, transactionId: t.id }, 'could not start the AI training report workflow');
    }
  }
  return { started, failed };
}
