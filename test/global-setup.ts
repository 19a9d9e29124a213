// Starts the real servers the integration tests share: one PostgreSQL (embedded, or the one
// DATABASE_URL names) with migrations applied, and one Temporal CLI dev server (in memory). Also
// bundles the workflow code once for every worker the tests start (bundling takes seconds).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from '../worker.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { startTemporalDevServer } from '../scripts/temporal-dev-server.js';
import { freePort } from './helpers/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    /** The workflow code, bundled once (a worker's `workflowBundle: { codePath }`). */
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const cleanups: (() => Promise<void>)[] = [];
  const bundleDir = await mkdtemp(join(tmpdir(), 'cipdesk-test-workflows-'));
  cleanups.push(() => rm(bundleDir, { recursive: true, force: true }));
  // Bundled while the servers start.
  const bundled = bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...WORKFLOW_BUNDLE_OPTIONS, logger: new DefaultLogger('WARN') });
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'cipdesk-test-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    databaseUrl = pg.databaseUrl;
    cleanups.push(async () => {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
  }
  await runMigrations(databaseUrl);
  const temporal = await startTemporalDevServer({ port: await freePort() });
  cleanups.push(() => temporal.stop());
  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporal.address);
  const workflowBundlePath = join(bundleDir, 'workflows.js');
  await writeFile(workflowBundlePath, (await bundled).code);
  project.provide('workflowBundlePath', workflowBundlePath);
  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
