// Special measures through the API, against real PostgreSQL: recording (roles, computed dates,
// bad input that stores nothing), listing (filters, keyset pages, `activeAt`), reading.
// Each test names its own jurisdiction, one no other suite's customers live in.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays } from '../rules/calendar.js';
import { formatDate, getRuleSet, NPRM_2024, parseDate, specialMeasureStatus, specialMeasureTimeline } from '../rules/index.js';
import { bearer } from './helpers/tokens.js';
import { daysBeforeToday, issuedInForce, phaseInDays } from './helpers/special-measures.js';
import { useTestSystem } from './helpers/system.js';

const ZONE = 'America/New_York';
const system = useTestSystem({ providerTimeZone: ZONE });

type Role = Parameters<typeof bearer>[0];
const post = (payload: object, role: Role = 'legal') => system.app.inject({ method: 'POST', url: '/v1/special-measures', headers: bearer(role), payload });
const get = (url: string, role: Role = 'case_handler') => system.app.inject({ method: 'GET', url, headers: bearer(role) });
const citation = () => `91 FR ${Math.floor(Math.random() * 90000) + 10000} (test ${randomUUID().slice(0, 8)})`;
const storedWith = async (federalRegisterCitation: string) =>
  Number((await system.db.sql`select count(*)::int as n from special_measures where federal_register_citation = ${federalRegisterCitation}`)[0]!.n);

describe('POST /v1/special-measures', () => {
  it('records a prohibition against a jurisdiction with its implementation date and expiry computed by rules/', async () => {
    const issuedAt = daysBeforeToday(new Date(), 3, ZONE);
    const fr = citation();
    const res = await post({ target: { jurisdiction: 'kp' }, kind: 'prohibition', issuedAt: issuedAt.toISOString(), federalRegisterCitation: fr });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const expected = specialMeasureTimeline({ id: body.id, issuedAt, jurisdictions: ['KP'] }, { ruleSet: NPRM_2024, timeZone: ZONE });
    expect(body).toMatchObject({
      target: { type: 'jurisdiction', jurisdiction: 'KP', designatedPerson: null },
      kind: 'prohibition',
      federalRegisterCitation: fr,
      ruleSetId: NPRM_2024.id,
      implementation: { dueAt: expected.implementation.dueAt.toISOString(), date: expected.implementation.dueDate },
      expiry: { dueAt: expected.expiry.dueAt.toISOString(), date: expected.expiry.dueDate },
      status: 'issued',
      now: { state: 'phase-in' },
      createdBy: 'lena.legal',
    });
    expect(body.implementation.explanation).toEqual([...expected.implementation.explanation]);
    expect(res.headers.location).toBe(`/v1/special-measures/${body.id}`);

    // The same citation against the same target is the same measure.
    const again = await post({ target: { jurisdiction: 'KP' }, kind: 'prohibition', issuedAt: issuedAt.toISOString(), federalRegisterCitation: fr }, 'admin');
    expect([again.statusCode, again.json().id]).toEqual([200, body.id]);
    // The target as it is read back is taken as input too: a client can send back what it read.
    const asRead = await post({ target: body.target, kind: 'prohibition', issuedAt: issuedAt.toISOString(), federalRegisterCitation: fr });
    expect([asRead.statusCode, asRead.json().id]).toEqual([200, body.id]);
    expect(await storedWith(fr)).toBe(1);

    const detail = await get(`/v1/special-measures/${body.id}`, 'scheduler');
    expect(detail.statusCode).toBe(200);
    expect(detail.json().history).toEqual([expect.objectContaining({ status: 'issued', actor: 'lena.legal' })]);
  });

  it('records a conditions-measure against a designated person with identifiers and aliases, and extensions already published', async () => {
    const now = new Date();
    const issuedAt = daysBeforeToday(now, phaseInDays(NPRM_2024) * 2, ZONE);
    const fr = citation();
    const extensionAt = daysBeforeToday(now, 10, ZONE);
    const res = await post({
      target: { designatedPerson: { name: 'Zoltan Q. Designated', aliases: ['Z. Designated'], identifiers: [{ type: 'email', value: 'zq@designated.example' }] } },
      kind: 'conditions',
      conditions: ['no GPU quota above the default', 'enhanced monitoring of administrative access'],
      issuedAt: issuedAt.toISOString(),
      federalRegisterCitation: fr,
      extensions: [{ federalRegisterCitation: `${fr} ext`, publishedAt: extensionAt.toISOString(), newEndDate: '2099-12-31' }],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.target.designatedPerson.aliases).toEqual(['Z. Designated']);
    expect(body.extensions).toEqual([expect.objectContaining({ federalRegisterCitation: `${fr} ext`, newEndDate: '2099-12-31', expiryDate: '2099-12-31' })]);
    expect(body.expiry.date).toBe('2099-12-31');
    expect(body.now.state).toBe('in-force');
  });

  it('admits legal and admins only', async () => {
    const payload = { target: { jurisdiction: 'KP' }, kind: 'prohibition', issuedAt: new Date().toISOString(), federalRegisterCitation: citation() };
    for (const role of ['case_handler', 'reviewer', 'scheduler'] as const) expect((await post(payload, role)).statusCode).toBe(403);
    expect(await storedWith(payload.federalRegisterCitation)).toBe(0);
  });

  it.each([
    ['an unknown country code', { target: { jurisdiction: 'XX' } }, 'body.target.jurisdiction'],
    ['a reserved code', { target: { jurisdiction: 'EU' } }, 'body.target.jurisdiction'],
    ['an expiry before issuance', { expiresOn: '2026-01-01' }, 'body.expiresOn'],
    ['an expiry beyond the rule set without an extension', { expiresOn: '2099-01-01' }, 'body.expiresOn'],
    ['an extension without a citation', { extensions: [{ publishedAt: '2026-03-01T00:00:00Z', newEndDate: '2027-06-30' }] }, 'body.extensions.0.federalRegisterCitation'],
    ['an extension before issuance', { extensions: [{ federalRegisterCitation: '91 FR 1', publishedAt: '2025-03-01T00:00:00Z' }] }, 'body.extensions.0.publishedAt'],
    ['an extension ending before its publication', { extensions: [{ federalRegisterCitation: '91 FR 1', publishedAt: '2026-03-01T00:00:00Z', newEndDate: '2026-02-01' }] }, 'body.extensions.0.newEndDate'],
    ['an extension ending the measure earlier than its end before it', { extensions: [{ federalRegisterCitation: '91 FR 1', publishedAt: '2026-03-01T00:00:00Z', newEndDate: '2026-06-30' }] }, 'body.extensions.0.newEndDate'],
    ['an extension ending the measure on the day it already ended', { extensions: [{ federalRegisterCitation: '91 FR 1', publishedAt: '2026-03-01T00:00:00Z', newEndDate: '2027-02-02' }] }, 'body.extensions.0.newEndDate'],
    ['both a jurisdiction and a person', { target: { jurisdiction: 'KP', designatedPerson: { name: 'X' } } }, 'body.target'],
    ['neither, both null', { target: { type: 'jurisdiction', jurisdiction: null, designatedPerson: null } }, 'body.target'],
    ['a type that disagrees with the target named', { target: { type: 'designated-person', jurisdiction: 'KP', designatedPerson: null } }, 'body.target.type'],
    ['conditions without their text', { kind: 'conditions' }, 'body.conditions'],
    ['an issuance in the future', { issuedAt: '2999-01-01T00:00:00Z' }, 'body.issuedAt'],
    ['an unknown kind', { kind: 'ban' }, 'body.kind'],
  ])('refuses %s naming the field, and stores nothing', async (_name, change, field) => {
    const fr = citation();
    const payload = { target: { jurisdiction: 'CU' }, kind: 'prohibition', issuedAt: '2026-02-02T15:00:00Z', federalRegisterCitation: fr, ...change };
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await storedWith(fr)).toBe(0);
  });
});

describe('GET /v1/special-measures', () => {
  it('answers which measures are in force at an instant, as rules/ say, and pages newest first', async () => {
    const now = new Date();
    const ruleSet = getRuleSet(NPRM_2024.id);
    const inForce = await post({ target: { jurisdiction: 'SY' }, kind: 'prohibition', issuedAt: issuedInForce(now, ruleSet, ZONE).toISOString(), federalRegisterCitation: citation() });
    const phaseIn = await post({ target: { jurisdiction: 'SY' }, kind: 'prohibition', issuedAt: daysBeforeToday(now, 1, ZONE).toISOString(), federalRegisterCitation: citation() });
    const statedIssuedAt = daysBeforeToday(now, phaseInDays(ruleSet) + 5, ZONE);
    const statedImplementation = specialMeasureTimeline({ id: 'x', issuedAt: statedIssuedAt, jurisdictions: ['SY'] }, { ruleSet, timeZone: ZONE }).implementation;
    const stated = await post({
      target: { jurisdiction: 'SY' },
      kind: 'prohibition',
      issuedAt: statedIssuedAt.toISOString(),
      federalRegisterCitation: citation(),
      // The measure states its own end, two days after its phase-in: expired today.
      expiresOn: formatDate(addDays(parseDate(statedImplementation.dueDate), 2)),
    });
    for (const r of [inForce, phaseIn, stated]) expect(r.statusCode).toBe(201);

    const all = (await get('/v1/special-measures?jurisdiction=sy&limit=200')).json();
    expect(all.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([inForce.json().id, phaseIn.json().id, stated.json().id]));

    for (const at of [now, daysBeforeToday(now, 2, ZONE), new Date(stated.json().implementation.dueAt)]) {
      const active = (await get(`/v1/special-measures?jurisdiction=SY&activeAt=${encodeURIComponent(at.toISOString())}&limit=200`)).json();
      const expected = all.items
        .filter((m: { issuedAt: string; id: string; expiresOn: string | null }) =>
          specialMeasureStatus({ id: m.id, issuedAt: new Date(m.issuedAt), jurisdictions: ['SY'], ...(m.expiresOn ? { expiresOn: m.expiresOn } : {}) }, at, { ruleSet, timeZone: ZONE }).state === 'in-force',
        )
        .map((m: { id: string }) => m.id);
      expect(active.items.map((m: { id: string }) => m.id)).toEqual(expected);
    }
    const today = (await get(`/v1/special-measures?jurisdiction=SY&activeAt=${encodeURIComponent(now.toISOString())}`)).json();
    expect(today.items.map((m: { id: string }) => m.id)).toContain(inForce.json().id);
    expect(today.items.map((m: { id: string }) => m.id)).not.toContain(phaseIn.json().id);

    // Keyset pages: one at a time, newest issuance first, every measure once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; issuedAt: string }[]; nextCursor: string | null } = (
        await get(`/v1/special-measures?jurisdiction=SY&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((m: { id: string }) => m.id));
  });

  it('refuses a bad filter naming it, and answers 404 for an unknown measure', async () => {
    expect((await get('/v1/special-measures?activeAt=yesterday')).json().errors[0].field).toBe('querystring.activeAt');
    expect((await get('/v1/special-measures?jurisdiction=XX')).json().errors[0].field).toBe('querystring.jurisdiction');
    expect((await get('/v1/special-measures?cursor=nope')).json().errors[0].field).toBe('querystring.cursor');
    expect((await get(`/v1/special-measures/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('special measure status history', () => {
  it('is append-only: the database refuses to change or delete an entry', async () => {
    const res = await post({ target: { jurisdiction: 'KP' }, kind: 'prohibition', issuedAt: new Date().toISOString(), federalRegisterCitation: citation() });
    const id = res.json().id;
    await expect(system.db.sql`update special_measure_status_history set actor = 'someone' where measure_id = ${id}`).rejects.toThrow(/append-only/);
    await expect(system.db.sql`delete from special_measure_status_history where measure_id = ${id}`).rejects.toThrow(/append-only/);
  });
});
