// Notes and evidence attachments on a case. Both are case events (`note.added`,
// `attachment.added`): the append-only, hash-chained log is their store, so a note or the link
// from a case to a file can never be edited or removed, and the case's history shows them in
// order. An attachment's bytes live in the document store under the attachment's own id.
import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { caseEvents, type CaseEventRow } from '../schema/cases.js';
import type { Page } from './pagination.js';

export const NOTE_ADDED = 'note.added';
export const ATTACHMENT_ADDED = 'attachment.added';
export type AnnotationType = typeof NOTE_ADDED | typeof ATTACHMENT_ADDED;

/** What a `note.added` event carries. */
export interface NoteData {
  noteId: string;
  text: string;
}

/** What an `attachment.added` event carries (the bytes are in `documents` under `attachmentId`). */
export interface AttachmentData {
  attachmentId: string;
  description: string;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
}

/** A case's notes or attachments, newest first; the cursor is the last event's id. */
export async function listCaseAnnotations(
  db: DbOrTx,
  params: { caseId: string; type: AnnotationType; limit: number; beforeId?: number },
): Promise<Page<CaseEventRow>> {
  const rows = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, params.caseId), eq(caseEvents.type, params.type), params.beforeId ? lt(caseEvents.id, params.beforeId) : undefined))
    .orderBy(desc(caseEvents.id))
    .limit(params.limit + 1);
  const items = rows.slice(0, params.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > params.limit && last ? String(last.id) : null };
}

/** How many notes and attachments a case has. */
export async function countCaseAnnotations(db: DbOrTx, params: { caseId: string }): Promise<Record<AnnotationType, number>> {
  const rows = await db
    .select({ type: caseEvents.type, n: count() })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, params.caseId), inArray(caseEvents.type, [NOTE_ADDED, ATTACHMENT_ADDED])))
    .groupBy(caseEvents.type);
  const counts: Record<AnnotationType, number> = { [NOTE_ADDED]: 0, [ATTACHMENT_ADDED]: 0 };
  for (const row of rows) counts[row.type as AnnotationType] = Number(row.n);
  return counts;
}

/** The event that attached `attachmentId` to this case, if it did. */
export async function findCaseAttachment(db: DbOrTx, params: { caseId: string; attachmentId: string }): Promise<CaseEventRow | undefined> {
  const [row] = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, params.caseId), eq(caseEvents.type, ATTACHMENT_ADDED), sql`${caseEvents.data}->>'attachmentId' = ${params.attachmentId}`))
    .limit(1);
  return row;
}
