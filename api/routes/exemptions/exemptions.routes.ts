// Exemptions: an application with its Abuse of IaaS Products Deterrence Program (multipart),
// the list and one exemption with its notifications, and the program document's bytes.
// Commerce's decision, the annual notifications and the revocation are decisions on the
// exemption's case (`POST /v1/cases/{id}/decisions`).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../config.js';
import { grantedExemptionsCovering, listExemptions } from '../../../db/queries/exemptions.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import { ProblemSchema } from '../cases/cases.schemas.js';
import { sendDocument } from '../documents/download.js';
import { toExemptionDto } from './exemption-dto.js';
import { APPLY_DESCRIPTION, CoverageQuery, ExemptionDetailSchema, ExemptionIdParams, ExemptionPageSchema, ExemptionSchema, ListExemptionsQuery } from './exemptions.schemas.js';
import { applyForExemption, readExemption, readProgramDocument } from './exemptions.usecases.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } as const;
/** Who files an application: the handlers, legal and admins (reviewers approve the grant on the case). */
const APPLICANTS = ['case_handler', 'legal', 'admin'] as const;
const Bytes = Type.String({ format: 'binary', description: 'exactly the stored bytes, in the content type they were uploaded with' });

export const exemptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/exemptions',
    {
      config: { roles: APPLICANTS },
      schema: {
        tags: ['exemptions'],
        summary: 'Apply for an exemption (the provider, an account type, a lessee, or a foreign reseller) with its Abuse of IaaS Products Deterrence Program',
        description: APPLY_DESCRIPTION,
        consumes: ['multipart/form-data'],
        response: { 200: ExemptionSchema, 201: ExemptionSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { created, exemption } = await applyForExemption(app.deps, request.principal, request);
      return reply.status(created ? 201 : 200).header('location', `/v1/exemptions/${exemption.id}`).send(exemption);
    },
  );

  app.get(
    '/exemptions',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['exemptions'],
        summary: 'List exemptions, newest application first; filters by scope, status, subject and missed notifications',
        querystring: ListExemptionsQuery,
        response: { 200: ExemptionPageSchema, ...errors },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      return pageAnswer(await listExemptions(app.deps.db.db, { ...filter, ...afterCursor(cursor) }), toExemptionDto);
    },
  );

  app.get(
    '/exemptions/coverage',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['exemptions'],
        summary: 'The exemptions granted now (not revoked) that cover a customer (as lessee), a reseller or an account type, with the provider-wide ones',
        querystring: CoverageQuery,
        response: { 200: Type.Object({ items: Type.Array(ExemptionSchema) }), ...errors },
      },
    },
    async (request) => ({ items: (await grantedExemptionsCovering(app.deps.db.db, request.query)).map(toExemptionDto) }),
  );

  app.get(
    '/exemptions/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['exemptions'],
        summary: "An exemption: its application, Commerce's decision, its annual notifications (and any missed), its revocation",
        params: ExemptionIdParams,
        response: { 200: ExemptionDetailSchema, ...errors },
      },
    },
    async (request) => readExemption(app.deps, request.params.id),
  );

  app.get(
    '/exemptions/:id/program-document',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['exemptions'],
        summary: 'Download the Abuse of IaaS Products Deterrence Program the application rests on: the stored bytes',
        params: ExemptionIdParams,
        response: { 200: Bytes, ...errors },
      },
    },
    async (request, reply) => {
      const document = await readProgramDocument(app.deps, request.params.id);
      return sendDocument(reply, document, `exemption-program-${document.id}`);
    },
  );
};
