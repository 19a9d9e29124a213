// The worker's workflows for the benchmarks: every cipdesk workflow, plus the bare baselines and
// the timer probe, so that they run on the same worker, task queue and cache as the cases.
import { condition, defineSignal, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

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
