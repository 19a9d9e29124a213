// A whole cipdesk against the real servers of test/global-setup.ts: a worker on a task queue
// of the test file's own and the API built with buildApp(), both as production wires them.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { buildApp, type App } from '../../api/app.js';
import { createDb, type DbHandle } from '../../db/client.js';
import { startWorker, type WorkerHandle } from '../../worker.js';
import { openedForFile } from './per-file.js';
import { quietTemporalLogs } from './quiet-logs.js';
import { DEV_PAYLOAD_KEY } from '../../config.js';
import { cipdeskDataConverter } from '../../data-converter.js';
import { TEST_TOKENS, bearer } from './tokens.js';

export interface TestSystem {
  app: App;
  db: DbHandle;
  client: Client;
  worker: WorkerHandle;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startTestSystem(
  options: { providerTimeZone?: string; databaseUrl?: string; notifications?: Parameters<typeof startWorker>[0]['notifications'] } = {},
): Promise<TestSystem> {
  quietTemporalLogs();
  const databaseUrl = options.databaseUrl ?? inject('databaseUrl');
  const temporalAddress = inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const db = createDb(databaseUrl, { max: 5 });
  const connection = await Connection.connect({ address: temporalAddress });
  // Encrypted as in production (the development key): what Temporal stores is ciphertext.
  const client = new Client({ connection, namespace: 'default', dataConverter: cipdeskDataConverter([DEV_PAYLOAD_KEY]) });
  const worker = await startWorker({
    databaseUrl,
    temporalAddress,
    namespace: 'default',
    taskQueue,
    payloadKeys: [DEV_PAYLOAD_KEY],
    workerOptions: { workflowBundle: { codePath: inject('workflowBundlePath') } },
    ...(options.notifications ? { notifications: options.notifications } : {}),
  });
  const app = await buildApp({
    db,
    temporal: { client, taskQueue },
    tokens: TEST_TOKENS,
    providerTimeZone: options.providerTimeZone ?? 'America/New_York',
  });
  await app.ready();
  return {
    app,
    db,
    client,
    worker,
    taskQueue,
    async close() {
      await app.close();
      await worker.shutdown();
      await connection.close();
      await db.close();
    },
  };
}

/**
 * The test file's system: started before its tests, closed after them. Registers the two hooks
 * where it is called (a file's top level, or a describe); the object it returns reads the
 * started system, so a test uses it as `system.app`, `system.db`, `system.client`.
 */
export function useTestSystem(options: Parameters<typeof startTestSystem>[0] = {}): TestSystem {
  const current = openedForFile('the test system', () => startTestSystem(options), (system) => system.close());
  return {
    get app() {
      return current().app;
    },
    get db() {
      return current().db;
    },
    get client() {
      return current().client;
    },
    get worker() {
      return current().worker;
    },
    // A test that stops the worker may start another in its place.
    set worker(replacement: WorkerHandle) {
      current().worker = replacement;
    },
    get taskQueue() {
      return current().taskQueue;
    },
    close: () => current().close(),
  };
}

/** Polls until `check` returns a value (not undefined); for effects a workflow applies asynchronously. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Role = Parameters<typeof bearer>[0];

/**
 * A call to the system's API as a role (its first token, or another of its tokens: a second
 * person of the same role); `system` is read at each call (it starts in beforeAll). `body` is
 * the parsed answer when it is JSON; `text`, `raw` and `headers` hold the answer as it came.
 */
export function apiCaller(system: () => Pick<TestSystem, 'app'>) {
  return async (method: 'GET' | 'POST', url: string, payload?: object, role: Role = 'case_handler', tokenIndex = 0) => {
    const res = await system().app.inject({ method, url, headers: bearer(role, tokenIndex), ...(payload ? { payload } : {}) });
    const contentType = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: contentType.includes('json') ? res.json() : undefined, text: res.body, raw: res.rawPayload, headers: res.headers, contentType };
  };
}

export interface CaseEventView {
  type: string;
  actor: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** A case's history as legal reads it, and a wait until it holds `count` events of a type. */
export function caseHistory(system: () => Pick<TestSystem, 'app'>) {
  const call = apiCaller(system);
  const events = async (caseId: string) => (await call('GET', `/v1/cases/${caseId}/events?limit=200`, undefined, 'legal')).body.items as CaseEventView[];
  const until = (caseId: string, type: string, count = 1) =>
    eventually(async () => {
      const all = await events(caseId);
      return all.filter((e) => e.type === type).length >= count ? all : undefined;
    });
  return { events, until };
}
