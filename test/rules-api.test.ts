// The rules API: rule sets as published values, and the deadline calculator, which must give
// exactly what the workflows compute with rules/.
import { describe, expect, it } from 'vitest';
import { NPRM_2024, OBLIGATION_IDS, computeDeadline, type ObligationId } from '../rules/index.js';
import { bearer } from './helpers/tokens.js';
import { startTestSystem, useTestSystem } from './helpers/system.js';

const system = useTestSystem();

const NY = 'America/New_York';

const compute = (payload: Record<string, unknown>, role: Parameters<typeof bearer>[0] = 'case_handler') =>
  system.app.inject({ method: 'POST', url: '/v1/deadlines/compute', headers: bearer(role), payload });

/** What the API must answer: computeDeadline's result in the API's JSON spelling. */
function expected(body: Record<string, unknown>) {
  const instant = (v: unknown) => (v === undefined ? undefined : new Date(v as string));
  const d = computeDeadline({
    obligation: body.obligation as ObligationId,
    ruleSet: NPRM_2024,
    startedAt: new Date(body.startedAt as string),
    knowledgeAt: instant(body.knowledgeAt),
    lastAccessAt: instant(body.lastAccessAt),
    timeZone: (body.timeZone as string | undefined) ?? NY,
    extensions: (body.extensions as { publishedAt: string; duration?: { days: number } }[] | undefined)?.map((e) => ({
      publishedAt: new Date(e.publishedAt),
      duration: e.duration,
    })),
  });
  return {
    obligation: d.obligation,
    ruleSet: d.ruleSetId,
    owner: d.owner,
    timeZone: d.timeZone,
    clockStartedAt: d.clockStartedAt.toISOString(),
    clockStartDate: d.clockStartDate,
    period: d.period,
    dueDate: d.dueDate,
    dueAt: d.dueAt.toISOString(),
    flags: d.flags,
    explanation: d.explanation,
  };
}

describe('rule sets', () => {
  it('lists the rule sets for any authenticated role', async () => {
    for (const role of ['case_handler', 'reviewer', 'legal', 'admin', 'scheduler'] as const) {
      const res = await system.app.inject({ method: 'GET', url: '/v1/rule-sets', headers: bearer(role) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          {
            id: 'NPRM-2024',
            title: NPRM_2024.title,
            status: 'proposed',
            effectiveDate: '2024-01-29',
            citation: NPRM_2024.source.citation,
            current: true,
            standing: NPRM_2024.standing.summary,
          },
        ],
      });
    }
  });

  it("states the rule set's legal standing: proposed and never finalised, reported withdrawn, EO 14110 revoked, EO 13984 standing", async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/rule-sets/NPRM-2024', headers: bearer('legal') });
    const standing = res.json().standing as { summary: string; howApplied: string; instruments: { instrument: string; status: string; since: string; confirmedByPrimarySource: boolean; sources: string[] }[] };
    expect(standing.summary).toMatch(/never finalised/);
    expect(standing.howApplied).toMatch(/provider's own compliance program.*until a final rule replaces it/);
    const byName = (s: string) => standing.instruments.find((i) => i.instrument.includes(s))!;
    expect(byName('89 FR 5698')).toMatchObject({ status: 'proposed', confirmedByPrimarySource: true });
    expect(byName('Unified Agenda')).toMatchObject({ status: 'reported-withdrawn', since: '2025-12', confirmedByPrimarySource: false });
    expect(byName('Executive Order 14110')).toMatchObject({ status: 'revoked', since: '2025-01' });
    expect(byName('Executive Order 13984')).toMatchObject({ status: 'in-force' });
    for (const i of standing.instruments) expect(i.sources.length).toBeGreaterThan(0);
  });

  it('returns the whole rule set value: every number with its explanation, citation and source', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/rule-sets/NPRM-2024', headers: bearer('legal') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Nothing dropped by the response schema, nothing added.
    expect(body).toEqual(JSON.parse(JSON.stringify(NPRM_2024)));
    expect(body.regulatory.periods.cipTransmission).toEqual({
      value: { days: 10 },
      explanation: NPRM_2024.regulatory.periods.cipTransmission.explanation,
      citation: NPRM_2024.regulatory.periods.cipTransmission.citation,
      source: 'regulation',
    });
    expect(body.cipPolicy.periodicReverificationPeriod).toMatchObject({ value: { years: 1 }, source: 'cip-policy-default' });
    expect(Object.keys(body.obligations)).toEqual([...OBLIGATION_IDS]);
    const values = [
      ...Object.values(body.regulatory.periods),
      body.regulatory.beneficialOwnershipThresholdPercent,
      ...Object.values(body.regulatory.aiTrainingCoverage),
      ...Object.values(body.cipPolicy),
      ...Object.values(body.calendar),
      ...Object.values(body.interpretations),
      body.effectiveDate,
    ] as { explanation: string; citation: string; source: string }[];
    for (const v of values) {
      expect(v.explanation.length).toBeGreaterThan(20);
      expect(v.citation.length).toBeGreaterThan(10);
      expect(v.source).toMatch(/^(regulation|executive-order|interpretation|cip-policy-default)$/);
    }
  });

  it('answers 404 problem+json rule_set.not_found for an unknown id', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/rule-sets/FINAL-2099', headers: bearer('reviewer') });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'rule_set.not_found', detail: 'rule set FINAL-2099 does not exist' });
  });

  it('refuses requests without a token (401)', async () => {
    for (const [method, url] of [['GET', '/v1/rule-sets'], ['GET', '/v1/rule-sets/NPRM-2024'], ['POST', '/v1/deadlines/compute']] as const) {
      const res = await system.app.inject({ method, url, ...(method === 'POST' ? { payload: { obligation: 'cip-transmission', startedAt: '2026-01-05T12:00:00Z' } } : {}) });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, code: 'auth.unauthenticated' });
    }
  });
});

describe('POST /v1/deadlines/compute', () => {
  it.each(OBLIGATION_IDS.map((o) => [o]))('%s: the same deadline as computeDeadline, in the provider zone by default', async (obligation) => {
    const body = { obligation, startedAt: '2026-02-28T13:00:00-05:00' };
    const res = await compute(body, 'scheduler');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expected(body));
    expect(res.json().timeZone).toBe(NY);
    expect(res.json().ruleSet).toBe('NPRM-2024');
  });

  it('documents one example per obligation in the OpenAPI document, and each gives what computeDeadline gives', async () => {
    const doc = (await system.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = doc.paths['/v1/deadlines/compute'].post;
    const examples = operation.requestBody.content['application/json'].examples as Record<string, { summary: string; value: Record<string, unknown> }>;
    expect(Object.keys(examples).sort()).toEqual([...OBLIGATION_IDS].sort());
    for (const [obligation, example] of Object.entries(examples)) {
      expect(example.value.obligation).toBe(obligation);
      expect(example.summary.length).toBeGreaterThan(10);
      const res = await compute(example.value);
      expect(res.statusCode, obligation).toBe(200);
      expect(res.json()).toEqual(expected(example.value));
    }
    expect(operation.requestBody.content['application/json'].schema.properties.obligation.enum).toEqual([...OBLIGATION_IDS]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/rule-sets', '/v1/rule-sets/{id}', '/v1/deadlines/compute']));
  });

  it('starts the clock at knowledge when it is later than the transaction', async () => {
    const res = await compute({ obligation: 'ai-report-provider', startedAt: '2026-05-04T09:12:00-04:00', knowledgeAt: '2026-05-11T16:40:00-04:00' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      obligation: 'ai-report-provider',
      ruleSet: 'NPRM-2024',
      clockStartedAt: '2026-05-11T20:40:00.000Z',
      clockStartDate: '2026-05-11',
      dueDate: '2026-05-26',
      dueAt: '2026-05-27T03:59:59.999Z',
      flags: ['clock-started-at-knowledge'],
    });
    expect(body.explanation.join('\n')).toContain('so the clock starts at knowledge');
    // Without the later knowledge the same transaction is due a week earlier.
    const early = (await compute({ obligation: 'ai-report-provider', startedAt: '2026-05-04T09:12:00-04:00' })).json();
    expect(early).toMatchObject({ dueDate: '2026-05-19', flags: [] });
  });

  it('flags a reseller that learned so late that its deadline ends after the provider\'s', async () => {
    const res = await compute({ obligation: 'ai-report-provider-files-reseller', startedAt: '2026-06-01T08:00:00Z', knowledgeAt: '2026-06-25T12:00:00Z' });
    expect(res.json()).toMatchObject({ clockStartedAt: '2026-06-01T08:00:00.000Z', dueDate: '2026-07-01', flags: ['reseller-deadline-after-provider-deadline'] });
  });

  it('counts the days in the given zone and applies extensions and last access', async () => {
    const tokyo = await compute({ obligation: 'cip-transmission', startedAt: '2026-03-01T15:30:00Z', timeZone: 'Asia/Tokyo' });
    expect(tokyo.json()).toMatchObject({ timeZone: 'Asia/Tokyo', clockStartDate: '2026-03-02', dueDate: '2026-03-12', dueAt: '2026-03-12T14:59:59.999Z' });
    const extended = await compute({
      obligation: 'special-measure-expiry',
      startedAt: '2026-02-02T09:00:00-05:00',
      extensions: [{ publishedAt: '2027-01-15T09:00:00-05:00', duration: { days: 180 } }],
    });
    expect(extended.json()).toMatchObject({ clockStartedAt: '2027-01-15T14:00:00.000Z', period: { days: 180 }, dueDate: '2027-07-14', flags: ['clock-started-at-extension'] });
    const retained = await compute({ obligation: 'record-retention', startedAt: '2026-03-31T17:00:00-04:00', lastAccessAt: '2026-04-02T08:15:00-04:00' });
    expect(retained.json()).toMatchObject({ dueDate: '2028-04-02', flags: ['clock-started-at-last-access'] });
  });

  it('uses the configured provider zone when none is given', async () => {
    const pacific = await startTestSystem({ providerTimeZone: 'America/Los_Angeles' });
    try {
      const res = await pacific.app.inject({
        method: 'POST',
        url: '/v1/deadlines/compute',
        headers: bearer('case_handler'),
        payload: { obligation: 'cip-transmission', startedAt: '2026-03-01T06:00:00Z' },
      });
      // 06:00Z is still Feb 28 in Los Angeles (it would be Mar 1 in New York).
      expect(res.json()).toMatchObject({ timeZone: 'America/Los_Angeles', clockStartDate: '2026-02-28', dueDate: '2026-03-10' });
    } finally {
      await pacific.close();
    }
  });

  describe('bad input: 400 problem+json naming the field', () => {
    const base = { obligation: 'ai-report-provider', startedAt: '2026-05-04T09:12:00-04:00' };
    it.each<[string, Record<string, unknown>, string, string]>([
      ['an unknown time zone', { ...base, timeZone: 'Mars/Olympus_Mons' }, 'body.timeZone', 'rules.invalid_input'],
      ['knowledge before the transaction', { ...base, knowledgeAt: '2026-05-01T09:00:00-04:00' }, 'body.knowledgeAt', 'rules.invalid_input'],
      ['an unknown obligation', { ...base, obligation: 'file-taxes' }, 'body.obligation', 'request.invalid'],
      ['knowledge for an obligation whose clock ignores it', { obligation: 'cip-transmission', startedAt: base.startedAt, knowledgeAt: '2026-05-05T09:00:00Z' }, 'body.knowledgeAt', 'rules.invalid_input'],
      ['an extension before issuance', { obligation: 'special-measure-expiry', startedAt: base.startedAt, extensions: [{ publishedAt: '2026-05-01T00:00:00Z' }] }, 'body.extensions.0.publishedAt', 'rules.invalid_input'],
      ['an extension with two units', { obligation: 'special-measure-expiry', startedAt: base.startedAt, extensions: [{ publishedAt: '2026-06-01T00:00:00Z', duration: { days: 1, years: 1 } }] }, 'body.extensions.0.duration', 'request.invalid'],
      ['an unknown rule set', { ...base, ruleSet: 'FINAL-2099' }, 'body.ruleSet', 'request.invalid'],
      ['a start that is not an instant', { ...base, startedAt: '2026-05-04' }, 'body.startedAt', 'request.invalid'],
      ['a missing start', { obligation: 'cip-transmission' }, 'body.startedAt', 'request.invalid'],
      ['an unknown field', { ...base, dueIn: 3 }, 'body.dueIn', 'request.invalid'],
    ])('%s', async (_name, payload, field, code) => {
      const res = await compute(payload);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem).toMatchObject({ status: 400, code, type: `https://cipdesk.dev/problems/${code}` });
      expect(problem.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it('says why, in the words of the rules', async () => {
      const res = await compute({ ...base, knowledgeAt: '2026-05-01T09:00:00-04:00' });
      expect(res.json().errors[0].message).toBe('knowledge (2026-05-01T13:00:00.000Z) cannot precede the event (2026-05-04T13:12:00.000Z)');
      const obligation = await compute({ ...base, obligation: 'file-taxes' });
      expect(obligation.json().errors[0].message).toBe(`must be one of ${OBLIGATION_IDS.join(', ')}`);
    });
  });
});
