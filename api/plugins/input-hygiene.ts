// Input that PostgreSQL or a lawyer could not read faithfully is refused up front, naming the
// field, before anything is stored:
// - a JSON body that is not valid UTF-8 (decoded leniently it would reach the legal record as
//   replacement characters, no longer what the client sent);
// - NUL characters, which PostgreSQL text cannot hold (a query would fail with a 500);
// - other control characters than tabs and line breaks (a bell, an escape sequence), which would
//   not read back in the legal record, the CSV or the dossier as the client wrote them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { badInput } from '../errors.js';

const NUL = /\u0000/;
// C0 controls but tab, line feed and carriage return; DEL.
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function findMatch(pattern: RegExp, value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return pattern.test(value) ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (pattern.test(key)) return `${path}.${JSON.stringify(key).slice(1, -1)}`;
    const found = findMatch(pattern, child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const inputHygienePlugin = fp(async (app: FastifyInstance) => {
  // Fastify's own JSON parser (prototype-poisoning checks included), fed only bodies that
  // decode as UTF-8 without a single replacement.
  // Fastify's default parser is the callback kind of body parser; its type is the union of both kinds.
  const parseJson = app.getDefaultJsonParser('error', 'error') as (request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void) => void;
  // No route reads plain text: a JSON body sent as text/plain is a client's mistake, answered
  // 415 naming the content type rather than 400 on a body that was never parsed.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(badInput('body', 'is not valid UTF-8'), undefined);
      return;
    }
    parseJson(request, text, done);
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    const parts = { params: request.params, querystring: request.query, body: request.body, headers: { 'idempotency-key': request.headers['idempotency-key'] } };
    for (const [part, value] of Object.entries(parts)) {
      const field = findMatch(NUL, value, part);
      if (field) throw badInput(field, 'must not contain NUL characters');
    }
    for (const [part, value] of Object.entries(parts)) {
      const field = findMatch(CONTROL, value, part);
      if (field) throw badInput(field, 'must not contain control characters (other than tabs and line breaks)');
    }
  });
});
