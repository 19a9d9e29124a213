import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { currentCipVersion, getResellerById } from '../../../db/queries/resellers.js';
import { CURRENT_RULE_SET_ID, computeDeadline, getRuleSet } from '../../../rules/index.js';
import { badInput } from '../../errors.js';
import { toCaseDto } from '../cases/case-dto.js';
import { caseLinks } from '../cases/case-links.js';
import { CaseSchema, ProblemSchema } from '../cases/cases.schemas.js';
import { refuseWhatTheRulesRefuse, recordedInstant } from '../rule-input.js';
import { startCaseWorkflow } from '../start-case.js';
import { CipTransmissionRequestBody } from './cip-transmission.schemas.js';

export const cipTransmissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cip-transmission-requests',
    {
      config: { roles: ['case_handler', 'admin'] },
      schema: {
        tags: ['cip-transmission'],
        operationId: 'createCipTransmissionRequest',
        summary: "Record Commerce's request for a CIP; opens a case due by the rule set's transmission deadline",
        description:
          '`receivedAt` must not be in the future and must lie in a year the rules count in (1000-9999); the deadline is computed ' +
          'before anything starts, so a request the rules cannot count from is refused with 400 naming the field. ' +
          'The case is recorded with its start in one transaction and answered at once (201); its workflow confirms it ' +
          'in its first task. 202 (accepted, the case not visible yet) only while the database cannot be reached: ' +
          'Temporal holds the request and the case appears when the workflow has written it.',
        body: CipTransmissionRequestBody,
        response: {
          201: CaseSchema,
          202: Type.Object({ caseId: Type.String(), status: Type.Literal('starting') }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          409: ProblemSchema,
        },
      },
      links: { 201: caseLinks('$response.body#/id'), 202: caseLinks('$response.body#/caseId') },
    },
    async (request, reply) => {
      const { requestReference, cipOwner, receivedAt } = request.body;
      recordedInstant(app.deps, receivedAt, 'body.receivedAt');
      // The deadline the workflow will compute first: a request it cannot count from is refused here.
      const deadline = refuseWhatTheRulesRefuse(
        () =>
          computeDeadline({
            obligation: 'cip-transmission',
            ruleSet: getRuleSet(CURRENT_RULE_SET_ID),
            startedAt: new Date(receivedAt),
            timeZone: app.deps.providerTimeZone,
          }),
        { startedAt: 'body.receivedAt' },
      );
      if (cipOwner.type === 'foreign-reseller' && !(await getResellerById(app.deps.db.db, { id: cipOwner.resellerId }))) {
        throw badInput('body.cipOwner.resellerId', `no reseller ${cipOwner.resellerId} is registered (POST /v1/resellers first)`);
      }
      // A reseller whose CIP is not on file is asked for it first (the workflow's own rule).
      const askReseller = cipOwner.type === 'foreign-reseller' && !(await currentCipVersion(app.deps.db.db, { owner: cipOwner, at: app.deps.now() }));
      const { caseId, case: row } = await startCaseWorkflow({
        client: app.deps.temporal.client,
        db: app.deps.db.db,
        taskQueue: app.deps.temporal.taskQueue,
        caseType: 'cip-transmission',
        businessId: requestReference,
        describe: `CIP request ${requestReference}`,
        // The case as the workflow opens it; the workflow adds what it finds on file (the CIP
        // version, the reseller's deadline) in its first task.
        recorded: {
          status: askReseller ? 'awaiting-reseller-cip' : 'awaiting-transmission',
          subjectType: cipOwner.type === 'provider' ? 'provider-cip' : 'foreign-reseller',
          subjectId: cipOwner.type === 'provider' ? 'provider' : cipOwner.resellerId,
          ruleSetId: CURRENT_RULE_SET_ID,
          openedAt: new Date(receivedAt),
          dueAt: deadline.dueAt,
          details: { requestReference, cipOwner, dueDate: deadline.dueDate, deadlineExplanation: [...deadline.explanation] },
        },
        args: (id) => [{
          caseId: id,
          requestReference,
          cipOwner,
          requestReceivedAt: new Date(receivedAt).toISOString(),
          ruleSetId: CURRENT_RULE_SET_ID,
          timeZone: app.deps.providerTimeZone,
          openedBy: request.principal.subject,
        }],
      });
      if (!row) return reply.status(202).header('location', `/v1/cases/${caseId}`).send({ caseId, status: 'starting' as const });
      return reply.status(201).header('location', `/v1/cases/${caseId}`).send(toCaseDto(row));
    },
  );
};
