// Where a decision's time goes (`node --expose-gc --import tsx bench/decision-breakdown.ts`;
// CALLS per round, ROUNDS, KINDS=comma-separated name prefixes to run some only): one call at a
// time, as the decision benchmark measures, in alternating rounds on one system, of
// - the bare Update on a trivial workflow (the benchmark's baseline),
// - the API's bare HTTP round trip (`GET /healthz`),
// - the case row read the decision route makes before the Update,
// - the projection a `withdraw` writes (case row and its two events), alone, from this process,
// - the bare Update that waits for that projection as a local activity (the recorder's path
//   without the case workflow: no search attributes, no workflow completing),
// - the case workflow's `decide` Update from a client (the workflow's share: no HTTP, no read),
// - the API's decision (`POST /v1/cases/{id}/decisions`, what the benchmark measures).
// The differences say what each layer adds; bench/README.md records what they showed.
import { randomUUID } from 'node:crypto';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { createCaseActivities, type CaseTransitionInput } from '../activities/cases.js';
import { getCaseById } from '../db/queries/cases.js';
import { cases } from '../db/schema/cases.js';
import { CURRENT_RULE_SET_ID } from '../rules/index.js';
import { decideUpdate } from '../workflows/kit/decisions.js';
import { quantile } from './measure.js';
import { startBenchSystem } from './system.js';
import { cipRequestBody, countCases, drain, putProviderCipOnFile } from './system-benchmarks.js';
import { httpJson, httpRequest } from './http-client.js';
import { HANDLER_AUTH } from './tokens.js';
import { echoUpdate, projectUpdate, stopSignal } from './workflows.js';

const calls = Number(process.env.CALLS ?? 50);
const rounds = Number(process.env.ROUNDS ?? 3);
const WITHDRAW = { decision: 'withdraw', reason: 'withdrawn by Commerce (benchmark)' };

const sys = await startBenchSystem();
try {
  await putProviderCipOnFile(sys);
  // Cases to decide on: one per decision, opened through the API and confirmed by their workflows.
  const opened: { id: string; workflowId: string }[] = [];
  const caseCount = 2 * calls * rounds + 20;
  const before = await countCases(sys);
  for (let i = 0; i < caseCount; i += 1) {
    const r = await httpJson(`${sys.apiUrl}/v1/cip-transmission-requests`, 'POST', cipRequestBody(), HANDLER_AUTH);
    const body = r.json<{ id: string; workflowId: string }>();
    if (r.status !== 201) throw new Error(`intake ${r.status} ${JSON.stringify(body)}`);
    opened.push({ id: body.id, workflowId: body.workflowId });
  }
  await drain(sys, before + caseCount);

  // Rows of their own for the projection alone and through a local activity (no case workflow behind them).
  const projection = createCaseActivities({ db: sys.db.db });
  const projectionRows: string[] = [];
  for (let i = 0; i < 2 * calls * rounds + 20; i += 1) {
    const id = randomUUID();
    await sys.db.db.insert(cases).values({
      id,
      type: 'cip-transmission',
      status: 'awaiting-transmission',
      subjectType: 'provider-cip',
      subjectId: 'provider',
      ruleSetId: CURRENT_RULE_SET_ID,
      workflowId: `bench-projection-row:${id}`,
      openedAt: new Date(),
      projectionSeq: 1,
    });
    projectionRows.push(id);
  }

  // A withdrawal as the recorder writes it: the status, closedAt and the two events, one sequence further.
  const withdrawal = (caseId: string): CaseTransitionInput => {
    const at = new Date().toISOString();
    return {
      caseId,
      seq: 3,
      status: 'withdrawn',
      closedAt: at,
      details: { requestReference: 'bench' },
      pendingApproval: null,
      events: [
        { key: 'wf:2', type: 'decision.accepted', occurredAt: at, actor: 'bench', data: { decision: 'withdraw', by: 'bench', reason: WITHDRAW.reason } },
        { key: 'wf:3', type: 'request.withdrawn', occurredAt: at, actor: 'bench', data: { reason: WITHDRAW.reason } },
      ],
    };
  };
  const projector = await sys.client.workflow.start('benchProjectionWorkflow', { taskQueue: sys.taskQueue, workflowId: `bench-projection:${randomUUID()}`, args: [] });
  const echo = await sys.client.workflow.start('benchEchoWorkflow', { taskQueue: sys.taskQueue, workflowId: `bench-echo:${randomUUID()}`, args: [] });
  let echoes = 0;
  const decided: string[] = [];
  const kinds: Record<string, () => Promise<unknown>> = {
    'bare update (echo)': () => echo.executeUpdate(echoUpdate, { args: [(echoes += 1)] }),
    'API /healthz': async () => {
      await httpRequest(`${sys.apiUrl}/healthz`);
    },
    'case row read': () => getCaseById(sys.db.db, { id: opened[0]!.id }),
    'projection alone': () => projection.recordCaseTransition(withdrawal(projectionRows.pop()!)),
    'update + local projection': () => projector.executeUpdate(projectUpdate, { args: [withdrawal(projectionRows.pop()!)] }),
    'decide update (client)': () => {
      const c = opened.pop()!;
      decided.push(c.workflowId);
      return sys.client.workflow.getHandle(c.workflowId).executeUpdate(decideUpdate, { args: [{ ...WITHDRAW, actor: { subject: 'bench.handler', role: 'case_handler' } }], updateId: randomUUID() });
    },
    'API decision': async () => {
      const c = opened.pop()!;
      decided.push(c.workflowId);
      const r = await httpJson(`${sys.apiUrl}/v1/cases/${c.id}/decisions`, 'POST', WITHDRAW, HANDLER_AUTH);
      if (r.status !== 200) throw new Error(`decision ${r.status} ${r.text}`);
    },
  };
  const only = process.env.KINDS?.split(',');
  const selected = Object.entries(kinds).filter(([k]) => !only || only.some((o) => k.startsWith(o)));
  const timings = new Map<string, number[]>();
  // Warm-up: a few of each, not counted.
  for (const [, fn] of selected) for (let i = 0; i < 5; i += 1) await fn();
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, fn] of selected) {
      const times = timings.get(name) ?? [];
      for (let i = 0; i < calls; i += 1) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      timings.set(name, times);
    }
  }
  // The Update's workflow task as the server recorded it: waiting for the worker (scheduled to
  // started) and the worker's work (started to completed), the bare Update's against the decision's.
  const taskTimes = async (workflowIds: string[]) => {
    const queue: number[] = [];
    const work: number[] = [];
    for (const workflowId of workflowIds) {
      const events = (await sys.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
      events.forEach((e, i) => {
        if (!e.workflowExecutionUpdateAcceptedEventAttributes) return;
        const completed = events.slice(0, i).findLast((x) => x.workflowTaskCompletedEventAttributes);
        const started = events.slice(0, i).findLast((x) => x.workflowTaskStartedEventAttributes);
        const scheduled = events.slice(0, i).findLast((x) => x.workflowTaskScheduledEventAttributes);
        if (!completed || !started || !scheduled) return;
        queue.push(tsToMs(started.eventTime) - tsToMs(scheduled.eventTime));
        work.push(tsToMs(completed.eventTime) - tsToMs(started.eventTime));
      });
    }
    return { queue, work };
  };
  const taskLine = (name: string, t: { queue: number[]; work: number[] }) =>
    `${name.padEnd(24)} its workflow task: queued p50 ${quantile(t.queue, 0.5).toFixed(1)} p99 ${quantile(t.queue, 0.99).toFixed(1)} ms, worker p50 ${quantile(t.work, 0.5).toFixed(1)} p99 ${quantile(t.work, 0.99).toFixed(1)} ms (${t.work.length} tasks)\n`;
  process.stdout.write(taskLine('bare update (echo)', await taskTimes([echo.workflowId])));
  if (decided.length > 0) process.stdout.write(taskLine('decide update / API', await taskTimes(decided)));
  await echo.signal(stopSignal);
  await projector.signal(stopSignal);
  const bare = timings.get('bare update (echo)');
  for (const [name, times] of timings) {
    const ratio = bare ? ` ×${(quantile(times, 0.99) / quantile(bare, 0.99)).toFixed(2)} of the bare Update's p99` : '';
    process.stdout.write(
      `${name.padEnd(24)} p50 ${quantile(times, 0.5).toFixed(1).padStart(6)} ms  p90 ${quantile(times, 0.9).toFixed(1).padStart(6)} ms  p99 ${quantile(times, 0.99).toFixed(1).padStart(6)} ms${ratio}\n`,
    );
  }
} finally {
  await sys.close();
}
