// What every answer of the API guards, whatever the route: security headers, a body size limit,
// 405 with Allow for a method a known path does not have, failed authentication limited per
// client address, the tokens not kept in the app, and error bodies that name nothing internal.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp, JSON_BODY_LIMIT_BYTES, type App } from '../api/app.js';
import { createDb, type DbHandle } from '../db/client.js';
import { bearer, TEST_TOKENS } from './helpers/tokens.js';

let app: App;
let db: DbHandle;
let connection: Connection;

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  app = await buildApp({
    db,
    temporal: { client: new Client({ connection }), taskQueue: `hardening-${randomUUID()}` },
    tokens: TEST_TOKENS,
    providerTimeZone: 'America/New_York',
    authFailureLimit: { max: 3, windowMs: 60_000 },
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
  await db?.close();
});

describe('API hardening', () => {
  it('sends security headers on answers, errors included', async () => {
    for (const res of [
      await app.inject({ method: 'GET', url: '/v1/cases', headers: bearer('legal') }),
      await app.inject({ method: 'GET', url: '/v1/cases' }),
      await app.inject({ method: 'GET', url: '/no/such/path' }),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a body over the limit with 413, naming no internals', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: { ...bearer('case_handler'), 'content-type': 'application/json' },
      payload: JSON.stringify({ requestReference: 'x'.repeat(JSON_BODY_LIMIT_BYTES + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, code: 'request.too_large' });
    expect(res.body).not.toMatch(/FST_|fastify|stack|node_modules/i);
  });

  it('answers 405 with Allow for a method a known path does not have, 404 for an unknown path', async () => {
    for (const method of ['TRACE', 'QUERY', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({ method: method as 'GET', url: '/v1/cases', headers: bearer('legal') });
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.json()).toMatchObject({ status: 405, code: 'method.not_allowed' });
    }
    const withParam = await app.inject({ method: 'PUT', url: `/v1/cases/${randomUUID()}/decisions`, headers: bearer('legal') });
    expect(withParam.statusCode).toBe(405);
    expect(withParam.headers.allow).toMatch(/POST/);
    expect((await app.inject({ method: 'TRACE', url: '/v1/no-such-thing' })).statusCode).toBe(404);
  });

  it('limits failed authentication per client address, then refuses even a good token from it', async () => {
    const from = (remoteAddress: string, authorization: string) => app.inject({ method: 'GET', url: '/v1/cases', remoteAddress, headers: { authorization } });
    const guesser = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await from(guesser, `Bearer wrong-guess-${i}-000000`)).statusCode).toBe(401);
    const locked = await from(guesser, 'Bearer wrong-guess-4-000000');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json()).toMatchObject({ code: 'auth.too_many_failures' });
    expect((await from(guesser, bearer('legal').authorization)).statusCode).toBe(429);
    // Another address, and calls without any token, are not affected.
    expect((await from('203.0.113.8', bearer('legal').authorization)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz', remoteAddress: guesser })).statusCode).toBe(200);
  });

  it('keeps no API token in the app: only the authentication plugins hold their digests', () => {
    expect(app.deps.tokens).toEqual([]);
    const { db: _db, temporal: _temporal, ...plain } = app.deps;
    const everything = JSON.stringify(plain);
    for (const t of TEST_TOKENS) expect(everything).not.toContain(t.token);
  });
});
