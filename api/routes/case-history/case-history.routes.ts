// A case's history for legal: one timeline (Temporal's history of the case workflow merged with
// the case's own event log), as JSON, as CSV, and as a PDF dossier.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemSchema } from '../../errors.js';
import { CaseIdParams } from '../cases/cases.schemas.js';
import { buildCaseHistory } from './case-history.usecases.js';
import { CaseHistorySchema } from './case-history.schemas.js';
import { renderDossierPdf } from './dossier-pdf.js';
import { historyToCsv } from './history-csv.js';

export const HISTORY_READERS = ['legal', 'admin', 'reviewer', 'case_handler'] as const;

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;

export const caseHistoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/cases/:id/history',
    {
      config: { roles: HISTORY_READERS },
      schema: {
        tags: ['legal'],
        summary: "One case's complete timeline: the workflow's history and the case's own events, with deadlines explained and the rule set's standing",
        description:
          "Entries from Temporal's history (clocks set and fired, decisions accepted and carried out, facts received, child cases " +
          "started, steps retried or failed) are merged by time with the case's append-only events (reminders, deadlines missed, " +
          'approvals requested, decisions accepted or refused, each with its actor). An entry that involves a deadline carries ' +
          'the rule set, the citation and the explanation. One decision reads received (workflow), recorded (case record), ' +
          'carried out (workflow), in that order; a decision names the provision it acts under; a clock says which reminder or ' +
          'due instant it is. When Temporal no longer holds the history, the timeline comes from ' +
          'the case events alone and `workflowHistory.available` is false. Also as `history.csv` and `dossier.pdf`.',
        params: CaseIdParams,
        response: { 200: CaseHistorySchema, ...errors },
      },
    },
    async (request) => buildCaseHistory(app.deps, request.params.id),
  );

  app.get(
    '/cases/:id/history.csv',
    {
      config: { roles: HISTORY_READERS },
      schema: {
        tags: ['legal'],
        summary: "The case's timeline as CSV (RFC 4180), one row per entry",
        params: CaseIdParams,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...errors },
      },
    },
    async (request, reply) => {
      const history = await buildCaseHistory(app.deps, request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="case-${history.case.id}-history.csv"`)
        .send(historyToCsv(history));
    },
  );

  app.get(
    '/cases/:id/dossier.pdf',
    {
      config: { roles: HISTORY_READERS },
      schema: {
        tags: ['legal'],
        summary: "The case's dossier as PDF: the case, the rule set's standing, deadlines with explanations, decisions, evidence, timeline",
        params: CaseIdParams,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }), ...errors },
      },
    },
    async (request, reply) => {
      const history = await buildCaseHistory(app.deps, request.params.id);
      const pdf = await renderDossierPdf(history, { generatedAt: app.deps.now(), generatedBy: request.principal.subject });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="case-${history.case.id}-dossier.pdf"`)
        .send(pdf);
    },
  );
};
