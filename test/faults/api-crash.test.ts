// The API killed with SIGKILL between accepting a request and answering it (the workflow is
// started, the client has no answer yet), then started again: the client's retry finds the
// request it already made, and exactly one case comes of it. The API runs as its own process
// (`npm run api`); no worker runs while the request is accepted, so the API is still waiting for
// the case row when it dies, and a worker is started at the end.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.js';
import { workflowIdFor } from '../../workflows/ids.js';
import { freePort } from '../helpers/ports.js';
import { startApiProcess, startWorkerProcess, type ChildHandle } from '../helpers/processes.js';
import { TEST_TOKENS, bearer } from '../helpers/tokens.js';
import { eventually } from '../helpers/system.js';

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
  client = new Client({ connection });
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

/** Sends the request, kills the API once its workflow exists (before the API answers), restarts the API. */
async function killedMidRequest(path: string, body: object, workflowId: string): Promise<void> {
  let answered = false;
  const pending = post(path, body).then(
    () => void (answered = true),
    () => undefined, // the connection dies with the API
  );
  await eventually(async () => (await client.workflow.getHandle(workflowId).describe().then(() => true, () => undefined)), 30_000);
  expect(answered).toBe(false);
  await api!.kill();
  await pending;
  expect(answered).toBe(false);
  api = startApi();
  await apiReady();
}

describe('the API killed between accepting a request and answering it', () => {
  it('a CIP request: the retry is told the request exists; one case', async () => {
    const requestReference = `BIS-CIP-APICRASH-${randomUUID()}`;
    const body = { requestReference, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() };
    const workflowId = workflowIdFor('cip-transmission', requestReference);
    await killedMidRequest('/v1/cip-transmission-requests', body, workflowId);
    const retry = await post('/v1/cip-transmission-requests', body);
    expect(retry.status).toBe(409);
    expect(await retry.json()).toMatchObject({ code: 'case.duplicate' });

    worker ??= startWorkerProcess({ databaseUrl: inject('databaseUrl'), temporalAddress: inject('temporalAddress'), taskQueue, workflowBundlePath: inject('workflowBundlePath') });
    const rows = await eventually(async () => {
      const found = await db.sql`select id from cases where workflow_id = ${workflowId}`;
      return found.length > 0 ? found : undefined;
    }, 90_000);
    expect(rows).toHaveLength(1);
    const [events] = await db.sql`select count(*)::int as n from case_events where case_id = ${rows[0]!.id} and type = 'case.opened'`;
    expect(events!.n).toBe(1);
    // Now that the row exists, a retry names the case.
    const later = await post('/v1/cip-transmission-requests', body);
    expect(later.status).toBe(409);
    expect(((await later.json()) as { detail: string }).detail).toContain(rows[0]!.id as string);
    console.info(`API SIGKILL mid-request (CIP request): in flight 1, cases 1, duplicated 0, lost 0`);
  }, 180_000);

  it('a customer application: the retry answers with the same customer and case; one of each', async () => {
    const externalReference = `cust-apicrash-${randomUUID()}`;
    const body = {
      kind: 'entity',
      externalReference,
      organizedUnderUsLaw: false,
      foreignBranchOfUsEntity: false,
      locatedInUnitedStates: false,
      name: 'Nordlicht Compute GmbH',
      address: { lines: ['Friedrichstrasse 1'], city: 'Berlin', country: 'DE' },
      beneficialOwners: [],
    };
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
    await api!.kill();
    await pending;
    api = startApi();
    await apiReady();

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
