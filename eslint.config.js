// Lint rules that catch what the type checker does not, run by `npm test` before the tests:
// - a promise nobody awaits (a write or a signal that may silently never happen);
// - workflow code importing what breaks Temporal's deterministic sandbox: Node built-ins,
//   servers' clients, the database, or activity implementations (workflows import activity
//   *types* only and call activities through proxyActivities).
// Deliberately few rules: each one is a bug class here, not a style preference.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  // web/vite.config.ts is build configuration outside both projects; openapi-types.ts is generated.
  { ignores: ['node_modules/**', '.data/**', '.tools/**', 'db/migrations/**', 'coverage/**', 'web/dist/**', 'web/vite.config.ts', 'web/openapi-types.ts'] },
  {
    files: ['**/*.ts', 'web/src/**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    // Tests, and the starters (`start.ts`) that the worker runs outside the sandbox to start a
    // workflow, are client code.
    ignores: ['workflows/**/*.test.ts', 'workflows/**/start.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code runs in a deterministic sandbox: no Node built-ins (I/O, time and randomness belong in activities).',
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'Workflow code runs in a deterministic sandbox: no Node built-ins (I/O, time and randomness belong in activities).',
            },
            {
              group: ['**/activities/**', '!**/activities/**/*.contract.js'],
              allowTypeImports: true,
              message: 'Workflows import activity types only (`import type`) and call activities through proxyActivities.',
            },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', '**/db/**', '**/api/**', 'postgres', 'drizzle-orm', 'drizzle-orm/*', 'fastify'],
              allowTypeImports: true,
              message: 'Workflow code must not reach servers or the database; that is what activities are for.',
            },
          ],
        },
      ],
    },
  },
);
