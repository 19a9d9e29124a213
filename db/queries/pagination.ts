// Keyset pagination shared by the lists: newest first on (a timestamp, id). The cursor is
// opaque to clients: base64url of the last row's key.

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
