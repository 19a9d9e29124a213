// Large-AI-model training transactions. Handlers stay a few lines: the work is in
// ai-training.usecases.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLES } from '../../../workflows/kit/actors.js';
import { listAiTrainingTransactions } from '../../../db/queries/ai-training.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import {
  HANDLERS,
  errors,
  AiTrainingTransactionSchema,
  CreateAiTrainingTransactionBody,
  CreatedAiTrainingTransaction,
  ListAiTrainingTransactionsQuery,
  TransactionIdParams,
} from './ai-training.schemas.js';
import { createAiTrainingTransaction, readAiTrainingTransaction, toTransactionDto } from './ai-training.usecases.js';
import { PageOf } from '../../schemas.js';

export const aiTrainingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/ai-training-transactions',
    {
      config: { roles: HANDLERS },
      schema: {
        tags: ['ai-training-reports'],
        summary: "Record a foreign person's (possibly) covered large-AI-model training transaction; opens its report case",
        description:
          'The run is judged by the rules (EO 14110 sec. 4.2(c)(iii) under NPRM-2024) before anything is stored: a run that is not covered ' +
          'is refused with 422 unless `belowThresholdReason` says why a case is opened anyway. Idempotent on `externalReference`: a repeat ' +
          'answers 200 with the first transaction.',
        body: CreateAiTrainingTransactionBody,
        response: { 200: CreatedAiTrainingTransaction, 201: CreatedAiTrainingTransaction, 202: CreatedAiTrainingTransaction, ...errors },
      },
    },
    async (request, reply) => {
      const { created, body } = await createAiTrainingTransaction(app.deps, request.principal, request.body);
      const status = created ? (body.case ? 201 : 202) : 200;
      return reply.status(status).header('location', `/v1/ai-training-transactions/${body.transaction.id}`).send(body);
    },
  );

  app.get(
    '/ai-training-transactions',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['ai-training-reports'],
        summary: 'Covered (and handler-opened) AI training transactions, newest first',
        querystring: ListAiTrainingTransactionsQuery,
        response: { 200: PageOf(AiTrainingTransactionSchema), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      return pageAnswer(await listAiTrainingTransactions(app.deps.db.db, { filters, limit, ...afterCursor(cursor) }), toTransactionDto);
    },
  );

  app.get(
    '/ai-training-transactions/:id',
    {
      config: { roles: ROLES },
      schema: {
        tags: ['ai-training-reports'],
        summary: 'One AI training transaction, with its coverage finding and its report case',
        params: TransactionIdParams,
        response: { 200: CreatedAiTrainingTransaction, ...errors },
      },
    },
    async (request) => readAiTrainingTransaction(app.deps, request.params.id),
  );
};
