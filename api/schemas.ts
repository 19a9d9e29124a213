// Schema pieces several resources share, written so that the OpenAPI document states what the
// server enforces: what JSON Schema can say is in the schema (patterns, formats, bounds), the
// rest in the description.
import { Type, type TSchema, type TString } from '@sinclair/typebox';

// How far ahead of the server's clock an instant "not in the future" may be (clock skew): the
// same tolerance the case workflows give the instants of a decision.
import { FUTURE_TOLERANCE_SECONDS } from '../workflows/kit/instants.js';

export { FUTURE_TOLERANCE_SECONDS };

/** An instant the server refuses when it lies ahead of its clock. */
export const PastInstant = (description: string): TString =>
  Type.String({
    format: 'date-time',
    description: `${description}. Not in the future (up to ${FUTURE_TOLERANCE_SECONDS} s of clock skew is tolerated).`,
  });

/** The years rules/ count calendar days in; an instant outside them cannot start a clock. */
export const RULES_YEAR_PATTERN = '^[1-9][0-9]{3}-';

/** An instant that starts or moves a deadline: a year the rules count in, and not in the future. */
export const ClockInstant = (description: string): TString =>
  Type.String({
    format: 'date-time',
    pattern: RULES_YEAR_PATTERN,
    description: `${description}. Not in the future (up to ${FUTURE_TOLERANCE_SECONDS} s of clock skew is tolerated); a year from 1000 to 9999.`,
  });

/** An IPv4 address in dotted-quad form or an IPv6 address (no zone index). */
export const IpAddress = Type.String({
  anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }],
  maxLength: 45,
  description: 'an IPv4 (dotted quad) or IPv6 address',
});

/**
 * The keyset cursor every list issues as `nextCursor` (base64url of the last row's key, which
 * always starts `{"at":"`). A string of that shape that this API did not issue is still refused.
 */
export const KeysetCursor = Type.String({
  pattern: '^eyJhdCI6I[A-Za-z0-9_-]{10,490}$',
  description: 'nextCursor of the previous page, unchanged (a cursor this API did not issue is refused with 400)',
});

/** `limit` and `cursor` of a keyset-paginated list, newest first. */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'page size (default 50)' }),
  cursor: Type.Optional(KeysetCursor),
};

/** The answer of a keyset-paginated list: a page of items and the cursor of the next page. */
export const PageOf = <Item extends TSchema>(item: Item) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as `cursor` for the next page; null on the last' }) });

/** Messages for the patterns above, so that a refusal reads as a rule and not as a regex. */
export const PATTERN_MESSAGES: Record<string, string> = {
  [RULES_YEAR_PATTERN]: 'must be an instant in a year from 1000 to 9999 (the years the rules count calendar days in)',
  [KeysetCursor.pattern!]: 'is not a cursor this API issued',
};
