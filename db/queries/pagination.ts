// Keyset pagination shared by the lists: newest first on (a timestamp, id). The cursor is
// opaque to clients: base64url of the last row's key.
import { and, asc, desc, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.js';

export interface KeysetCursor {
  /** ISO instant of the last row's ordering timestamp. */
  at: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString('base64url');
}

/** Returns undefined for a cursor this API did not issue. */
export function decodeCursor(cursor: string): KeysetCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<KeysetCursor>;
    if (typeof value.at !== 'string' || Number.isNaN(Date.parse(value.at)) || typeof value.id !== 'string') return undefined;
    if (!/^[0-9a-f-]{36}$/i.test(value.id)) return undefined;
    return { at: value.at, id: value.id };
  } catch {
    return undefined;
  }
}

/** Fetch `limit + 1` rows, then call this: the extra row tells whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => { at: Date; id: string }): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last).at, key(last).id) : null };
}

type RowOf<TTable extends PgTable> = TTable['$inferSelect'];
/** The columns of a table whose values are of type V (the keyset's timestamp, its id). */
type ColumnOfType<TTable extends PgTable, V> = {
  [K in keyof RowOf<TTable> & keyof TTable['_']['columns'] & string]: RowOf<TTable>[K] extends V ? K : never;
}[keyof RowOf<TTable> & keyof TTable['_']['columns'] & string];

export interface KeysetOf<TTable extends PgTable> {
  /** The ordering timestamp column (a property name of the table). */
  at: ColumnOfType<TTable, Date>;
  /** The uuid id column that breaks ties between equal timestamps. */
  id: ColumnOfType<TTable, string>;
  /** The lists are newest first; a history read in the order it was made is oldest first. */
  oldestFirst?: boolean;
}

/**
 * One page of a list: the rows of `table` that meet every condition in `where` and come after
 * the cursor in keyset order, at most `limit` of them, with the cursor of the next page.
 */
export async function selectKeysetPage<TTable extends PgTable>(
  db: DbOrTx,
  table: TTable,
  keyset: KeysetOf<TTable>,
  where: readonly (SQL | undefined)[],
  page: { limit: number; after?: KeysetCursor | undefined },
): Promise<Page<RowOf<TTable>>> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const at = columns[keyset.at]!;
  const id = columns[keyset.id]!;
  const order = keyset.oldestFirst ? asc : desc;
  // A row comparison, so that PostgreSQL walks the (at, id) index from the cursor on.
  const afterCursor = page.after
    ? sql`(${at}, ${id}) ${sql.raw(keyset.oldestFirst ? '>' : '<')} (${page.after.at}::timestamptz, ${page.after.id}::uuid)`
    : undefined;
  const rows = (await db
    .select()
    .from(table as PgTable)
    .where(and(...where, afterCursor))
    .orderBy(order(at), order(id))
    .limit(page.limit + 1)) as RowOf<TTable>[];
  return toPage(rows, page.limit, (row: Record<string, unknown>) => ({ at: row[keyset.at] as Date, id: row[keyset.id] as string }));
}
