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
    expect(during.headers['retry-after']).toBe('5');
    const ready = await system.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
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

  it('under load, for 10 seconds: reads answer 503 with Retry-After, every accepted request becomes exactly one case', async () => {
    const WRITERS = 6;
    const READERS = 2;
    const OUTAGE_MS = 10_000;
    const run = randomUUID().slice(0, 8);
    const accepted = new Map<string, string>(); // requestReference -> caseId
    const answers: Record<string, number> = {};
    const readAnswers: Record<string, number> = {};
    let readsWithoutRetryAfter = 0;
    let existingCaseId: string | undefined;
    let stop = false;
    let sequence = 0;
    const tally = (counts: Record<string, number>, status: number) => (counts[status] = (counts[status] ?? 0) + 1);

    const writer = async () => {
      while (!stop) {
        const reference = `BIS-CIP-LOAD-${run}-${sequence++}`;
        const res = await system.app.inject({
          method: 'POST',
          url: '/v1/cip-transmission-requests',
          headers: bearer('case_handler'),
          payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() },
        });
        tally(answers, res.statusCode);
        if (res.statusCode === 201) accepted.set(reference, res.json().id);
        else if (res.statusCode === 202) accepted.set(reference, res.json().caseId);
        else if (res.statusCode !== 503) throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
      }
    };
    const reader = async () => {
      while (!stop) {
        const url = existingCaseId ? `/v1/cases/${existingCaseId}` : '/v1/cases?limit=5';
        const res = await system.app.inject({ method: 'GET', url, headers: bearer('legal') });
        tally(readAnswers, res.statusCode);
        if (res.statusCode === 503 && res.headers['retry-after'] === undefined) readsWithoutRetryAfter++;
        if (res.statusCode !== 200 && res.statusCode !== 503) throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    const load = [...Array.from({ length: WRITERS }, writer), ...Array.from({ length: READERS }, reader)];
    await eventually(async () => (accepted.size >= 5 ? true : undefined));
    existingCaseId = [...accepted.values()][0];
    await pg.stop();
    const acceptedBeforeOutage = accepted.size;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const acceptedDuringOutage = accepted.size - acceptedBeforeOutage;
    const readsDuringOutage = { ...readAnswers };
    pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port });
    await eventually(async () => (accepted.size >= acceptedBeforeOutage + acceptedDuringOutage + 5 ? true : undefined), 60_000);
    stop = true;
    await Promise.all(load);

    // Every accepted request is one case, with one `case.opened`: nothing lost, nothing twice.
    const references = [...accepted.keys()];
    const rows = await eventually(async () => {
      const found = await system.db.sql`
        select c.workflow_id, c.id, count(e.id) filter (where e.type = 'case.opened')::int as opened
        from cases c left join case_events e on e.case_id = c.id
        where c.workflow_id like ${`cip-transmission:BIS-CIP-LOAD-${run}-%`}
        group by c.workflow_id, c.id`;
      // The API records each case; its workflow confirms it with the opening event.
      return found.length >= references.length && found.every((r) => r.opened >= 1) ? found : undefined;
    }, 90_000);
    const byWorkflow = new Map(rows.map((r) => [r.workflow_id as string, r]));
    const lost = references.filter((ref) => byWorkflow.get(`cip-transmission:${ref}`)?.id !== accepted.get(ref));
    const duplicated = rows.filter((r) => r.opened > 1);
    console.info(
      `PostgreSQL outage under load: ${accepted.size} requests accepted (${acceptedDuringOutage} during the ${OUTAGE_MS / 1000} s outage), ` +
        `${rows.length} cases, lost ${lost.length}, duplicated ${duplicated.length}; creation answers ${JSON.stringify(answers)}; ` +
        `reads ${JSON.stringify(readAnswers)} (during the outage ${JSON.stringify(readsDuringOutage)})`,
    );
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(rows).toHaveLength(references.length);
    expect(acceptedDuringOutage).toBeGreaterThan(0);
    expect(readAnswers[503]).toBeGreaterThan(0);
    expect(readsWithoutRetryAfter).toBe(0);
    // The workflows waited for the database inside their tasks (their reads and projections retry):
    // once it is back, none is left with a failing workflow task.
    const problems: string[] = [];
    for await (const w of system.client.workflow.list({ query: `TaskQueue = '${system.taskQueue}' AND TemporalReportedProblems IS NOT NULL` })) problems.push(w.workflowId);
    expect(problems).toEqual([]);
  }, 180_000);
});
