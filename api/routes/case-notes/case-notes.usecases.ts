// Notes and evidence attachments on any case, whatever its type. Each is one case event, written
// in the same transaction as (for an attachment) the stored file, so a refused or failed request
// leaves neither; the case workflow is not involved: a note is the handler's record, not a fact
// the obligation runs on.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../../db/client.js';
import { appendCaseEvent } from '../../../db/queries/cases.js';
import {
  ATTACHMENT_ADDED,
  countCaseAnnotations,
  findCaseAttachment,
  listCaseAnnotations,
  NOTE_ADDED,
  type AttachmentData,
  type NoteData,
} from '../../../db/queries/case-notes.js';
import { getDocument, insertDocument } from '../../../db/queries/documents.js';
import type { CaseEventRow } from '../../../db/schema/cases.js';
import { AppError, badInput } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { readDocumentUpload } from '../documents/upload.js';
import { caseOrNotFound } from '../cases/case-or-not-found.js';
import { ATTACHMENT_DESCRIPTION_MAX_CHARS, NOTE_MAX_CHARS, type AttachmentDto, type NoteDto } from './case-notes.schemas.js';

interface Deps {
  db: { db: Database };
  now: () => Date;
  documentMaxBytes: number;
}

/** How many of the newest notes and attachments a case's own read shows. */
export const LATEST_ON_CASE = 20;

// Control characters other than tab and line breaks would not read back as written.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function checkText(field: string, value: string, maxChars: number): string {
  if (value.trim() === '') throw badInput(field, 'must not be blank');
  if (value.length > maxChars) throw badInput(field, `must be at most ${maxChars} characters`);
  if (CONTROL_CHARACTERS.test(value)) throw badInput(field, 'must not contain control characters (other than tabs and line breaks)');
  return value;
}

export function toNoteDto(event: CaseEventRow): NoteDto {
  const data = event.data as unknown as NoteData;
  return { id: data.noteId, caseId: event.caseId, text: data.text, author: event.actor, addedAt: event.occurredAt.toISOString() };
}

export function toAttachmentDto(event: CaseEventRow): AttachmentDto {
  const data = event.data as unknown as AttachmentData;
  return {
    id: data.attachmentId,
    caseId: event.caseId,
    description: data.description,
    filename: data.filename,
    contentType: data.contentType,
    size: data.size,
    sha256: data.sha256,
    addedBy: event.actor,
    addedAt: event.occurredAt.toISOString(),
    contentUrl: `/v1/cases/${event.caseId}/attachments/${data.attachmentId}/content`,
  };
}

export async function addCaseNote(deps: Deps, principal: Principal, caseId: string, body: { text: string }): Promise<NoteDto> {
  const text = checkText('body.text', body.text, NOTE_MAX_CHARS);
  await caseOrNotFound(deps.db.db, caseId);
  const noteId = randomUUID();
  const data: NoteData = { noteId, text };
  const event = { caseId, eventKey: `api:note:${noteId}`, type: NOTE_ADDED, occurredAt: deps.now(), actor: principal.subject, data: { ...data } };
  await appendCaseEvent(deps.db.db, event);
  return { id: noteId, caseId, text, author: principal.subject, addedAt: event.occurredAt.toISOString() };
}

/**
 * Reads the whole upload and checks it before anything is stored; then the document and the
 * `attachment.added` event are written in one transaction.
 */
export async function addCaseAttachment(deps: Deps, principal: Principal, caseId: string, request: FastifyRequest): Promise<AttachmentDto> {
  await caseOrNotFound(deps.db.db, caseId);
  const upload = await readDocumentUpload(request, { maxBytes: deps.documentMaxBytes, allowedFields: ['description'] });
  if (upload.fields.description === undefined) throw badInput('body.description', 'is required (what the file is and why it is on the case)');
  const description = checkText('body.description', upload.fields.description, ATTACHMENT_DESCRIPTION_MAX_CHARS);
  const attachmentId = randomUUID();
  const at = deps.now();
  return deps.db.db.transaction(async (tx) => {
    const document = await insertDocument(tx, {
      id: attachmentId,
      purpose: 'case-attachment',
      contentType: upload.file.contentType,
      filename: upload.file.filename,
      content: upload.file.content,
      uploadedBy: principal.subject,
      uploadedAt: at,
    });
    const data: AttachmentData = {
      attachmentId,
      description,
      filename: document.filename,
      contentType: document.contentType,
      size: document.sizeBytes,
      sha256: document.sha256,
    };
    const event = { caseId, eventKey: `api:attachment:${attachmentId}`, type: ATTACHMENT_ADDED, occurredAt: at, actor: principal.subject, data: { ...data } };
    await appendCaseEvent(tx, event);
    return toAttachmentDto({ ...event, id: 0, recordedAt: at, chainSeq: 0, prevHash: '', hash: '' });
  });
}

const pageAfter = (cursor: string | undefined) => (cursor === undefined ? {} : { beforeId: Number(cursor) });

export async function listCaseNotes(deps: Deps, caseId: string, page: { limit: number; cursor?: string }) {
  await caseOrNotFound(deps.db.db, caseId);
  const rows = await listCaseAnnotations(deps.db.db, { caseId, type: NOTE_ADDED, limit: page.limit, ...pageAfter(page.cursor) });
  return { items: rows.items.map(toNoteDto), nextCursor: rows.nextCursor };
}

export async function listCaseAttachments(deps: Deps, caseId: string, page: { limit: number; cursor?: string }) {
  await caseOrNotFound(deps.db.db, caseId);
  const rows = await listCaseAnnotations(deps.db.db, { caseId, type: ATTACHMENT_ADDED, limit: page.limit, ...pageAfter(page.cursor) });
  return { items: rows.items.map(toAttachmentDto), nextCursor: rows.nextCursor };
}

export async function readCaseAttachmentContent(deps: Deps, caseId: string, attachmentId: string) {
  await caseOrNotFound(deps.db.db, caseId);
  const event = await findCaseAttachment(deps.db.db, { caseId, attachmentId });
  if (!event) throw new AppError('attachment.not_found', 404, `attachment ${attachmentId} is not on case ${caseId}`);
  return (await getDocument(deps.db.db, { id: attachmentId }))!;
}

/** What a case's own read shows of its notes and attachments: the counts and the newest. */
export async function caseAnnotationsSummary(db: Database, caseId: string) {
  const counts = await countCaseAnnotations(db, { caseId });
  const notes = await listCaseAnnotations(db, { caseId, type: NOTE_ADDED, limit: LATEST_ON_CASE });
  const attachments = await listCaseAnnotations(db, { caseId, type: ATTACHMENT_ADDED, limit: LATEST_ON_CASE });
  return {
    notes: { total: counts[NOTE_ADDED], latest: notes.items.map(toNoteDto), href: `/v1/cases/${caseId}/notes` },
    attachments: { total: counts[ATTACHMENT_ADDED], latest: attachments.items.map(toAttachmentDto), href: `/v1/cases/${caseId}/attachments` },
  };
}
