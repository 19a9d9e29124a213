// Where a timer's lateness goes (`node --expose-gc --import tsx bench/timer-breakdown.ts`;
// PROBES, ROUNDS): the timer benchmark's probes, idle and under the intake benchmark's load,
// then each wake-up read back from the workflow's history. A workflow's clock is the start time
// of its workflow task, so a wake-up is late by the sum of
// - task: from the task that set the timer starting to the timer recorded (the worker ran the
//   task and the server took its completion; the timer counts from there),
// - fire: the server firing the timer after its instant,
// - dispatch: from the timer fired to the next workflow task started on the worker (the task
//   waits in the task queue for a poller and a free slot, or behind a task of the same workflow).
// BENCH_WORKER_OPTIONS (JSON, bench/worker-process.ts) tries other worker options.
import { tsToMs } from '@temporalio/common/lib/time.js';
import { quantile } from './measure.js';
import { startBenchSystem, type BenchSystem } from './system.js';
import { apiIntake, countCases, drain, probeTimers, putProviderCipOnFile } from './system-benchmarks.js';

const probes = Number(process.env.PROBES ?? 40);
const rounds = Number(process.env.ROUNDS ?? 1);

interface Wake {
  lateness: number;
  task: number;
  fire: number;
  dispatch: number;
}

async function wakesOf(sys: BenchSystem, workflowId: string): Promise<Wake[]> {
  const history = await sys.client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const wakes: Wake[] = [];
  let lastTaskStarted = 0;
  const started = new Map<string, { at: number; ms: number; taskStarted: number }>();
  for (let i = 0; i < events.length; i += 1) {
    const e = events[i]!;
    const at = tsToMs(e.eventTime);
    if (e.workflowTaskStartedEventAttributes) lastTaskStarted = at;
    const timer = e.timerStartedEventAttributes;
    if (timer) started.set(timer.timerId!, { at, ms: tsToMs(timer.startToFireTimeout), taskStarted: lastTaskStarted });
    const fired = e.timerFiredEventAttributes;
    if (fired) {
      const s = started.get(fired.timerId!)!;
      const next = events.slice(i + 1).find((n) => n.workflowTaskStartedEventAttributes);
      if (!next) continue;
      const wokeAt = tsToMs(next.eventTime);
      wakes.push({ lateness: wokeAt - (s.taskStarted + s.ms), task: s.at - s.taskStarted, fire: at - (s.at + s.ms), dispatch: wokeAt - at });
    }
  }
  return wakes;
}

const sys = await startBenchSystem();
try {
  await putProviderCipOnFile(sys);
  const report = async (name: string, workflowIds: string[], measured: number[]) => {
    const wakes = (await Promise.all(workflowIds.map((id) => wakesOf(sys, id)))).flat();
    const line = (what: string, values: number[]) =>
      `  ${what.padEnd(36)} p50 ${quantile(values, 0.5).toFixed(0).padStart(5)} ms  p90 ${quantile(values, 0.9).toFixed(0).padStart(5)} ms  p99 ${quantile(values, 0.99).toFixed(0).padStart(5)} ms\n`;
    process.stdout.write(
      `${name} (${wakes.length} wake-ups)\n` +
        line('lateness the workflow measured', measured) +
        line('lateness from the history', wakes.map((w) => w.lateness)) +
        line('task (timer set after task start)', wakes.map((w) => w.task)) +
        line('fire (server fired after instant)', wakes.map((w) => w.fire)) +
        line('dispatch (fired to next task start)', wakes.map((w) => w.dispatch)),
    );
  };
  for (let r = 0; r < rounds; r += 1) {
    const idle = await probeTimers(sys, probes);
    await report('idle', idle.workflowIds, idle.lateness);
    const before = await countCases(sys);
    const loaded = await probeTimers(sys, probes, apiIntake(sys));
    await report(`under intake load (${loaded.loadCalls} CIP requests)`, loaded.workflowIds, loaded.lateness);
    await drain(sys, before + loaded.loadCalls);
  }
} finally {
  await sys.close();
}
