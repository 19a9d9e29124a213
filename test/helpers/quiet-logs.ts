import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;
/** Keeps test output readable; workflow task failures still fail the tests. Once per process. */
export function quietTemporalLogs() {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
}
