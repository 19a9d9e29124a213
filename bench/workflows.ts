// The worker's workflows for the benchmarks: every cipdesk workflow, plus the bare baselines and
// the timer probe, so that they run on the same worker, task queue and cache as the cases.
import { condition, defineSignal, defineUpdate, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import type { CaseActivities, CaseTransitionInput } from '../activities/cases.js';

export * from '../workflows/index.js';

/** The bare Update: answers at once, writes nothing. */
export const echoUpdate = defineUpdate<number, [number]>('echo');
export const stopSignal = defineSignal('stop');

/** A trivial workflow that takes bare Updates until told to stop. */
export async function benchEchoWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(echoUpdate, (n) => n);
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
}

/**
 * Sleeps through each period in turn and returns how late each wake-up was after its instant
 * (the workflow's clock is the time its task started, so this is the timer firing plus the
 * task reaching the worker: what a case's reminder or deadline would see).
 */
export async function benchTimerWorkflow(periodsMs: number[]): Promise<number[]> {
  const lateness: number[] = [];
  for (const period of periodsMs) {
    const due = Date.now() + period;
    await sleep(period);
    lateness.push(Date.now() - due);
  }
  return lateness;
}

/**
 * The bare Update plus what a decision's answer waits for: the projection written by a local
 * activity (the recorder's own), without the case workflow around it. The decision breakdown
 * (bench/decision-breakdown.ts) tells with it the local activity's share from the case workflow's.
 */
export const projectUpdate = defineUpdate<number, [CaseTransitionInput]>('project');
const localProjection = proxyLocalActivities<CaseActivities>({ startToCloseTimeout: '30 seconds' });

export async function benchProjectionWorkflow(): Promise<void> {
  let stopped = false;
  let n = 0;
  setHandler(projectUpdate, async (input) => {
    await localProjection.recordCaseTransition(input);
    return (n += 1);
  });
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
}
