import { Type, type Static } from '@sinclair/typebox';
import { DOCUMENT_CONTENT_TYPES } from '../documents/upload.js';

/** Longest note accepted: a page or two of a handler's reasoning. */
export const NOTE_MAX_CHARS = 20_000;
/** Longest description of an attachment. */
export const ATTACHMENT_DESCRIPTION_MAX_CHARS = 2_000;

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

export const NoteBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: NOTE_MAX_CHARS,
      description: `the note (at most ${NOTE_MAX_CHARS} characters; not blank; line breaks and tabs are kept, other control characters are refused)`,
    }),
  },
  { additionalProperties: false },
);

export const NoteSchema = Type.Object(
  {
    id: Uuid,
    caseId: Uuid,
    text: Type.String(),
    author: Type.String({ description: 'token subject of who wrote it' }),
    addedAt: Instant,
  },
  { $id: 'CaseNote' },
);
export type NoteDto = Static<typeof NoteSchema>;

export const AttachmentSchema = Type.Object(
  {
    id: Uuid,
    caseId: Uuid,
    description: Type.String(),
    filename: Type.Union([Type.String(), Type.Null()], { description: "the uploader's file name; informative only" }),
    contentType: Type.String(),
    size: Type.Integer({ description: 'bytes' }),
    sha256: Type.String({ description: 'lower-case hex SHA-256 of the stored bytes' }),
    addedBy: Type.String({ description: 'token subject of who attached it' }),
    addedAt: Instant,
    contentUrl: Type.String({ description: 'GET it for exactly the stored bytes' }),
  },
  { $id: 'CaseAttachment' },
);
export type AttachmentDto = Static<typeof AttachmentSchema>;

export const AnnotationPageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'page size (default 50)' }),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page, unchanged' })),
});

export const CaseAttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid });

export const ATTACHMENT_UPLOAD_DESCRIPTION =
  'multipart/form-data with the parts `file` (the evidence; accepted types: ' +
  DOCUMENT_CONTENT_TYPES.join(', ') +
  '; larger than the configured limit (10 MiB by default): 413) and `description` (what the file is and why it is on the case; ' +
  `at most ${ATTACHMENT_DESCRIPTION_MAX_CHARS} characters). The bytes are stored with their SHA-256 and served back exactly; ` +
  'the case history gains `attachment.added`. A refused upload stores nothing.';
