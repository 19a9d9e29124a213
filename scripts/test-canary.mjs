// Part of `npm test`: before the suite runs, prove that a failing test makes the run fail.
// Runs test/canary/always-fails.canary.ts (a test that fails on purpose) through the same global
// setup as the integration tests, which starts embedded PostgreSQL and the Temporal dev server, and
// stops the test command unless vitest exits 1 with exactly that test failed. A dependency that
// swallows the exit code (as async-exit-hook once did) is caught here, before anyone trusts a
// green run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/canary/vitest.config.ts', '--reporter', 'default', '--no-color'],
  { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
);
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
const failedAsIntended = run.status === 1 && /Tests\s+1 failed/.test(output) && output.includes('this assertion is false on purpose');
if (!failedAsIntended) {
  process.stderr.write(output);
  process.stderr.write(
    `\ntest canary: a deliberately failing test made vitest exit ${run.status ?? run.signal}, not 1 with that one test failed; ` +
      'a green run of this suite would prove nothing. Find what decides the exit code (a dependency exiting on beforeExit, as async-exit-hook does).\n',
  );
  process.exit(1);
}
process.stdout.write('test canary: a deliberately failing test fails the run (vitest exited 1), as it must\n');
