// The worker as `npm run worker` runs it (worker.ts: configuration from the environment,
// notifications on), for the fault tests that kill it: on a workflow bundle built ahead of time
// (WORKFLOW_BUNDLE_PATH) so that a restart takes a moment, not a bundling.
import { loadConfigOrExit } from '../../config.js';
import { startWorker, workerNotificationSettings } from '../../worker.js';

const config = loadConfigOrExit();
const codePath = process.env.WORKFLOW_BUNDLE_PATH;
if (!config.databaseUrl || !codePath) {
  process.stderr.write('worker-process: DATABASE_URL and WORKFLOW_BUNDLE_PATH are required\n');
  process.exit(2);
}
const handle = await startWorker({
  databaseUrl: config.databaseUrl,
  temporalAddress: config.temporal.address,
  namespace: config.temporal.namespace,
  taskQueue: config.temporal.taskQueue,
  notifications: workerNotificationSettings(config),
  workerOptions: {
    workflowBundle: { codePath },
    // A killed worker's workflows wait a second on its sticky queue (not ten) before Temporal
    // gives their tasks to the worker that replaced it.
    stickyQueueScheduleToStartTimeout: '1 second',
  },
});
await handle.running;
