import { defineConfig } from 'vitest/config';

// Three projects, one command: `npm test` runs them all.
// - unit: pure code (rules/, helpers); no servers.
// - workflow: workflows on Temporal's time-skipping test server, activities mocked.
// - integration: API, activities, worker and e2e against a real PostgreSQL and a real
//   Temporal dev server started once by test/global-setup.ts.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['rules/**/*.test.ts', '**/*.unit.test.ts', 'config.test.ts'],
          exclude: ['node_modules/**', '.data/**', '.tools/**', '.stryker/**'],
        },
      },
      {
        test: {
          name: 'workflow',
          include: ['workflows/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'api/**/*.test.ts', 'activities/**/*.test.ts', 'db/**/*.test.ts'],
          exclude: ['**/*.unit.test.ts', 'node_modules/**', '.stryker/**'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The suites share one Postgres and one Temporal server; files run one at a time so
          // that a 2-core machine is not oversubscribed and runs stay reproducible.
          fileParallelism: false,
        },
      },
    ],
  },
});
