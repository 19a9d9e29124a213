// Notes and evidence attachments on every case type: /v1/cases/{id}/notes and
// /v1/cases/{id}/attachments. Handlers and reviewers add them; legal and admins read them too.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemSchema } from '../cases/cases.schemas.js';
import { CaseIdParams } from '../cases/cases.schemas.js';
import { sendDocument } from '../documents/download.js';
import { AnnotationPageQuery, ATTACHMENT_UPLOAD_DESCRIPTION, AttachmentSchema, CaseAttachmentParams, NoteBody, NoteSchema } from './case-notes.schemas.js';
import { addCaseAttachment, addCaseNote, listCaseAttachments, listCaseNotes, readCaseAttachmentContent } from './case-notes.usecases.js';
import { PageOf } from '../../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;
/** Who adds notes and evidence: the people working the case. */
export const ANNOTATING_ROLES = ['case_handler', 'reviewer', 'admin'] as const;
/** Who reads them: the people working the case and legal. */
export const ANNOTATION_READING_ROLES = ['case_handler', 'reviewer', 'legal', 'admin'] as const;

export const caseNoteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases/:id/notes',
    {
      config: { roles: ANNOTATING_ROLES },
      schema: {
        tags: ['cases'],
        operationId: 'addCaseNote',
        summary: "Add a note to a case (any case type); the case history gains `note.added` with its author and time",
        params: CaseIdParams,
        body: NoteBody,
        response: { 201: NoteSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addCaseNote(app.deps, request.principal, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/notes',
    {
      config: { roles: ANNOTATION_READING_ROLES },
      schema: {
        tags: ['cases'],
        operationId: 'listCaseNotes',
        summary: "A case's notes, newest first",
        params: CaseIdParams,
        querystring: AnnotationPageQuery,
        response: { 200: PageOf(NoteSchema), ...errors },
      },
    },
    async (request) => listCaseNotes(app.deps, request.params.id, request.query),
  );

  app.post(
    '/cases/:id/attachments',
    {
      config: { roles: ANNOTATING_ROLES },
      schema: {
        tags: ['cases'],
        operationId: 'addCaseAttachment',
        summary: 'Attach an evidence file to a case (multipart upload); the case history gains `attachment.added`',
        description: ATTACHMENT_UPLOAD_DESCRIPTION,
        consumes: ['multipart/form-data'],
        params: CaseIdParams,
        response: { 201: AttachmentSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addCaseAttachment(app.deps, request.principal, request.params.id, request)),
  );

  app.get(
    '/cases/:id/attachments',
    {
      config: { roles: ANNOTATION_READING_ROLES },
      schema: {
        tags: ['cases'],
        operationId: 'listCaseAttachments',
        summary: "A case's evidence attachments (without their bytes), newest first",
        params: CaseIdParams,
        querystring: AnnotationPageQuery,
        response: { 200: PageOf(AttachmentSchema), ...errors },
      },
    },
    async (request) => listCaseAttachments(app.deps, request.params.id, request.query),
  );

  app.get(
    '/cases/:id/attachments/:attachmentId/content',
    {
      config: { roles: ANNOTATION_READING_ROLES },
      schema: {
        tags: ['cases'],
        operationId: 'getCaseAttachmentContent',
        summary: 'Download an attachment: exactly the stored bytes, with their SHA-256 in Repr-Digest',
        params: CaseAttachmentParams,
        response: { 200: Type.String({ format: 'binary', description: 'exactly the stored bytes, in the content type they were uploaded with' }), ...errors },
      },
    },
    async (request, reply) =>
      sendDocument(reply, await readCaseAttachmentContent(app.deps, request.params.id, request.params.attachmentId), `attachment-${request.params.attachmentId}`),
  );
};
