// Commerce's compliance assessments, audits and transaction reviews: opening one starts its
// case; the list and one assessment with its deficiencies, recommendations (each with its
// outcome) and resubmission; evidence documents for the remediation. Findings, outcomes and the
// resubmission are decisions on the case (`POST /v1/cases/{id}/decisions`).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../config.js';
import { listComplianceAssessments } from '../../../db/queries/compliance-assessments.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import { ProblemSchema } from '../cases/cases.schemas.js';
import { sendDocument } from '../documents/download.js';
import {
  AssessmentDetailSchema,
  AssessmentIdParams,
  AssessmentPageSchema,
  AssessmentSchema,
  EvidenceParams,
  EvidenceSchema,
  ListAssessmentsQuery,
  OpenAssessmentBody,
} from './compliance-assessments.schemas.js';
import {
  openComplianceAssessment,
  readAssessmentEvidenceContent,
  readComplianceAssessment,
  recordAssessmentEvidence,
  toAssessmentDto,
} from './compliance-assessments.usecases.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } as const;
/** Who opens an assessment and uploads evidence: handlers, legal and admins. */
const RECORDERS = ['case_handler', 'legal', 'admin'] as const;
const Bytes = Type.String({ format: 'binary', description: 'exactly the stored bytes, in the content type they were uploaded with' });

export const complianceAssessmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/compliance-assessments',
    {
      config: { roles: RECORDERS },
      schema: {
        tags: ['compliance-assessments'],
        summary: "Open a case for Commerce's assessment, audit or transaction review of a CIP",
        description:
          "The case waits for Commerce's findings (decision `record-findings`), which start the rule set's remediation period. A repeat of the same kind and reference answers 200 with the assessment already recorded; the same kind and reference with another CIP, notice time or description is a 409.",
        body: OpenAssessmentBody,
        response: { 200: AssessmentSchema, 201: AssessmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { created, assessment } = await openComplianceAssessment(app.deps, request.principal, request.body);
      return reply.status(created ? 201 : 200).header('location', `/v1/compliance-assessments/${assessment.id}`).send(assessment);
    },
  );

  app.get(
    '/compliance-assessments',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['compliance-assessments'],
        summary: 'List compliance assessments, newest first; filters by kind, status, reseller and missed remediation deadline',
        querystring: ListAssessmentsQuery,
        response: { 200: AssessmentPageSchema, ...errors },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      return pageAnswer(await listComplianceAssessments(app.deps.db.db, { ...filter, ...afterCursor(cursor) }), toAssessmentDto);
    },
  );

  app.get(
    '/compliance-assessments/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['compliance-assessments'],
        summary: 'An assessment with its deficiencies, each recommendation and its outcome, the evidence and the CIP resubmission',
        params: AssessmentIdParams,
        response: { 200: AssessmentDetailSchema, ...errors },
      },
    },
    async (request) => readComplianceAssessment(app.deps, request.params.id),
  );

  app.post(
    '/compliance-assessments/:id/evidence',
    {
      config: { roles: RECORDERS },
      schema: {
        tags: ['compliance-assessments'],
        summary: "Upload a document as evidence for the assessment's remediation (multipart: `file`, optional `label`)",
        description: 'A `resolve-recommendation` decision may then name it as `params.evidenceDocumentId`.',
        consumes: ['multipart/form-data'],
        params: AssessmentIdParams,
        response: { 201: EvidenceSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await recordAssessmentEvidence(app.deps, request.principal, request.params.id, request)),
  );

  app.get(
    '/compliance-assessments/:id/evidence/:documentId/content',
    {
      config: { roles: ROLES },
      schema: { tags: ['compliance-assessments'], summary: 'Download an evidence document: the stored bytes', params: EvidenceParams, response: { 200: Bytes, ...errors } },
    },
    async (request, reply) => {
      const document = await readAssessmentEvidenceContent(app.deps, request.params.id, request.params.documentId);
      return sendDocument(reply, document, `assessment-evidence-${document.id}`);
    },
  );
};
