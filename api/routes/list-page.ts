// Every keyset list answers the same way: the cursor a request carries must be one this API
// issued (anything else is a 400 naming `querystring.cursor`, and nothing is read), and a page
// is its rows as the API shows them with the cursor of the next page.
import { decodeCursor, type KeysetCursor, type Page } from '../../db/queries/pagination.js';
import { badInput } from '../errors.js';

/** The list query's `after` for the request's `cursor`: none without one. */
export function afterCursor(cursor: string | undefined): { after?: KeysetCursor } {
  if (cursor === undefined) return {};
  const after = decodeCursor(cursor);
  if (!after) throw badInput('querystring.cursor', 'is not a cursor this API issued');
  return { after };
}

/** A page of rows as the API answers it: each row as its DTO, and the next page's cursor. */
export function pageAnswer<Row, Dto>(page: Page<Row>, toDto: (row: Row) => Dto): { items: Dto[]; nextCursor: string | null } {
  return { items: page.items.map((row) => toDto(row)), nextCursor: page.nextCursor };
}
