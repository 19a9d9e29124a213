// Irregular updates: a handler records a significant change and the case opens, due within the
// rule set's period of the change. (A change of a CIP contact recorded through the API opens one
// on its own: see provider-settings and resellers.)
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getResellerById } from '../../../db/queries/resellers.js';
import { IRREGULAR_CHANGE_KINDS } from '../../../workflows/irregular-update/case-type.js';
import { AppError, badInput } from '../../errors.js';
import { ClockInstant } from '../../schemas.js';
import { toCaseDto } from '../cases/case-dto.js';
import { caseLinks } from '../cases/case-links.js';
import { CaseSchema, ProblemSchema } from '../cases/cases.schemas.js';
import { openIrregularUpdate } from './irregular-updates.usecases.js';
import { recordedInstant } from '../rule-input.js';

const IrregularUpdateBody = Type.Object(
  {
    changeKind: Type.String({ enum: [...IRREGULAR_CHANGE_KINDS], description: 'what changed' }),
    occurredAt: ClockInstant('when the change occurred; the clock starts here'),
    description: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'what changed, without personal data' }),
    resellerId: Type.Optional(Type.String({ format: 'uuid', description: "a foreign reseller's change (its CIP contact, its CIP); default the provider's own" })),
    changeReference: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}$', description: 'your reference for the change: a repeat with it answers 200 with the same case; the same reference for another change (kind, time, description) is a 409. Without it the change is known by its kind and instant: a repeat answers 200 with the same case, and one with another description is a 409' }),
    ),
  },
  { additionalProperties: false },
);

export const irregularUpdateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/irregular-updates',
    {
      config: { roles: ['case_handler', 'legal', 'admin'] },
      schema: {
        tags: ['certification'],
        operationId: 'createIrregularUpdate',
        summary: "Record a significant change (or a change of CIP contact); opens an irregular-update case due by the rule set's period",
        body: IrregularUpdateBody,
        response: {
          200: CaseSchema,
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
      const body = request.body;
      recordedInstant(app.deps, body.occurredAt, 'body.occurredAt');
      if (body.resellerId) {
        const reseller = await getResellerById(app.deps.db.db, { id: body.resellerId });
        if (!reseller) throw badInput('body.resellerId', `no reseller ${body.resellerId} is registered (POST /v1/resellers first)`);
        // A change at a reseller after the provider terminated it concerns no certification of the provider's.
        if (reseller.status === 'terminated' && reseller.statusChangedAt && new Date(body.occurredAt) > reseller.statusChangedAt) {
          throw new AppError('reseller.terminated', 409, `reseller ${body.resellerId} was terminated on ${reseller.statusChangedAt.toISOString()}; a change after that is no change of the provider's reseller`, [
            { field: 'body.occurredAt', message: `is after the reseller's termination (${reseller.statusChangedAt.toISOString()})` },
          ]);
        }
      }
      const opened = await openIrregularUpdate(app.deps, request.principal, { ...body, changeKind: body.changeKind as (typeof IRREGULAR_CHANGE_KINDS)[number] });
      reply.header('location', `/v1/cases/${opened.caseId}`);
      if (!opened.case) return reply.status(202).send({ caseId: opened.caseId, status: 'starting' as const });
      return reply.status(opened.created ? 201 : 200).send(toCaseDto(opened.case));
    },
  );
};
