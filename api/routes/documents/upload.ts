// Reading one uploaded document from a multipart/form-data request, for every route that stores
// files (CIP versions, evidence, case attachments). The whole file is read and checked (size,
// declared content type) before anything is stored, so a refused upload leaves no trace.
import type { FastifyRequest } from 'fastify';
import { AppError, badInput } from '../../errors.js';

/** 10 MiB: a written CIP or a scanned letter fits; anything larger is refused with 413. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Content types the document store accepts: documents and scans, nothing executable. */
export const DOCUMENT_CONTENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
  'text/markdown',
  'image/png',
  'image/jpeg',
] as const;

export interface UploadedDocument {
  content: Buffer;
  contentType: string;
  filename: string | null;
}

export interface DocumentUpload {
  file: UploadedDocument;
  /** The text fields sent with the file, by name. */
  fields: Record<string, string>;
}

const MAX_FIELD_BYTES = 4000;

/**
 * Reads the multipart body: one file part named `fileField`, and text fields among
 * `allowedFields`. Refuses (nothing stored yet) a body that is not multipart, a missing or
 * second file, an unknown or repeated field, a file over `maxBytes`, and a content type not accepted.
 */
export async function readDocumentUpload(
  request: FastifyRequest,
  options: { maxBytes: number; allowedFields: readonly string[]; fileField?: string; contentTypes?: readonly string[] },
): Promise<DocumentUpload> {
  const fileField = options.fileField ?? 'file';
  const contentTypes: readonly string[] = options.contentTypes ?? DOCUMENT_CONTENT_TYPES;
  if (!request.isMultipart()) {
    throw new AppError('request.not_multipart', 415, `the body must be multipart/form-data with the document in the part "${fileField}"`, [
      { field: 'headers.content-type', message: 'must be multipart/form-data' },
    ]);
  }
  const fields: Record<string, string> = {};
  let file: UploadedDocument | undefined;
  // One field more than allowed, so that an unknown field is refused by its name below.
  const parts = request.parts({ limits: { fileSize: options.maxBytes, files: 1, fields: options.allowedFields.length + 1, fieldSize: MAX_FIELD_BYTES } });
  try {
    for await (const part of parts) {
      const field = `body.${part.fieldname}`;
      if (part.type === 'file') {
        if (part.fieldname !== fileField) throw badInput(field, `is not a known file part (send the document as "${fileField}")`);
        const mimetype = part.mimetype.split(';')[0]!.trim().toLowerCase();
        if (!contentTypes.includes(mimetype)) {
          part.file.resume();
          throw new AppError('document.unsupported_type', 415, `${field}: content type ${mimetype || '(none)'} is not accepted; accepted: ${contentTypes.join(', ')}`, [
            { field, message: `content type ${mimetype || '(none)'} is not one of ${contentTypes.join(', ')}` },
          ]);
        }
        const content = await part.toBuffer();
        file = { content, contentType: mimetype, filename: part.filename || null };
      } else {
        if (!options.allowedFields.includes(part.fieldname)) throw badInput(field, 'is not a known field');
        // Two values for one field: keeping either would record something the sender may not have meant.
        if (Object.hasOwn(fields, part.fieldname)) throw badInput(field, 'is sent more than once (send each field once)');
        if (part.valueTruncated) throw badInput(field, `must be at most ${MAX_FIELD_BYTES} bytes`);
        if (String(part.value).includes('\u0000')) throw badInput(field, 'must not contain NUL characters');
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('document.too_large', 413, `body.${fileField}: the document is larger than the limit of ${options.maxBytes} bytes`, [
        { field: `body.${fileField}`, message: `must be at most ${options.maxBytes} bytes` },
      ]);
    }
    if (code === 'FST_FILES_LIMIT') throw badInput(`body.${fileField}`, 'only one document per request');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw badInput('body', `only the fields ${options.allowedFields.join(', ')} and one file are accepted`);
    // The multipart parser's own refusals (no boundary, a truncated body, a malformed part
    // header) carry no code: the client sent a body that is not multipart/form-data.
    if (err instanceof Error && !(err instanceof AppError) && code === undefined) throw badInput('body', `is not a well-formed multipart/form-data body (${err.message})`);
    throw err;
  }
  if (!file) throw badInput(`body.${fileField}`, 'is required (the document as a file part)');
  if (file.content.length === 0) throw badInput(`body.${fileField}`, 'must not be empty');
  return { file, fields };
}

/** A date-time text field of a multipart body, refused naming the field when malformed. */
export function instantField(fields: Record<string, string>, name: string, options: { required: boolean }): Date | undefined {
  const value = fields[name];
  if (value === undefined || value === '') {
    if (options.required) throw badInput(`body.${name}`, 'is required (an ISO 8601 date-time)');
    return undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw badInput(`body.${name}`, 'must be an ISO 8601 date-time with a zone, e.g. 2026-11-20T15:00:00Z');
  }
  return new Date(value);
}
