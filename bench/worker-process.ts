// The benchmarked worker, in a process of its own as in production (`npm run worker`), so its
// memory is its own: the cipdesk worker with the benchmark's workflows (bench/workflows.ts).
// Answers `{ type: 'memory' }` over IPC with its resident set and heap after a collection.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime, type WorkerOptions } from '@temporalio/worker';
import { startWorker } from '../worker.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

Runtime.install({ logger: new DefaultLogger('ERROR') });
const handle = await startWorker({
  databaseUrl: env('DATABASE_URL'),
  temporalAddress: env('TEMPORAL_ADDRESS'),
  namespace: 'default',
  taskQueue: env('TEMPORAL_TASK_QUEUE'),
  workerOptions: {
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    // Other worker options to try against the configured ones (bench/timer-breakdown.ts); never set by `npm run bench`.
    ...(process.env.BENCH_WORKER_OPTIONS ? (JSON.parse(process.env.BENCH_WORKER_OPTIONS) as Partial<WorkerOptions>) : {}),
  },
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') {
    global.gc?.();
    const usage = process.memoryUsage();
    process.send?.({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, cachedWorkflows: handle.worker.getStatus().numCachedWorkflows });
  } else if (message.type === 'stop') {
    void handle.shutdown().then(() => process.exit(0));
  }
});
process.send?.({ type: 'ready' });
