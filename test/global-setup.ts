// Starts the real servers the integration tests share: one PostgreSQL (embedded, or the one
// DATABASE_URL names) with migrations applied, and one Temporal CLI dev server (in memory).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { startTemporalDevServer } from '../scripts/temporal-dev-server.js';
import { freePort } from './helpers/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const cleanups: (() => Promise<void>)[] = [];
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
  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
