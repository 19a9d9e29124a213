// `npm run bench`: speed and memory figures as ratios against bare baselines measured in the
// same run (these machines are shared and noisy; absolute numbers mean little).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { listCases } from '../db/queries/cases.js';
import { cases } from '../db/schema/cases.js';
import { computeDeadline, getRuleSet, CURRENT_RULE_SET_ID } from '../rules/index.js';
import { freePort } from '../test/helpers/ports.js';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startTemporalDevServer } from '../scripts/temporal-dev-server.js';
import { startWorker } from '../worker.js';
import { DEV_PAYLOAD_KEY } from '../config.js';
import { cipdeskDataConverter } from '../data-converter.js';
import { measure, report } from './measure.js';

const results: boolean[] = [];

// 1. Deadline computation, against the bare cost of one zone-aware date format.
{
  const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
  const format = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
  let i = 0;
  const baseline = await measure('Intl.DateTimeFormat.format (one zone-aware date)', () => format.format(new Date(Date.UTC(2026, 0, 1) + (i += 3_600_000))), { samples: 5000 });
  let j = 0;
  const subject = await measure('computeDeadline(record-retention, with last access)', () =>
    computeDeadline({
      obligation: 'record-retention',
      ruleSet,
      startedAt: new Date(Date.UTC(2026, 0, 1) + (j += 3_600_000)),
      lastAccessAt: new Date(Date.UTC(2025, 6, 1)),
      timeZone: 'America/New_York',
    }),
    { samples: 5000 },
  );
  results.push(report('Deadline computation (pure rules/)', baseline, subject, { maxRatio: 200, what: 'a deadline with its explanation costs at most 200 plain date formats' }));
}

// 2. Case list query on 20,000 cases, against `select 1` on the same connection pool.
{
  const dataDir = await mkdtemp(join(tmpdir(), 'cipdesk-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  try {
    await runMigrations(pg.databaseUrl);
    const db = createDb(pg.databaseUrl, { max: 4 });
    const statuses = ['awaiting-transmission', 'transmitted', 'overdue', 'awaiting-verification', 'open'];
    for (let batch = 0; batch < 20; batch += 1) {
      await db.db.insert(cases).values(
        Array.from({ length: 1000 }, (_, k) => {
          const n = batch * 1000 + k;
          return {
            id: randomUUID(),
            type: n % 2 ? 'cip-transmission' : 'customer-identification',
            status: statuses[n % statuses.length]!,
            subjectType: 'customer',
            subjectId: `cust-${n % 3000}`,
            ruleSetId: 'NPRM-2024',
            workflowId: `bench:${n}`,
            openedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000),
            dueAt: new Date(Date.UTC(2026, 0, 11) + n * 60_000),
            assignee: n % 7 === 0 ? 'hana.handler' : null,
          };
        }),
      );
    }
    await db.sql`analyze cases`;
    const baseline = await measure('select 1', () => db.sql`select 1`, { samples: 1000 });
    const firstPage = await measure('listCases(type+status, 50 per page)', () => listCases(db.db, { type: 'cip-transmission', status: 'overdue', limit: 50 }), { samples: 1000 });
    results.push(report('Case list, first page of a filtered list (20,000 cases)', baseline, firstPage, { maxRatio: 15, what: 'a filtered page costs at most 15 trivial round trips' }));
    const page = await listCases(db.db, { limit: 50 });
    const cursor = page.items.at(-1)!;
    const deep = await measure('listCases(keyset page after a cursor)', () =>
      listCases(db.db, { limit: 50, after: { at: cursor.openedAt.toISOString(), id: cursor.id }, dueBefore: new Date(Date.UTC(2026, 6, 1)) }),
    { samples: 1000 });
    results.push(report('Case list, a later page by cursor', baseline, deep, { maxRatio: 15, what: 'keyset pages cost the same as the first' }));
    await db.close();
  } finally {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// 3. Worker memory per open case: heap with 300 CIP-transmission workflows waiting on their
//    deadlines (all held in the worker's cache), against the same worker idle.
{
  const dataDir = await mkdtemp(join(tmpdir(), 'cipdesk-bench-mem-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const temporal = await startTemporalDevServer({ port: await freePort() });
  try {
    await runMigrations(pg.databaseUrl);
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    const taskQueue = `bench-${randomUUID()}`;
    const worker = await startWorker({ databaseUrl: pg.databaseUrl, temporalAddress: temporal.address, namespace: 'default', taskQueue });
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, dataConverter: cipdeskDataConverter([DEV_PAYLOAD_KEY]) });
    const db = createDb(pg.databaseUrl, { max: 2 });
    const heap = async () => {
      for (let i = 0; i < 3; i += 1) {
        global.gc?.();
        await new Promise((r) => setTimeout(r, 200));
      }
      return process.memoryUsage().heapUsed;
    };
    // Warm up: one workflow through its start, so the bundle and the V8 context exist.
    const open = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const reference = `BENCH-${randomUUID()}`;
        await client.workflow.start('cipTransmissionWorkflow', {
          taskQueue,
          workflowId: `cip-transmission:${reference}`,
          args: [{ caseId: randomUUID(), requestReference: reference, cipOwner: { type: 'provider' }, requestReceivedAt: new Date().toISOString(), ruleSetId: CURRENT_RULE_SET_ID, timeZone: 'America/New_York', openedBy: 'bench' }],
        });
      }
    };
    const openCases = async () => Number((await db.sql`select count(*)::int as n from cases`)[0]!.n);
    await open(1);
    while ((await openCases()) < 1) await new Promise((r) => setTimeout(r, 100));
    const idle = await heap();
    const count = 300;
    await open(count);
    while ((await openCases()) < count + 1) await new Promise((r) => setTimeout(r, 200));
    const loaded = await heap();
    const perCaseKiB = (loaded - idle) / count / 1024;
    const ratio = loaded / idle;
    const targetKiB = 256;
    const ok = perCaseKiB <= targetKiB;
    process.stdout.write(
      `Worker heap per open case (${count} CIP-transmission workflows waiting on their deadlines)\n` +
        `  baseline  idle worker heap: ${(idle / 1024 / 1024).toFixed(1)} MiB\n` +
        `  subject   with ${count} open cases: ${(loaded / 1024 / 1024).toFixed(1)} MiB\n` +
        `  ratio     ×${ratio.toFixed(2)}, ${perCaseKiB.toFixed(1)} KiB per open case (target: at most ${targetKiB} KiB per case) ${ok ? 'OK' : 'OVER TARGET'}\n` +
        (global.gc ? '' : '  (run with --expose-gc for a settled heap)\n') +
        '\n',
    );
    results.push(ok);
    await db.close();
    await connection.close();
    await worker.shutdown();
  } finally {
    await temporal.stop();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

process.stdout.write(results.every(Boolean) ? 'All benchmarks within target.\n' : 'Some benchmarks are over target (see above).\n');
if (!results.every(Boolean)) process.exitCode = 1;
