// Foreign resellers: the registry and the oversight record. Handlers stay a few lines: the work
// is in resellers.usecases.ts. CIP versions are under cip-documents/.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemSchema } from '../cases/cases.schemas.js';
import {
  CreateResellerBody,
  ListResellersQuery,
  OversightRecordSchema,
  ResellerIdParams,
  ResellerSchema,
  ResellerSummarySchema,
  UpdateResellerBody,
} from './resellers.schemas.js';
import { createReseller, listResellers, readOversightRecord, readReseller, updateReseller } from './resellers.usecases.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } as const;
const HANDLERS = ['case_handler', 'admin'] as const;

export const resellerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/resellers',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['resellers'],
        summary: 'Register a foreign reseller of the provider’s IaaS products, with the accounts that serve it',
        body: CreateResellerBody,
        response: { 201: ResellerSchema, ...errors },
      },
    },
    async (request, reply) => {
      const reseller = await createReseller(app.deps, request.principal, request.body);
      return reply.status(201).header('location', `/v1/resellers/${reseller.id}`).send(reseller);
    },
  );

  app.get(
    '/resellers',
    {
      schema: {
        tags: ['resellers'],
        summary: 'List foreign resellers, newest first (filters: status, jurisdiction, name, accountId)',
        querystring: ListResellersQuery,
        response: { 200: Type.Object({ items: Type.Array(ResellerSummarySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (request) => listResellers(app.deps, request.query),
  );

  app.get(
    '/resellers/:id',
    {
      schema: {
        tags: ['resellers'],
        summary: 'A foreign reseller: contacts, status, accounts and the CIP version in force',
        params: ResellerIdParams,
        response: { 200: ResellerSchema, ...errors },
      },
    },
    async (request) => readReseller(app.deps, request.params.id),
  );

  app.patch(
    '/resellers/:id',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['resellers'],
        summary: 'Change a reseller’s name, jurisdiction, contacts or accounts (lists are replaced); its status belongs to the oversight case',
        params: ResellerIdParams,
        body: UpdateResellerBody,
        response: { 200: ResellerSchema, ...errors },
      },
    },
    async (request) => updateReseller(app.deps, request.principal, request.params.id, request.body),
  );

  app.get(
    '/resellers/:id/oversight-record',
    {
      schema: {
        tags: ['resellers'],
        summary: 'Evidence of non-compliance, issues identified to the reseller, its answers, and reports to authorities (oldest first)',
        params: ResellerIdParams,
        response: { 200: OversightRecordSchema, ...errors },
      },
    },
    async (request) => readOversightRecord(app.deps, request.params.id),
  );
};
