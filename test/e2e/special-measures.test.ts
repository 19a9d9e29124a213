// Special measures end to end, through the API, a real worker, real Temporal and real
// PostgreSQL: a measure against a jurisdiction warns an applicant located there during its
// phase-in; a measure issued a phase-in and a day ago (computed from rules/) is in force, opens
// an impact review for the existing applicant and refuses the next one, with the measure's
// citation in the identification case's events; extension and revocation go through the cases'
// decisions. An application pending when a measure enters force is judged as the opening it waits
// for: the prohibition refuses its opening decision and ends its case as prohibited; a
// conditions-measure's conditions become tasks. Iran (IR), Liechtenstein (LI) and San Marino (SM)
// are this suite's own jurisdictions: no other suite's customers live there.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addPeriod, formatDate, NPRM_2024, parseDate, specialMeasureStatus } from '../../rules/index.js';
import { germanEntityApplication, GERMAN_ENTITY } from '../helpers/applications.js';
import { issuedInForce } from '../helpers/special-measures.js';
import { bearer } from '../helpers/tokens.js';
import { eventually, useTestSystem } from '../helpers/system.js';

const ZONE = 'America/New_York';
const system = useTestSystem({ providerTimeZone: ZONE });

type Role = Parameters<typeof bearer>[0];
const call = async (method: 'GET' | 'POST', url: string, payload?: object, role: Role = 'case_handler') => {
  const res = await system.app.inject({ method, url, headers: bearer(role), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};
interface CaseBody {
  id: string;
  status: string;
  dueAt: string | null;
  details: Record<string, unknown>;
}
const caseWhere = (query: string, status?: string) =>
  eventually(async () => {
    const { body } = await call('GET', `/v1/cases?${query}`, undefined, 'legal');
    const found = body.items[0] as CaseBody | undefined;
    return found && (!status || found.status === status) ? found : undefined;
  });
const caseInStatus = (caseId: string, status: string) =>
  eventually(async () => {
    const { body } = await call('GET', `/v1/cases/${caseId}`, undefined, 'legal');
    return body.status === status ? (body as CaseBody) : undefined;
  });
const eventsOf = async (caseId: string) => (await call('GET', `/v1/cases/${caseId}/events`, undefined, 'legal')).body.items as { type: string; data: Record<string, unknown> }[];

function applicantIn(country: string) {
  return {
    kind: 'entity',
    externalReference: `e2e-sm-${randomUUID()}`,
    organizedUnderUsLaw: false,
    foreignBranchOfUsEntity: false,
    locatedInUnitedStates: false,
    name: 'Compute Trading Co.',
    address: { lines: ['1 Example Street'], city: 'Tehran', country },
    email: `ops-${randomUUID()}@compute.example`,
    beneficialOwners: [{ usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false, ownershipPercent: 100, name: 'Owner Person' }],
    account: {},
  };
}

describe('special measures, end to end', () => {
  it('warns during the phase-in, refuses once in force with the citation on the case, reviews the existing applicant, and takes extension and revocation decisions', async () => {
    const now = new Date();
    const phaseInCitation = `91 FR e2e-phase-in ${randomUUID().slice(0, 8)}`;
    const phaseIn = await call('POST', '/v1/special-measures', { target: { jurisdiction: 'IR' }, kind: 'prohibition', issuedAt: new Date(now.getTime() - 60_000).toISOString(), federalRegisterCitation: phaseInCitation }, 'legal');
    expect(phaseIn.status).toBe(201);
    const phaseInCase = await caseWhere(`type=special-measure&subjectId=${phaseIn.body.id}`, 'phase-in');
    expect(phaseInCase.id).toBe(phaseIn.body.caseId);
    expect(phaseInCase.dueAt).toBe(phaseIn.body.implementation.dueAt);
    expect(phaseInCase.details).toMatchObject({ implementationDate: phaseIn.body.implementation.date });

    // An applicant located there during the phase-in: warned, not blocked.
    const first = await call('POST', '/v1/customers', applicantIn('IR'));
    expect([201, 202]).toContain(first.status);
    await caseInStatus(first.body.caseId, 'awaiting-verification');
    const warning = (await eventsOf(first.body.caseId)).find((e) => e.type === 'special-measure.warning');
    expect(JSON.stringify(warning?.data)).toContain(phaseInCitation);

    // A measure issued the phase-in plus one day ago (181 days under NPRM-2024): in force today.
    const issuedAt = issuedInForce(now, NPRM_2024, ZONE);
    expect(specialMeasureStatus({ id: 'check', issuedAt, jurisdictions: ['IR'] }, now, { ruleSet: NPRM_2024, timeZone: ZONE }).state).toBe('in-force');
    const inForceCitation = `91 FR e2e-in-force ${randomUUID().slice(0, 8)}`;
    const inForce = await call('POST', '/v1/special-measures', { target: { jurisdiction: 'IR' }, kind: 'prohibition', issuedAt: issuedAt.toISOString(), federalRegisterCitation: inForceCitation }, 'admin');
    expect(inForce.status).toBe(201);
    const inForceCase = await caseWhere(`type=special-measure&subjectId=${inForce.body.id}`, 'in-force');
    expect(inForceCase.dueAt).toBe(inForce.body.expiry.dueAt);
    const active = (await call('GET', `/v1/special-measures?jurisdiction=IR&activeAt=${encodeURIComponent(new Date().toISOString())}`)).body.items.map((m: { id: string }) => m.id);
    expect(active).toContain(inForce.body.id);
    expect(active).not.toContain(phaseIn.body.id);

    // Entering force opened an impact review for the applicant already on the books.
    const review = await caseWhere(`type=special-measure-impact-review&subjectType=customer&subjectId=${first.body.customer.id}`, 'open');
    expect(review.details).toMatchObject({ measureId: inForce.body.id, federalRegisterCitation: inForceCitation, reach: 'opening' });

    // The next applicant located there is refused; the refusal and the citation are in its case's events.
    const second = await call('POST', '/v1/customers', applicantIn('IR'));
    await caseInStatus(second.body.caseId, 'prohibited');
    const refusal = (await eventsOf(second.body.caseId)).find((e) => e.type === 'special-measure.prohibits');
    expect(refusal?.data).toMatchObject({ measureIds: [inForce.body.id], citations: [{ measureId: inForce.body.id, federalRegisterCitation: inForceCitation }] });
    expect((await call('GET', `/v1/accounts/${second.body.accountId}`)).body.status).toBe('refused');

    // An extension without its citation is refused naming the field, and changes nothing.
    const noCitation = await call('POST', `/v1/cases/${inForceCase.id}/decisions`, { decision: 'extend', params: { publishedAt: new Date().toISOString() } }, 'legal');
    expect(noCitation.status).toBe(400);
    expect(JSON.stringify(noCitation.body.errors)).toContain('federalRegisterCitation');
    expect((await call('GET', `/v1/special-measures/${inForce.body.id}`)).body.extensions).toEqual([]);
    // With it: the expiry moves to the published new end.
    const newEndDate = formatDate(addPeriod(parseDate(inForce.body.expiry.date), NPRM_2024.regulatory.periods.specialMeasureDuration.value).date);
    const extended = await call('POST', `/v1/cases/${inForceCase.id}/decisions`, { decision: 'extend', params: { federalRegisterCitation: `${inForceCitation} ext`, publishedAt: new Date().toISOString(), newEndDate } }, 'legal');
    expect(extended.status).toBe(200);
    const measure = (await call('GET', `/v1/special-measures/${inForce.body.id}`)).body;
    expect(measure.extensions).toEqual([expect.objectContaining({ federalRegisterCitation: `${inForceCitation} ext`, newEndDate, expiryDate: newEndDate })]);
    expect(measure.expiry.date).toBe(newEndDate);
    expect((await caseInStatus(inForceCase.id, 'in-force')).details).toMatchObject({ expiryDate: newEndDate });

    // Revocation of the measure still in its phase-in: it stops applying at once.
    const revoked = await call('POST', `/v1/cases/${phaseInCase.id}/decisions`, { decision: 'revoke', reason: 'revoked by Commerce' }, 'legal');
    expect(revoked.status).toBe(200);
    await caseInStatus(phaseInCase.id, 'revoked');
    const revokedMeasure = (await call('GET', `/v1/special-measures/${phaseIn.body.id}`)).body;
    expect(revokedMeasure).toMatchObject({ status: 'revoked', now: { state: 'revoked' }, revocation: { reason: 'revoked by Commerce', revokedBy: 'lena.legal' } });
    expect(revokedMeasure.history.map((h: { status: string }) => h.status)).toEqual(['issued', 'phase-in', 'revoked']);

    // A handler may not extend a measure.
    expect((await call('POST', `/v1/cases/${inForceCase.id}/decisions`, { decision: 'revoke', reason: 'x' }, 'case_handler')).status).toBe(403);

    // Revoking the measure in force tells its open impact review, which records the end and waits for its handler.
    expect((await call('POST', `/v1/cases/${inForceCase.id}/decisions`, { decision: 'revoke', reason: 'revoked by Commerce' }, 'legal')).status).toBe(200);
    const told = await eventually(async () => {
      const c = (await call('GET', `/v1/cases/${review.id}`)).body as { status: string; details: { measureEnded?: { ended: string; note: string }; decisionNotes?: { conclude?: string } } };
      return c.details.measureEnded ? c : undefined;
    });
    expect(told.status).toBe('open');
    expect(told.details.measureEnded).toMatchObject({ ended: 'revoked', note: expect.stringContaining(`Special measure ${inForce.body.id} (${inForceCitation}) was revoked on`) });
    expect(told.details.decisionNotes?.conclude).toBe(told.details.measureEnded!.note);
    expect((await eventsOf(review.id)).map((e) => e.type)).toContain('impact-review.measure-ended');
    expect((await eventsOf(inForceCase.id)).find((e) => e.type === 'special-measure.impact-reviews-told')?.data).toMatchObject({ ended: 'revoked', cases: 1 });
  });
});

describe('an application pending when a special measure enters force', () => {
  /** An entity located in `country` applies; its identification case waits for verification. */
  async function pendingApplication(country: string) {
    const created = await call('POST', '/v1/customers', germanEntityApplication({ address: { ...GERMAN_ENTITY.address, country } }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { customer, accountId, caseId } = created.body as { customer: { id: string; parties: { id: string; role: string }[] }; accountId: string; caseId: string };
    await caseInStatus(caseId, 'awaiting-verification');
    return { customer, accountId, caseId };
  }
  async function verifyEveryParty(customer: { id: string; parties: { id: string; role: string }[] }) {
    for (const party of customer.parties) {
      const verified = await call('POST', `/v1/customers/${customer.id}/verifications`, { partyId: party.id, method: 'documentary', methodDetail: 'commercial register extract', result: 'verified' });
      expect(verified.status, JSON.stringify(verified.body)).toBe(201);
    }
  }
  async function measureInForce(jurisdiction: string, body: object) {
    const federalRegisterCitation = `91 FR e2e-pending ${randomUUID().slice(0, 8)}`;
    const recorded = await call('POST', '/v1/special-measures', { target: { jurisdiction }, issuedAt: issuedInForce(new Date(), NPRM_2024, ZONE).toISOString(), federalRegisterCitation, ...body }, 'legal');
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    await caseWhere(`type=special-measure&subjectId=${recorded.body.id}`, 'in-force');
    return { id: recorded.body.id as string, federalRegisterCitation };
  }

  it('refuses the opening decision with 409 naming the prohibition, ends the case as prohibited with the account refused, and leaves no workflow failing', async () => {
    const { customer, accountId, caseId } = await pendingApplication('LI');
    const measure = await measureInForce('LI', { kind: 'prohibition' });

    // The measure's scan judged the pending application as the opening it waits for, not as an open account.
    const review = await caseWhere(`type=special-measure-impact-review&subjectType=customer&subjectId=${customer.id}`, 'open');
    expect(review.details).toMatchObject({ measureId: measure.id, effect: 'refuse', pendingApplication: true });

    // The identification case is told at once, as a fact: it shows the measure and why an opening
    // decision will be refused, and nothing is decided for its handler.
    const told = await eventually(async () => {
      const { body } = await call('GET', `/v1/cases/${caseId}`);
      return (body as CaseBody).details.specialMeasuresApplying ? (body as CaseBody & { decisionsNow: string[] }) : undefined;
    });
    expect(told.status).toBe('awaiting-verification');
    expect(told.decisionsNow).toContain('open');
    expect(told.details.specialMeasuresApplying).toEqual([expect.objectContaining({ measureId: measure.id, federalRegisterCitation: measure.federalRegisterCitation, effect: 'refuse', impactReviewCaseId: review.id })]);
    expect(told.details.decisionNotes).toEqual({
      open: expect.stringContaining(`${measure.id} (${measure.federalRegisterCitation}) in force prohibits opening this account`),
      'open-interim': expect.stringContaining('will be refused'),
      monitor: expect.stringContaining('will be refused'),
    });
    const toldEvents = await eventsOf(caseId);
    expect(toldEvents.map((e) => e.type)).toEqual(['case.opened', 'customer.classified', 'special-measure.applies']);
    expect(toldEvents.at(-1)?.data).toMatchObject({ measureId: measure.id, federalRegisterCitation: measure.federalRegisterCitation, effect: 'refuse', matchedBy: ['jurisdiction LI'] });
    expect((await call('GET', `/v1/accounts/${accountId}`)).body.status).toBe('pending');

    await verifyEveryParty(customer);
    const open = await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'open', reason: 'every party verified' });
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ code: 'special_measure.prohibited', status: 409 });
    expect(open.body.detail).toContain(`${measure.id} (${measure.federalRegisterCitation})`);
    expect(open.body.errors).toEqual([{ field: 'body.decision', message: expect.stringContaining('matched by jurisdiction LI') }]);

    const prohibited = await caseInStatus(caseId, 'prohibited');
    expect(prohibited.details).toMatchObject({ customerId: customer.id });
    expect((await call('GET', `/v1/accounts/${accountId}`)).body.status).toBe('refused');
    const events = await eventsOf(caseId);
    expect(events.map((e) => e.type)).not.toContain('account.opened');
    expect(events.find((e) => e.type === 'decision.refused')?.data).toMatchObject({ decision: 'open', code: 'special_measure.prohibited' });
    expect(events.find((e) => e.type === 'special-measure.prohibits')?.data).toMatchObject({
      measureIds: [measure.id],
      citations: [{ measureId: measure.id, federalRegisterCitation: measure.federalRegisterCitation }],
      atOpening: { decision: 'open', by: 'hana.handler' },
    });
    // A second try is refused as any decision on a closed case.
    expect((await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'open' })).status).toBe(409);

    // The refusal failed no workflow task: the case's workflow completed, and none of this system's workflows reports a problem.
    const workflowId = (await call('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body.workflowId as string;
    // The case row says prohibited as soon as the workflow decides it; the workflow completes after starting record retention.
    await eventually(async () => ((await system.client.workflow.getHandle(workflowId).describe()).status.name === 'COMPLETED' ? true : undefined));
    const problems: string[] = [];
    for await (const w of system.client.workflow.list({ query: `TaskQueue = '${system.taskQueue}' AND TemporalReportedProblems IS NOT NULL` })) problems.push(w.workflowId);
    expect(problems).toEqual([]);
  });

  it("opens on a conditions-measure's conditions, which become tasks on the identification case and on the review", async () => {
    const { customer, caseId } = await pendingApplication('SM');
    const conditions = ['no GPU quota above the default'];
    const measure = await measureInForce('SM', { kind: 'conditions', conditions });
    const tasks = conditions.map((condition) => ({ measureId: measure.id, federalRegisterCitation: measure.federalRegisterCitation, condition }));
    const review = await caseWhere(`type=special-measure-impact-review&subjectType=customer&subjectId=${customer.id}`, 'open');
    expect(review.details).toMatchObject({ effect: 'conditions', pendingApplication: true, tasks });
    // Told at once: the conditions are tasks on the identification case before anyone decides.
    const told = await eventually(async () => {
      const { body } = await call('GET', `/v1/cases/${caseId}`);
      return (body as CaseBody).details.specialMeasureTasks ? (body as CaseBody) : undefined;
    });
    expect(told).toMatchObject({ status: 'awaiting-verification', details: { specialMeasureTasks: tasks } });
    expect(told.details).not.toHaveProperty('decisionNotes');

    await verifyEveryParty(customer);
    const open = await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'open' });
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    const opened = await caseInStatus(caseId, 'open');
    // The opening met the same conditions: on the case once, from the measure's telling.
    expect(opened.details).toMatchObject({ specialMeasureTasks: tasks });
    const events = await eventsOf(caseId);
    expect(events.find((e) => e.type === 'special-measure.applies')?.data).toMatchObject({ measureId: measure.id, effect: 'conditions', tasks });
    expect(events.map((e) => e.type)).not.toContain('special-measure.conditions');
  });
});
