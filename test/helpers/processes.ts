// The worker and the API as their own processes (`npm run worker`, `npm run api`), so that a
// fault test can kill one with SIGKILL, as a crash or an OOM kill would, and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildHandle {
  child: ChildProcess;
  /** What it wrote, for the report of a failing test. */
  output(): string;
  /** Kills it with SIGKILL: no shutdown hook runs, nothing is drained. */
  kill(): Promise<void>;
}

function start(script: string, env: Record<string, string>): ChildHandle {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A worker process on `taskQueue` (test/helpers/worker-process.ts: the worker as `npm run worker`
 * wires it), running the workflow bundle at `workflowBundlePath` (the tests' shared one, or one
 * of the test's own, e.g. with test/fixtures/short-activity-timeouts.ts).
 */
export function startWorkerProcess(options: { databaseUrl: string; temporalAddress: string; taskQueue: string; workflowBundlePath: string }): ChildHandle {
  return start('test/helpers/worker-process.ts', {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
  });
}

/** An API process on `port`, with the given tokens (`subject:role:token,…`). */
export function startApiProcess(options: { databaseUrl: string; temporalAddress: string; taskQueue: string; port: number; tokens: string }): ChildHandle {
  return start('api/server.ts', {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    CIPDESK_API_TOKENS: options.tokens,
  });
}
