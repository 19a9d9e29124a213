// The benchmarks against a whole running cipdesk (bench/system.ts): intake, decisions, timer
// lateness under load, 20,000 open obligations on one worker, and the case list at 100,000 rows.
// Each prints its figure beside a bare baseline measured in the same run.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { listCases } from '../db/queries/cases.js';
import { cases, caseStarts } from '../db/schema/cases.js';
import { decodeCursor } from '../db/queries/pagination.js';
import { CURRENT_RULE_SET_ID } from '../rules/index.js';
import { multipartBody } from '../test/helpers/multipart.js';
import type { CipTransmissionInput } from '../workflows/cip-transmission/messages.js';
import { httpJson, httpRequest } from './http-client.js';
import { printFigure, quantile, runLoad, type Figure, type LoadRun } from './measure.js';
import type { BenchSystem } from './system.js';
import { HANDLER_AUTH } from './tokens.js';
import { echoUpdate, stopSignal } from './workflows.js';

const CONCURRENCY = 8;
const ZONE = 'America/New_York';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function countCases(sys: BenchSystem, where = sql`true`): Promise<number> {
  const [row] = await sys.db.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where);
  return row!.n;
}

/**
 * Waits until every case the starts asked for is written by its workflow: the rows the API
 * recorded itself count only once their workflow has confirmed them (their start left the
 * outbox), so that no round starts while the worker still works through the last one's cases.
 */
export async function drain(sys: BenchSystem, expected: number, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const unconfirmed = async () => (await sys.db.db.select({ n: sql<number>`count(*)::int` }).from(caseStarts))[0]!.n;
  while ((await countCases(sys)) < expected || (await unconfirmed()) > 0) {
    if (Date.now() > deadline) throw new Error(`only ${await countCases(sys)} of ${expected} case rows after ${timeoutMs} ms`);
    await sleep(250);
  }
}

const cipInput = (reference: string): CipTransmissionInput => ({
  caseId: randomUUID(),
  requestReference: reference,
  cipOwner: { type: 'provider' },
  requestReceivedAt: new Date(Date.now() - 60_000).toISOString(),
  ruleSetId: CURRENT_RULE_SET_ID,
  timeZone: ZONE,
  openedBy: 'bench',
});

/** The bare baseline of intake: Temporal's own start of the same case workflow, no API. */
const bareStart = (sys: BenchSystem) => async () => {
  const reference = `BARE-${randomUUID()}`;
  await sys.client.workflow.start('cipTransmissionWorkflow', { taskQueue: sys.taskQueue, workflowId: `cip-transmission:${reference}`, args: [cipInput(reference)] });
};

/** A new CIP request from Commerce, as a handler enters it. */
export const cipRequestBody = () => ({ requestReference: `API-${randomUUID()}`, cipOwner: { type: 'provider' }, receivedAt: new Date(Date.now() - 60_000).toISOString() });

/** Answers that did not carry the case (202, accepted and "starting") since the last reset. */
let withoutCase = 0;

/** A CIP request through the API; its answer should carry the case (201); a 202 ("starting") is counted. */
export const apiIntake = (sys: BenchSystem) => async () => {
  const response = await httpJson(`${sys.apiUrl}/v1/cip-transmission-requests`, 'POST', cipRequestBody(), HANDLER_AUTH);
  const body = response.json<{ id?: string; caseId?: string }>();
  if (response.status === 202 && body.caseId) {
    withoutCase += 1;
    return body.caseId;
  }
  if (response.status !== 201 || !body.id) throw new Error(`intake answered ${response.status}: ${JSON.stringify(body)}`);
  return body.id;
};

/** The provider's CIP on file, so that `transmit` can name version 1. */
export async function putProviderCipOnFile(sys: BenchSystem): Promise<void> {
  const { payload, headers } = multipartBody(
    { receivedAt: '2026-01-02T09:00:00Z' },
    { filename: 'cip.txt', contentType: 'text/plain', content: Buffer.from('provider CIP for the benchmarks') },
  );
  const response = await fetch(`${sys.apiUrl}/v1/provider/cip-documents`, { method: 'POST', headers: { ...HANDLER_AUTH, ...headers }, body: payload });
  if (response.status !== 201) throw new Error(`provider CIP upload answered ${response.status}: ${await response.text()}`);
}

export async function warmUp(sys: BenchSystem): Promise<void> {
  await putProviderCipOnFile(sys);
  const before = await countCases(sys);
  await runLoad(40, CONCURRENCY, bareStart(sys));
  await runLoad(40, CONCURRENCY, apiIntake(sys));
  await drain(sys, before + 80);
}

/** 1. Intake: cases opened per second through the API against bare starts, alternating rounds. */
export async function intakeBenchmark(sys: BenchSystem, calls: number, rounds = 2): Promise<Figure[]> {
  const bare: LoadRun[] = [];
  const api: LoadRun[] = [];
  withoutCase = 0;
  for (let r = 0; r < rounds; r += 1) {
    let expected = await countCases(sys);
    bare.push(await runLoad(calls, CONCURRENCY, bareStart(sys)));
    await drain(sys, (expected += calls));
    api.push(await runLoad(calls, CONCURRENCY, apiIntake(sys)));
    await drain(sys, (expected += calls));
  }
  const rate = (runs: LoadRun[]) => runs.reduce((n, r) => n + r.calls, 0) / runs.reduce((s, r) => s + r.seconds, 0);
  const latencies = (runs: LoadRun[]) => runs.flatMap((r) => r.latenciesMs);
  const bareRate = rate(bare);
  const apiRate = rate(api);
  const figures: Figure[] = [
    {
      benchmark: `Intake: CIP requests opened per second, ${CONCURRENCY} concurrent clients, ${rounds}×${calls} each`,
      figure: `POST /v1/cip-transmission-requests (${rounds * calls - withoutCase} answered 201 with the case, ${withoutCase} 202 without it)`,
      value: apiRate,
      unit: 'cases/s',
      baseline: { what: 'bare client.workflow.start of the same workflow', value: bareRate },
      ratio: apiRate / bareRate,
      target: 'at least ×0.7 of the bare start, every answer carrying the case',
      ok: apiRate / bareRate >= 0.7 && withoutCase === 0,
    },
    {
      benchmark: 'Intake latency p50 (same runs)',
      figure: 'POST /v1/cip-transmission-requests p50',
      value: quantile(latencies(api), 0.5),
      unit: 'ms',
      baseline: { what: 'bare start p50', value: quantile(latencies(bare), 0.5) },
      ratio: quantile(latencies(api), 0.5) / quantile(latencies(bare), 0.5),
      target: 'reported only',
      ok: true,
    },
  ];
  figures.forEach(printFigure);
  return figures;
}

/**
 * 2. Decision round trip: POST …/decisions against a bare Update on a trivial workflow. The
 * decision is `withdraw` (closes the case): the kit's own path (the API's checks, the Update, its
 * validator, the recorder's projection), with no lookup of the case type's own.
 */
export async function decisionBenchmark(sys: BenchSystem, samples: number): Promise<Figure[]> {
  const caseIds: string[] = [];
  const intake = apiIntake(sys);
  await runLoad(samples + 10, CONCURRENCY, async () => caseIds.push(await intake()));
  const echo = await sys.client.workflow.start('benchEchoWorkflow', { taskQueue: sys.taskQueue, workflowId: `bench-echo:${randomUUID()}`, args: [] });
  for (let i = 0; i < 10; i += 1) await echo.executeUpdate(echoUpdate, { args: [i] });
  const decide = async (caseId: string) => {
    const response = await httpJson(`${sys.apiUrl}/v1/cases/${caseId}/decisions`, 'POST', { decision: 'withdraw', reason: 'withdrawn by Commerce (benchmark)' }, HANDLER_AUTH);
    if (response.status !== 200) throw new Error(`decision answered ${response.status}: ${response.text}`);
  };
  for (const id of caseIds.splice(0, 10)) await decide(id); // warm-up
  const bare: number[] = [];
  const api: number[] = [];
  // Alternating halves, so that a change in the machine's load falls on both.
  for (const half of [caseIds.slice(0, samples / 2), caseIds.slice(samples / 2, samples)]) {
    for (let i = 0; i < half.length; i += 1) {
      const t = performance.now();
      await echo.executeUpdate(echoUpdate, { args: [i] });
      bare.push(performance.now() - t);
    }
    for (const id of half) {
      const t = performance.now();
      await decide(id);
      api.push(performance.now() - t);
    }
  }
  await echo.signal(stopSignal);
  const figures: Figure[] = [
    {
      benchmark: `Decision round trip p99 (${api.length} decisions, one at a time)`,
      figure: 'POST /v1/cases/{id}/decisions (withdraw) p99',
      value: quantile(api, 0.99),
      unit: 'ms',
      baseline: { what: 'bare Update on a trivial workflow p99', value: quantile(bare, 0.99) },
      ratio: quantile(api, 0.99) / quantile(bare, 0.99),
      target: 'at most ×1.5 of the bare Update',
      ok: quantile(api, 0.99) / quantile(bare, 0.99) <= 1.5,
    },
    {
      benchmark: 'Decision round trip p50 (same runs)',
      figure: 'POST /v1/cases/{id}/decisions p50',
      value: quantile(api, 0.5),
      unit: 'ms',
      baseline: { what: 'bare Update p50', value: quantile(bare, 0.5) },
      ratio: quantile(api, 0.5) / quantile(bare, 0.5),
      target: 'reported only',
      ok: true,
    },
  ];
  figures.forEach(printFigure);
  return figures;
}

/** Starts timer probes (benchTimerWorkflow) and collects how late each wake-up was. */
export async function probeTimers(
  sys: BenchSystem,
  probes: number,
  whileRunning?: () => Promise<unknown>,
): Promise<{ lateness: number[]; loadCalls: number; workflowIds: string[] }> {
  const handles = await Promise.all(
    Array.from({ length: probes }, (_, i) =>
      sys.client.workflow.start('benchTimerWorkflow', {
        taskQueue: sys.taskQueue,
        workflowId: `bench-timers:${randomUUID()}`,
        // Short real periods, spread between half a second and two seconds.
        args: [Array.from({ length: 5 }, (_, j) => 500 + ((i * 337 + j * 701) % 1500))],
      }),
    ),
  );
  let done = false;
  let loadCalls = 0;
  const load = whileRunning
    ? (async () => {
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (!done) {
              await whileRunning();
              loadCalls += 1;
            }
          }),
        );
      })()
    : Promise.resolve();
  const results = (await Promise.all(handles.map((h) => h.result()))) as number[][];
  done = true;
  await load;
  return { lateness: results.flat(), loadCalls, workflowIds: handles.map((h) => h.workflowId) };
}

/** 4. Timer lateness: probes on the idle system, then while the intake benchmark's load runs. */
export async function timerBenchmark(sys: BenchSystem, probes: number): Promise<Figure[]> {
  const idle = await probeTimers(sys, probes);
  const before = await countCases(sys);
  const loaded = await probeTimers(sys, probes, apiIntake(sys));
  await drain(sys, before + loaded.loadCalls);
  const p99 = quantile(loaded.lateness, 0.99);
  const figures: Figure[] = [
    {
      benchmark: `Timer lateness p99 (${loaded.lateness.length} timers of 0.5-2 s while ${loaded.loadCalls} CIP requests came in through the API)`,
      figure: 'timer fired late by, p99, under intake load',
      value: p99,
      unit: 'ms',
      baseline: { what: 'same timers on the idle system, p99', value: quantile(idle.lateness, 0.99) },
      ratio: p99 / Math.max(1, quantile(idle.lateness, 0.99)),
      target: 'p99 under 1,000 ms (absolute)',
      ok: p99 < 1000,
    },
    {
      benchmark: 'Timer lateness p50 under intake load (same run)',
      figure: 'timer fired late by, p50',
      value: quantile(loaded.lateness, 0.5),
      unit: 'ms',
      baseline: { what: 'idle p50', value: quantile(idle.lateness, 0.5) },
      target: 'reported only',
      ok: true,
    },
  ];
  figures.forEach(printFigure);
  return figures;
}

/** 3a. Open obligations on one worker: its memory at `small` and at `large` open cases. */
export async function scaleBenchmark(sys: BenchSystem, small: number, large: number): Promise<Figure[]> {
  const openNow = () => countCases(sys, sql`${cases.closedAt} is null`);
  const openTo = async (target: number) => {
    const started = performance.now();
    const total = await countCases(sys);
    const missing = Math.max(0, target - (await openNow()));
    await runLoad(missing, 16, bareStart(sys));
    await drain(sys, total + missing);
    await sleep(3000); // let the worker settle (caches, pending tasks)
    const memory = await sys.workerMemory();
    process.stdout.write(`  ${await openNow()} open cases (opened ${missing} in ${((performance.now() - started) / 1000).toFixed(0)} s): worker RSS ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, ${memory.cachedWorkflows} workflows cached\n`);
    return memory;
  };
  const idle = await sys.workerMemory();
  const atSmall = await openTo(small);
  const atLarge = await openTo(large);
  const growth = atLarge.rss / atSmall.rss;
  const figures: Figure[] = [
    {
      benchmark: `Worker memory with ${large.toLocaleString('en-US')} open obligation workflows (CIP transmissions waiting on reminder and deadline timers), one worker`,
      figure: `worker RSS at ${large.toLocaleString('en-US')} open cases`,
      value: atLarge.rss / 2 ** 20,
      unit: 'MiB',
      baseline: { what: `worker RSS at ${small.toLocaleString('en-US')} open cases (idle worker: ${(idle.rss / 2 ** 20).toFixed(0)} MiB)`, value: atSmall.rss / 2 ** 20 },
      ratio: growth,
      target: `sub-linear: growth well under the ×${(large / small).toFixed(0)} in open cases (at most ×2), cache bounded (${atLarge.cachedWorkflows} cached)`,
      ok: growth <= 2,
    },
  ];
  figures.forEach(printFigure);
  return figures;
}

/** 3b. The case list through the API with `rows` case rows, filtered by type, status and due date, paged. */
export async function caseListBenchmark(sys: BenchSystem, rows: number, samples: number): Promise<Figure[]> {
  const existing = await countCases(sys);
  const statuses = ['awaiting-transmission', 'transmitted', 'overdue', 'awaiting-verification', 'open', 'refused'];
  const types = ['cip-transmission', 'customer-identification', 'record-retention', 'ai-training-report'];
  for (let n = existing; n < rows; n += 2000) {
    await sys.db.db.insert(cases).values(
      Array.from({ length: Math.min(2000, rows - n) }, (_, k) => {
        const i = n + k;
        return {
          id: randomUUID(),
          type: types[i % types.length]!,
          status: statuses[(i >> 2) % statuses.length]!,
          subjectType: 'customer',
          subjectId: `bench-customer-${i % 5000}`,
          ruleSetId: CURRENT_RULE_SET_ID,
          workflowId: `bench-rows:${i}`,
          openedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
          dueAt: new Date(Date.UTC(2026, 0, 11) + i * 60_000),
          assignee: i % 7 === 0 ? 'bench.handler' : null,
        };
      }),
    );
  }
  await sys.db.sql`analyze cases`;
  const total = await countCases(sys);
  const get = async (path: string) => {
    const response = await httpRequest(`${sys.apiUrl}${path}`, { headers: HANDLER_AUTH });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return response.json<{ items?: unknown[]; nextCursor?: string | null }>();
  };
  const filter = `/v1/cases?type=cip-transmission&status=overdue&dueBefore=${encodeURIComponent('2026-09-01T00:00:00Z')}&limit=50`;
  const first = await get(filter);
  const cursor = first.nextCursor;
  if (!first.items?.length || !cursor) throw new Error('the filtered list should have more than one page');
  for (let i = 0; i < 30; i += 1) await Promise.all([get('/healthz'), get(filter)]);
  const bare: number[] = [];
  const pages: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    let t = performance.now();
    await get('/healthz');
    bare.push(performance.now() - t);
    t = performance.now();
    await get(i % 2 ? `${filter}&cursor=${cursor}` : filter);
    pages.push(performance.now() - t);
  }
  // The query alone, on the same pool size the API has, to tell the database's share from HTTP's.
  const query: number[] = [];
  const after = decodeCursor(cursor);
  for (let i = 0; i < samples; i += 1) {
    const t = performance.now();
    await listCases(sys.db.db, { type: 'cip-transmission', status: 'overdue', dueBefore: new Date('2026-09-01T00:00:00Z'), limit: 50, ...(i % 2 && after ? { after } : {}) });
    query.push(performance.now() - t);
  }
  const p95 = quantile(pages, 0.95);
  const figures: Figure[] = [
    {
      benchmark: `Case list p95 with ${total.toLocaleString('en-US')} case rows, filtered by type, status and due date, 50 a page (first and later pages)`,
      figure: 'GET /v1/cases?type&status&dueBefore&limit=50[&cursor] p95',
      value: p95,
      unit: 'ms',
      baseline: { what: 'GET /healthz p95 (bare API round trip)', value: quantile(bare, 0.95) },
      ratio: p95 / quantile(bare, 0.95),
      target: 'p95 under 50 ms (absolute)',
      ok: p95 < 50,
    },
    {
      benchmark: `Case list query alone (listCases, same filter and pages, ${total.toLocaleString('en-US')} rows)`,
      figure: 'listCases p95',
      value: quantile(query, 0.95),
      unit: 'ms',
      target: 'reported only (the database share of the figure above)',
      ok: true,
    },
  ];
  figures.forEach(printFigure);
  return figures;
}
