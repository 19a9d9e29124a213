// Starting an obligation's workflow from the API, shared by every obligation's routes.
// The workflow is started first and creates its case row itself (an idempotent activity), so
// a crash of the API after the start loses nothing; the API then waits briefly for that row so
// that the caller usually gets the case back at once.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { getCaseById, getCaseByWorkflowId } from '../../db/queries/cases.js';
import type { CaseRow } from '../../db/schema/cases.js';
import { AppError } from '../errors.js';

/** What starting a case's workflow needs: a subset of AppDeps, so `app.deps` fits. */
export interface CaseStartDeps {
  db: { db: Database };
  temporal: { client: Client; taskQueue: string };
  providerTimeZone: string;
}

/**
 * Starts `<obligation>:<businessId>` unless it was ever started: a business id names one
 * obligation instance for good. Tells which happened instead of throwing on a duplicate.
 */
export async function startWorkflowOnce(
  client: Client,
  options: { workflowType: string; workflowId: string; taskQueue: string; args: unknown[] },
): Promise<'started' | 'already-started'> {
  try {
    await client.workflow.start(options.workflowType, {
      taskQueue: options.taskQueue,
      workflowId: options.workflowId,
      args: options.args,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw err;
  }
}

export async function startCaseWorkflow<A extends { caseId: string }>(options: {
  client: Client;
  db: Database;
  taskQueue: string;
  workflowType: string;
  workflowId: string;
  args: (caseId: string) => A;
  /** Who else might already hold this business id, for the 409 message. */
  describe: string;
  waitMs?: number;
}): Promise<{ caseId: string; case: CaseRow | undefined }> {
  const caseId = randomUUID();
  const outcome = await startWorkflowOnce(options.client, {
    workflowType: options.workflowType,
    workflowId: options.workflowId,
    taskQueue: options.taskQueue,
    args: [options.args(caseId)],
  });
  if (outcome === 'already-started') {
    const existing = await getCaseByWorkflowId(options.db, { workflowId: options.workflowId });
    throw new AppError('case.duplicate', 409, `${options.describe} already has a case${existing ? ` (${existing.id})` : ''}`);
  }
  return { caseId, case: await waitForCaseRow(options.db, caseId, options.waitMs) };
}

/**
 * Waits briefly for the case row a just-started workflow writes, so the caller usually gets the
 * case at once. The request is already accepted (Temporal holds it) whatever happens to the
 * database: a failed read means "accepted, not visible yet", not an error.
 */
export async function waitForCaseRow(db: Database, caseId: string, waitMs = 5000): Promise<CaseRow | undefined> {
  return waitForCase(() => getCaseById(db, { id: caseId }), waitMs);
}

export async function waitForCase(read: () => Promise<CaseRow | undefined>, waitMs = 5000): Promise<CaseRow | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await read().catch(() => undefined);
    if (row || Date.now() >= deadline) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
}
