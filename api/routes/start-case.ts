// Starting an obligation's workflow from the API, shared by every obligation's routes. Two ways:
// - recordCaseAndStart (the outbox): the API writes the case row and its start in one
//   transaction, starts the workflow and answers with the row; the workflow's opening projection
//   confirms the case, and the reconciler starts what a crash or an unreachable Temporal left
//   behind. The caller waits for one transaction and one start, not for the worker.
// - openCaseOnce: the workflow creates its case row itself (an idempotent projection), so a crash
//   of the API after the start loses nothing. The start carries the kit's `caseOpened` Update
//   (Update-with-Start): Temporal answers once the workflow's first task has written the row.
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client, type Workflow } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { insertCaseWithStart, isCaseStartPending, listUnconfirmedCaseStarts, markCaseStartAttempted, withdrawUnconfirmedCase } from '../../db/queries/case-starts.js';
import { getCaseById, getCaseByWorkflowId } from '../../db/queries/cases.js';
import type { CaseRow, NewCaseRow } from '../../db/schema/cases.js';
import { workflowIdFor } from '../../workflows/ids.js';
import { caseOpenedUpdate } from '../../workflows/kit/recorder.js';
import { OBLIGATIONS, type CaseTypeName, type WorkflowOf } from '../../workflows/obligations.js';
import { AppError } from '../errors.js';
import { isConnectionFailure } from '../plugins/errors.js';

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
    const startedBy = () => whoStarted(client, workflowId, options.caseId);
    const found = await startedBy();
    if (found) return found === 'this request' ? 'started' : 'already-started';
    // Cut off before Temporal had it: start it now, without waiting (a failure here is the caller's error).
    if ((await startWorkflowOnce(client, options)) === 'started') return 'started';
    return (await startedBy()) === 'this request' ? 'started' : 'already-started';
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the workflow `workflowId` exists and was started for `caseId` (its memo), or for another case. */
function whoStarted(client: Client, workflowId: string, caseId: string): Promise<'this request' | 'another' | undefined> {
  return client.workflow
    .getHandle(workflowId)
    .describe()
    .then((d) => (d.memo?.caseId === caseId ? 'this request' : 'another'), () => undefined);
}

/** What the API knows of a case before its workflow runs: the row its caller gets back at once. */
export type RecordedCase = Pick<NewCaseRow, 'status' | 'subjectType' | 'subjectId' | 'ruleSetId' | 'openedAt' | 'dueAt' | 'details'>;

/**
 * Records the case `caseId` and starts its workflow (the outbox): the case row and its start are
 * written in one transaction, then the workflow is started without waiting for a worker.
 * - `opened`: the case is recorded (`case` holds the row); its workflow is started, or will be by
 *   the reconciler if Temporal could not be reached (nothing accepted is lost);
 * - `already-started`: the business id already has a case;
 * - `started`: the database could not be reached, so the start went to Temporal alone (as
 *   openCaseOnce): accepted, and the workflow writes the row once the database is back.
 * The workflow replaces the recorded row with its own opening projection (same status and due
 * instant from the same rules, plus what it finds on file) and appends the opening events.
 */
export async function recordCaseAndStart<T extends CaseTypeName>(
  deps: { client: Client; db: Database },
  options: CaseStart<T> & { caseId: string; recorded: RecordedCase },
): Promise<{ outcome: CaseOpening; case: CaseRow | undefined }> {
  const workflowId = workflowIdFor(options.caseType, options.businessId);
  let row: CaseRow | undefined;
  try {
    row = await insertCaseWithStart(deps.db, {
      row: { id: options.caseId, type: options.caseType, workflowId, ...options.recorded },
      start: { workflowType: OBLIGATIONS[options.caseType].workflow.name, taskQueue: options.taskQueue, args: options.args },
    });
  } catch (err) {
    // Temporal alone can still accept the case while the database is down.
    if (isConnectionFailure(err)) return openCaseOnce(deps, options);
    throw err;
  }
  if (!row) return { outcome: 'already-started', case: undefined };
  try {
    const started = await startWorkflowOnce(deps.client, { ...options, caseId: options.caseId });
    // The id is held by a workflow the case table did not know of: not this case after all.
    if (started === 'already-started' && (await whoStarted(deps.client, workflowId, options.caseId)) === 'another') {
      await deps.db.transaction((tx) => withdrawUnconfirmedCase(tx, { caseId: options.caseId }));
      return { outcome: 'already-started', case: undefined };
    }
  } catch {
    // Temporal could not be reached (or did not answer): the case is recorded with its start,
    // which the reconciler makes again.
  }
  return { outcome: 'opened', case: row };
}

/**
 * Waits (up to `waitMs`) until the workflow of a case the API recorded has confirmed it; true at
 * once for a case its workflow wrote (its projection sequence is past 0). What a decision waits
 * for: the workflow judges a decision by what it found on file when it opened the case.
 */
export async function caseConfirmed(db: Database, row: Pick<CaseRow, 'id' | 'projectionSeq'>, waitMs = 5000): Promise<boolean> {
  if (row.projectionSeq > 0) return true;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (!(await isCaseStartPending(db, { caseId: row.id }))) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts the workflows of recorded cases that have not confirmed their case `olderThanMs` after
 * they were recorded (or last tried): the API crashed, or Temporal was unreachable, between the
 * commit and the start. REJECT_DUPLICATE and the case id in the memo make it safe to run at any
 * time; a workflow that exists but has not run yet confirms its case when a worker runs it.
 */
export async function startUnconfirmedCases(
  deps: CaseStartDeps & { log?: { warn(obj: object, msg: string): void } },
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<{ started: number; failed: number }> {
  const pending = await listUnconfirmedCaseStarts(deps.db.db, { before: new Date(Date.now() - (options.olderThanMs ?? 10_000)), limit: options.limit ?? 200 });
  let started = 0;
  let failed = 0;
  for (const start of pending) {
    await markCaseStartAttempted(deps.db.db, { caseId: start.caseId });
    try {
      await deps.temporal.client.workflow.start(start.workflowType, {
        taskQueue: start.taskQueue,
        workflowId: start.workflowId,
        args: start.args,
        memo: { caseId: start.caseId },
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      started += 1;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        // Another request's workflow holds the business id (its start won a race with this
        // case's): this row is not a case after all. Its own workflow confirms it otherwise.
        if ((await whoStarted(deps.temporal.client, start.workflowId, start.caseId)) === 'another') {
          await deps.db.db.transaction((tx) => withdrawUnconfirmedCase(tx, { caseId: start.caseId }));
        }
        continue;
      }
      // One case's failure must not keep the others from starting; the next run retries it.
      failed += 1;
      deps.log?.warn({ err, caseId: start.caseId }, 'could not start the workflow of a recorded case');
    }
  }
  return { started, failed };
}

/**
 * Starts a new case of a case type with a fresh case id; answers 409 (naming the existing case)
 * when the business id already has one. With `recorded` (what the API knows of the case before
 * its workflow runs), through the outbox (recordCaseAndStart); without, by Update-with-Start.
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
  recorded?: RecordedCase;
  waitMs?: number;
}): Promise<{ caseId: string; case: CaseRow | undefined }> {
  const caseId = randomUUID();
  const start = {
    caseType: options.caseType,
    businessId: options.businessId,
    taskQueue: options.taskQueue,
    args: options.args(caseId),
    caseId,
    ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
  };
  const { outcome, case: row } = options.recorded ? await recordCaseAndStart(options, { ...start, recorded: options.recorded }) : await openCaseOnce(options, start);
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
