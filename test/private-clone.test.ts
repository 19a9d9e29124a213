// Both README commands from a clone inside a private folder (mode 0700, like /root or a
// `mktemp -d`), the way people run them as root. As root, PostgreSQL runs as its own user, who
// cannot reach node_modules (its binaries) nor .data (its data) there: db/embedded.ts runs the
// binaries from a copy under /var/lib/cipdesk and keeps the data there too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDataDirFor } from '../db/embedded.js';
import { PROJECT_ROOT } from '../scripts/temporal-paths.js';
import { freePort } from './helpers/ports.js';

let outer: string;
let clone: string;

beforeAll(async () => {
  outer = await mkdtemp(join(tmpdir(), 'cipdesk-private-'));
  expect(statSync(outer).mode & 0o777).toBe(0o700);
  clone = join(outer, 'cipdesk');
  // The project's files as they are now (tracked and new, not ignored), then its installed
  // dependencies as hard links (same files, reached only through the private folder).
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(files.status).toBe(0);
  for (const file of files.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(PROJECT_ROOT, file))) continue;
    await mkdir(dirname(join(clone, file)), { recursive: true });
    await copyFile(join(PROJECT_ROOT, file), join(clone, file));
  }
  expect(spawnSync('cp', ['-al', join(PROJECT_ROOT, 'node_modules'), join(clone, 'node_modules')]).status).toBe(0);
  await mkdir(join(clone, '.tools'));
  await copyFile(join(PROJECT_ROOT, '.tools', 'temporal-paths.json'), join(clone, '.tools', 'temporal-paths.json'));
}, 120_000);

afterAll(async () => {
  if (!outer) return;
  await rm(postgresDataDirFor(join(clone, '.data', 'postgres')), { recursive: true, force: true });
  await rm(outer, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: clone,
    env: { ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: undefined, CIPDESK_API_TOKENS: '', CIPDESK_DATA_DIR: undefined, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe(`a clone inside a private folder, run as ${userInfo().uid === 0 ? 'root' : 'its owner'}`, () => {
  it('npm start starts everything, starts a killed Temporal dev server or PostgreSQL again, and stops on Ctrl-C', async () => {
    const env = { PORT: String(await freePort()), CIPDESK_PG_PORT: String(await freePort()), CIPDESK_TEMPORAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()) };
    const start = run(['--import', 'tsx', 'scripts/dev.ts'], env);
    const deadline = Date.now() + 90_000;
    while (!start.output().includes('cipdesk is running.') && start.child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(start.output()).toContain('cipdesk is running.');
    if (userInfo().uid === 0) expect(start.output()).toContain(`data in ${postgresDataDirFor(join(clone, '.data', 'postgres'))}`);
    expect((await fetch(`http://127.0.0.1:${env.PORT}/readyz`)).status).toBe(200);
    // A clean start prints no error; once a server is killed under it, the worker may log the
    // activities that failed meanwhile (with their stacks) before they are retried.
    expect(start.output()).not.toMatch(/EACCES|\n\s+at /);

    // A server killed under it is started again on its own data, and the system is ready again.
    const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
    const recovered = async (name: string) => {
      const until = Date.now() + 60_000;
      while (!start.output().includes(`${name} is running again`) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(start.output()).toContain(`${name} stopped unexpectedly; starting it again on the same data`);
      expect(start.output()).toContain(`${name} is running again`);
      let ready: unknown;
      while (Date.now() < until) {
        ready = await (await fetch(`http://127.0.0.1:${env.PORT}/readyz`)).json();
        if ((ready as { ok: boolean }).ok) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(ready).toEqual({ ok: true, postgres: { ok: true }, temporal: { ok: true } });
    };
    process.kill(pidIn(join(clone, '.data', 'temporal.pid')), 'SIGKILL');
    await recovered('the Temporal dev server');
    process.kill(pidIn(join(postgresDataDirFor(join(clone, '.data', 'postgres')), 'postmaster.pid')), 'SIGKILL');
    await recovered('PostgreSQL');

    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    expect(start.output()).not.toMatch(/EACCES|\ncipdesk: /);
  }, 150_000);

  it("npm test's servers start (the canary runs through the integration tests' global setup)", async () => {
    const canary = run(['scripts/test-canary.mjs'], {});
    expect(await canary.exited, canary.output()).toBe(0);
    expect(canary.output()).toContain('test canary: a deliberately failing test fails the run');
  }, 150_000);
});
