// Every route the API registers, tried with no token (401), with each role it does not admit
// (403) and with each role it admits (neither), so that a new route cannot slip through
// unguarded. Routes are read from the app itself (app.routeAccess, recorded as routes
// register): a route added later is walked without touching this file. Convention: a route
// that is not a read states its roles in `config: { roles: [...] }` (ROLES when every role
// may); a read without `roles` is open to every authenticated role; a public route has
// `config: { public: true }` and is listed in PUBLIC_ROUTES below.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp, type App } from '../api/app.js';
import { ROLES, type Role } from '../config.js';
import { createDb, type DbHandle } from '../db/client.js';
import { bearer } from './helpers/tokens.js';
import { TEST_TOKENS } from './helpers/tokens.js';

/** The routes served without a token, on purpose. Nothing else may answer an anonymous caller. */
const PUBLIC_ROUTES = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /openapi.json',
  // Swagger UI and its static files.
  'GET /docs',
  'GET /docs/static/index.html',
  'GET /docs/static/swagger-initializer.js',
  'GET /docs/json',
  'GET /docs/yaml',
  'GET /docs/static/*',
  // The desk's page shell, its static assets and its sign-in (which takes an API token).
  'GET /desk',
  'GET /desk/*',
  'GET /desk/assets/*',
  'GET /desk/sign-in',
  'POST /desk/sign-in',
]);

let app: App;
let db: DbHandle;
let connection: Connection;

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  app = await buildApp({ db, temporal: { client: new Client({ connection }), taskQueue: `route-access-${randomUUID()}` }, tokens: TEST_TOKENS, providerTimeZone: 'America/New_York' });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
  await db?.close();
});

/** A concrete URL for a route pattern: every path parameter becomes a fresh UUID. */
const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, () => randomUUID()).replace(/\*$/, 'x');

async function call(method: string, url: string, headers: Record<string, string> = {}) {
  const withBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method);
  const response = await app.inject({
    method: method as 'GET',
    url: concrete(url),
    headers: withBody ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(withBody ? { payload: '{}' } : {}),
  });
  return response.statusCode;
}

const routes = () => app.routeAccess.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');

describe('every registered route is guarded by role', () => {
  it('finds the routes (the walk is not vacuous)', () => {
    const names = routes().map((r) => `${r.method} ${r.url}`);
    expect(names).toContain('POST /v1/cip-transmission-requests');
    expect(names).toContain('GET /v1/cases');
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it('lists only registered routes as public', () => {
    const names = new Set(app.routeAccess.map((r) => `${r.method} ${r.url}`));
    expect([...PUBLIC_ROUTES].filter((name) => !names.has(name))).toEqual([]);
  });

  it('answers an anonymous caller only on the public allow-list', async () => {
    const wrong: string[] = [];
    for (const route of routes()) {
      const name = `${route.method} ${route.url}`;
      const status = await call(route.method, route.url);
      if (PUBLIC_ROUTES.has(name) && status === 401) wrong.push(`${name} is on the public allow-list but asks for a token`);
      if (!PUBLIC_ROUTES.has(name) && status !== 401) wrong.push(`${name} answered ${status} without a token (add config.roles, or list it as public here)`);
    }
    expect(wrong).toEqual([]);
  });

  it('states its roles on every route that changes something, refuses every other role (403) and admits each of its own', async () => {
    const wrong: string[] = [];
    for (const route of routes()) {
      const name = `${route.method} ${route.url}`;
      if (PUBLIC_ROUTES.has(name)) continue;
      // A read may leave config.roles out: every authenticated role may then read. Anything
      // else must say who may do it (ROLES from config.ts when truly everyone may).
      if (route.method !== 'GET' && (!route.roles || route.roles.length === 0)) {
        wrong.push(`${name} states no roles: add config: { roles: [...] } to the route`);
        continue;
      }
      const roles = route.roles ?? ROLES;
      for (const role of ROLES) {
        const status = await call(route.method, route.url, bearer(role as Role));
        const admitted = roles.includes(role);
        if (!admitted && status !== 403) wrong.push(`${name} answered ${status} to ${role}, which it does not admit`);
        if (admitted && (status === 401 || status === 403)) wrong.push(`${name} answered ${status} to ${role}, which it admits`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
