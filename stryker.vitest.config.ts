import { defineConfig } from 'vitest/config';

// The rules' own unit tests, alone: what Stryker runs against each mutant of rules/.
export default defineConfig({
  test: {
    include: ['rules/**/*.test.ts'],
    exclude: ['node_modules/**'],
  },
});
