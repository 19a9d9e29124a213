// Foreign resellers: the registry and the oversight record. Handlers stay a few lines: the work
// is in resellers.usecases.ts. CIP versions are under cip-documents/.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../cases/cases.schemas.js';
import {
  CreateResellerBody,
  ListResellersQuery,
  OversightRecordSchema,
  ResellerIdParams,
  RegisteredResellerSchema,
  ResellerSchema,
  ResellerSummarySchema,
  UpdateResellerBody,
  NoncomplianceBody,
  NoncomplianceResult,
  IssueParams,
  IssueAnswerBody,
  IssueAnswerSchema,
} from './resellers.schemas.js';
import { createReseller, listResellers, readOversightRecord, readReseller, recordIssueAnswer, updateReseller } from './resellers.usecases.js';
import { openResellerOversightCase } from './oversight.js';
import { toCaseDto } from '../cases/case-dto.js';
import { PageOf } from '../../schemas.js';
import { recordedInstant } from '../rule-input.js';

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
        description:
          'The reseller is first checked against the special measures in effect (the same answer customer identification uses): a prohibition in force ' +
          'refuses it with 409 naming the measure and its Federal Register citation, and nothing is stored; a conditions-measure in force opens a review case ' +
          "with the conditions as tasks; a measure in its phase-in is a warning in `specialMeasures.findings`; a near match on a designated person's name opens a review case.",
        body: CreateResellerBody,
        response: { 201: RegisteredResellerSchema, ...errors, 409: ProblemSchema },
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
        response: { 200: PageOf(ResellerSummarySchema), ...errors },
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

  app.post(
    '/resellers/:id/noncompliance',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['resellers'],
        summary: 'Record evidence of non-compliance: opens the reseller oversight and termination case, or adds to the open one',
        description:
          'One oversight case at a time per reseller: 201 when the evidence opened a case, 200 when it was added to the open one. ' +
          'Decisions on the case (identify-issues, report-to-authorities, determine, propose-termination, approve, reinstate, ...) go through POST /v1/cases/{id}/decisions. ' +
          '409 for a terminated reseller.',
        params: ResellerIdParams,
        body: NoncomplianceBody,
        response: { 200: NoncomplianceResult, 201: NoncomplianceResult, ...errors },
      },
    },
    async (request, reply) => {
      const observedAt = recordedInstant(app.deps, request.body.observedAt, 'body.observedAt');
      const ref = await openResellerOversightCase(app.deps, request.log, {
        resellerId: request.params.id,
        description: request.body.description,
        source: request.body.source,
        observedAt,
        recordedBy: request.principal.subject,
      });
      return reply
        .status(ref.opened ? 201 : 200)
        .header('location', `/v1/cases/${ref.caseId}`)
        .send({ evidenceId: ref.evidence.id, caseId: ref.caseId, opened: ref.opened, case: ref.case ? toCaseDto(ref.case) : null });
    },
  );

  app.post(
    '/resellers/:id/issues/:issueId/answers',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['resellers'],
        summary: "Record the reseller's answer to an issue identified to it; its oversight case hears of it",
        params: IssueParams,
        body: IssueAnswerBody,
        response: { 201: IssueAnswerSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordIssueAnswer(app.deps, request.log, request.principal, { resellerId: request.params.id, issueId: request.params.issueId }, request.body)),
  );
};
