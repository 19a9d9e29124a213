// For tests of query functions and activities against the tests' shared PostgreSQL (started by
// test/global-setup.ts): a connection for the file, and the case rows they write.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.js';
import type { NewCaseRow } from '../../db/schema/cases.js';
import { openedForFile } from './per-file.js';

/** A connection to the shared database, opened before the file's tests and closed after them. */
export function useSharedDatabase(options: { max?: number } = {}): DbHandle {
  const current = openedForFile('the database connection', () => createDb(inject('databaseUrl'), { max: options.max ?? 2 }), (handle) => handle.close());
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
