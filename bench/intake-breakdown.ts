// Where intake time goes (`node --import tsx bench/intake-breakdown.ts`; CALLS, ROUNDS, and
// KINDS=comma-separated name prefixes to run some only): alternating rounds, at the intake
// benchmark's concurrency, of a bare start, a bare Update-with-Start on a trivial workflow, the
// case workflow's own Update-with-Start from a client (no API), the API's intake (the outbox), the
// outbox's one statement alone (no workflow),
// and the API's bare round trip (the API's requests through the benchmarks' client, and once
// through fetch). The worker finishes each round's cases before the next round.
// For each kind it prints the CPU a call cost in each of the benchmark's processes (API, worker,
// Temporal, PostgreSQL, this client), while the load ran and until the worker had caught up.
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { CURRENT_RULE_SET_ID } from '../rules/index.js';
import { caseOpenedUpdate } from '../workflows/kit/recorder.js';
import { eq } from 'drizzle-orm';
import { insertCaseWithStart } from '../db/queries/case-starts.js';
import { caseStarts } from '../db/schema/cases.js';
import { runLoad, quantile, type LoadRun } from './measure.js';
import { cpuBetween, machineCpu, processTreeCpu } from './process-cpu.js';
import { startBenchSystem } from './system.js';
import { cipRequestBody, countCases, drain, putProviderCipOnFile } from './system-benchmarks.js';
import { httpJson, httpRequest } from './http-client.js';
import { HANDLER_AUTH } from './tokens.js';
import { echoUpdate } from './workflows.js';

const calls = Number(process.env.CALLS ?? 60);
const rounds = Number(process.env.ROUNDS ?? 2);
const sys = await startBenchSystem();
try {
  await putProviderCipOnFile(sys);
  const input = (reference: string) => ({
    caseId: randomUUID(),
    requestReference: reference,
    cipOwner: { type: 'provider' as const },
    requestReceivedAt: new Date(Date.now() - 60_000).toISOString(),
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: 'bench',
  });
  const kinds: Record<string, () => Promise<unknown>> = {
    'bare start': async () => {
      const ref = `BARE-${randomUUID()}`;
      await sys.client.workflow.start('cipTransmissionWorkflow', { taskQueue: sys.taskQueue, workflowId: `cip-transmission:${ref}`, args: [input(ref)] });
    },
    'bare update-with-start (echo)': async () => {
      const op = new WithStartWorkflowOperation('benchEchoWorkflow', { taskQueue: sys.taskQueue, workflowId: `bench-echo:${randomUUID()}`, args: [], workflowIdConflictPolicy: 'FAIL' });
      await sys.client.workflow.executeUpdateWithStart(echoUpdate, { args: [1], startWorkflowOperation: op });
    },
    'case update-with-start (client)': async () => {
      const ref = `UWS-${randomUUID()}`;
      const op = new WithStartWorkflowOperation('cipTransmissionWorkflow', { taskQueue: sys.taskQueue, workflowId: `cip-transmission:${ref}`, args: [input(ref)], workflowIdConflictPolicy: 'FAIL' });
      await sys.client.workflow.executeUpdateWithStart(caseOpenedUpdate, { startWorkflowOperation: op });
    },
    'API intake': async () => {
      const r = await httpJson(`${sys.apiUrl}/v1/cip-transmission-requests`, 'POST', cipRequestBody(), HANDLER_AUTH);
      if (r.status !== 201) throw new Error(`intake ${r.status} ${r.text}`);
    },
    // The same through fetch: what a heavier client on the same machine costs the figures.
    'API intake, sent with fetch': async () => {
      const r = await fetch(`${sys.apiUrl}/v1/cip-transmission-requests`, { method: 'POST', headers: { ...HANDLER_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(cipRequestBody()) });
      if (r.status !== 201) throw new Error(`intake ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    },
    'outbox insert alone': async () => {
      const ref = `DB-${randomUUID()}`;
      const caseId = randomUUID();
      await insertCaseWithStart(sys.db.db, {
        row: { id: caseId, type: 'cip-transmission', workflowId: `cip-transmission:${ref}`, status: 'awaiting-transmission', subjectType: 'provider-cip', subjectId: 'provider', ruleSetId: CURRENT_RULE_SET_ID, openedAt: new Date(), dueAt: new Date(), details: { requestReference: ref } },
        start: { workflowType: 'cipTransmissionWorkflow', taskQueue: 'nowhere', args: [input(ref)] },
      });
    },
    'API /healthz': async () => {
      await httpRequest(`${sys.apiUrl}/healthz`);
    },
  };
  const only = process.env.KINDS?.split(',');
  const selected = Object.entries(kinds).filter(([k]) => !only || only.some((o) => k.startsWith(o)));
  // The outbox rows written alone have no workflow: take their starts back so no round waits for them.
  const forgetLoneOutboxStarts = () => sys.db.db.delete(caseStarts).where(eq(caseStarts.taskQueue, 'nowhere'));
  for (const [, fn] of selected) await runLoad(20, 8, fn);
  await forgetLoneOutboxStarts();
  await drain(sys, 0);
  const runs = new Map<string, LoadRun[]>();
  // CPU milliseconds per call by process group, summed over rounds (divided by the rounds below).
  const cpu = new Map<string, Map<string, number>>();
  const busy = new Map<string, number[]>();
  const addCpu = (name: string, window: string, used: Map<string, number>, n: number) => {
    const key = `${name} | ${window}`;
    const into = cpu.get(key) ?? new Map<string, number>();
    for (const [g, ms] of used) into.set(g, (into.get(g) ?? 0) + ms / n);
    cpu.set(key, into);
  };
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, fn] of selected) {
      const before = await countCases(sys);
      const [cpuBefore, machineBefore] = [processTreeCpu(), machineCpu()];
      const run = await runLoad(calls, 8, fn);
      const [cpuLoaded, machineLoaded] = [processTreeCpu(), machineCpu()];
      if (!name.startsWith('bare update') && !name.startsWith('API /') && !name.startsWith('outbox')) await drain(sys, before + calls);
      addCpu(name, 'while loaded', cpuBetween(cpuBefore, cpuLoaded), calls);
      addCpu(name, 'until drained', cpuBetween(cpuBefore, processTreeCpu()), calls);
      busy.set(name, [...(busy.get(name) ?? []), (machineLoaded.busy - machineBefore.busy) / (machineLoaded.total - machineBefore.total)]);
      if (name.startsWith('outbox')) await forgetLoneOutboxStarts();
      runs.set(name, [...(runs.get(name) ?? []), run]);
    }
  }
  const base = runs.get('bare start');
  const rate = (rs: LoadRun[]) => rs.reduce((n, r) => n + r.calls, 0) / rs.reduce((s, r) => s + r.seconds, 0);
  for (const [name, rs] of runs) {
    const lat = rs.flatMap((r) => r.latenciesMs);
    process.stdout.write(`${name.padEnd(34)} ${rate(rs).toFixed(1).padStart(7)}/s  ×${base ? (rate(rs) / rate(base)).toFixed(2) : '-'}  p50 ${quantile(lat, 0.5).toFixed(0)} ms  p99 ${quantile(lat, 0.99).toFixed(0)} ms\n`);
  }
  // The machine's whole CPU (every process, ours or not) while each kind ran: near 100% means the
  // calls queued for CPU, and then the CPU a call costs sets the rate.
  process.stdout.write('\nCPU per call, ms, by process (this benchmark\'s processes only); machine busy while loaded\n');
  for (const [key, used] of cpu) {
    const name = key.split(' | ')[0]!;
    const parts = [...used].filter(([, ms]) => ms > 0.05).sort((a, b) => b[1] - a[1]);
    const total = parts.reduce((s, [, ms]) => s + ms / rounds, 0);
    const machineBusy = busy.get(name) ?? [];
    process.stdout.write(
      `${key.padEnd(48)} total ${total.toFixed(1).padStart(5)}  ${parts.map(([g, ms]) => `${g} ${(ms / rounds).toFixed(1)}`).join(', ')}` +
        (key.endsWith('while loaded') ? `  (machine busy ${(100 * machineBusy.reduce((a, b) => a + b, 0) / Math.max(1, machineBusy.length)).toFixed(0)}%)` : '') +
        '\n',
    );
  }
} finally {
  await sys.close();
}
