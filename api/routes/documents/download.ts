// Serving a stored document: exactly its bytes, in the content type it was uploaded with, with
// its SHA-256 in `Repr-Digest` (RFC 9530) so that the receiver can check the copy.
import type { FastifyReply } from 'fastify';
import type { DocumentRow } from '../../../db/schema/documents.js';

export function sendDocument(reply: FastifyReply, document: DocumentRow, fallbackName: string) {
  const filename = (document.filename ?? fallbackName).replace(/[^A-Za-z0-9._ -]/g, '_');
  return reply
    .type(document.contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('repr-digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`)
    .header('x-content-sha256', document.sha256)
    .send(document.content);
}
