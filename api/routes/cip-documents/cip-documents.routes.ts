// Written CIPs on file, as immutable versions: the provider's own (/provider/cip-documents) and
// each foreign reseller's (/resellers/{id}/cip-documents). Upload is multipart; a download
// returns exactly the stored bytes, with their SHA-256 in `Repr-Digest`.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CipOwner } from '../../../db/queries/resellers.js';
import { sendDocument as sendStoredDocument } from '../documents/download.js';
import type { DocumentRow } from '../../../db/schema/documents.js';
import { ProblemSchema } from '../cases/cases.schemas.js';
import { ResellerIdParams } from '../resellers/resellers.schemas.js';
import { CipVersionSchema, ProviderVersionParams, ResellerVersionParams, UPLOAD_DESCRIPTION } from './cip-documents.schemas.js';
import { listCipVersionDtos, readCipContent, readCipVersion, recordCipVersion } from './cip-documents.usecases.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;
const uploadErrors = { ...errors, 413: ProblemSchema, 415: ProblemSchema } as const;
const HANDLERS = ['case_handler', 'admin'] as const;
const Versions = Type.Object({
  items: Type.Array(CipVersionSchema),
  versionInForce: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'the version in force now: the one that took effect last (latest effectiveAt not after now; on the same instant, the higher number), so a version scheduled ahead takes effect on its date; null when none has taken effect yet',
  }),
});
const Bytes = Type.String({ format: 'binary', description: 'exactly the stored bytes, in the content type they were uploaded with' });

const PROVIDER: CipOwner = { type: 'provider' };
const reseller = (resellerId: string): CipOwner => ({ type: 'foreign-reseller', resellerId });
const sendDocument = (reply: Parameters<typeof sendStoredDocument>[0], document: DocumentRow) => sendStoredDocument(reply, document, `cip-${document.id}`);

export const cipDocumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/resellers/:id/cip-documents',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['cip-documents'],
        summary: 'Record a new version of a foreign reseller’s written CIP (multipart upload)',
        description: UPLOAD_DESCRIPTION,
        consumes: ['multipart/form-data'],
        params: ResellerIdParams,
        response: { 201: CipVersionSchema, ...uploadErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordCipVersion(app.deps, request.principal, reseller(request.params.id), request)),
  );

  app.get(
    '/resellers/:id/cip-documents',
    { schema: { tags: ['cip-documents'], summary: 'Every version of a reseller’s CIP, newest first', params: ResellerIdParams, response: { 200: Versions, ...errors } } },
    async (request) => listCipVersionDtos(app.deps, reseller(request.params.id)),
  );

  app.get(
    '/resellers/:id/cip-documents/:version',
    { schema: { tags: ['cip-documents'], summary: 'One version of a reseller’s CIP', params: ResellerVersionParams, response: { 200: CipVersionSchema, ...errors } } },
    async (request) => readCipVersion(app.deps, reseller(request.params.id), request.params.version),
  );

  app.get(
    '/resellers/:id/cip-documents/:version/content',
    {
      schema: { tags: ['cip-documents'], summary: 'Download one version of a reseller’s CIP: the stored bytes', params: ResellerVersionParams, response: { 200: Bytes, ...errors } },
    },
    async (request, reply) => sendDocument(reply, await readCipContent(app.deps, reseller(request.params.id), request.params.version)),
  );

  app.post(
    '/provider/cip-documents',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['cip-documents'],
        summary: 'Record a new version of the provider’s own written CIP (multipart upload)',
        description: UPLOAD_DESCRIPTION,
        consumes: ['multipart/form-data'],
        response: { 201: CipVersionSchema, ...uploadErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordCipVersion(app.deps, request.principal, PROVIDER, request)),
  );

  app.get(
    '/provider/cip-documents',
    { schema: { tags: ['cip-documents'], summary: 'Every version of the provider’s own CIP, newest first', response: { 200: Versions, ...errors } } },
    async () => listCipVersionDtos(app.deps, PROVIDER),
  );

  app.get(
    '/provider/cip-documents/:version',
    { schema: { tags: ['cip-documents'], summary: 'One version of the provider’s CIP', params: ProviderVersionParams, response: { 200: CipVersionSchema, ...errors } } },
    async (request) => readCipVersion(app.deps, PROVIDER, request.params.version),
  );

  app.get(
    '/provider/cip-documents/:version/content',
    { schema: { tags: ['cip-documents'], summary: 'Download one version of the provider’s CIP: the stored bytes', params: ProviderVersionParams, response: { 200: Bytes, ...errors } } },
    async (request, reply) => sendDocument(reply, await readCipContent(app.deps, PROVIDER, request.params.version)),
  );
};
