// The Temporal worker: wiring only. Runs every workflow in workflows/ and the activities built
// by createActivities(deps) on one task queue.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from './activities/index.js';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from './activities/notifications.js';
import { startNotifications } from './workflows/notifications/start.js';
import type { DeliveryRetry } from './workflows/notifications/messages.js';
import { loadConfigOrExit, type Config } from './config.js';
import { createDb, type DbHandle } from './db/client.js';
import { cipdeskDataConverter, type PayloadKey } from './data-converter.js';
import { DEV_PAYLOAD_KEY } from './config.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

/** How the workflow code is bundled, wherever it is bundled (the worker, a prebuilt bundle, the tests). */
export const WORKFLOW_BUNDLE_OPTIONS: { preloadModules: string[] } = {
  preloadModules: [fileURLToPath(new URL('./workflows/shared-modules.ts', import.meta.url))],
};

/**
 * How many workflows the worker keeps in memory between their tasks. Tens of thousands of open
 * cases mostly wait on timers days away: a case evicted from the cache is replayed from its
 * (short) history when its next timer, fact or decision arrives, so the worker's memory stays
 * bounded whatever the number of open cases (bench/: worker memory at 2,000 and 20,000).
 */
export const WORKFLOW_CACHE_SIZE = 1000;

/**
 * How the worker takes workflow tasks. Under intake load a reminder's or a deadline's task waited
 * behind the new cases' first tasks: with the SDK's defaults (40 tasks at once, 2 of 10 pollers
 * on the shared queue) the worker held dozens of tasks on two busy cores and a timer's task,
 * once started, took up to 1-2.5 s to complete (bench/timer-breakdown.ts, "task" p99). Holding at
 * most 8 at once, with 7 of its 8 pollers on its own (sticky) queue, where the tasks of the cases
 * it has cached (their timers, facts and decisions) arrive, and 1 on the shared queue, where new
 * cases start: that task took 0.4-0.7 s at p99 in the same benchmark. New cases still start as
 * fast as the API records them (their answers do not wait for the worker); they queue instead.
 */
export const WORKFLOW_TASK_OPTIONS = {
  maxConcurrentWorkflowTaskExecutions: 8,
  maxConcurrentWorkflowTaskPolls: 8,
  nonStickyToStickyPollRatio: 0.125,
} as const satisfies Partial<WorkerOptions>;

export interface WorkerHandle {
  worker: Worker;
  /** Resolves when the worker has stopped (after shutdown()). */
  running: Promise<void>;
  shutdown(): Promise<void>;
}

export async function startWorker(options: {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** Keys of the payload codec (config.payloadKeys); the public development key when absent. */
  payloadKeys?: readonly PayloadKey[];
  workerOptions?: Partial<WorkerOptions>;
  /**
   * Links, SMTP and recipients of notifications, and how deliveries are retried. When given,
   * the worker also starts the notification dispatcher (and, with SMTP, the daily digest).
   */
  notifications?: NotificationSettings & { retry?: DeliveryRetry; pollIntervalMs?: number; providerTimeZone?: string };
}): Promise<WorkerHandle> {
  const db: DbHandle = createDb(options.databaseUrl);
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const payloadKeys = options.payloadKeys ?? [DEV_PAYLOAD_KEY];
  const worker = await Worker.create({
    connection,
    dataConverter: cipdeskDataConverter(payloadKeys),
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    // A bundle built ahead of time (workerOptions.workflowBundle) spares the start its bundling.
    ...(options.workerOptions?.workflowBundle ? {} : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: WORKFLOW_BUNDLE_OPTIONS }),
    activities: createActivities({ db: db.db, ...(options.notifications ? { notifications: options.notifications } : {}) }),
    maxCachedWorkflows: WORKFLOW_CACHE_SIZE,
    ...WORKFLOW_TASK_OPTIONS,
    ...options.workerOptions,
  });
  const running = worker.run().finally(async () => {
    await connection.close();
    await db.close();
  });
  if (options.notifications) {
    const { retry, pollIntervalMs, providerTimeZone, smtpUrl } = options.notifications;
    await startNotifications({
      temporalAddress: options.temporalAddress,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      payloadKeys,
      ...(retry ? { retry } : {}),
      ...(pollIntervalMs ? { pollIntervalMs } : {}),
      ...(smtpUrl ? { digest: { timeZone: providerTimeZone ?? 'UTC' } } : {}),
    });
  }
  return {
    worker,
    running,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

/** The worker's notification settings from the configuration. */
export function workerNotificationSettings(config: Config) {
  const { smtpUrl, teamEmail, ...rest } = config.notifications;
  return {
    ...DEFAULT_NOTIFICATION_SETTINGS,
    ...rest,
    ...(smtpUrl ? { smtpUrl } : {}),
    ...(teamEmail ? { teamEmail } : {}),
    providerTimeZone: config.providerTimeZone,
  };
}

/**
 * The worker as `npm run worker` runs it: configuration from the environment, notifications on;
 * `workerOptions` for a caller that runs it differently (the fault tests' prebuilt workflow code).
 * Resolves once the worker has drained after SIGINT/SIGTERM (the SDK shuts it down on them).
 */
export async function runConfiguredWorker(workerOptions?: Partial<WorkerOptions>): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.databaseUrl) {
    process.stderr.write('cipdesk worker: DATABASE_URL is required when the worker runs on its own (npm start sets it).\n');
    process.exit(2);
  }
  const handle = await startWorker({
    databaseUrl: config.databaseUrl,
    temporalAddress: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    payloadKeys: config.payloadKeys,
    notifications: workerNotificationSettings(config),
    ...(workerOptions ? { workerOptions } : {}),
  });
  await handle.running;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runConfiguredWorker().catch((err) => {
    process.stderr.write(`cipdesk worker failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
