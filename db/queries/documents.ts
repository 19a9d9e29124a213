// The generic document store: bytes in PostgreSQL with their size and SHA-256. Callers check
// size and content type before storing (api/routes/documents/upload.ts); this module stores and
// reads exactly the bytes it was given.
import { createHash, randomUUID } from 'node:crypto';
import { eq, getTableColumns } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { documents, type DocumentMeta, type DocumentRow } from '../schema/documents.js';

export interface NewDocument {
  id?: string;
  purpose: string;
  contentType: string;
  filename?: string | null;
  content: Buffer;
  uploadedBy: string;
  uploadedAt?: Date;
}

export const sha256Hex = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

export async function insertDocument(db: DbOrTx, doc: NewDocument): Promise<DocumentMeta> {
  const [row] = await db
    .insert(documents)
    .values({
      id: doc.id ?? randomUUID(),
      purpose: doc.purpose,
      contentType: doc.contentType,
      filename: doc.filename ?? null,
      sizeBytes: doc.content.length,
      sha256: sha256Hex(doc.content),
      content: doc.content,
      uploadedBy: doc.uploadedBy,
      ...(doc.uploadedAt ? { uploadedAt: doc.uploadedAt } : {}),
    })
    .returning(metaColumns());
  return row!;
}

function metaColumns() {
  const { content: _content, ...meta } = getTableColumns(documents);
  return meta;
}

/** The document with its bytes. */
export async function getDocument(db: DbOrTx, params: { id: string }): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.id, params.id));
  return row;
}

/** The document without its bytes. */
export async function getDocumentMeta(db: DbOrTx, params: { id: string }): Promise<DocumentMeta | undefined> {
  const [row] = await db.select(metaColumns()).from(documents).where(eq(documents.id, params.id));
  return row;
}
