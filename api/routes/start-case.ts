// Starting an obligation's workflow from the API, shared by every obligation's routes.
// The workflow creates its case row itself (an idempotent projection), so a crash of the API
// after the start loses nothing. The start carries the kit's `caseOpened` Update
// (Update-with-Start): Temporal answers once the workflow's first task has written the row, in
// one round trip, so the caller gets the case back at once without polling the database.
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client, type Workflow } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { getCaseById, getCaseByWorkflowId } from '../../db/queries/cases.js';
import type { CaseRow } from '../../db/schema/cases.js';
import { workflowIdFor } from '../../workflows/ids.js';
import { caseOpenedUpdate } from '../../workflows/kit/recorder.js';
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
export async function startWorkflowOnce<T extends CaseTypeName>(client: Client, options: CaseStart<T> & { caseId?: string }): Promise<'started' | 'already-started'> {
  try {
    // One generic signature for every registered workflow: the registry ties the types together.
    const start = client.workflow.start as (workflow: WorkflowOf<T>, options: object) => Promise<unknown>;
    await start.call(client.workflow, OBLIGATIONS[options.caseType].workflow, {
      taskQueue: options.taskQueue,
      workflowId: workflowIdFor(options.caseType, options.businessId),
      args: options.args,
      ...(options.caseId ? { memo: { caseId: options.caseId } } : {}),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw err;
  }
}

/** How a start with its case went: see openCaseOnce. */
export type CaseOpening = 'opened' | 'started' | 'already-started';

/**
 * Starts `<caseType>:<businessId>` (unless it was ever started) and waits until its workflow has
 * written the case row `caseId`, up to `waitMs`:
 * - `opened`: the workflow started and its case row exists (`case` holds it);
 * - `started`: the workflow started, but its row was not confirmed in time (a worker or the
 *   database is slow or down): the request is accepted (Temporal holds it), not visible yet;
 * - `already-started`: the business id had a workflow before this request.
 * The workflow id carries the case id in its memo, so a start whose answer was lost is still
 * told apart from someone else's.
 */
export async function openCaseOnce<T extends CaseTypeName>(
  deps: { client: Client; db: Database },
  options: CaseStart<T> & { caseId: string; waitMs?: number },
): Promise<{ outcome: CaseOpening; case: CaseRow | undefined }> {
  const workflowId = workflowIdFor(options.caseType, options.businessId);
  const outcome = await startWithCaseOpened(deps.client, workflowId, options);
  const row = outcome === 'already-started' ? undefined : await getCaseById(deps.db, { id: options.caseId }).catch(() => undefined);
  return { outcome, case: row };
}

async function startWithCaseOpened<T extends CaseTypeName>(
  client: Client,
  workflowId: string,
  options: CaseStart<T> & { caseId: string; waitMs?: number },
): Promise<CaseOpening> {
  const waitMs = options.waitMs ?? 5000;
  // Not waiting at all (a reconciler catching up): a plain start.
  if (waitMs <= 0) return startWorkflowOnce(client, options);
  const operation = new WithStartWorkflowOperation(OBLIGATIONS[options.caseType].workflow as Workflow, {
    taskQueue: options.taskQueue,
    workflowId,
    args: options.args,
    memo: { caseId: options.caseId },
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    workflowIdConflictPolicy: 'FAIL',
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), waitMs);
  try {
    await client.withAbortSignal(abort.signal, () => client.workflow.executeUpdateWithStart(caseOpenedUpdate, { startWorkflowOperation: operation }));
    return 'opened';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    // Not confirmed in time, or the workflow takes no `caseOpened` before its first await: ask
    // Temporal whether this request's workflow exists.
    const startedBy = () =>
      client.workflow
        .getHandle(workflowId)
        .describe()
        .then((d) => (d.memo?.caseId === options.caseId ? 'this request' : 'another'), () => undefined);
    const found = await startedBy();
    if (found) return found === 'this request' ? 'started' : 'already-started';
    // Cut off before Temporal had it: start it now, without waiting (a failure here is the caller's error).
    if ((await startWorkflowOnce(client, options)) === 'started') return 'started';
    return (await startedBy()) === 'this request' ? 'started' : 'already-started';
  } finally {
    clearTimeout(timer);
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
  const { outcome, case: row } = await openCaseOnce(options, {
    caseType: options.caseType,
    businessId: options.businessId,
    taskQueue: options.taskQueue,
    args: options.args(caseId),
    caseId,
    ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
  });
  if (outcome === 'already-started') {
    const existing = await getCaseByWorkflowId(options.db, { workflowId: workflowIdFor(options.caseType, options.businessId) });
    throw new AppError('case.duplicate', 409, `${options.describe} already has a case${existing ? ` (${existing.id})` : ''}`);
  }
  return { caseId, case: row };
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
