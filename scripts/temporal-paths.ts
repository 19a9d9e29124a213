// Where scripts/setup.mjs found the Temporal binaries (see DESIGN.md for the order it tries).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface TemporalPaths {
  cli: string;
  testServer: string;
}

export function temporalPaths(): TemporalPaths {
  const file = join(PROJECT_ROOT, '.tools', 'temporal-paths.json');
  if (!existsSync(file)) {
    throw new Error(`Temporal binaries are not provisioned (${file} is missing): run \`npm run setup\` first.`);
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<TemporalPaths>;
  const cli = process.env.TEMPORAL_CLI_PATH ?? parsed.cli;
  const testServer = process.env.TEMPORAL_TEST_SERVER_PATH ?? parsed.testServer;
  if (!cli || !testServer) throw new Error(`${file} is incomplete: run \`npm run setup\` again.`);
  return { cli, testServer };
}
