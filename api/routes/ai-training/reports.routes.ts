// A transaction's report case: the reseller's report arriving, the report as JSON, and as a
// printable document for filing. Decisions (revise, submit, approve, file, amend, refer the
// reseller, withdraw, close) go through the shared POST /v1/cases/{id}/decisions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DECIDING_ROLES, ROLES } from '../../../workflows/kit/actors.js';
import { Type } from '@sinclair/typebox';
import { HANDLERS, ReportCaseParams, ReportDocumentQuery, ReportSchema, ResellerReportAccepted, ResellerReportBody, errors } from './ai-training.schemas.js';
import { deliverResellerReport, readReport, reportDocument } from './reports.usecases.js';

export const aiTrainingReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/ai-training-reports/:caseId/reseller-report',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['ai-training-reports'],
        summary: "Record the foreign reseller's report for a report case (a fact: the case keeps it as a report version)",
        description:
          'Accepted (202) once the case has it; the case records it as a version, checked against the required contents. A repeat with the same ' +
          '`resellerReportReference` is ignored. 409 for the provider\'s own customer\'s case, or a case that has ended.',
        params: ReportCaseParams,
        body: ResellerReportBody,
        response: { 202: ResellerReportAccepted, ...errors },
      },
    },
    async (request, reply) => {
      const accepted = await deliverResellerReport(app.deps, request.principal, request.params.caseId, request.body);
      return reply.status(202).header('location', `/v1/ai-training-reports/${accepted.caseId}`).send(accepted);
    },
  );

  app.get(
    '/ai-training-reports/:caseId',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['ai-training-reports'],
        summary: 'The report of a case: the transaction, the deadlines with their explanations, and every version with its approval and filing record',
        params: ReportCaseParams,
        response: { 200: ReportSchema, ...errors },
      },
    },
    async (request) => readReport(app.deps, request.params.caseId),
  );

  app.get(
    '/ai-training-reports/:caseId/document',
    {
      config: { roles: DECIDING_ROLES },
      schema: {
        tags: ['ai-training-reports'],
        summary: 'The report as a printable HTML document for filing (the filed version by default; an unfiled one is marked as a draft)',
        params: ReportCaseParams,
        querystring: ReportDocumentQuery,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'text/html' }), ...errors },
      },
    },
    async (request, reply) => {
      const html = await reportDocument(app.deps, request.params.caseId, request.query.version);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
