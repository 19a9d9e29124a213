// The API skeleton against real PostgreSQL and Temporal: health, auth, the error format.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCaseIfAbsent, appendCaseEvent } from '../db/queries/cases.js';
import { bearer } from './helpers/tokens.js';
import { useTestSystem } from './helpers/system.js';

const system = useTestSystem();

describe('health', () => {
  it('answers /healthz and /readyz without a token, checking both servers', async () => {
    expect((await system.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
    const ready = await system.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ok: true, postgres: { ok: true }, temporal: { ok: true } });
  });

  it('serves the OpenAPI document and Swagger UI without a token', async () => {
    const spec = await system.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/cases', '/v1/cases/{id}', '/v1/cases/{id}/decisions']));
    expect((await system.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });
});

describe('authentication and roles', () => {
  it('refuses a request without a token with problem+json 401', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/cases' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, code: 'auth.unauthenticated' });
  });

  it('refuses an unknown token', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: 'Bearer not-a-real-token-000' } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a role the route does not admit, with 403 naming the allowed roles', async () => {
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${randomUUID()}/assignment`,
      headers: bearer('scheduler'),
      payload: { assignee: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/case_handler, reviewer, admin/);
  });
});

describe('errors', () => {
  it('names the failing field on validation errors', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/cases?limit=0&dueBefore=yesterday', headers: bearer('legal') });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('request.invalid');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['querystring.dueBefore', 'querystring.limit']);
  });

  it('names an unknown body field', async () => {
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${randomUUID()}/assignment`,
      headers: bearer('case_handler'),
      payload: { assignee: 'x', color: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.color', message: 'is not a known field' }]);
  });

  it('answers 404 problem+json for a missing case and an unknown route', async () => {
    const id = randomUUID();
    const res = await system.app.inject({ method: 'GET', url: `/v1/cases/${id}`, headers: bearer('legal') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'case.not_found', detail: `case ${id} does not exist` });
    expect((await system.app.inject({ method: 'GET', url: '/v1/nothing', headers: bearer('legal') })).statusCode).toBe(404);
  });

  it('refuses NUL characters, naming the field, before anything is stored', async () => {
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${randomUUID()}/assignment`,
      headers: bearer('case_handler'),
      payload: { assignee: 'hana\u0000handler' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.assignee', message: 'must not contain NUL characters' }]);
    const query = await system.app.inject({ method: 'GET', url: '/v1/cases?status=open%00x', headers: bearer('legal') });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].field).toBe('querystring.status');
  });

  it('refuses other control characters than tabs and line breaks, in any field, naming it', async () => {
    const post = (url: string, payload: object) => system.app.inject({ method: 'POST', url, headers: bearer('case_handler'), payload });
    const caseUrl = `/v1/cases/${randomUUID()}`;
    for (const [res, field] of [
      [await post(`${caseUrl}/decisions`, { decision: 'refuse', reason: 'forged \u0007 papers' }), 'body.reason'],
      [await post(`${caseUrl}/decisions`, { decision: 'transmit', params: { transmissionReference: 'REF\u001b[31m' } }), 'body.params.transmissionReference'],
      [await post('/v1/resellers', { legalName: 'Acme\u007f', jurisdiction: 'JP' }), 'body.legalName'],
      [await system.app.inject({ method: 'GET', url: '/v1/cases?assignee=a%08b', headers: bearer('legal') }), 'querystring.assignee'],
    ] as const) {
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors, field).toEqual([{ field, message: 'must not contain control characters (other than tabs and line breaks)' }]);
    }
    // Tabs and line breaks are text: the unknown case answers 404.
    expect((await post(`${caseUrl}/assignment`, { assignee: 'hana\thandler\r\n' })).statusCode).toBe(404);
  });

  it('answers router errors (over-long path parameter, bad URL encoding) with problem+json too', async () => {
    const long = await system.app.inject({ method: 'GET', url: `/v1/cases/${'x'.repeat(500)}`, headers: bearer('legal') });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(long.json()).toMatchObject({ status: 414, code: 'request.uri_too_long' });
    const bad = await system.app.inject({ method: 'GET', url: '/v1/cases/%E0%A4%A', headers: bearer('legal') });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a filter value no case could have (a case type, status or subject type the registry does not know), naming the field', async () => {
    for (const [url, field] of [
      ['/v1/cases?type=cip-transmision', 'querystring.type'],
      ['/v1/cases?status=nonsense', 'querystring.status'],
      ['/v1/cases?type=cip-transmission&status=terminated', 'querystring.status'],
      ['/v1/cases?subjectType=reseller', 'querystring.subjectType'],
      ['/v1/legal/cases?type=bogus', 'querystring.type'],
      ['/v1/legal/cases?subjectType=reseller', 'querystring.subjectType'],
    ] as const) {
      const res = await system.app.inject({ method: 'GET', url, headers: bearer('legal') });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].field, url).toBe(field);
    }
    const known = await system.app.inject({ method: 'GET', url: '/v1/cases?type=cip-transmission&status=input-refused&subjectType=provider-cip', headers: bearer('legal') });
    expect(known.statusCode).toBe(200);
    expect((await system.app.inject({ method: 'GET', url: '/v1/legal/cases?subjectType=foreign-reseller', headers: bearer('legal') })).statusCode).toBe(200);
  });

  it('refuses a cursor it did not issue', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/cases?cursor=bogus', headers: bearer('legal') });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'querystring.cursor', message: 'is not a cursor this API issued' }]);
  });
});

describe('case list, assignment and history', () => {
  const subjectId = `subject-${randomUUID()}`;
  const ids: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      const id = randomUUID();
      ids.push(id);
      await insertCaseIfAbsent(system.db.db, {
        id,
        type: 'cip-transmission',
        status: i % 2 === 0 ? 'awaiting-transmission' : 'transmitted',
        subjectType: 'test-subject',
        subjectId,
        ruleSetId: 'NPRM-2024',
        workflowId: `cip-transmission:test-${id}`,
        openedAt: new Date(Date.UTC(2026, 0, 1 + i)),
        dueAt: new Date(Date.UTC(2026, 0, 11 + i)),
      });
      await appendCaseEvent(system.db.db, { caseId: id, eventKey: 'seed', type: 'case.opened', occurredAt: new Date(), actor: 'test' });
    }
  });

  it('filters and paginates newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/cases?subjectId=${subjectId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await system.app.inject({ method: 'GET', url, headers: bearer('legal') })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const open = (await system.app.inject({ method: 'GET', url: `/v1/cases?subjectId=${subjectId}&status=transmitted`, headers: bearer('legal') })).json();
    expect(open.items.map((c: { id: string }) => c.id).sort()).toEqual([ids[1], ids[3]].sort());

    const due = (
      await system.app.inject({ method: 'GET', url: `/v1/cases?subjectId=${subjectId}&dueBefore=2026-01-12T00:00:00.000Z`, headers: bearer('legal') })
    ).json();
    expect(due.items.map((c: { id: string }) => c.id).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it('assigns a case and records who did it in the history', async () => {
    const id = ids[0]!;
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${id}/assignment`,
      headers: bearer('reviewer'),
      payload: { assignee: 'hana.handler' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().assignee).toBe('hana.handler');
    const mine = (await system.app.inject({ method: 'GET', url: `/v1/cases?assignee=hana.handler&subjectId=${subjectId}`, headers: bearer('legal') })).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const events = (await system.app.inject({ method: 'GET', url: `/v1/cases/${id}/events`, headers: bearer('legal') })).json();
    expect(events.items.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
      ['case.opened', 'test'],
      ['case.assigned', 'rita.reviewer'],
    ]);
  });

  it('keeps the event log append-only in the database itself', async () => {
    await expect(system.db.sql`update case_events set actor = 'someone else' where case_id = ${ids[0]!}`).rejects.toThrow(/append-only/);
    await expect(system.db.sql`delete from case_events where case_id = ${ids[0]!}`).rejects.toThrow(/append-only/);
  });
});
