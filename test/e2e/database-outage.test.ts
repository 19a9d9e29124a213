// Nothing accepted is lost when PostgreSQL goes down: a request accepted during an outage is
// held by Temporal, the workflow's projection retries, and the case appears once the database
// is back. Uses a PostgreSQL of its own, so stopping it disturbs no other test.
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../db/embedded.js';
import { runMigrations } from '../../db/migrate.js';
import { freePort } from '../helpers/ports.js';
import { bearer } from '../helpers/tokens.js';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.js';

let dataDir: string;
let port: number;
let pg: EmbeddedPostgresHandle;
let system: TestSystem;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cipdesk-outage-'));
  await chmod(dataDir, 0o755);
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port });
  await runMigrations(pg.databaseUrl);
  system = await startTestSystem({ databaseUrl: pg.databaseUrl });
});
afterAll(async () => {
  await system?.close();
  await pg?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a PostgreSQL outage', () => {
  it('loses no accepted request: the case appears once the database is back', async () => {
    const reference = `BIS-CIP-OUTAGE-${randomUUID()}`;
    await pg.stop();
    // The API can still accept: Temporal holds the request while the database is down.
    const accepted = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() },
    });
    expect(accepted.statusCode).toBe(202);
    const { caseId } = accepted.json() as { caseId: string };
    // Reads fail cleanly meanwhile, with no internals in the answer.
    const during = await system.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: bearer('legal') });
    expect(during.statusCode).toBe(503);
    expect(during.json()).toMatchObject({ code: 'dependency.unavailable' });
    const ready = await system.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ok: false, postgres: { ok: false }, temporal: { ok: true } });

    pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port });
    const kase = await eventually(async () => {
      const res = await system.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: bearer('legal') });
      return res.statusCode === 200 ? res.json() : undefined;
    }, 60_000);
    expect(kase).toMatchObject({ id: caseId, status: 'awaiting-transmission', workflowId: `cip-transmission:${reference}` });
    const events = (await system.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/events`, headers: bearer('legal') })).json();
    expect(events.items.map((e: { type: string }) => e.type)).toEqual(['case.opened']);
  }, 120_000);
});
