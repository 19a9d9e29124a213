// The desk's way in: sign-in with an API token, an httpOnly SameSite=Strict session cookie, and
// a CSRF token on every change made through it; the bearer-token API is unchanged.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCaseIfAbsent } from '../../db/queries/cases.js';
import { SESSION_LIFETIME_MS } from '../../api/plugins/session.js';
import { bearer, TEST_TOKENS } from '../helpers/tokens.js';
import { useTestSystem } from '../helpers/system.js';

const caseId = randomUUID();
const system = useTestSystem();
beforeAll(async () => {
  await insertCaseIfAbsent(system.db.db, {
    id: caseId,
    type: 'cip-transmission',
    status: 'awaiting-transmission',
    subjectType: 'provider-cip',
    subjectId: 'provider',
    ruleSetId: 'NPRM-2024',
    workflowId: `desk-session-test:${caseId}`,
    openedAt: new Date(),
  });
});

type Cookies = Record<string, string>;
function cookiesOf(res: { headers: Record<string, unknown> }): { jar: Cookies; raw: string[] } {
  const header = res.headers['set-cookie'];
  const raw = (Array.isArray(header) ? header : header ? [header] : []) as string[];
  const jar: Cookies = {};
  for (const line of raw) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar[pair!.slice(0, eq)] = pair!.slice(eq + 1);
  }
  return { jar, raw };
}
const cookieHeader = (jar: Cookies) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

async function signInPage() {
  const page = await system.app.inject({ method: 'GET', url: '/desk/sign-in' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  return { page, csrf: csrf!, jar: cookiesOf(page).jar };
}

async function signIn(token: string) {
  const { csrf, jar } = await signInPage();
  const res = await system.app.inject({
    method: 'POST',
    url: '/desk/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    payload: new URLSearchParams({ token, _csrf: csrf }).toString(),
  });
  return { res, jar: { ...jar, ...cookiesOf(res).jar }, raw: cookiesOf(res).raw };
}

describe('desk sign-in', () => {
  it('serves a sign-in form with a CSRF token and no data, without a token', async () => {
    const { page, csrf, jar } = await signInPage();
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(csrf.length).toBeGreaterThan(10);
    expect(Object.keys(jar)).toContain('cipdesk_csrf');
  });

  it('refuses a sign-in without the form CSRF token, and an unknown API token', async () => {
    const { jar } = await signInPage();
    const noCsrf = await system.app.inject({
      method: 'POST',
      url: '/desk/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
      payload: new URLSearchParams({ token: TEST_TOKENS[0]!.token, _csrf: 'forged' }).toString(),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(cookiesOf(noCsrf).jar.cipdesk_session).toBeUndefined();

    const unknown = await signIn('not-a-token-anybody-has');
    expect(unknown.res.statusCode).toBe(401);
    expect(unknown.res.body).toMatch(/not known/);
    expect(unknown.jar.cipdesk_session).toBeUndefined();
  });

  it('signs in with an API token: an httpOnly, SameSite=Strict session cookie that reads the API as that person', async () => {
    const { res, jar, raw } = await signIn('test-token-case-handler-1');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/desk/');
    const sessionCookie = raw.find((l) => l.startsWith('cipdesk_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Strict/i);
    // The cookie holds neither the token nor anything personal.
    expect(sessionCookie).not.toContain('test-token-case-handler-1');

    const session = await system.app.inject({ method: 'GET', url: '/desk/session', headers: { cookie: cookieHeader(jar) } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ subject: 'hana.handler', role: 'case_handler', authenticatedBy: 'session' });
    expect(session.json().dueSoonDays).toBeGreaterThan(0);

    const list = await system.app.inject({ method: 'GET', url: '/v1/cases', headers: { cookie: cookieHeader(jar) } });
    expect(list.statusCode).toBe(200);
  });

  it('refuses a change through the session cookie without its CSRF token, and accepts it with one', async () => {
    const { jar } = await signIn('test-token-case-handler-1');
    const url = `/v1/cases/${caseId}/assignment`;
    const forged = await system.app.inject({ method: 'POST', url, headers: { cookie: cookieHeader(jar) }, payload: { assignee: 'mallory' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['content-type']).toMatch(/problem\+json/);
    const unchanged = await system.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: bearer('legal') });
    expect(unchanged.json().assignee).toBeNull();

    const { csrfToken } = (await system.app.inject({ method: 'GET', url: '/desk/session', headers: { cookie: cookieHeader(jar) } })).json();
    const ok = await system.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(jar), 'x-csrf-token': csrfToken },
      payload: { assignee: 'hana.handler' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().assignee).toBe('hana.handler');
  });

  it('keeps roles: a scheduler signed in to the desk may not assign', async () => {
    const { jar } = await signIn('test-token-scheduler-0001');
    const { csrfToken } = (await system.app.inject({ method: 'GET', url: '/desk/session', headers: { cookie: cookieHeader(jar) } })).json();
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/assignment`,
      headers: { cookie: cookieHeader(jar), 'x-csrf-token': csrfToken },
      payload: { assignee: 'sched.bot' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('ignores a tampered or expired session cookie, and the cookie once signed out', async () => {
    const { jar } = await signIn('test-token-reviewer-00001');
    const tampered = { ...jar, cipdesk_session: jar.cipdesk_session!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) };
    expect((await system.app.inject({ method: 'GET', url: '/v1/cases', headers: { cookie: cookieHeader(tampered) } })).statusCode).toBe(401);

    const later = new Date(Date.now() + SESSION_LIFETIME_MS + 1000);
    const { buildApp } = await import('../../api/app.js');
    const futureApp = await buildApp({ ...system.app.deps, now: () => later });
    try {
      expect((await futureApp.inject({ method: 'GET', url: '/v1/cases', headers: { cookie: cookieHeader(jar) } })).statusCode).toBe(401);
    } finally {
      await futureApp.close();
    }

    const { csrfToken } = (await system.app.inject({ method: 'GET', url: '/desk/session', headers: { cookie: cookieHeader(jar) } })).json();
    const out = await system.app.inject({ method: 'POST', url: '/desk/sign-out', headers: { cookie: cookieHeader(jar), 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(204);
    const cleared = cookiesOf(out).raw.find((l) => l.startsWith('cipdesk_session='))!;
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
  });

  it('keeps the bearer-token API as it was: a bearer request needs no CSRF token and ignores cookies', async () => {
    const res = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/assignment`,
      headers: { ...bearer('reviewer'), cookie: 'cipdesk_session=garbage' },
      payload: { assignee: null },
    });
    expect(res.statusCode).toBe(200);
  });

  it('serves the desk shell and its assets without a token (they carry no data)', async () => {
    const shell = await system.app.inject({ method: 'GET', url: '/desk/cases/00000000-0000-4000-8000-000000000000' });
    expect(shell.statusCode).toBe(200);
    const asset = /src="(\/desk\/assets\/[^"]+\.js)"/.exec(shell.body)?.[1];
    expect(asset).toBeDefined();
    expect((await system.app.inject({ method: 'GET', url: asset! })).statusCode).toBe(200);
  });
});
