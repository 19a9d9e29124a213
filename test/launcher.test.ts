// `npm start`'s launcher as a person uses it: the whole system starts on embedded defaults,
// Ctrl-C stops it, the next start finds the cases of the last run; and a start that cannot
// succeed says why in one line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../scripts/temporal-paths.js';
import { freePort } from './helpers/ports.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function launch(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: undefined, CIPDESK_API_TOKENS: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(check: () => boolean, what: string, output: () => string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen; launcher output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function ports() {
  return { PORT: String(await freePort()), CIPDESK_PG_PORT: String(await freePort()), CIPDESK_TEMPORAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()) };
}

describe('the launcher (npm start)', () => {
  it('starts everything, stops on Ctrl-C, and finds the last run’s cases on the next start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cipdesk-launcher-'));
    dirs.push(dataDir);
    await chmod(dataDir, 0o755); // like a project folder: the postgres user can reach its data
    const env = { ...(await ports()), CIPDESK_DATA_DIR: dataDir };
    const api = `http://127.0.0.1:${env.PORT}`;

    const first = launch(env);
    await until(() => first.output().includes('cipdesk is running.'), 'the first start', first.output);
    expect(first.output()).toContain(`Temporal UI    http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
    expect((await fetch(`${api}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    const tokens = JSON.parse(readFileSync(join(dataDir, 'dev-tokens.json'), 'utf8')) as { role: string; token: string }[];
    // Two reviewers, so that four-eyes can be tried after npm start.
    expect(tokens.map((t) => t.role).sort()).toEqual(['admin', 'case_handler', 'legal', 'reviewer', 'reviewer', 'scheduler']);
    for (const t of tokens) expect(first.output()).toContain(t.token);
    const handler = { authorization: `Bearer ${tokens.find((t) => t.role === 'case_handler')!.token}`, 'content-type': 'application/json' };
    // The provider's own CIP on file: the transmission below names its version.
    const form = new FormData();
    form.append('receivedAt', '2026-01-02T09:00:00Z');
    form.append('file', new Blob([Buffer.from('provider CIP for the launcher test')], { type: 'text/plain' }), 'cip.txt');
    const uploaded = await fetch(`${api}/v1/provider/cip-documents`, { method: 'POST', headers: { authorization: handler.authorization }, body: form });
    expect(uploaded.status).toBe(201);
    const cipVersion = String(((await uploaded.json()) as { version: number }).version);
    const created = await fetch(`${api}/v1/cip-transmission-requests`, {
      method: 'POST',
      headers: handler,
      body: JSON.stringify({ requestReference: 'BIS-CIP-LAUNCHER-1', cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('[cipdesk] all stopped');

    const second = launch(env);
    await until(() => second.output().includes('cipdesk is running.'), 'the second start', second.output);
    const again = await fetch(`${api}/v1/cases/${id}`, { headers: handler });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id, status: 'awaiting-transmission', workflowId: 'cip-transmission:BIS-CIP-LAUNCHER-1' });
    // The workflow survived too: it still takes decisions.
    const decided = await fetch(`${api}/v1/cases/${id}/decisions`, { method: 'POST', headers: handler, body: JSON.stringify({ decision: 'transmit', params: { cipVersion } }) });
    expect(decided.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 240_000);

  it('says in one line that the API port is taken, and starts nothing', async () => {
    const env = await ports();
    const blocker: Server = createServer().listen(Number(env.PORT), '127.0.0.1');
    try {
      const run = launch({ ...env, CIPDESK_DATA_DIR: join(tmpdir(), 'cipdesk-never-used') });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`cipdesk: port ${env.PORT} on 127.0.0.1 is already in use, so the API cannot start. Set PORT to a free port.`);
      expect(run.output()).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      blocker.close();
    }
  });

  it('says in one line that DATABASE_URL does not answer', async () => {
    const run = launch({ ...(await ports()), DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('cipdesk: DATABASE_URL does not answer (postgres://***@127.0.0.1:1/none). Is the server up and the URL right?');
    expect(run.output()).not.toContain('secret');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('says which Temporal binary is missing and how to fix it', () => {
    const result = spawnSync(process.execPath, ['scripts/setup.mjs'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TEMPORAL_CLI_PATH: '/nonexistent/temporal' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TEMPORAL_CLI_PATH=/nonexistent/temporal is not an executable file. Unset it or point it at the temporal binary.');
  });
});
