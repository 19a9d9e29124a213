// Legal's view of a case: the timeline merging Temporal's history with the case events, its
// exports (CSV, a PDF dossier read back with poppler-utils), the cross-case queries and the
// personal-data access log. Real worker, real Temporal dev server, real PostgreSQL.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendCaseEvent, insertCaseIfAbsent } from '../../db/queries/cases.js';
import { issuedInForce } from '../helpers/special-measures.js';
import { aiTrainingReportSchedule, NPRM_2024 } from '../../rules/index.js';
import { GERMAN_ENTITY, germanEntityApplication } from '../helpers/applications.js';
import { apiCaller, eventually, useTestSystem } from '../helpers/system.js';

const system = useTestSystem();

const call = apiCaller(() => system);

interface Entry { at: string; source: string; kind: string; summary: string; actor: string; deadline?: { ruleSetId: string; obligation: string | null; obligationTitle: string | null; citation: string | null; explanation: string[]; dueAt: string | null } }

/** A foreign applicant given an interim restricted account; returns the interim review case. */
async function interimCase() {
  const created = await call('POST', '/v1/customers', germanEntityApplication({ externalReference: `legal-${randomUUID()}` }));
  expect(created.status).toBe(201);
  const { customer, accountId, caseId } = created.body as { customer: { id: string }; accountId: string; caseId: string };
  await eventually(async () => ((await call('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body.status === 'awaiting-verification' ? true : undefined));
  const interim = await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'open-interim', reason: 'documents requested', params: { restrictions: ['no accelerator instances'] } });
  expect(interim.status).toBe(200);
  const review = await eventually(async () => (await call('GET', `/v1/cases?type=interim-account-review&subjectId=${accountId}`, undefined, 'legal')).body.items[0] as { id: string } | undefined);
  return { customerId: customer.id, accountId, identificationCaseId: caseId, reviewCaseId: review.id };
}

describe('case history for legal', () => {
  let c: Awaited<ReturnType<typeof interimCase>>;
  beforeAll(async () => {
    c = await interimCase();
    // A decision the case cannot take now is refused, and the refusal is on record.
    expect((await call('POST', `/v1/cases/${c.reviewCaseId}/decisions`, { decision: 'lift-restrictions' })).status).toBe(409);
    // Four eyes: a handler proposes closing, a reviewer approves.
    expect((await call('POST', `/v1/cases/${c.reviewCaseId}/decisions`, { decision: 'close', reason: 'documents never arrived' })).status).toBe(200);
    expect((await call('POST', `/v1/cases/${c.reviewCaseId}/decisions`, { decision: 'approve', reason: 'agreed' }, 'reviewer')).status).toBe(200);
    await eventually(async () => ((await call('GET', `/v1/cases/${c.reviewCaseId}`, undefined, 'legal')).body.closedAt ? true : undefined));
  }, 90_000);

  it('merges the workflow history with the case events, in order, with actors, deadlines explained and the rule set standing', async () => {
    const res = await call('GET', `/v1/cases/${c.reviewCaseId}/history`, undefined, 'legal');
    expect(res.status).toBe(200);
    const h = res.body as { ruleSet: { id: string; standing: { summary: string } }; workflowHistory: { available: boolean }; integrity: { intact: boolean }; deadlines: { citation: string; explanation: string[] }[]; entries: Entry[] };
    expect(h.ruleSet.id).toBe('NPRM-2024');
    expect(h.ruleSet.standing.summary).toMatch(/never finalised/);
    expect(h.workflowHistory.available).toBe(true);
    expect(h.integrity.intact).toBe(true);
    expect(h.deadlines[0]).toMatchObject({ citation: expect.stringMatching(/CIP policy|7\.302/) });
    expect(h.deadlines[0]!.explanation.join(' ')).toMatch(/30 calendar days/);

    const times = h.entries.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const kinds = h.entries.map((e) => `${e.source}:${e.kind}`);
    const order = [
      'workflow:workflow.started',
      'case-event:interim.opened',
      'workflow:timer.started',
      'workflow:decision.refused',
      'case-event:decision.refused',
      'case-event:closure.proposed',
      'workflow:decision.accepted',
      'case-event:closure.approved',
      'workflow:workflow.completed',
    ];
    const positions = order.map((k) => kinds.indexOf(k));
    expect(positions.every((p) => p >= 0), `missing from ${kinds.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const opened = h.entries.find((e) => e.kind === 'interim.opened')!;
    expect(opened.deadline).toMatchObject({ ruleSetId: 'NPRM-2024', citation: expect.any(String) });
    expect(opened.deadline!.explanation.join(' ')).toMatch(/calendar days/);
    expect(h.entries.find((e) => e.kind === 'decision.refused')).toMatchObject({ actor: 'hana.handler', summary: expect.stringMatching(/lift-restrictions.*refused/) });
    const accepted = h.entries.filter((e) => e.kind === 'decision.accepted' && e.source === 'workflow');
    expect(accepted.map((e) => e.actor)).toEqual(['hana.handler', 'rita.reviewer']);
    expect(accepted.map((e) => e.summary).join(' ')).toMatch(/"close" accepted.*"approve" accepted/);
    // One decision reads received (workflow), recorded (case record, with the provision it acts
    // under), carried out (workflow), in that order.
    const close = ['workflow:decision.received', 'case-event:approval.requested', 'workflow:decision.accepted'].map((k) =>
      h.entries.findIndex((e) => `${e.source}:${e.kind}` === k && e.summary.includes('"close"')),
    );
    expect(close.every((p) => p >= 0), `missing from ${kinds.join(', ')}`).toBe(true);
    expect([...close].sort((a, b) => a - b)).toEqual(close);
    const proposal = h.entries[close[1]!]!;
    expect(proposal.deadline).toMatchObject({ ruleSetId: 'NPRM-2024', obligation: 'interim-account-review', citation: h.deadlines[0]!.citation });
    expect(h.entries[close[2]!]!.deadline).toMatchObject({ obligation: 'interim-account-review', citation: h.deadlines[0]!.citation });
    // The first clock is the first reminder of the review's deadline, named as such, at a local midnight.
    const firstClock = h.entries.find((e) => e.kind === 'timer.started')!;
    expect(firstClock.summary).toMatch(/^Clock set: Reminder 7 calendar days before the due date \d{4}-\d{2}-\d{2} \(CIP policy default: reminders 7, 3, 1 calendar days before a due date\): at the start of /);
    expect(firstClock.summary).not.toMatch(/\.\d{2}[1-9]Z|\.\d[1-9]\dZ|\.[1-9]\d\dZ/);
    expect(firstClock.deadline).toMatchObject({ obligation: 'interim-account-review', citation: h.deadlines[0]!.citation });

    // The parent case's history shows the child case it started.
    const parent = (await call('GET', `/v1/cases/${c.identificationCaseId}/history`, undefined, 'legal')).body as { entries: Entry[] };
    expect(parent.entries.some((e) => e.kind === 'child-case.started' && e.summary.includes('interim-account-review'))).toBe(true);
    // No personal data in the timeline.
    for (const personal of [GERMAN_ENTITY.name, GERMAN_ENTITY.address.lines[0], GERMAN_ENTITY.paymentMethods[0].identifier]) expect(JSON.stringify(h)).not.toContain(personal);
  });

  it('exports CSV and a PDF dossier whose text holds the deadlines, decisions and standing', async () => {
    const csv = await call('GET', `/v1/cases/${c.reviewCaseId}/history.csv`, undefined, 'legal');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.raw.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('at,source,kind,actor,summary,reason,rule_set,obligation,due_at,citation,explanation,superseded,ref');
    expect(lines.some((l) => l.includes('"decision.refused"') && l.includes('"hana.handler"'))).toBe(true);
    expect(lines.some((l) => l.includes('"closure.proposed"') && l.includes('"documents never arrived"'))).toBe(true);

    const pdf = await call('GET', `/v1/cases/${c.reviewCaseId}/dossier.pdf`, undefined, 'legal');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'dossier-'));
    const file = join(dir, 'dossier.pdf');
    writeFileSync(file, pdf.raw);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toMatch(/Case dossier/);
    expect(text).toContain(c.reviewCaseId);
    expect(text).toMatch(/Deadlines/);
    expect(text).toMatch(/30 calendar days/);
    expect(text).toMatch(/never finalised/);
    expect(text).toMatch(/Decision "close" accepted and carried out by the case workflow/);
    expect(text).toMatch(/Closure proposed \(recorded in the case record\)/);
    expect(text).toMatch(/closure\.approved/);
    expect(text).toMatch(/rita\.reviewer/);
    expect(text).toMatch(/lift-restrictions" refused/);
    expect(text).toMatch(/verified intact/);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBe(1);
  });

  it('names the obligation, its provision and the rule set on the steps a withdrawn CIP transmission took by itself, in JSON, CSV and the dossier', async () => {
    const created = await call('POST', '/v1/cip-transmission-requests', { requestReference: `LEGAL-${randomUUID()}`, cipOwner: { type: 'provider' }, receivedAt: new Date(Date.now() - 86_400_000).toISOString() });
    expect(created.status).toBe(201);
    const caseId = (created.body as { id: string }).id;
    expect((await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'withdraw', reason: 'Commerce withdrew the request by letter' })).status).toBe(200);
    const h = await eventually(async () => {
      const body = (await call('GET', `/v1/cases/${caseId}/history`, undefined, 'legal')).body as { deadlines: { citation: string }[]; entries: Entry[] };
      return body.entries.some((e) => e.kind === 'workflow.completed') ? body : undefined;
    });
    const citation = h.deadlines[0]!.citation;
    // The rule set's provision, with the caveat every single-section pinpoint carries.
    expect(citation).toMatch(/^89 FR 5698 .*proposed 15 CFR 7\.302 \(.*the section is a reading, within 7\.300-7\.310\)$/);
    const steps = ['workflow:workflow.started', 'case-event:case.opened', 'workflow:decision.received', 'case-event:decision.accepted', 'case-event:request.withdrawn', 'workflow:timer.cancelled', 'workflow:decision.accepted', 'workflow:workflow.completed'];
    for (const step of steps) {
      const entry = h.entries.find((e) => `${e.source}:${e.kind}` === step);
      expect(entry?.deadline, step).toMatchObject({ ruleSetId: 'NPRM-2024', obligation: 'cip-transmission', obligationTitle: expect.stringMatching(/\S/), citation });
    }

    const csv = (await call('GET', `/v1/cases/${caseId}/history.csv`, undefined, 'legal')).text.trim().split('\r\n');
    for (const kind of ['request.withdrawn', 'timer.cancelled', 'workflow.completed']) {
      const row = csv.find((l) => l.includes(`"${kind}"`));
      expect(row, kind).toContain(`"NPRM-2024","cip-transmission"`);
      expect(row, kind).toContain(`"${citation.replace(/"/g, '""')}"`);
    }

    const pdf = await call('GET', `/v1/cases/${caseId}/dossier.pdf`, undefined, 'legal');
    const file = join(mkdtempSync(join(tmpdir(), 'dossier-')), 'dossier.pdf');
    writeFileSync(file, pdf.raw);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const timeline = text.slice(text.lastIndexOf('Timeline'));
    const withdrawn = timeline.slice(timeline.indexOf('request.withdrawn'));
    expect(withdrawn).toMatch(/^request\.withdrawn hana\.handler Request withdrawn \(recorded in the case record\) Reason: Commerce withdrew the request by letter Under rule set NPRM-2024, obligation cip-transmission \(Transmit the requested CIP .+?\): 89 FR 5698/);
    const completed = timeline.slice(timeline.indexOf('workflow.completed'));
    expect(completed).toMatch(/^workflow\.completed system Case workflow completed Under rule set NPRM-2024, obligation cip-transmission/);
  });

  it("gives each clock of a case on several its own due instant and explanation (a measure's implementation date is not its expiry)", async () => {
    const issuedAt = issuedInForce(new Date(), NPRM_2024, 'America/New_York');
    const measure = await call('POST', '/v1/special-measures', { target: { jurisdiction: 'BY' }, kind: 'prohibition', issuedAt: issuedAt.toISOString(), federalRegisterCitation: `91 FR ${randomUUID()}` }, 'legal');
    expect(measure.status).toBe(201);
    const { caseId, implementation, expiry } = measure.body as { caseId: string; implementation: { dueAt: string; explanation: string[] }; expiry: { dueAt: string; explanation: string[] } };
    await eventually(async () => ((await call('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body?.status === 'in-force' ? true : undefined));
    const history = await call('GET', `/v1/cases/${caseId}/history`, undefined, 'legal');
    expect(history.status).toBe(200);
    expect(history.body.deadlines).toEqual([
      expect.objectContaining({ obligation: 'special-measure-implementation', dueAt: implementation.dueAt, explanation: implementation.explanation }),
      expect.objectContaining({ obligation: 'special-measure-expiry', dueAt: expiry.dueAt, explanation: expiry.explanation }),
    ]);
    // A step names the clock the case was due on when it was taken, as its workflow set it: the
    // opening and the entry into force end the phase-in, though the case is due on its expiry now.
    const entries = (history.body as { entries: Entry[] }).entries;
    for (const step of ['workflow:workflow.started', 'case-event:case.opened', 'case-event:special-measure.in-force']) {
      expect(entries.find((e) => `${e.source}:${e.kind}` === step)?.deadline, step).toMatchObject({ obligation: 'special-measure-implementation', dueAt: implementation.dueAt });
    }
    expect(history.body.case.dueAt).toBe(expiry.dueAt);
  });

  it("marks a revoked measure's expiry as no longer governing from the revocation, and says the revocation carries no effective date of its own, in JSON, CSV and the dossier", async () => {
    const issuedAt = issuedInForce(new Date(), NPRM_2024, 'America/New_York');
    const citation = `91 FR ${randomUUID()}`;
    const measure = await call('POST', '/v1/special-measures', { target: { jurisdiction: 'BY' }, kind: 'prohibition', issuedAt: issuedAt.toISOString(), federalRegisterCitation: citation }, 'legal');
    expect(measure.status).toBe(201);
    const { caseId, implementation, expiry } = measure.body as { caseId: string; implementation: { dueAt: string }; expiry: { dueAt: string; explanation: string[] } };
    await eventually(async () => ((await call('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body?.status === 'in-force' ? true : undefined));
    expect((await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'revoke', reason: 'Commerce revoked the measure' }, 'legal')).status).toBe(200);
    const history = (await call('GET', `/v1/cases/${caseId}/history`, undefined, 'legal')).body as {
      deadlines: { obligation: string; dueAt: string; explanation: string[]; supersededBy?: { kind: string; at: string; explanation: string[] } }[];
      entries: (Entry & { deadline?: Entry['deadline'] & { supersededBy?: { at: string } } })[];
    };
    const revoked = history.entries.find((e) => e.source === 'case-event' && e.kind === 'special-measure.revoked')!;
    expect(revoked.summary).toBe(`Special measure revoked (recorded in the case record). From then on the special-measure-expiry deadline (due ${expiry.dueAt}) no longer governs the case.`);
    // The implementation date was reached before the revocation: it governed, and is left as it was.
    const [implementationDeadline, expiryDeadline] = history.deadlines;
    expect(implementationDeadline).toMatchObject({ obligation: 'special-measure-implementation', dueAt: implementation.dueAt });
    expect(implementationDeadline!.supersededBy).toBeUndefined();
    // The expiry is still shown as it stood, with its explanation, and marked as taken away by the revocation.
    expect(expiryDeadline).toMatchObject({ obligation: 'special-measure-expiry', dueAt: expiry.dueAt, explanation: expiry.explanation });
    expect(expiryDeadline!.supersededBy).toEqual({
      kind: 'special-measure.revoked',
      at: revoked.at,
      explanation: [
        `The measure was revoked (recorded ${revoked.at} by lena.legal; no Federal Register citation recorded): from then on this deadline no longer governs the measure, which stopped binding when the revocation was recorded.`,
        'The revocation as recorded carries no effective date of its own (its decision takes only an optional Federal Register citation): the instant above is when it was recorded in cipdesk, not an effective date published by Commerce.',
      ],
    });
    // Before the revocation the expiry governed; from it on, every step naming it says it no longer does.
    const inForce = history.entries.find((e) => e.kind === 'special-measure.in-force')!;
    expect(inForce.deadline?.supersededBy).toBeUndefined();
    const namingExpiry = history.entries.filter((e) => e.at >= revoked.at && e.deadline?.obligation === 'special-measure-expiry');
    expect(namingExpiry.length).toBeGreaterThan(0);
    for (const e of namingExpiry) expect(e.deadline?.supersededBy, `${e.source}:${e.kind}`).toMatchObject({ at: revoked.at });

    const csv = (await call('GET', `/v1/cases/${caseId}/history.csv`, undefined, 'legal')).raw.toString('utf8').trim().split('\r\n');
    const revokedRow = csv.find((l) => l.includes('"special-measure.revoked"'))!;
    expect(revokedRow).toContain(`"No longer governs since ${revoked.at} (special-measure.revoked). The measure was revoked (recorded ${revoked.at}`);
    expect(revokedRow).toContain('carries no effective date of its own');

    const pdf = await call('GET', `/v1/cases/${caseId}/dossier.pdf`, undefined, 'legal');
    const file = join(mkdtempSync(join(tmpdir(), 'dossier-')), 'dossier.pdf');
    writeFileSync(file, pdf.raw);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const deadlines = text.slice(text.indexOf('Deadlines'), text.indexOf('Decisions'));
    expect(deadlines).toContain(`Due: ${expiry.dueAt}`);
    expect(deadlines).toContain(`No longer governs: since ${revoked.at} (special-measure.revoked)`);
    expect(deadlines).toContain('carries no effective date of its own');
    expect(deadlines.indexOf('No longer governs')).toBeGreaterThan(deadlines.indexOf(`Due: ${expiry.dueAt}`));
    expect(text.slice(text.lastIndexOf('Timeline'))).toContain(`This deadline no longer governs since ${revoked.at} (special-measure.revoked).`);
  });

  it('answers from the case events alone when Temporal no longer holds the workflow, and says so', async () => {
    const caseId = randomUUID();
    await insertCaseIfAbsent(system.db.db, {
      id: caseId, type: 'cip-transmission', status: 'closed', subjectType: 'provider', subjectId: 'provider', ruleSetId: 'NPRM-2024',
      workflowId: `cip-transmission:archived-${caseId}`, openedAt: new Date('2025-03-03T15:00:00Z'), dueAt: new Date('2025-03-14T03:59:59.999Z'),
    });
    await appendCaseEvent(system.db.db, { caseId, eventKey: 'wf:1', type: 'case.opened', occurredAt: new Date('2025-03-03T15:00:00Z'), actor: 'hana.handler', data: { dueAt: '2025-03-14T03:59:59.999Z', explanation: ['10 calendar days after the request'] } });
    const h = (await call('GET', `/v1/cases/${caseId}/history`, undefined, 'legal')).body as { workflowHistory: { available: boolean; note: string }; entries: Entry[] };
    expect(h.workflowHistory).toMatchObject({ available: false, note: expect.stringMatching(/no longer holds/) });
    expect(h.entries).toEqual([expect.objectContaining({ source: 'case-event', kind: 'case.opened', deadline: expect.objectContaining({ obligation: 'cip-transmission', citation: expect.stringMatching(/89 FR 5698/) }) })]);
  });

  it("computes from the rule set each clock of an AI training report opened before its record kept them, in the history and the dossier", async () => {
    const caseId = randomUUID();
    const transactionAt = '2026-11-02T16:20:00.000Z';
    const knowledgeAt = '2026-11-05T14:00:00.000Z';
    // As a case opened before the per-clock fields: the details name the reseller's due date only.
    await insertCaseIfAbsent(system.db.db, {
      id: caseId, type: 'ai-training-report', status: 'drafting', subjectType: 'ai-training-transaction', subjectId: randomUUID(), ruleSetId: 'NPRM-2024',
      workflowId: `ai-training-report:before-clocks-${caseId}`, openedAt: new Date('2026-11-06T10:00:00Z'), dueAt: null,
      details: { route: 'through-reseller', resellerReportDueDate: '2026-11-20', filingDueDate: '2026-12-02' },
    });
    await appendCaseEvent(system.db.db, { caseId, eventKey: 'wf:1', type: 'case.opened', occurredAt: new Date('2026-11-06T10:00:00Z'), actor: 'hana.handler', data: { route: 'through-reseller', transactionAt, knowledgeAt } });
    const expected = aiTrainingReportSchedule({ ruleSet: NPRM_2024, timeZone: 'America/New_York', route: 'through-reseller', transactionAt: new Date(transactionAt), knowledgeAt: new Date(knowledgeAt) });
    if (expected.route !== 'through-reseller') throw new Error('through a reseller');
    const h = (await call('GET', `/v1/cases/${caseId}/history`, undefined, 'legal')).body as { deadlines: { obligation: string; dueAt: string | null; explanation: string[] }[] };
    expect(h.deadlines.map((d) => [d.obligation, d.dueAt])).toEqual([
      ['ai-report-reseller-to-provider', expected.resellerReport.dueAt.toISOString()],
      ['ai-report-provider-files-reseller', expected.filing.dueAt.toISOString()],
    ]);
    for (const [d, clock] of [[h.deadlines[0]!, expected.resellerReport], [h.deadlines[1]!, expected.filing]] as const) {
      expect(d.explanation.slice(0, -1)).toEqual([...clock.explanation]);
      expect(d.explanation.at(-1)).toBe(
        `This case was opened before it recorded this clock's instant and explanation: both are computed here by rule set NPRM-2024 from the transaction instant ${transactionAt} and the knowledge instant ${knowledgeAt} recorded when the case was opened, counting days in America/New_York.`,
      );
    }
    const pdf = await call('GET', `/v1/cases/${caseId}/dossier.pdf`, undefined, 'legal');
    const file = join(mkdtempSync(join(tmpdir(), 'dossier-')), 'dossier.pdf');
    writeFileSync(file, pdf.raw);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Due: ${expected.resellerReport.dueAt.toISOString()}`);
    expect(text).toContain(`Due: ${expected.filing.dueAt.toISOString()}`);
    expect(text).toContain(`- ${expected.resellerReport.explanation[0]}`);
  });

  it('finds cases across types by subject, window, actor and rule set, in keyset pages', async () => {
    const bySubject = await call('GET', `/v1/legal/cases?subjectType=account&subjectId=${c.accountId}`, undefined, 'legal');
    expect(bySubject.body.items.map((x: { id: string }) => x.id)).toContain(c.reviewCaseId);
    // A customer's cases are its own and its accounts': the interim review and record retention are the account's.
    const types = await eventually(async () => {
      const byCustomer = await call('GET', `/v1/legal/cases?customerId=${c.customerId}&limit=200`, undefined, 'legal');
      const found = Object.fromEntries((byCustomer.body.items as { id: string; type: string }[]).map((x) => [x.type, x.id]));
      return found['record-retention'] ? found : undefined;
    });
    expect(types).toMatchObject({ 'customer-identification': c.identificationCaseId, 'interim-account-review': c.reviewCaseId, 'record-retention': expect.any(String) });
    expect((await call('GET', `/v1/legal/cases?customerId=${randomUUID()}`, undefined, 'legal')).body.items).toEqual([]);
    expect((await call('GET', '/v1/legal/cases?customerId=not-a-uuid', undefined, 'legal')).body.errors[0].field).toBe('querystring.customerId');
    const byActor = await call('GET', `/v1/legal/cases?actor=rita.reviewer&ruleSetId=NPRM-2024&limit=200`, undefined, 'legal');
    expect(byActor.body.items.map((x: { id: string }) => x.id)).toContain(c.reviewCaseId);
    const before = await call('GET', `/v1/legal/cases?to=2000-01-01T00:00:00Z&subjectId=${c.accountId}`, undefined, 'legal');
    expect(before.body.items).toEqual([]);
    const notBreached = await call('GET', `/v1/legal/cases?breachedDeadline=true&subjectId=${c.accountId}`, undefined, 'legal');
    expect(notBreached.body.items).toEqual([]);
    const page1 = await call('GET', '/v1/legal/cases?limit=1', undefined, 'legal');
    const page2 = await call('GET', `/v1/legal/cases?limit=1&cursor=${page1.body.nextCursor}`, undefined, 'legal');
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expect((await call('GET', '/v1/legal/cases?cursor=nonsense', undefined, 'legal')).body.errors[0].field).toBe('querystring.cursor');
    expect((await call('GET', '/v1/legal/cases', undefined, 'case_handler')).status).toBe(403);
  });

  it('reads personal fields only with a purpose from the fixed list, and legal sees every read in the access log', async () => {
    expect((await call('GET', `/v1/customers/${c.customerId}?purpose=${encodeURIComponent('just curious')}`, undefined, 'legal')).body.errors[0].field).toBe('querystring.purpose');
    expect((await call('GET', `/v1/customers/${c.customerId}?purpose=lawful-request`, undefined, 'scheduler')).status).toBe(403);
    const without = await call('GET', `/v1/customers/${c.customerId}`, undefined, 'legal');
    expect(JSON.stringify(without.body)).not.toContain(GERMAN_ENTITY.name);
    const read = await call('GET', `/v1/customers/${c.customerId}?purpose=lawful-request`, undefined, 'legal');
    expect(JSON.stringify(read.body.personal)).toContain(GERMAN_ENTITY.name);
    const log = await call('GET', `/v1/access-log?customerId=${c.customerId}&actor=lena.legal`, undefined, 'legal');
    expect(log.body.items).toEqual([expect.objectContaining({ actor: 'lena.legal', purpose: 'lawful-request', customerId: c.customerId, chainPosition: expect.any(Number) })]);
    expect((await call('GET', `/v1/access-log?purpose=lawful-request&limit=1`, undefined, 'admin')).body.items).toHaveLength(1);
    expect((await call('GET', '/v1/access-log', undefined, 'reviewer')).status).toBe(403);
  });
});
