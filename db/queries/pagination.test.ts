// Keyset pages against a real PostgreSQL: paging through a list in either order gives every
// matching row once, in order, ties on the timestamp broken by the id, and nothing else.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cipTransmissionCaseRow, useSharedDatabase } from '../../test/helpers/database.js';
import { cases, type CaseRow } from '../schema/cases.js';
import { insertCaseIfAbsent } from './cases.js';
import { decodeCursor, selectKeysetPage, type KeysetCursor, type KeysetOf, type Page } from './pagination.js';

const db = useSharedDatabase();

/** Five cases of one subject of their own; two opened at the same instant. */
async function casesOfOneSubject() {
  const subjectId = `PAGING-${randomUUID()}`;
  const openedAt = ['2026-11-01T10:00:00.000Z', '2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.000Z', '2026-11-03T10:00:00.000Z', '2026-11-04T10:00:00.000Z'];
  for (const at of openedAt) await insertCaseIfAbsent(db.db, cipTransmissionCaseRow({ subjectId, openedAt: new Date(at) }));
  return subjectId;
}

async function readAllPages(subjectId: string, keyset: KeysetOf<typeof cases>) {
  const seen: CaseRow[] = [];
  let after: string | null = null;
  do {
    const cursor: KeysetCursor | undefined = after === null ? undefined : decodeCursor(after);
    const page: Page<CaseRow> = await selectKeysetPage(db.db, cases, keyset, [eq(cases.subjectId, subjectId)], { limit: 2, after: cursor });
    expect(page.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.items);
    after = page.nextCursor;
  } while (after !== null);
  return seen;
}

const key = (row: CaseRow) => `${row.openedAt.toISOString()} ${row.id}`;

describe('selectKeysetPage', () => {
  it('pages newest first on (timestamp, id): every matching row once, ties broken by the id', async () => {
    const subjectId = await casesOfOneSubject();
    const rows = await readAllPages(subjectId, { at: 'openedAt', id: 'id' });
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => row.subjectId === subjectId)).toBe(true);
    const keys = rows.map(key);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(new Set(rows.map((row) => row.id)).size).toBe(5);
  });

  it('pages oldest first when asked, the same rows in the opposite order', async () => {
    const subjectId = await casesOfOneSubject();
    const newestFirst = await readAllPages(subjectId, { at: 'openedAt', id: 'id' });
    const oldestFirst = await readAllPages(subjectId, { at: 'openedAt', id: 'id', oldestFirst: true });
    expect(oldestFirst.map(key)).toEqual(newestFirst.map(key).reverse());
  });

  it('gives no next cursor when the last page is full to the limit and nothing follows', async () => {
    const subjectId = await casesOfOneSubject();
    const page = await selectKeysetPage(db.db, cases, { at: 'openedAt', id: 'id' }, [eq(cases.subjectId, subjectId)], { limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
  });
});
