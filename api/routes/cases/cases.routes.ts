import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  appendCaseEvent,
  getCaseById,
  listCaseEvents,
  listCases,
  setCaseAssignee,
} from '../../../db/queries/cases.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import { AppError, notFound } from '../../errors.js';
import { toCaseDto, toCaseEventDto } from './case-dto.js';
import { caseLinks } from './case-links.js';
import { caseOrNotFound } from './case-or-not-found.js';
import { caseAnnotationsSummary } from '../case-notes/case-notes.usecases.js';
import {
  AssignmentBody,
  CaseEventSchema,
  CaseIdParams,
  CaseSchema,
  DecisionBody,
  DecisionResultSchema,
  ListCasesQuery,
  ListEventsQuery,
  ProblemSchema,
} from './cases.schemas.js';
import { DECISIONS_BY_CASE_TYPE, DecisionBodyByCaseType } from './decision-docs.js';
import { precheckDecision, recordingRefusals, refuseReusedIdempotencyKey, sendDecision } from './decisions.js';
import { caseConfirmed } from '../start-case.js';
import { refuseUnknownCaseFilters } from './case-filters.js';
import { DECIDING_ROLES } from '../../../workflows/kit/actors.js';
import { caseTypeOf } from '../../../workflows/obligations.js';
import { PageOf } from '../../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        operationId: 'listCases',
        summary: 'List cases of every obligation, newest first',
        querystring: ListCasesQuery,
        response: { 200: PageOf(CaseSchema), ...errors },
      },
    },
    async (request) => {
      refuseUnknownCaseFilters(request.query);
      const { cursor, dueBefore, ...filter } = request.query;
      const page = await listCases(app.deps.db.db, { ...filter, ...(dueBefore ? { dueBefore: new Date(dueBefore) } : {}), ...afterCursor(cursor) });
      return pageAnswer(page, toCaseDto);
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: { tags: ['cases'], operationId: 'getCase', summary: 'One case', params: CaseIdParams, response: { 200: CaseSchema, ...errors } },
      links: { 200: caseLinks('$request.path.id', ['getCase']) },
    },
    async (request) => {
      const row = await caseOrNotFound(app.deps.db.db, request.params.id);
      return { ...toCaseDto(row), ...(await caseAnnotationsSummary(app.deps.db.db, row.id)) };
    },
  );

  app.get(
    '/cases/:id/events',
    {
      schema: {
        tags: ['cases'],
        operationId: 'listCaseEvents',
        summary: "The case's append-only history, oldest first",
        params: CaseIdParams,
        querystring: ListEventsQuery,
        response: { 200: PageOf(CaseEventSchema), ...errors },
      },
    },
    async (request) => {
      const row = await caseOrNotFound(app.deps.db.db, request.params.id);
      const page = await listCaseEvents(app.deps.db.db, {
        caseId: row.id,
        limit: request.query.limit,
        ...(request.query.cursor ? { afterId: Number(request.query.cursor) } : {}),
      });
      return { items: page.items.map(toCaseEventDto), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/cases/:id/assignment',
    {
      config: { roles: ['case_handler', 'reviewer', 'admin'] },
      schema: {
        tags: ['cases'],
        operationId: 'assignCase',
        summary: 'Assign the case to a handler (or unassign it)',
        params: CaseIdParams,
        body: AssignmentBody,
        response: { 200: CaseSchema, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const db = app.deps.db.db;
      // The assignee and the event that records who assigned it change together.
      const row = await db.transaction(async (tx) => {
        if (!(await setCaseAssignee(tx, { caseId: id, assignee: request.body.assignee }))) return undefined;
        await appendCaseEvent(tx, {
          caseId: id,
          eventKey: `api:assignment:${randomUUID()}`,
          type: 'case.assigned',
          occurredAt: app.deps.now(),
          actor: request.principal.subject,
          data: { assignee: request.body.assignee },
        });
        return getCaseById(tx, { id });
      });
      if (!row) throw notFound('case', id);
      return toCaseDto(row);
    },
  );

  app.post(
    '/cases/:id/decisions',
    {
      // The body is validated generically here and per case type by the registry's schemas (the
      // same the workflow uses); the OpenAPI document shows the per-type shapes.
      config: { roles: DECIDING_ROLES, openapiBody: DecisionBodyByCaseType },
      schema: {
        tags: ['cases'],
        operationId: 'decideCase',
        summary: "Decide on a case: routed to the case workflow's Update; refused with 409 when the case is not in a state that accepts it",
        description:
          'Send an Idempotency-Key header to make a retry safe: the same key with the same decision returns the first answer; ' +
          'the same key with another decision, reason, parameters or decider is refused with 409 (idempotency.key_reused). ' +
          'A refused decision changes nothing: 409 when the case is not in a state that takes it, 400 naming the field ' +
          'when it is malformed, 403 when the role or the four-eyes rule forbids it. One refusal has a consequence of its own: ' +
          'a decision that would open an account (open, open-interim, monitor on a customer-identification case) while a ' +
          'special measure in force prohibits it is refused with 409 (special_measure.prohibited, naming the measure and its ' +
          'citation), and the case then ends as `prohibited`, as an application arriving after the measure would. `GET /v1/case-types` lists every ' +
          "decision with the JSON Schema of its `params`; a case's `decisionsNow` says which it accepts now.\n\nDecisions by case type:\n" +
          DECISIONS_BY_CASE_TYPE,
        params: CaseIdParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: DecisionBody,
        response: { 200: DecisionResultSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (request) => {
      const row = await caseOrNotFound(app.deps.db.db, request.params.id);
      const decision = {
        decision: request.body.decision,
        ...(request.body.reason !== undefined ? { reason: request.body.reason } : {}),
        ...(request.body.params !== undefined ? { params: request.body.params } : {}),
        actor: { subject: request.principal.subject, role: request.principal.role },
      };
      const caseType = caseTypeOf(row.type);
      const key = request.headers['idempotency-key'];
      // A reused key is the client's mistake, not a decision the case refused: answered, not recorded.
      const claim = key !== undefined ? await refuseReusedIdempotencyKey(app.deps.db.db, row.id, key, decision) : 'first';
      // An identical retry goes to the workflow even when the decision it repeats closed the case:
      // Temporal answers a known Update id with the first outcome, so a client whose answer was lost
      // learns that its decision was taken instead of reading "closed".
      if (claim !== 'same') {
        if (row.closedAt) throw new AppError('decision.case_closed', 409, `case ${row.id} is closed (${row.status})`);
        if (!(await caseConfirmed(app.deps.db.db, row))) {
          throw new AppError('decision.case_opening', 409, `case ${row.id} is still being opened by its workflow (no worker has run it yet); retry in a moment`);
        }
      }
      return recordingRefusals(app.deps.db.db, row.id, request.principal.subject, request.body.decision, app.deps.now, async () => {
        if (caseType) precheckDecision(caseType, decision);
        return sendDecision(app.deps.temporal.client, row.workflowId, decision, key);
      });
    },
  );
};
