import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pingDb } from '../../../db/client.js';
import { RETRY_AFTER_SECONDS } from '../../plugins/errors.js';

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });

async function pingTemporal(app: Parameters<FastifyPluginAsyncTypebox>[0], timeoutMs = 2000) {
  try {
    const connection = app.deps.temporal.client.connection;
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({}));
    return { ok: true };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'The API process is alive', security: [], response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    },
    async () => ({ ok: true }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'PostgreSQL and Temporal both answer',
        security: [],
        response: {
          200: Type.Object({ ok: Type.Boolean(), postgres: Check, temporal: Check }),
          503: Type.Object({ ok: Type.Boolean(), postgres: Check, temporal: Check }),
        },
      },
    },
    async (_request, reply) => {
      const [postgresOk, temporal] = await Promise.all([pingDb(app.deps.db.sql), pingTemporal(app)]);
      const postgres = postgresOk ? { ok: true } : { ok: false, detail: 'PostgreSQL did not answer' };
      const ok = postgres.ok && temporal.ok;
      if (!ok) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.status(ok ? 200 : 503).send({ ok, postgres, temporal });
    },
  );
};
