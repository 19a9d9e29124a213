// The worker killed with SIGKILL while 100 cases are mid-flight (their decisions sent and being
// applied), then started again: every case finishes, and each decision and each case event is
// recorded exactly once. The worker runs as its own process (the worker as `npm run worker` wires
// it); the API is built in this process against the same PostgreSQL and Temporal dev server.
//
// Temporal notices a dead worker by its timeouts only. So that the test does not wait out the
// production ones, this test's workflows are started with a short workflow-task timeout (a task
// the dead worker held is handed on after seconds) and bundled with short activity timeouts
// (test/fixtures/short-activity-timeouts.ts), and the worker leaves its sticky queue after a
// second. What is tested is unchanged: whatever was in flight is redone, and done once.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../api/app.js';
import { createDb, type DbHandle } from '../../db/client.js';
import { startWorkerProcess, type ChildHandle } from '../helpers/processes.js';
import { quietTemporalLogs } from '../helpers/quiet-logs.js';
import { TEST_TOKENS, bearer } from '../helpers/tokens.js';
import { eventually } from '../helpers/system.js';
import { testDataConverter } from '../helpers/workflow-env.js';
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from '../../worker.js';

const CASES = 100;
const taskQueue = `worker-crash-${randomUUID()}`;
const run = randomUUID().slice(0, 8);
let db: DbHandle;
let connection: Connection;
let app: App;
let worker: ChildHandle | undefined;
let bundleDir: string;
let workflowBundlePath: string;

const startWorker = () => startWorkerProcess({ databaseUrl: inject('databaseUrl'), temporalAddress: inject('temporalAddress'), taskQueue, workflowBundlePath });

/** A workflow task held by a killed worker is handed on after this long (Temporal's default is 10 s). */
const shortWorkflowTasks: WorkflowClientInterceptor = {
  startWithDetails: (input, next) => next({ ...input, options: { ...input.options, workflowTaskTimeout: msToTs('3 seconds') } }),
};

beforeAll(async () => {
  quietTemporalLogs();
  bundleDir = await mkdtemp(join(tmpdir(), 'cipdesk-worker-crash-'));
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    ...WORKFLOW_BUNDLE_OPTIONS,
    workflowInterceptorModules: [fileURLToPath(new URL('../fixtures/short-activity-timeouts.ts', import.meta.url))],
    logger: new DefaultLogger('WARN'),
  });
  workflowBundlePath = join(bundleDir, 'workflows.js');
  await writeFile(workflowBundlePath, bundle.code);
  db = createDb(inject('databaseUrl'), { max: 10 });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  const client = new Client({ connection, dataConverter: testDataConverter(), interceptors: { workflow: [shortWorkflowTasks] } });
  app = await buildApp({ db, temporal: { client, taskQueue }, tokens: TEST_TOKENS, providerTimeZone: 'America/New_York' });
  await app.ready();
  worker = startWorker();
});
afterAll(async () => {
  await worker?.kill();
  await app?.close();
  await connection?.close();
  await db?.close();
  await rm(bundleDir, { recursive: true, force: true });
});

/** Runs `tasks` with at most `limit` at once. */
async function pooled<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  }));
  return results;
}

describe('the worker killed with SIGKILL while 100 cases are mid-flight', () => {
  it('finishes every case after a restart, each decision and each event recorded once', async () => {
    // 100 open cases.
    const references = Array.from({ length: CASES }, (_, i) => `BIS-CIP-CRASH-${run}-${i}`);
    const caseIds = await pooled(10, references.map((requestReference) => async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/cip-transmission-requests',
        headers: bearer('case_handler'),
        payload: { requestReference, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() },
      });
      expect([201, 202], res.body).toContain(res.statusCode);
      return (res.json().id ?? res.json().caseId) as string;
    }));
    await eventually(async () => {
      // Opened by their workflows: the API records each case, its workflow confirms it.
      const [row] = await db.sql`select count(*)::int as n from case_events where case_id = any(${caseIds}) and type = 'case.opened'`;
      return row!.n === CASES ? true : undefined;
    }, 120_000);

    // Every case's decision sent at once; the worker dies while they are being applied. A client
    // that gets no answer retries with the same Idempotency-Key, as a careful client does.
    let answered = 0;
    const decide = async (caseId: string, i: number) => {
      const key = `withdraw-${run}-${i}`;
      for (;;) {
        const res = await app.inject({
          method: 'POST',
          url: `/v1/cases/${caseId}/decisions`,
          headers: { ...bearer('case_handler'), 'idempotency-key': key },
          payload: { decision: 'withdraw', reason: 'Commerce withdrew the request' },
        });
        // 409 decision.case_closed: an earlier attempt of this very decision closed the case.
        if (res.statusCode === 200 || (res.statusCode === 409 && res.json().code === 'decision.case_closed')) {
          answered++;
          return res.statusCode;
        }
        if (res.statusCode < 500) throw new Error(`decision on ${caseId} refused: ${res.statusCode} ${res.body}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const closedCount = async () => (await db.sql`select count(*)::int as n from cases where id = any(${caseIds}) and status = 'withdrawn'`)[0]!.n as number;
    const decisions = Promise.all(caseIds.map((id, i) => decide(id, i)));
    // Killed as soon as the first decision reaches the case row: the others are being applied.
    for (const deadline = Date.now() + 60_000; (await closedCount()) === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    await worker!.kill();
    const killedAt = Date.now();
    const inFlightAtKill = CASES - answered;
    const closedAtKill = { n: await closedCount() };
    worker = startWorker();
    const answers = await decisions;

    const finished = await eventually(async () => {
      const [row] = await db.sql`select count(*)::int as n from cases where id = any(${caseIds}) and status = 'withdrawn' and closed_at is not null`;
      return row!.n === CASES ? row!.n : undefined;
    }, 120_000);
    // Exactly once: per case, one opening, one accepted decision, one withdrawal; no event twice.
    const perCase = await db.sql`
      select case_id,
        count(*) filter (where type = 'case.opened')::int as opened,
        count(*) filter (where type = 'decision.accepted')::int as accepted,
        count(*) filter (where type = 'request.withdrawn')::int as withdrawn,
        count(*)::int - count(distinct (type, data::text))::int as repeated
      from case_events where case_id = any(${caseIds}) group by case_id`;
    const duplicated = perCase.filter((r) => r.opened !== 1 || r.accepted > 1 || r.withdrawn > 1 || r.repeated !== 0);
    const lost = CASES - perCase.filter((r) => r.accepted === 1).length;
    console.info(
      `worker SIGKILL: ${CASES} cases, ${inFlightAtKill} decisions unanswered at the kill (${closedAtKill.n} already applied to the case row), ` +
        `finished ${finished} (${Math.round((Date.now() - killedAt) / 1000)} s after the kill), duplicated ${duplicated.length}, lost ${lost}; answers ${JSON.stringify(answers.reduce<Record<number, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {}))}`,
    );
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(closedAtKill.n).toBeLessThan(CASES);
    expect(perCase).toHaveLength(CASES);
    expect(duplicated).toEqual([]);
    expect(lost).toBe(0);
  }, 300_000);
});
