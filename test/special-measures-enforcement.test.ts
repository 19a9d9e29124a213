// Special measures enforced beyond customer identification, against real PostgreSQL and
// Temporal: a new foreign reseller is checked at registration through the same answer customer
// identification uses (a prohibition in force refuses it, nothing stored; a conditions-measure in
// force registers it with the conditions as tasks on a review case; a measure in its phase-in
// warns); and a measure stored but never started is started when the API starts.
// Each test names its own jurisdiction, one no other suite registers anyone in.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reconcileSpecialMeasureCases } from '../api/routes/special-measures/reconcile.js';
import { recordSpecialMeasure } from '../api/routes/special-measures/special-measures.usecases.js';
import { getCaseById } from '../db/queries/cases.js';
import { NPRM_2024 } from '../rules/index.js';
import { daysBeforeToday, issuedInForce } from './helpers/special-measures.js';
import { bearer } from './helpers/tokens.js';
import { eventually, useTestSystem } from './helpers/system.js';

const ZONE = 'America/New_York';
const system = useTestSystem({ providerTimeZone: ZONE });

type Role = Parameters<typeof bearer>[0];
const post = (url: string, payload: object, role: Role = 'case_handler') => system.app.inject({ method: 'POST', url, headers: bearer(role), payload });
const get = async (url: string) => (await system.app.inject({ method: 'GET', url, headers: bearer('legal') })).json();
const citation = () => `91 FR ${Math.floor(Math.random() * 90000) + 10000} (reseller test ${randomUUID().slice(0, 8)})`;
const resellersNamed = async (legalName: string) => Number((await system.db.sql`select count(*)::int as n from resellers where legal_name = ${legalName}`)[0]!.n);

async function measure(body: object) {
  const res = await post('/v1/special-measures', body, 'legal');
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; federalRegisterCitation: string };
}

describe('registering a foreign reseller under special measures', () => {
  it('refuses a reseller organised in a jurisdiction under a prohibition in force, naming the measure, and stores nothing', async () => {
    const fr = citation();
    const prohibition = await measure({ target: { jurisdiction: 'TV' }, kind: 'prohibition', issuedAt: issuedInForce(new Date(), NPRM_2024, ZONE).toISOString(), federalRegisterCitation: fr });
    const legalName = `Funafuti Compute ${randomUUID()}`;
    const refused = await post('/v1/resellers', { legalName, jurisdiction: 'TV' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'special_measure.prohibited' });
    expect(refused.json().detail).toContain(prohibition.id);
    expect(refused.json().detail).toContain(fr);
    expect(refused.json().errors[0].message).toMatch(/matched by jurisdiction TV/);
    expect(await resellersNamed(legalName)).toBe(0);
    // Elsewhere the same reseller registers.
    expect((await post('/v1/resellers', { legalName, jurisdiction: 'WS' })).statusCode).toBe(201);
  });

  it('registers a reseller under a conditions-measure in force with the conditions as tasks on a review case', async () => {
    const conditions = ['no GPU quota above the default', 'monthly attestation of end customers'];
    const m = await measure({ target: { jurisdiction: 'NR' }, kind: 'conditions', conditions, issuedAt: issuedInForce(new Date(), NPRM_2024, ZONE).toISOString(), federalRegisterCitation: citation() });
    const res = await post('/v1/resellers', { legalName: `Nauru Cloud ${randomUUID()}`, jurisdiction: 'NR' });
    expect(res.statusCode, res.body).toBe(201);
    const reseller = res.json();
    expect(reseller.specialMeasures.findings).toEqual([
      expect.objectContaining({ measureId: m.id, effect: 'conditions', state: 'in-force', conditions, matchedBy: ['jurisdiction NR'] }),
    ]);
    expect(reseller.specialMeasures.reviewWorkflowIds).toEqual([`special-measure-impact-review:${m.id}/reseller/${reseller.id}`]);
    const review = await eventually(async () => (await get(`/v1/cases?type=special-measure-impact-review&subjectId=${reseller.id}`)).items[0]);
    expect(review).toMatchObject({
      status: 'open',
      subject: { type: 'reseller', id: reseller.id },
      details: { measureId: m.id, effect: 'conditions', tasks: conditions.map((condition) => ({ measureId: m.id, federalRegisterCitation: m.federalRegisterCitation, condition })) },
    });
    const opened = (await get(`/v1/cases/${review.id}/events`)).items.find((e: { type: string }) => e.type === 'case.opened');
    expect(opened).toMatchObject({ actor: 'hana.handler', data: { tasks: expect.any(Array) } });
  });

  it('warns, without blocking or opening a case, while a matching measure is in its phase-in', async () => {
    const m = await measure({ target: { jurisdiction: 'PW' }, kind: 'prohibition', issuedAt: daysBeforeToday(new Date(), 5, ZONE).toISOString(), federalRegisterCitation: citation() });
    const res = await post('/v1/resellers', { legalName: `Koror Hosting ${randomUUID()}`, jurisdiction: 'PW' });
    expect(res.statusCode, res.body).toBe(201);
    const reseller = res.json();
    expect(reseller.specialMeasures).toEqual({
      findings: [expect.objectContaining({ measureId: m.id, effect: 'warn', state: 'phase-in', matchedBy: ['jurisdiction PW'] })],
      reviewWorkflowIds: [],
    });
    expect(reseller.specialMeasures.findings[0].reasons.join(' ')).toMatch(/phase-in/);
    expect(reseller.status).toBe('active');
    // A reseller nowhere near a measure hears of none.
    const clean = (await post('/v1/resellers', { legalName: `Plain Reseller ${randomUUID()}`, jurisdiction: 'IS' })).json();
    expect(clean.specialMeasures).toEqual({ findings: [], reviewWorkflowIds: [] });
  });
});

describe('special measures at API start-up', () => {
  it('starts the workflow of a measure stored but never started (a crash between the row and the start), once', async () => {
    const { record } = await recordSpecialMeasure(system.app.deps, { subject: 'lena.legal', role: 'legal' }, {
      target: { jurisdiction: 'KI' },
      kind: 'prohibition',
      issuedAt: daysBeforeToday(new Date(), 3, ZONE).toISOString(),
      federalRegisterCitation: citation(),
      extensions: [],
    });
    const { caseId, id } = record.measure;
    expect(await getCaseById(system.db.db, { id: caseId })).toBeUndefined();

    const first = await reconcileSpecialMeasureCases(system.app.deps);
    expect(first.failed).toBe(0);
    expect(first.started).toBeGreaterThanOrEqual(1);
    const kase = await eventually(async () => getCaseById(system.db.db, { id: caseId }));
    expect(kase).toMatchObject({ type: 'special-measure', status: 'phase-in', workflowId: `special-measure:${id}`, subjectId: id });

    // Again: nothing left to start for this measure, and still one workflow run.
    await reconcileSpecialMeasureCases(system.app.deps);
    const runs = [];
    for await (const run of system.client.workflow.list({ query: `WorkflowId = 'special-measure:${id}'` })) runs.push(run.runId);
    expect(runs).toHaveLength(1);
  });
});
