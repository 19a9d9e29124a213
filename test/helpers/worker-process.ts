// The worker as `npm run worker` runs it (worker.ts), for the fault tests that kill it: on a
// workflow bundle built ahead of time (WORKFLOW_BUNDLE_PATH) so that a restart takes a moment,
// not a bundling.
import { runConfiguredWorker } from '../../worker.js';

const codePath = process.env.WORKFLOW_BUNDLE_PATH;
if (!codePath) {
  process.stderr.write('worker-process: WORKFLOW_BUNDLE_PATH is required\n');
  process.exit(2);
}
await runConfiguredWorker({
  workflowBundle: { codePath },
  // A killed worker's workflows wait a second on its sticky queue (not ten) before Temporal
  // gives their tasks to the worker that replaced it.
  stickyQueueScheduleToStartTimeout: '1 second',
});
