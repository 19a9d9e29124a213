// `npm run bench`: speed and memory figures as ratios against bare baselines measured in the
// same run (these machines are shared and noisy; absolute numbers mean little), written to
// bench/results/<time>-<size>.json with the machine's description.
// BENCH_SIZE=full (default: 20,000 open workflows, 100,000 case rows; tens of minutes on two
// busy cores), quick (2,000 and 20,000; a few minutes) or smoke (tiny). BENCH_OPEN_CASES and BENCH_CASE_ROWS
// override those two sizes; BENCH_ONLY=system|pure runs one half, BENCH_ONLY=scale only the scale
// and case-list benchmarks.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { measure, printFigure, round, type Figure, type Measurement } from './measure.js';
import { startBenchSystem } from './system.js';
import { caseListBenchmark, decisionBenchmark, intakeBenchmark, scaleBenchmark, timerBenchmark, warmUp } from './system-benchmarks.js';

const SIZES = {
  full: { intakeCalls: 300, decisions: 200, timerProbes: 40, openSmall: 2000, openLarge: 20_000, caseRows: 100_000, listSamples: 400 },
  quick: { intakeCalls: 100, decisions: 60, timerProbes: 20, openSmall: 500, openLarge: 2000, caseRows: 20_000, listSamples: 200 },
  // Only to see that every benchmark runs; its figures mean little.
  smoke: { intakeCalls: 30, decisions: 20, timerProbes: 5, openSmall: 100, openLarge: 300, caseRows: 3000, listSamples: 50 },
};
const sizeName: keyof typeof SIZES = process.env.BENCH_SIZE === 'quick' || process.env.BENCH_SIZE === 'smoke' ? process.env.BENCH_SIZE : 'full';
const size = {
  ...SIZES[sizeName],
  ...(process.env.BENCH_OPEN_CASES ? { openLarge: Number(process.env.BENCH_OPEN_CASES), openSmall: Math.round(Number(process.env.BENCH_OPEN_CASES) / 10) } : {}),
  ...(process.env.BENCH_CASE_ROWS ? { caseRows: Number(process.env.BENCH_CASE_ROWS) } : {}),
};
const only = process.env.BENCH_ONLY;

const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
};
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${process.platform} ${release()}`,
  node: process.version,
  uptimeAtStart: uptime(),
};
process.stdout.write(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}\nLoad at start: ${machine.uptimeAtStart}\nSize: ${sizeName} ${JSON.stringify(size)}\n\n`);
const startedAt = new Date();
const figures: Figure[] = [];

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const resultsFile = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${sizeName}.json`);
/** Written after every benchmark, so that a run stopped half-way keeps what it measured. */
async function saveResults(complete: boolean) {
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    complete,
    minutes: Number(((Date.now() - startedAt.getTime()) / 60_000).toFixed(1)),
    size: { name: sizeName, ...size, only: only ?? 'all' },
    machine: { ...machine, uptimeNow: uptime() },
    figures,
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
const record = async (measured: Figure[]) => {
  figures.push(...measured);
  await saveResults(false);
};

/** A pure measurement pair as a figure: mean against mean. */
function meanFigure(benchmark: string, baseline: Measurement, subject: Measurement, maxRatio: number, what: string): Figure {
  const ratio = subject.meanMicros / baseline.meanMicros;
  const figure: Figure = {
    benchmark,
    figure: `${subject.name} mean (p95 ${round(subject.p95Micros)} µs)`,
    value: subject.meanMicros,
    unit: 'µs',
    baseline: { what: `${baseline.name} mean`, value: baseline.meanMicros },
    ratio,
    target: `${what}, mean at most ×${maxRatio}`,
    ok: ratio <= maxRatio,
  };
  printFigure(figure);
  return figure;
}

// The whole system: intake, timers under load, decisions, scale, the case list at size.
if (only !== 'pure') {
  const sys = await startBenchSystem();
  // Ctrl-C stops the servers this run started.
  process.once('SIGINT', () => void sys.close().then(() => process.exit(130)));
  try {
    await warmUp(sys);
    if (only !== 'scale') {
      await record(await intakeBenchmark(sys, size.intakeCalls));
      await record(await timerBenchmark(sys, size.timerProbes));
      await record(await decisionBenchmark(sys, size.decisions));
    }
    await record(await scaleBenchmark(sys, size.openSmall, size.openLarge));
    await record(await caseListBenchmark(sys, size.caseRows, size.listSamples));
  } finally {
    await sys.close();
  }
}

if (only !== 'system' && only !== 'scale') {
  // Deadline computation, against the bare cost of one zone-aware date format.
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
    await record([meanFigure('Deadline computation (pure rules/)', baseline, subject, 200, 'a deadline with its explanation costs at most 200 plain date formats')]);
  }

  // Case list query on 20,000 cases, against `select 1` on the same connection pool.
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
      await record([meanFigure('Case list query, first page of a filtered list (20,000 cases)', baseline, firstPage, 15, 'a filtered page costs at most 15 trivial round trips')]);
      const page = await listCases(db.db, { limit: 50 });
      const cursor = page.items.at(-1)!;
      const deep = await measure('listCases(keyset page after a cursor)', () =>
        listCases(db.db, { limit: 50, after: { at: cursor.openedAt.toISOString(), id: cursor.id }, dueBefore: new Date(Date.UTC(2026, 6, 1)) }),
      { samples: 1000 });
      await record([meanFigure('Case list query, a later page by cursor', baseline, deep, 15, 'keyset pages cost the same as the first')]);
      await db.close();
    } finally {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  // Worker heap per open case: 300 CIP-transmission workflows waiting on their deadlines (all
  // held in the worker's cache), against the same worker idle.
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
      // Warm up: one workflow through its start, so the bundle and the V8 context exist.
      await open(1);
      while ((await openCases()) < 1) await new Promise((r) => setTimeout(r, 100));
      const idle = await heap();
      const count = 300;
      await open(count);
      while ((await openCases()) < count + 1) await new Promise((r) => setTimeout(r, 200));
      const loaded = await heap();
      const perCaseKiB = (loaded - idle) / count / 1024;
      const figure: Figure = {
        benchmark: `Worker heap per open case (${count} CIP-transmission workflows waiting on their deadlines, all cached)`,
        figure: `heap with ${count} open cases`,
        value: loaded / 2 ** 20,
        unit: 'MiB',
        baseline: { what: 'idle worker heap', value: idle / 2 ** 20 },
        ratio: loaded / idle,
        target: `at most 256 KiB per open case (measured ${perCaseKiB.toFixed(1)} KiB)${global.gc ? '' : '; run with --expose-gc for a settled heap'}`,
        ok: perCaseKiB <= 256,
      };
      printFigure(figure);
      await record([figure]);
      await db.close();
      await connection.close();
      await worker.shutdown();
    } finally {
      await temporal.stop();
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

const result = await saveResults(true);
process.stdout.write('| benchmark | figure | baseline | ratio | target | |\n|---|---|---|---|---|---|\n');
for (const f of figures) {
  process.stdout.write(
    `| ${f.benchmark} | ${round(f.value)} ${f.unit} | ${f.baseline ? `${round(f.baseline.value)} ${f.unit} (${f.baseline.what})` : ''} | ${f.ratio !== undefined ? `×${f.ratio.toFixed(2)}` : ''} | ${f.target} | ${f.ok ? 'OK' : 'over'} |\n`,
  );
}
process.stdout.write(`\nLoad at end: ${result.machine.uptimeNow}\nResults: ${resultsFile} (${result.minutes} min)\n`);
process.stdout.write(figures.every((f) => f.ok) ? 'All benchmarks within target.\n' : 'Some benchmarks are over target (see above).\n');
if (!figures.every((f) => f.ok)) process.exitCode = 1;
