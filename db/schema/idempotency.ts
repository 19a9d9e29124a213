// What a client's retry-safe request first said. A repeat under the same key must say the same
// thing: the same Idempotency-Key on a decision, the same externalReference on an application.
// The fingerprint (SHA-256 of the request in canonical JSON) lets a repeat be compared without
// keeping the request itself; an identical repeat gets the first answer, a different one a 409.
import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** What the key is unique within, e.g. `customer-application`, `case-decision:<caseId>`. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    firstSeenBy: text('first_seen_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
