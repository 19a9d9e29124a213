import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../db/queries/pagination.js';
import { AppError } from '../errors.js';
import { afterCursor, pageAnswer } from './list-page.js';

describe('afterCursor', () => {
  it('reads no cursor as the first page', () => {
    expect(afterCursor(undefined)).toEqual({});
  });

  it('gives back the key of a cursor this API issued', () => {
    const at = new Date('2026-11-28T10:00:00.000Z');
    const id = '0b6f4c9e-6a8e-4a8e-9a57-2f1f0c3c1d11';
    expect(afterCursor(encodeCursor(at, id))).toEqual({ after: { at: at.toISOString(), id } });
  });

  it('refuses any other cursor with a 400 naming querystring.cursor', () => {
    for (const cursor of ['nonsense', '', Buffer.from('{"at":"2026-11-28T10:00:00Z","id":"not-a-uuid"}').toString('base64url')]) {
      let thrown: unknown;
      try {
        afterCursor(cursor);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ status: 400, errors: [{ field: 'querystring.cursor', message: 'is not a cursor this API issued' }] });
    }
  });
});

describe('pageAnswer', () => {
  it('shows each row as its DTO and keeps the next cursor', () => {
    expect(pageAnswer({ items: [1, 2], nextCursor: 'next' }, (n) => ({ n }))).toEqual({ items: [{ n: 1 }, { n: 2 }], nextCursor: 'next' });
    expect(pageAnswer({ items: [], nextCursor: null }, (n: number) => n)).toEqual({ items: [], nextCursor: null });
  });
});
