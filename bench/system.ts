// A whole cipdesk for the benchmarks, deployed as in production: PostgreSQL (embedded), the
// Temporal dev server, the worker and the API each in a process of its own. The load comes from
// this process, over HTTP for the API and over gRPC for the bare baselines.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DEV_PAYLOAD_KEY } from '../config.js';
import { cipdeskDataConverter } from '../data-converter.js';
import { createDb, type DbHandle } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { startTemporalDevServer } from '../scripts/temporal-dev-server.js';
import { freePort } from '../test/helpers/ports.js';


export interface WorkerMemory {
  rss: number;
  heapUsed: number;
  cachedWorkflows: number;
}

export interface BenchSystem {
  apiUrl: string;
  client: Client;
  db: DbHandle;
  databaseUrl: string;
  taskQueue: string;
  workerMemory(): Promise<WorkerMemory>;
  close(): Promise<void>;
}

function child(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const proc = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    // BENCH_CPU_PROF=api-process (or worker-process) writes that process's CPU profile to BENCH_CPU_PROF_DIR.
    execArgv: ['--expose-gc', '--import', 'tsx', ...(process.env.BENCH_CPU_PROF && script.includes(process.env.BENCH_CPU_PROF) ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR ?? tmpdir()}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
    proc.on('message', (m: { type: string }) => {
      if (m.type === 'ready') resolve(proc);
    });
  });
}

async function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.send({ type: 'stop' });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export async function startBenchSystem(): Promise<BenchSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cipdesk-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const temporal = await startTemporalDevServer({ port: await freePort() });
  const stops: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true }), () => pg.stop(), () => temporal.stop()];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    await runMigrations(pg.databaseUrl);
    const taskQueue = `bench-${randomUUID()}`;
    const apiPort = await freePort();
    const env = { DATABASE_URL: pg.databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue, PORT: String(apiPort) };
    const worker = await child('./worker-process.ts', env);
    stops.push(() => stopChild(worker));
    const api = await child('./api-process.ts', env);
    stops.push(() => stopChild(api));
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const db = createDb(pg.databaseUrl, { max: 4 });
    stops.push(() => db.close());
    return {
      apiUrl: `http://127.0.0.1:${apiPort}`,
      // Encrypted as the worker and the API encrypt (the development key), so the bare baselines pay the same codec.
      client: new Client({ connection, namespace: 'default', dataConverter: cipdeskDataConverter([DEV_PAYLOAD_KEY]) }),
      db,
      databaseUrl: pg.databaseUrl,
      taskQueue,
      workerMemory: () =>
        new Promise((resolve) => {
          const onMessage = (m: WorkerMemory & { type: string }) => {
            if (m.type !== 'memory') return;
            worker.off('message', onMessage);
            resolve({ rss: m.rss, heapUsed: m.heapUsed, cachedWorkflows: m.cachedWorkflows });
          };
          worker.on('message', onMessage);
          worker.send({ type: 'memory' });
        }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
