// The OpenAPI document states what the server enforces. The app is built without servers: every
// request here is refused by validation before a handler could reach PostgreSQL or Temporal.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKENS, bearer } from '../test/helpers/tokens.js';
import { buildApp, type App } from './app.js';
import type { AppDeps } from './deps.js';

let app: App;
type Doc = {
  paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[]; requestBody?: { content: Record<string, { schema: Record<string, any> }> }; responses: Record<string, { links?: Record<string, { operationId: string; parameters: Record<string, string> }> }> }>>;
};
let doc: Doc;

beforeAll(async () => {
  const unreachable = new Proxy({}, { get: () => { throw new Error('no server in this test'); } });
  app = await buildApp({ db: unreachable, temporal: { client: unreachable, taskQueue: 'none' }, tokens: TEST_TOKENS, providerTimeZone: 'America/New_York' } as unknown as AppDeps);
  await app.ready();
  doc = app.swagger() as unknown as Doc;
});
afterAll(async () => {
  await app?.close();
});

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: bearer('case_handler'), payload });
const fieldsOf = (res: { json(): { errors?: { field: string; message: string }[] } }) => res.json().errors ?? [];
const query = (path: string, method: string, name: string) => doc.paths[path]![method]!.parameters!.find((p) => p.in === 'query' && p.name === name)!;

const owner = (ownershipPercent: number | string) => ({
  kind: 'entity',
  externalReference: `ref-${randomUUID()}`,
  beneficialOwners: [{ usCitizen: false, ownershipPercent }],
});

describe('OpenAPI states the rules the server enforces', () => {
  it('documents list limits as optional and cursors by their shape', () => {
    for (const path of ['/v1/cases', '/v1/customers', '/v1/cases/{id}/events']) {
      expect(query(path, 'get', 'limit').required ?? false).toBe(false);
      expect(query(path, 'get', 'cursor').schema.pattern).toBeTypeOf('string');
    }
    expect(new RegExp(query('/v1/cases', 'get', 'cursor').schema.pattern as string).test(Buffer.from(JSON.stringify({ at: new Date().toISOString(), id: randomUUID() })).toString('base64url'))).toBe(true);
  });

  it('says which instants must not be in the future, and which years a clock can start in', () => {
    const cip = doc.paths['/v1/cip-transmission-requests']!.post!.requestBody!.content['application/json']!.schema;
    expect(cip.properties.receivedAt.description).toMatch(/Not in the future/);
    expect(cip.properties.receivedAt.pattern).toBe('^[1-9][0-9]{3}-');
    const closure = doc.paths['/v1/accounts/{id}/closure']!.post!.requestBody!.content['application/json']!.schema;
    expect(closure.properties.closedAt.description).toMatch(/Not in the future/);
    const verification = doc.paths['/v1/customers/{id}/verifications']!.post!.requestBody!.content['application/json']!.schema;
    expect(verification.properties.performedAt.description).toMatch(/Not in the future/);
  });

  it('gives IP addresses their formats and percentages their 6 decimals', () => {
    const body = doc.paths['/v1/customers/{id}/ip-accesses']!.post!.requestBody!.content['application/json']!.schema;
    expect(body.properties.accesses.items.properties.ip.anyOf).toEqual([{ format: 'ipv4' }, { format: 'ipv6' }]);
    const customer = doc.paths['/v1/customers']!.post!.requestBody!.content['application/json']!.schema;
    const percent = customer.properties.beneficialOwners.items.properties.ownershipPercent;
    expect(percent.anyOf[0].multipleOf).toBe(0.000001);
    // A property the validator fills in is not required of the client.
    expect(customer.required).not.toContain('beneficialOwners');
  });

  it('links an opened case to reading it, its history and deciding on it', () => {
    const cip = doc.paths['/v1/cip-transmission-requests']!.post!.responses;
    expect(cip['201']!.links!.getCase).toMatchObject({ operationId: 'getCase', parameters: { id: '$response.body#/id' } });
    expect(cip['202']!.links!.decideCase).toMatchObject({ operationId: 'decideCase', parameters: { id: '$response.body#/caseId' } });
    const customer = doc.paths['/v1/customers']!.post!.responses;
    expect(Object.keys(customer['201']!.links!)).toEqual(expect.arrayContaining(['getCase', 'listCaseEvents', 'decideCase', 'getCustomer', 'getAccount']));
    expect(doc.paths['/v1/cases/{id}']!.get!.responses['200']!.links!.decideCase).toMatchObject({ operationId: 'decideCase', parameters: { id: '$request.path.id' } });
    // Every link names an operation that exists.
    const operationIds = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId)));
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        for (const response of Object.values(op.responses ?? {})) {
          for (const link of Object.values(response.links ?? {})) expect(operationIds).toContain(link.operationId);
        }
      }
    }
  });
});

describe('and refuses what it states, naming the field', () => {
  it('a percentage with 7 decimals, as a number or as a string, and a zero stake', async () => {
    for (const value of [10.1234567, '10.1234567', '0.000000', 0]) {
      const res = await post('/v1/customers', owner(value));
      expect(res.statusCode, String(value)).toBe(400);
      expect(fieldsOf(res).map((e) => e.field)).toContain('body.beneficialOwners.0.ownershipPercent');
    }
  });

  it('an IP address in neither format, in one message', async () => {
    const res = await post(`/v1/customers/${randomUUID()}/ip-accesses`, { partyId: randomUUID(), accesses: [{ ip: '300.1.1.1', accessedAt: '2026-01-01T00:00:00Z' }] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: 'body.accesses.0.ip', message: 'must be in one of the formats ipv4, ipv6' }]);
  });

  it('a year the rules do not count in, in words', async () => {
    const res = await post('/v1/cip-transmission-requests', { requestReference: 'BIS-1', cipOwner: { type: 'provider' }, receivedAt: '0164-11-19T18:08:19.381Z' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: 'body.receivedAt', message: 'must be an instant in a year from 1000 to 9999 (the years the rules count calendar days in)' }]);
  });

  it('a cursor of another shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/cases?cursor=bogus', headers: bearer('legal') });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: 'querystring.cursor', message: 'is not a cursor this API issued' }]);
  });
});
