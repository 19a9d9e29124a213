// Legal's timeline of a case that ran its whole course: a covered AI training transaction through
// a foreign reseller, reminders to the reseller, the escalation to the provider's compliance
// lead when the reseller's deadline passed, reminders on the provider's own filing deadline, a
// refused decision and a four-eyes approval. Weeks of case time pass on Temporal's time-skipping
// test server (the real server binary); the worker runs the production activities against the
// real PostgreSQL, and the API reads the history from the same Temporal server.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { buildApp, type App } from '../../api/app.js';
import { createDb, type DbHandle } from '../../db/client.js';
import { registerReseller } from '../helpers/resellers.js';
import { eventually } from '../helpers/system.js';
import { bearer, TEST_TOKENS } from '../helpers/tokens.js';
import { createTestWorker, createTimeSkippingEnv } from '../helpers/workflow-env.js';

let env: TestWorkflowEnvironment;
let db: DbHandle;
let worker: Worker;
let running: Promise<void>;
let app: App;
// The API stamps what it records itself (a refused decision, a report received) with its own
// clock; here that clock follows the test server's, as production's follows the wall clock.
let skew = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = createDb(inject('databaseUrl'), { max: 5 });
  const created = await createTestWorker(env, createActivities({ db: db.db }));
  worker = created.worker;
  running = worker.run();
  app = await buildApp({ db, temporal: { client: env.client, taskQueue: created.taskQueue }, tokens: TEST_TOKENS, providerTimeZone: 'America/New_York', now: () => new Date(Date.now() + skew) });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.close();
});

type Role = Parameters<typeof bearer>[0];
const call = async (method: 'GET' | 'POST', url: string, role: Role = 'case_handler', payload?: object, index = 0) => {
  const res = await app.inject({ method, url, headers: bearer(role, index), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body };
};
const decide = (caseId: string, payload: object, role: Role = 'case_handler', index = 0) => call('POST', `/v1/cases/${caseId}/decisions`, role, payload, index);
const caseStatus = async (caseId: string) => (await call('GET', `/v1/cases/${caseId}`, 'legal')).body.status as string;

/** Lets the test server's clock run to `at` (plus a minute); the worker fires what falls due on the way. */
async function skipTo(at: string) {
  const wait = new Date(at).getTime() - (await env.currentTimeMs());
  if (wait > 0) await env.sleep(wait + 60_000);
  skew = (await env.currentTimeMs()) - Date.now();
}

interface Deadline { ruleSetId: string; obligation: string | null; obligationTitle: string | null; citation: string | null; dueAt: string | null; explanation: string[] }
interface Entry { at: string; source: 'workflow' | 'case-event'; kind: string; summary: string; actor: string; deadline?: Deadline; data?: Record<string, unknown> }

const DAY = 24 * 60 * 60 * 1000;
const contents = {
  contactInfoRef: 'reseller-doc-contact-9',
  paymentInfoRef: 'reseller-doc-payment-9',
  estimatedOperations: '3.2e26',
  modelName: 'Aurora-XL',
  cybersecurityPractices: 'SSO with hardware keys; weights in an HSM-backed store',
};

describe('the history of an escalated case, for legal', () => {
  let caseId: string;
  let due: { reseller: string; filing: string };
  let explained: { reseller: string[]; filing: string[] };

  beforeAll(async () => {
    const resellerId = await registerReseller(app);
    const now = await env.currentTimeMs();
    const operationsPeriod = { start: new Date(now - 3 * DAY).toISOString(), end: new Date(now + 60 * DAY).toISOString() };
    const created = await call('POST', '/v1/ai-training-transactions', 'case_handler', {
      externalReference: `TXN-${randomUUID()}`,
      foreignPerson: { type: 'reseller-customer', resellerId, resellerCustomerReference: 'RC-5' },
      transactionAt: new Date(now - 60_000).toISOString(),
      run: {
        operations: '3e26',
        cluster: { coLocatedInSingleDataCentre: true, networkingGbitPerSecond: '800', peakOperationsPerSecond: '5e20' },
        operationsPeriod,
        modelName: 'Aurora-XL',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.caseId;
    const report = (await call('GET', `/v1/ai-training-reports/${caseId}`, 'legal')).body;
    due = { reseller: report.deadlines.resellerReport.dueAt, filing: report.deadlines.filing.dueAt };
    explained = { reseller: report.deadlines.resellerReport.explanation, filing: report.deadlines.filing.explanation };

    // The reseller stays silent past its deadline: reminders, then the escalation.
    await skipTo(due.reseller);
    expect(await eventually(async () => ((await caseStatus(caseId)) === 'reseller-overdue' ? true : undefined))).toBe(true);

    // Its report arrives late; the provider works on it until half a day before its own deadline.
    const delivered = await call('POST', `/v1/ai-training-reports/${caseId}/reseller-report`, 'case_handler', {
      resellerReportReference: 'RR-LATE-5',
      contents: { ...contents, operationsPeriod },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(202);
    await skipTo(new Date(new Date(due.filing).getTime() - DAY / 2 - 60_000).toISOString());

    // Filing before the approval is refused; the four-eyes path files it.
    expect((await decide(caseId, { decision: 'submit-for-approval' })).status).toBe(200);
    expect((await decide(caseId, { decision: 'file', params: { filingReceipt: 'BIS-EARLY' } })).status).toBe(409);
    expect((await decide(caseId, { decision: 'approve', reason: 'contents checked against the contract' }, 'reviewer')).status).toBe(200);
    const filed = await decide(caseId, { decision: 'file', params: { filingReceipt: 'BIS-AI-5' } }, 'case_handler', 1);
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(await caseStatus(caseId)).toBe('filed');
  }, 120_000);

  it('reads back complete and in order: reminders, the escalation, the refusal and the four-eyes approval, with the rule behind each clock', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/history`, 'legal');
    expect(res.status).toBe(200);
    const h = res.body as { ruleSet: { id: string; standing: { summary: string } }; workflowHistory: { available: boolean }; integrity: { intact: boolean }; deadlines: Deadline[]; entries: Entry[] };
    expect(h.workflowHistory.available).toBe(true);
    expect(h.integrity.intact).toBe(true);
    expect(h.ruleSet.standing.summary).toMatch(/never finalised/);
    // The clocks of a report through a reseller (not the direct route's), each with its citation and explanation.
    expect(h.deadlines.map((d) => d.obligation)).toEqual(['ai-report-reseller-to-provider', 'ai-report-provider-files-reseller']);
    // Each with its own due instant and explanation, as the report's creation answered them.
    expect(h.deadlines.map((d) => d.dueAt)).toEqual([due.reseller, due.filing]);
    expect(h.deadlines[0]!.explanation).toEqual(explained.reseller);
    expect(h.deadlines[1]!.explanation).toEqual(explained.filing);
    expect(h.deadlines[0]!.explanation).not.toEqual(h.deadlines[1]!.explanation);
    for (const d of h.deadlines) expect(d.citation).toMatch(/\S/);

    const times = h.entries.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const kinds = h.entries.map((e) => `${e.source}:${e.kind}`);
    const inOrder = [
      'workflow:workflow.started',
      'case-event:case.opened',
      'case-event:reseller.reminder',
      'case-event:reseller.deadline-missed',
      'case-event:case.escalated',
      'case-event:reseller.report-received',
      'case-event:deadline.reminder',
      'case-event:approval.requested',
      // Refused by the decision's validator: Temporal keeps no trace of it, the case's log does.
      'case-event:decision.refused',
      'case-event:report.approved',
      'case-event:report.filed',
    ];
    const positions = inOrder.map((k) => kinds.indexOf(k));
    expect(positions.every((p) => p >= 0), `missing from ${kinds.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // Every reminder sent to the reseller was before its deadline, on the reseller's own rule.
    const resellerReminders = h.entries.filter((e) => e.kind === 'reseller.reminder');
    expect(resellerReminders.length).toBeGreaterThanOrEqual(1);
    for (const r of resellerReminders) {
      expect(r.at < due.reseller).toBe(true);
      expect(r.deadline).toMatchObject({ obligation: 'ai-report-reseller-to-provider', dueAt: due.reseller, citation: h.deadlines[0]!.citation });
      expect(r.deadline!.explanation.join(' ')).toMatch(/calendar days/);
      expect(r.summary).toMatch(/^Reminder sent \(reseller\): due at /);
    }
    const missed = h.entries.find((e) => e.kind === 'reseller.deadline-missed')!;
    expect(missed.at >= due.reseller).toBe(true);
    expect(missed.deadline).toMatchObject({ obligation: 'ai-report-reseller-to-provider', dueAt: due.reseller });
    expect(h.entries.find((e) => e.kind === 'case.escalated')).toMatchObject({ actor: 'system', summary: expect.stringMatching(/^Escalated to compliance-lead: the foreign reseller's report did not arrive/) });

    // A step the workflow took names the clock it was taken under: the escalation is recorded
    // with the reseller's missed deadline; a decision names the clock the case was due on.
    const escalated = h.entries.find((e) => e.kind === 'case.escalated')!;
    expect(escalated.deadline).toMatchObject({ ruleSetId: 'NPRM-2024', obligation: 'ai-report-reseller-to-provider', dueAt: due.reseller, citation: h.deadlines[0]!.citation });
    for (const kind of ['approval.requested', 'report.approved', 'report.filed']) {
      expect(h.entries.find((e) => e.source === 'case-event' && e.kind === kind)!.deadline, kind).toMatchObject({ obligation: 'ai-report-provider-files-reseller', dueAt: due.filing, citation: h.deadlines[1]!.citation });
    }
    expect(h.deadlines[1]!.citation).toMatch(/the section is a reading, within 7\.300-7\.310\)$/);

    // The provider's own clock reminded it, on the rule the provider files under.
    const filingReminders = h.entries.filter((e) => e.kind === 'deadline.reminder');
    expect(filingReminders.length).toBeGreaterThanOrEqual(1);
    for (const r of filingReminders) {
      expect(r.at > due.reseller && r.at < due.filing).toBe(true);
      expect(r.deadline).toMatchObject({ obligation: 'ai-report-provider-files-reseller', dueAt: due.filing, citation: h.deadlines[1]!.citation });
      expect(r.deadline!.explanation.join(' ')).toMatch(/calendar days/);
    }
    // The clocks as Temporal ran them: timers set and fired. A timer is read from its instant: a
    // reminder or the due instant of one of the two clocks names that clock and its citation;
    // any other timer names none rather than guess.
    const timers = h.entries.filter((e) => e.kind === 'timer.started');
    for (const t of timers) {
      const clock = h.deadlines.find((d) => d.obligation === t.deadline?.obligation);
      if (clock) expect(t.summary).toMatch(/^Clock set: (Reminder \d+ calendar days? before the due date|Due instant)/);
      expect(t.deadline?.citation ?? null).toBe(clock?.citation ?? null);
    }
    expect(timers.filter((t) => t.deadline?.obligation === 'ai-report-reseller-to-provider').length).toBeGreaterThanOrEqual(resellerReminders.length + 1);
    expect(h.entries.filter((e) => e.kind === 'timer.fired').length).toBeGreaterThanOrEqual(resellerReminders.length + 1 + filingReminders.length);

    // Who decided what: the refusal with its reason, the proposal, the approval by a second person.
    const refused = h.entries.filter((e) => e.kind === 'decision.refused');
    expect(refused.map((e) => [e.source, e.actor])).toEqual([['case-event', 'hana.handler']]);
    expect(refused[0]!.summary).toMatch(/^Decision "file" refused: /);
    const accepted = h.entries.filter((e) => e.kind === 'decision.accepted' && e.source === 'workflow');
    expect(accepted.map((e) => [e.actor, e.summary.match(/"([a-z-]+)"/)?.[1]])).toEqual([
      ['hana.handler', 'submit-for-approval'],
      ['rita.reviewer', 'approve'],
      ['henrik.handler', 'file'],
    ]);
    expect(h.entries.find((e) => e.kind === 'report.approved')).toMatchObject({ actor: 'rita.reviewer' });
    expect(h.entries.find((e) => e.kind === 'report.filed')).toMatchObject({ actor: 'henrik.handler' });
  });
});
