// For tests of query functions and activities against the tests' shared PostgreSQL (started by
// test/global-setup.ts): a connection for the file, and the case rows they write.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.js';
import type { NewCaseRow } from '../../db/schema/cases.js';

/** A connection to the shared database, opened before the file's tests and closed after them. */
export function useSharedDatabase(options: { max?: number } = {}): DbHandle {
  let handle: DbHandle | undefined;
  beforeAll(() => {
    handle = createDb(inject('databaseUrl'), { max: options.max ?? 2 });
  });
  afterAll(async () => {
    await handle?.close();
  });
  const current = (): DbHandle => {
    if (!handle) throw new Error('the database connection opens in beforeAll: use it inside a hook or a test');
    return handle;
  };
  return {
    get db() {
      return current().db;
    },
    get sql() {
      return current().sql;
    },
    close: () => current().close(),
  };
}

/** A CIP-transmission case row of a subject of its own, as the API or a workflow would write it. */
export function cipTransmissionCaseRow(overrides: Partial<NewCaseRow> = {}): NewCaseRow & { id: string } {
  const id = overrides.id ?? randomUUID();
  return {
    type: 'cip-transmission',
    status: 'opened',
    subjectType: 'cip-request',
    subjectId: `REQ-${id}`,
    ruleSetId: 'NPRM-2024',
    workflowId: `query-test:${id}`,
    openedAt: new Date('2026-11-20T15:00:00.000Z'),
    ...overrides,
    id,
  };
}
