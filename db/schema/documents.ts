// Stored files, generic: a CIP version, a case attachment, evidence of non-compliance all keep
// their bytes here and point at a row. A document is immutable (a trigger refuses UPDATE and
// DELETE, see the migration): what was recorded is what is served, byte for byte, and its
// SHA-256 lets anyone check that a copy sent elsewhere is the same file.
import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array)),
});

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    /** What the document is for, e.g. `cip`, `noncompliance-evidence`, `case-attachment`. */
    purpose: text('purpose').notNull(),
    contentType: text('content_type').notNull(),
    /** The name the uploader's file had; informative only, never used as a path. */
    filename: text('filename'),
    sizeBytes: integer('size_bytes').notNull(),
    /** Lower-case hex SHA-256 of `content`. */
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('documents_sha256_idx').on(t.sha256)],
);

export type DocumentRow = typeof documents.$inferSelect;
/** A document without its bytes, for lists and metadata. */
export type DocumentMeta = Omit<DocumentRow, 'content'>;
