// Special measures: recorded by legal or an admin from the Federal Register, read by anyone on
// the desk. `?activeAt=` answers which measures are in force at an instant.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLES } from '../../../config.js';
import { getSpecialMeasure, listSpecialMeasures } from '../../../db/queries/special-measures.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import { assertJurisdiction } from '../../../rules/index.js';
import { notFound } from '../../errors.js';
import { ProblemSchema } from '../cases/cases.schemas.js';
import { toSpecialMeasureDetailDto, toSpecialMeasureDto } from './special-measure-dto.js';
import { createSpecialMeasure } from './special-measures.usecases.js';
import {
  CreateSpecialMeasureBody,
  ListSpecialMeasuresQuery,
  SpecialMeasureDetailSchema,
  SpecialMeasureIdParams,
  SpecialMeasureSchema,
} from './special-measures.schemas.js';
import { PageOf } from '../../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } as const;
/** Determinations come from the Federal Register: legal records them (admins too). */
const RECORDERS = ['admin', 'legal'] as const;

export const specialMeasureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/special-measures',
    {
      config: { roles: RECORDERS },
      schema: {
        tags: ['special-measures'],
        summary: 'Record a special measure (a prohibition or conditions against a jurisdiction or a designated foreign person)',
        description:
          'The implementation date (end of the phase-in) and the expiry are computed by the current rule set in the provider\'s time zone, with their explanations. ' +
          'A repeat of the same Federal Register citation against the same target answers 200 with the measure already recorded.',
        body: CreateSpecialMeasureBody,
        response: { 200: SpecialMeasureSchema, 201: SpecialMeasureSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { created, record } = await createSpecialMeasure(app.deps, request.principal, request.body);
      return reply
        .status(created ? 201 : 200)
        .header('location', `/v1/special-measures/${record.measure.id}`)
        .send(toSpecialMeasureDto(record, app.deps.now()));
    },
  );

  app.get(
    '/special-measures',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['special-measures'],
        summary: 'List special measures, newest issuance first; `activeAt` keeps those in force at that instant',
        querystring: ListSpecialMeasuresQuery,
        response: { 200: PageOf(SpecialMeasureSchema), ...errors },
      },
    },
    async (request) => {
      const { cursor, activeAt, jurisdiction, ...filter } = request.query;
      const page = await listSpecialMeasures(app.deps.db.db, {
        ...filter,
        ...(jurisdiction ? { jurisdiction: assertJurisdiction(jurisdiction, 'querystring.jurisdiction') } : {}),
        ...(activeAt ? { activeAt: new Date(activeAt) } : {}),
        ...afterCursor(cursor),
      });
      const now = app.deps.now();
      return pageAnswer(page, (record) => toSpecialMeasureDto(record, now));
    },
  );

  app.get(
    '/special-measures/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['special-measures'],
        summary: 'A special measure with its extensions, revocation and status history',
        params: SpecialMeasureIdParams,
        response: { 200: SpecialMeasureDetailSchema, ...errors },
      },
    },
    async (request) => {
      const detail = await getSpecialMeasure(app.deps.db.db, { id: request.params.id });
      if (!detail) throw notFound('special_measure', request.params.id);
      return toSpecialMeasureDetailDto(detail, app.deps.now());
    },
  );
};
