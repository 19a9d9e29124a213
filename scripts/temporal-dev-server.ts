// Starts the Temporal CLI dev server as a child process and waits until its frontend answers.
// Used by the launcher (`npm start`, SQLite file under the data folder) and by the integration
// test harness (in memory). We run the binary ourselves rather than through the SDK's
// ephemeral-server helper, which kills a server that takes over 5 s to start.
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { Connection } from '@temporalio/client';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/kit/search-attributes.js';
import { temporalPaths } from './temporal-paths.js';

export interface DevServerHandle {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  /** Settles when the server process has exited, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(false);
    });
    socket.once('error', () => resolvePromise(true));
  });
}

export async function startTemporalDevServer(options: {
  port: number;
  uiPort?: number;
  /** Where the UI asks to decode encrypted payloads (the API's /codec). */
  uiCodecEndpoint?: string;
  dbFile?: string;
  namespace?: string;
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}): Promise<DevServerHandle> {
  const { cli } = temporalPaths();
  for (const [name, p] of [
    ['TEMPORAL_ADDRESS port', options.port],
    ['TEMPORAL_UI_PORT', options.uiPort],
  ] as const) {
    if (p !== undefined && !(await portIsFree(p))) {
      throw new Error(`port ${p} is already in use (${name}); stop what uses it or choose another port.`);
    }
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace ?? 'default',
    '--log-level',
    'warn',
    // The cases' search attributes (workflows/kit/search-attributes.ts), so that
    // `temporal workflow list --query "CaseStatus='overdue'"` works on the dev server.
    ...CASE_SEARCH_ATTRIBUTES.flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`]),
  ];
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort !== undefined) {
    args.push('--ui-port', String(options.uiPort));
    if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  } else args.push('--headless');
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (output.length < 20_000) output += text;
    options.onLog?.(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exit = new Promise<void>((resolveExit) =>
    child.once('exit', () => {
      exited = true;
      resolveExit();
    }),
  );
  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`Temporal dev server (${cli}) exited during start:\n${output.slice(-4000)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server did not answer on ${address} in time:\n${output.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    address,
    uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : undefined,
    process: child,
    exited: exit,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
