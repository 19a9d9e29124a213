// PostgreSQL text cannot hold NUL characters; a request carrying one would fail deep in a query
// with a 500. Refuse it up front, naming the field, before anything is stored.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { badInput } from '../errors.js';

function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return `${path}.${key.replace(/\u0000/g, '\\0')}`;
    const found = findNul(child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export const inputHygienePlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const parts = { params: request.params, querystring: request.query, body: request.body, headers: { 'idempotency-key': request.headers['idempotency-key'] } };
    for (const [part, value] of Object.entries(parts)) {
      const field = findNul(value, part);
      if (field) throw badInput(field, 'must not contain NUL characters');
    }
  });
});
