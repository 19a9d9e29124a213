// The API killed with SIGKILL between accepting a request and answering it, then started again:
// the client's retry finds the request it already made, and exactly one case comes of it. The
// API runs as its own process (`npm run api`) and no worker runs while the request is accepted.
// A CIP request is recorded with its start in one statement (the outbox) and answered at once:
// the API dies the moment the case is recorded, whether or not it had started the workflow or
// answered, and its restart starts what was left. A customer application waits for its workflow,
// so the API dies while it waits.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.js';
import { workflowIdFor } from '../../workflows/ids.js';
import { freePort } from '../helpers/ports.js';
import { startApiProcess, startWorkerProcess, type ChildHandle } from '../helpers/processes.js';
import { TEST_TOKENS, bearer } from '../helpers/tokens.js';
import { germanEntityApplication } from '../helpers/applications.js';
import { eventually } from '../helpers/system.js';
import { testDataConverter } from '../helpers/workflow-env.js';

const taskQueue = `api-crash-${randomUUID()}`;
let db: DbHandle;
let connection: Connection;
let client: Client;
let port: number;
let api: ChildHandle | undefined;
let worker: ChildHandle | undefined;

const tokens = TEST_TOKENS.map((t) => `${t.subject}:${t.role}:${t.token}`).join(',');
const startApi = () => startApiProcess({ databaseUrl: inject('databaseUrl'), temporalAddress: inject('temporalAddress'), taskQueue, port, tokens });

async function apiReady(): Promise<void> {
  await eventually(async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    return res?.ok ? true : undefined;
  }, 60_000);
}

const post = (path: string, body: object) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { ...bearer('case_handler'), 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 3 });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter: testDataConverter() });
  port = await freePort();
  api = startApi();
  await apiReady();
}, 120_000);
afterAll(async () => {
  await api?.kill();
  await worker?.kill();
  await connection?.close();
  await db?.close();
});

/** Kills the API with SIGKILL and starts it again. */
async function restartApi(): Promise<void> {
  await api!.kill();
  api = startApi();
  await apiReady();
}

const caseRowsOf = async (workflowId: string) => db.sql`select id from cases where workflow_id = ${workflowId}`;
const openingsOf = async (caseId: string) => (await db.sql`select count(*)::int as n from case_events where case_id = ${caseId} and type = 'case.opened'`)[0]!.n as number;

describe('the API killed between accepting a request and answering it', () => {
  it('a CIP request: killed the moment its case is recorded; the restarted API starts the workflow, the retry is told the request exists; one case', async () => {
    const requestReference = `BIS-CIP-APICRASH-${randomUUID()}`;
    const body = { requestReference, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() };
    const workflowId = workflowIdFor('cip-transmission', requestReference);
    let answered = false;
    const pending = post('/v1/cip-transmission-requests', body).then(
      () => void (answered = true),
      () => undefined, // the connection dies with the API
    );
    const [recorded] = await eventually(async () => {
      const rows = await caseRowsOf(workflowId);
      return rows.length > 0 ? rows : undefined;
    }, 30_000);
    await restartApi();
    await pending;

    const retry = await post('/v1/cip-transmission-requests', body);
    expect(retry.status).toBe(409);
    expect(await retry.json()).toMatchObject({ code: 'case.duplicate' });
    // The restarted API started the workflow of the recorded case, if the dead one had not.
    await eventually(async () => (await client.workflow.getHandle(workflowId).describe().then((d) => (d.memo?.caseId === recorded!.id ? true : undefined), () => undefined)), 30_000);

    worker ??= startWorkerProcess({ databaseUrl: inject('databaseUrl'), temporalAddress: inject('temporalAddress'), taskQueue, workflowBundlePath: inject('workflowBundlePath') });
    await eventually(async () => ((await openingsOf(recorded!.id as string)) > 0 ? true : undefined), 90_000);
    expect((await caseRowsOf(workflowId)).map((r) => r.id)).toEqual([recorded!.id]);
    expect(await openingsOf(recorded!.id as string)).toBe(1);
    const later = await post('/v1/cip-transmission-requests', body);
    expect(later.status).toBe(409);
    expect(((await later.json()) as { detail: string }).detail).toContain(recorded!.id as string);
    console.info(`API SIGKILL as the case was recorded (CIP request, ${answered ? 'answered' : 'not answered'} before the kill): in flight 1, cases 1, duplicated 0, lost 0`);
  }, 180_000);

  it('a customer application: the retry answers with the same customer and case; one of each', async () => {
    const externalReference = `cust-apicrash-${randomUUID()}`;
    const body = germanEntityApplication({ externalReference });
    await worker?.kill();
    worker = undefined;
    const stored = async () => (await db.sql`select id from customers where external_reference = ${externalReference}`)[0]?.id as string | undefined;
    let pendingAnswered = false;
    const pending = post('/v1/customers', body).then(
      () => void (pendingAnswered = true),
      () => undefined,
    );
    const customerId = await eventually(stored, 30_000);
    const [account] = await eventually(async () => {
      const found = await db.sql`select id from accounts where customer_id = ${customerId}`;
      return found.length ? found : undefined;
    });
    const workflowId = workflowIdFor('customer-identification', account!.id as string);
    await eventually(async () => (await client.workflow.getHandle(workflowId).describe().then(() => true, () => undefined)), 30_000);
    expect(pendingAnswered).toBe(false);
    await restartApi();
    await pending;

    const retry = await post('/v1/customers', body);
    expect([200, 202]).toContain(retry.status);
    const answer = (await retry.json()) as { customer: { id: string }; caseId: string; accountId: string };
    expect(answer.customer.id).toBe(customerId);
    worker = startWorkerProcess({ databaseUrl: inject('databaseUrl'), temporalAddress: inject('temporalAddress'), taskQueue, workflowBundlePath: inject('workflowBundlePath') });
    const cases = await eventually(async () => {
      const found = await db.sql`select id from cases where workflow_id = ${workflowId}`;
      return found.length > 0 ? found : undefined;
    }, 90_000);
    expect(cases.map((c) => c.id)).toEqual([answer.caseId]);
    const [customers] = await db.sql`select count(*)::int as n from customers where external_reference = ${externalReference}`;
    expect(customers!.n).toBe(1);
    console.info(`API SIGKILL mid-request (customer application): in flight 1, customers 1, cases 1, duplicated 0, lost 0`);
  }, 180_000);
});
