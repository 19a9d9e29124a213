// Starting an obligation's workflow from the API, shared by every obligation's routes.
// The workflow is started first and creates its case row itself (an idempotent activity), so
// a crash of the API after the start loses nothing; the API then waits briefly for that row so
// that the caller usually gets the case back at once.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { getCaseById, getCaseByWorkflowId } from '../../db/queries/cases.js';
import type { CaseRow } from '../../db/schema/cases.js';
import { workflowIdFor } from '../../workflows/ids.js';
import { OBLIGATIONS, type CaseTypeName, type WorkflowOf } from '../../workflows/obligations.js';
import { AppError } from '../errors.js';

/** What starting a case's workflow needs: a subset of AppDeps, so `app.deps` fits. */
export interface CaseStartDeps {
  db: { db: Database };
  temporal: { client: Client; taskQueue: string };
  providerTimeZone: string;
}

/** What starting a case type's workflow takes: its case type, the business id, and its workflow's own arguments. */
export interface CaseStart<T extends CaseTypeName> {
  caseType: T;
  businessId: string;
  taskQueue: string;
  args: Parameters<WorkflowOf<T>>;
}

/**
 * Starts `<caseType>:<businessId>` unless it was ever started: a business id names one
 * obligation instance for good. Tells which happened instead of throwing on a duplicate. The
 * workflow comes from the registry, so its arguments are type-checked against it.
 */
export async function startWorkflowOnce<T extends CaseTypeName>(client: Client, options: CaseStart<T>): Promise<'started' | 'already-started'> {
  try {
    // One generic signature for every registered workflow: the registry ties the types together.
    const start = client.workflow.start as (workflow: WorkflowOf<T>, options: object) => Promise<unknown>;
    await start.call(client.workflow, OBLIGATIONS[options.caseType].workflow, {
      taskQueue: options.taskQueue,
      workflowId: workflowIdFor(options.caseType, options.businessId),
      args: options.args,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw err;
  }
}

/**
 * Starts a new case of a case type with a fresh case id; answers 409 (naming the existing case)
 * when the business id already has one.
 */
export async function startCaseWorkflow<T extends CaseTypeName>(options: {
  client: Client;
  db: Database;
  taskQueue: string;
  caseType: T;
  businessId: string;
  args: (caseId: string) => Parameters<WorkflowOf<T>>;
  /** Who else might already hold this business id, for the 409 message. */
  describe: string;
  waitMs?: number;
}): Promise<{ caseId: string; case: CaseRow | undefined }> {
  const caseId = randomUUID();
  const outcome = await startWorkflowOnce(options.client, {
    caseType: options.caseType,
    businessId: options.businessId,
    taskQueue: options.taskQueue,
    args: options.args(caseId),
  });
  if (outcome === 'already-started') {
    const existing = await getCaseByWorkflowId(options.db, { workflowId: workflowIdFor(options.caseType, options.businessId) });
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
