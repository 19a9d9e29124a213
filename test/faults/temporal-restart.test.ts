// The Temporal dev server restarted on its persistent file (SQLite) while cases are open: the
// open workflows resume where they were (they take decisions afterwards), and their timers fire
// (the notification dispatcher, which sleeps between polls of the case events, delivers events
// written after the restart). Uses a dev server and a PostgreSQL of its own.
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../activities/notifications.js';
import { buildApp, type App } from '../../api/app.js';
import { createDb, type DbHandle } from '../../db/client.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../db/embedded.js';
import { runMigrations } from '../../db/migrate.js';
import { startTemporalDevServer, type DevServerHandle } from '../../scripts/temporal-dev-server.js';
import { startWorker, type WorkerHandle } from '../../worker.js';
import { freePort } from '../helpers/ports.js';
import { quietTemporalLogs } from '../helpers/quiet-logs.js';
import { TEST_TOKENS, bearer } from '../helpers/tokens.js';
import { eventually } from '../helpers/system.js';
import { testDataConverter } from '../helpers/workflow-env.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const OPEN_CASES = 5;
const taskQueue = `temporal-restart-${randomUUID()}`;
let dataDir: string;
let pg: EmbeddedPostgresHandle;
let temporal: DevServerHandle;
let temporalPort: number;
let db: DbHandle;
let connection: Connection;
let worker: WorkerHandle;
let app: App;
let receiver: WebhookReceiver;

const startTemporal = () => startTemporalDevServer({ port: temporalPort, dbFile: join(dataDir, 'temporal.sqlite') });

beforeAll(async () => {
  quietTemporalLogs();
  dataDir = await mkdtemp(join(tmpdir(), 'cipdesk-temporal-restart-'));
  await chmod(dataDir, 0o755);
  pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: await freePort() });
  await runMigrations(pg.databaseUrl);
  temporalPort = await freePort();
  temporal = await startTemporal();
  receiver = await startWebhookReceiver();
  db = createDb(pg.databaseUrl, { max: 5 });
  connection = await Connection.connect({ address: temporal.address });
  worker = await startWorker({
    databaseUrl: pg.databaseUrl,
    temporalAddress: temporal.address,
    namespace: 'default',
    taskQueue,
    workerOptions: { workflowBundle: { codePath: inject('workflowBundlePath') } },
    notifications: { ...DEFAULT_NOTIFICATION_SETTINGS, publicUrl: 'https://desk.example.test', retry: { initialIntervalMs: 200, maximumIntervalMs: 1_000, maximumAttempts: 5 }, pollIntervalMs: 500 },
  });
  app = await buildApp({ db, temporal: { client: new Client({ connection, dataConverter: testDataConverter() }), taskQueue }, tokens: TEST_TOKENS, providerTimeZone: 'America/New_York' });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await worker?.shutdown();
  await connection?.close();
  await db?.close();
  await temporal?.stop();
  await pg?.stop();
  await receiver?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = async (method: 'GET' | 'POST', url: string, payload?: object, role: 'admin' | 'case_handler' = 'case_handler') => {
  const res = await app.inject({ method, url, headers: bearer(role), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
};
const delivered = (type: string, caseId: string) =>
  receiver.received.some((r) => r.answeredWith === 204 && r.body.includes(`"${type}"`) && r.body.includes(caseId));

describe('the Temporal dev server restarted on its persistent file', () => {
  it('resumes the open workflows, and their timers fire', async () => {
    const subscribed = await call('POST', '/v1/webhook-subscriptions', { url: receiver.url, eventTypes: ['case.opened', 'decision.accepted'] }, 'admin');
    expect(subscribed.status).toBe(201);
    const caseIds: string[] = [];
    for (let i = 0; i < OPEN_CASES; i++) {
      const res = await call('POST', '/v1/cip-transmission-requests', { requestReference: `BIS-CIP-RESTART-${randomUUID()}`, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() });
      expect([201, 202]).toContain(res.status);
      caseIds.push(res.body.id ?? res.body.caseId);
    }
    await eventually(async () => (caseIds.every((id) => delivered('case.opened', id)) ? true : undefined), 60_000);
    const dispatcherBefore = await eventually(async () => {
      for await (const w of new Client({ connection, dataConverter: testDataConverter() }).workflow.list({ query: `WorkflowType = 'notificationDispatcherWorkflow' AND ExecutionStatus = 'Running'` })) return w.workflowId;
      return undefined;
    });

    await temporal.stop();
    temporal = await startTemporal();

    // The open workflows resume: each takes its decision, answered by the workflow itself.
    let resumed = 0;
    for (const caseId of caseIds) {
      const res = await eventually(async () => {
        const r = await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'withdraw', reason: 'Commerce withdrew the request' });
        return r.status === 200 ? r : undefined;
      }, 90_000);
      expect(res.body).toMatchObject({ caseId, decision: 'withdraw', status: 'withdrawn' });
      resumed++;
    }
    // A case opened after the restart, and the decisions: events written after it. The dispatcher
    // that was sleeping when the server stopped wakes on its timer and delivers them.
    const after = await call('POST', '/v1/cip-transmission-requests', { requestReference: `BIS-CIP-RESTART-${randomUUID()}`, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() });
    const afterId = after.body.id ?? after.body.caseId;
    await eventually(async () => (delivered('case.opened', afterId) && caseIds.every((id) => delivered('decision.accepted', id)) ? true : undefined), 90_000);
    let stillRunning = false;
    for await (const w of new Client({ connection, dataConverter: testDataConverter() }).workflow.list({ query: `WorkflowId = '${dispatcherBefore}' AND ExecutionStatus = 'Running'` })) stillRunning = w.workflowId === dispatcherBefore;
    expect(stillRunning).toBe(true);
    const [rows] = await db.sql`select count(*)::int as n from cases where status = 'withdrawn'`;
    console.info(`Temporal restart: ${OPEN_CASES} open cases, ${resumed} resumed and decided after the restart (${rows!.n} withdrawn), the dispatcher's timer fired (events after the restart delivered), lost 0`);
  }, 300_000);
});
