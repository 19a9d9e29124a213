import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CASE_TYPES } from '../../../workflows/obligations.js';
import { ProblemSchema } from '../../errors.js';
import { toCaseTypeDto } from './case-type-dto.js';
import { CaseTypeSchema } from './case-types.schemas.js';

const items = CASE_TYPES.map(toCaseTypeDto);

export const caseTypeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/case-types',
    {
      schema: {
        tags: ['cases'],
        summary: 'Every case type: its statuses, and its decisions with the JSON Schema of their parameters',
        response: { 200: Type.Object({ items: Type.Array(CaseTypeSchema) }), 401: ProblemSchema },
      },
    },
    async () => ({ items }),
  );
};
