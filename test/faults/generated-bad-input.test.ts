// Generated bad input on every route: each route's own request schemas (read from the app's
// route table, so a route added later is covered without touching this file) drive at least
// 1,000 malformed requests. Every one must be refused with a 4xx problem+json (never a 5xx),
// and the whole run must leave the database as it was (every table's row count, every case
// event) and start no workflow, so none can be left failing its workflow task.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../config.js';
import type { RouteAccess } from '../../api/plugins/auth.js';
import { malformedRequests, type MalformedRequest } from '../helpers/malformed-requests.js';
import { bearer } from '../helpers/tokens.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const REQUESTS_PER_ROUTE = 1000;
/** Requests in flight at once (app.inject: no network). */
const BATCH = 25;
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.close();
});

/** Row count of every table, and a digest of the case events (the legal record). */
async function databaseState(): Promise<Record<string, string | number>> {
  const tables = await system.db.sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const state: Record<string, string | number> = {};
  for (const { table_name: table } of tables) {
    const [row] = await system.db.sql`select count(*)::int as n from ${system.db.sql(table as string)}`;
    state[table as string] = row!.n as number;
  }
  const [events] = await system.db.sql`select coalesce(md5(string_agg(id::text || ':' || type, ',' order by id)), '') as digest from case_events`;
  state['case_events digest'] = events!.digest as string;
  return state;
}

async function workflowsOnOurQueue(extra = ''): Promise<string[]> {
  const ids: string[] = [];
  for await (const w of system.client.workflow.list({ query: `TaskQueue = '${system.taskQueue}'${extra}` })) ids.push(`${w.type} ${w.workflowId}`);
  return ids;
}

/** A role the route admits, so that the request gets past authentication to its validation. */
const roleFor = (route: RouteAccess): Role => (route.roles?.includes('admin') ? 'admin' : (route.roles?.[0] ?? 'admin'));

interface Finding {
  route: string;
  broken: string;
  request: string;
  status: number;
  body: string;
}

const statusTally: Record<number, number> = {};

async function refusedProperly(route: RouteAccess, request: MalformedRequest): Promise<Finding | undefined> {
  const inject: InjectOptions = { ...request.inject, headers: { ...request.inject.headers, ...bearer(roleFor(route)) } };
  const res = await system.app.inject(inject);
  statusTally[res.statusCode] = (statusTally[res.statusCode] ?? 0) + 1;
  const problem = (() => {
    try {
      return res.json() as { status?: number; code?: string; errors?: { field: string }[] };
    } catch {
      return undefined;
    }
  })();
  const ok =
    res.statusCode >= 400 &&
    res.statusCode < 500 &&
    /^application\/problem\+json/.test(String(res.headers['content-type'])) &&
    problem !== undefined &&
    problem.status === res.statusCode &&
    // A schema refusal names each field at fault.
    (problem.code !== 'request.invalid' || (problem.errors?.length ?? 0) > 0);
  if (ok) return undefined;
  const payload = request.inject.payload;
  return {
    route: `${route.method} ${route.url}`,
    broken: request.broken,
    request: `${request.inject.url} ${Buffer.isBuffer(payload) ? payload.toString('latin1') : (payload ?? '')}`.slice(0, 600),
    status: res.statusCode,
    body: res.body.slice(0, 400),
  };
}

describe('generated bad input on every route', () => {
  it('is refused with a 4xx problem+json naming the fault, changes nothing, starts no workflow', async () => {
    const routes = system.app.routeAccess.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    const driven: string[] = [];
    const findings: Finding[] = [];
    const before = await databaseState();
    const workflowsBefore = await workflowsOnOurQueue();
    let sent = 0;
    for (const route of routes) {
      const arbitrary = malformedRequests(route);
      if (!arbitrary) continue;
      driven.push(`${route.method} ${route.url}`);
      // Every generated request is sent (no stop at the first failure), a batch at a time (the few
      // that reach the database wait for it together); the failures are collected per route.
      const requests = fc.sample(arbitrary, { numRuns: REQUESTS_PER_ROUTE, seed: 20261128 });
      const failures: Finding[] = [];
      for (let i = 0; i < requests.length; i += BATCH) {
        const batch = requests.slice(i, i + BATCH);
        sent += batch.length;
        for (const finding of await Promise.all(batch.map((request) => refusedProperly(route, request)))) {
          if (finding && failures.length < 3) failures.push(finding);
        }
      }
      findings.push(...failures);
    }
    console.info(`generated bad input: ${sent} requests over ${driven.length} routes, answered ${JSON.stringify(statusTally)}`);
    expect(findings).toEqual([]);
    // The walk is not vacuous: the routes that take input are driven, each with its 1,000.
    expect(driven).toEqual(expect.arrayContaining(['POST /v1/cip-transmission-requests', 'POST /v1/customers', 'POST /v1/cases/:id/decisions', 'GET /v1/cases']));
    expect(sent).toBe(driven.length * REQUESTS_PER_ROUTE);

    expect(await databaseState()).toEqual(before);
    expect(await workflowsOnOurQueue()).toEqual(workflowsBefore);
    expect(await workflowsOnOurQueue(' AND TemporalReportedProblems IS NOT NULL')).toEqual([]);
  }, 600_000);
});
