// Recorded workflow histories guard changes to running workflows: workflows/replay.test.ts
// replays every history in test/replay/histories against the current code, so a change that
// would break a running workflow fails until it is put behind patched().
// `RECORD_HISTORIES=1 npx vitest run --project workflow` (re)records them from the scenarios
// that call recordHistory(); commit new ones, and never re-record an old one to make it pass.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PROJECT_ROOT } from '../../scripts/temporal-paths.js';

export const HISTORIES_DIR = join(PROJECT_ROOT, 'test', 'replay', 'histories');

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const file = join(HISTORIES_DIR, `${name}.history.pb`);
  if (existsSync(file) && process.env.RECORD_HISTORIES_OVERWRITE !== '1') return;
  await mkdir(HISTORIES_DIR, { recursive: true });
  // Protobuf binary, the server's own encoding: exact, whatever the payloads hold. (The SDK's
  // JSON converter does not load under vitest.) The workflow id is the file's first line.
  const bytes = temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish();
  await writeFile(file, Buffer.concat([Buffer.from(`${handle.workflowId}\n`), bytes]));
}

export function readHistory(file: string): { workflowId: string; history: temporal.api.history.v1.History } {
  const content = readFileSync(file);
  const newline = content.indexOf(10);
  return {
    workflowId: content.subarray(0, newline).toString('utf8'),
    history: temporal.api.history.v1.History.decode(content.subarray(newline + 1)),
  };
}
