// Runs the API on its own: `npm run api` (the launcher, `npm start`, runs it in-process).
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { loadConfigOrExit, type Config } from '../config.js';
import { createDb } from '../db/client.js';
import { cipdeskDataConverter } from '../data-converter.js';
import { runMigrations } from '../db/migrate.js';
import { buildApp, type App } from './app.js';
import { reconcileAiTrainingReports } from './routes/ai-training/report-case.js';
import { reconcileCustomerCases } from './routes/customers/reconcile.js';
import { reconcileSpecialMeasureCases } from './routes/special-measures/reconcile.js';
import { startUnconfirmedCases } from './routes/start-case.js';

/** How often the API starts recorded cases whose workflow has not confirmed them (see startUnconfirmedCases). */
const UNCONFIRMED_CASES_INTERVAL_MS = 30_000;

export interface ApiHandle {
  app: App;
  url: string;
  close(): Promise<void>;
}

export async function startApi(config: Config, databaseUrl: string): Promise<ApiHandle> {
  const db = createDb(databaseUrl);
  const connection = await Connection.connect({ address: config.temporal.address });
  const dataConverter = cipdeskDataConverter(config.payloadKeys);
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const app = await buildApp(
    {
      db,
      temporal: { client, taskQueue: config.temporal.taskQueue },
      codecCorsOrigins: config.codecCorsOrigins,
      tokens: config.tokens,
      providerTimeZone: config.providerTimeZone,
    },
    { logger: { level: config.logLevel } },
  );
  try {
    await app.listen({ host: config.api.host, port: config.api.port });
  } catch (err) {
    await Promise.allSettled([app.close(), connection.close(), db.close()]);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${config.api.port} on ${config.api.host} is already in use; set PORT to a free port.`);
    }
    throw err;
  }
  // Applications stored before a crash but never started get their workflow now.
  await reconcileCustomerCases({ ...app.deps, log: app.log }).then(
    ({ started, failed }) => {
      if (started || failed) app.log.warn({ started, failed }, 'reconciled customer applications left without a case');
    },
    (err: unknown) => app.log.error({ err }, 'reconciling customer applications failed; the next start retries'),
  );
  // Likewise AI training transactions stored before a crash whose report case never started.
  await reconcileAiTrainingReports({ ...app.deps, log: app.log }).then(
    ({ started, failed }) => {
      if (started || failed) app.log.warn({ started, failed }, 'reconciled AI training transactions left without a case');
    },
    (err: unknown) => app.log.error({ err }, 'reconciling AI training transactions failed; the next start retries'),
  );
  // Likewise special measures stored before a crash whose workflow never started.
  await reconcileSpecialMeasureCases({ ...app.deps, log: app.log }).then(
    ({ started, failed }) => {
      if (started || failed) app.log.warn({ started, failed }, 'reconciled special measures left without a case');
    },
    (err: unknown) => app.log.error({ err }, 'reconciling special measures failed; the next start retries'),
  );
  // Cases recorded with their start (the outbox) whose start was lost to a crash or an
  // unreachable Temporal: at start, then while the API runs (Temporal may come back later).
  const startUnconfirmed = (olderThanMs: number) =>
    startUnconfirmedCases({ ...app.deps, log: app.log }, { olderThanMs }).then(
      ({ started, failed }) => {
        if (started || failed) app.log.warn({ started, failed }, 'started the workflows of recorded cases left without one');
      },
      (err: unknown) => app.log.error({ err }, 'starting recorded cases left without a workflow failed; the next run retries'),
    );
  await startUnconfirmed(0);
  const unconfirmedTimer = setInterval(() => void startUnconfirmed(UNCONFIRMED_CASES_INTERVAL_MS), UNCONFIRMED_CASES_INTERVAL_MS);
  unconfirmedTimer.unref();
  return {
    app,
    url: `http://${config.api.host}:${config.api.port}`,
    async close() {
      clearInterval(unconfirmedTimer);
      // Stop taking requests, let the ones in flight finish, then release connections.
      await app.close();
      await Promise.allSettled([connection.close(), db.close()]);
    },
  };
}

async function main() {
  const config = loadConfigOrExit();
  if (!config.databaseUrl) {
    process.stderr.write('cipdesk api: DATABASE_URL is required when the API runs on its own (npm start sets it).\n');
    process.exit(2);
  }
  // In containers the API applies the committed migrations before serving (idempotent).
  if (process.env.CIPDESK_MIGRATE_ON_START === '1') await runMigrations(config.databaseUrl);
  const api = await startApi(config, config.databaseUrl);
  const stop = () => void api.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    process.stderr.write(`cipdesk api failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
