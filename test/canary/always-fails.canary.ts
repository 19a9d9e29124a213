// A test that fails on purpose. `npm test` runs it first, alone, through the integration
// project's global setup (which starts embedded PostgreSQL and the Temporal dev server), and
// requires that vitest exits non-zero: proof that a failing test fails the build. It is kept
// outside every include glob of vitest.config.ts, so the real suite never runs it.
import { expect, inject, test } from 'vitest';

test('canary: this assertion is false on purpose', () => {
  expect(inject('databaseUrl')).toMatch(/^postgres:\/\//);
  expect(inject('temporalAddress')).toMatch(/:\d+$/);
  expect('a failing test').toBe('a failed run');
});
