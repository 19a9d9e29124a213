// End to end against real Temporal and PostgreSQL: a covered training transaction through a
// foreign reseller opens a report case through the API; the reseller's report arrives, a handler
// submits it, a reviewer approves it, the filing is recorded with Commerce's receipt, and the
// case's history reads back in order.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { reconcileAiTrainingReports } from '../../api/routes/ai-training/report-case.js';
import { getCaseById } from '../../db/queries/cases.js';
import { insertAiTrainingTransaction } from '../../db/queries/ai-training.js';
import { registerReseller } from '../helpers/resellers.js';
import { bearer } from '../helpers/tokens.js';
import { eventually, useTestSystem } from '../helpers/system.js';

let resellerId: string;
const system = useTestSystem();
beforeAll(async () => {
  resellerId = await registerReseller(system.app);
});

type Role = Parameters<typeof bearer>[0];
const call = (method: 'GET' | 'POST', url: string, role: Role = 'case_handler', payload?: object, index = 0) =>
  system.app.inject({ method, url, headers: bearer(role, index), ...(payload ? { payload } : {}) });
const decide = (caseId: string, payload: object, role: Role = 'case_handler', index = 0) => call('POST', `/v1/cases/${caseId}/decisions`, role, payload, index);

const DAY = 24 * 60 * 60 * 1000;
const run = {
  operations: '3e26',
  cluster: { coLocatedInSingleDataCentre: true, networkingGbitPerSecond: '800', peakOperationsPerSecond: '5e20' },
  operationsPeriod: { start: new Date(Date.now() - 3 * DAY).toISOString(), end: new Date(Date.now() + 60 * DAY).toISOString() },
  modelName: 'Aurora-XL',
};
const resellerContents = {
  contactInfoRef: 'reseller-doc-contact-7',
  paymentInfoRef: 'reseller-doc-payment-7',
  estimatedOperations: '3.2e26',
  operationsPeriod: run.operationsPeriod,
  modelName: 'Aurora-XL',
  cybersecurityPractices: 'SSO with hardware keys; model weights in an HSM-backed store; annual audit',
};

describe('AI training report through a foreign reseller, end to end', () => {
  it('opens the case, takes the reseller report, files it with four eyes, and reads the history back', async () => {
    const externalReference = `TXN-${randomUUID()}`;
    const created = await call('POST', '/v1/ai-training-transactions', 'case_handler', {
      externalReference,
      foreignPerson: { type: 'reseller-customer', resellerId, resellerCustomerReference: 'RC-77' },
      transactionAt: new Date(Date.now() - 2 * DAY).toISOString(),
      run,
    });
    expect(created.statusCode, created.body).toBe(201);
    const caseId: string = created.json().caseId;
    expect(created.json().case).toMatchObject({ id: caseId, type: 'ai-training-report', status: 'awaiting-reseller-report', subject: { type: 'ai-training-transaction' } });

    // The reseller's report: malformed input is refused naming the field; then accepted.
    const bad = await call('POST', `/v1/ai-training-reports/${caseId}/reseller-report`, 'case_handler', {
      resellerReportReference: 'RR-1',
      contents: { ...resellerContents, estimatedOperations: 'many' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.contents.estimatedOperations');
    const delivered = await call('POST', `/v1/ai-training-reports/${caseId}/reseller-report`, 'case_handler', { resellerReportReference: 'RR-1', contents: resellerContents });
    expect(delivered.statusCode, delivered.body).toBe(202);
    await eventually(async () => ((await getCaseById(system.db.db, { id: caseId }))?.status === 'drafting' ? true : undefined));

    // Four eyes: the submitter cannot approve; a reviewer does; then the filing with the receipt.
    expect((await decide(caseId, { decision: 'submit-for-approval' })).statusCode).toBe(200);
    expect((await decide(caseId, { decision: 'approve' }, 'case_handler')).statusCode).toBe(403);
    expect((await decide(caseId, { decision: 'file', params: { filingReceipt: 'BIS-X' } })).statusCode).toBe(409);
    expect((await decide(caseId, { decision: 'approve' }, 'reviewer')).statusCode).toBe(200);
    const filed = await decide(caseId, { decision: 'file', params: { filingReceipt: 'BIS-AI-2026-0042' } }, 'case_handler', 1);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ caseId, decision: 'file', status: 'filed' });

    const report = await call('GET', `/v1/ai-training-reports/${caseId}`, 'legal');
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json();
    expect(body.case).toMatchObject({ status: 'filed', dueAt: null, details: { route: 'through-reseller', filingReceipt: 'BIS-AI-2026-0042', filedOnTime: true, breached: false } });
    expect(body.deadlines.filing.explanation.join(' ')).toContain('ai-report-provider-files-reseller');
    expect(body.deadlines.resellerReport.dueDate < body.deadlines.filing.dueDate).toBe(true);
    expect(body.versions).toEqual([
      expect.objectContaining({
        version: 1,
        kind: 'reseller-submission',
        source: 'reseller-report',
        complete: true,
        contents: expect.objectContaining({ estimatedOperations: '3.2e26' }),
        approvedBy: 'rita.reviewer',
        filing: expect.objectContaining({ filingReceipt: 'BIS-AI-2026-0042', filedOnTime: true, filedBy: 'henrik.handler' }),
      }),
    ]);

    const document = await call('GET', `/v1/ai-training-reports/${caseId}/document`, 'legal');
    expect(document.statusCode).toBe(200);
    expect(document.headers['content-type']).toContain('text/html');
    expect(document.body).toContain('BIS-AI-2026-0042');
    expect(document.body).toContain("the foreign reseller&#39;s report");
    expect(document.body).not.toContain('DRAFT');

    const events = (await call('GET', `/v1/cases/${caseId}/events`, 'legal')).json();
    const types = events.items.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'case.opened',
      'reseller.report-received',
      'report.version-recorded',
      'approval.requested',
      'report.submitted-for-approval',
      // The refused attempts above stay on record with who tried them.
      'decision.refused',
      'decision.refused',
      'decision.accepted',
      'report.approved',
      'decision.accepted',
      'report.filed',
    ]);
    expect(events.items.find((e: { type: string }) => e.type === 'report.filed').actor).toBe('henrik.handler');

    // The provider's own customer's case takes no reseller report; an unknown case is 404.
    expect((await call('POST', `/v1/ai-training-reports/${randomUUID()}/reseller-report`, 'case_handler', { resellerReportReference: 'RR-2', contents: resellerContents })).statusCode).toBe(404);
    expect((await call('POST', `/v1/ai-training-reports/${caseId}/reseller-report`, 'reviewer', { resellerReportReference: 'RR-2', contents: resellerContents })).statusCode).toBe(403);
  });

  it('sends a reseller that keeps failing into its oversight and termination case, opened once and linked from each report case', async () => {
    const failing = await registerReseller(system.app);
    const openReportCase = async () => {
      const created = await call('POST', '/v1/ai-training-transactions', 'case_handler', {
        externalReference: `TXN-${randomUUID()}`,
        foreignPerson: { type: 'reseller-customer', resellerId: failing, resellerCustomerReference: 'RC-91' },
        transactionAt: new Date(Date.now() - 2 * DAY).toISOString(),
        run,
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().caseId as string;
    };
    const first = await openReportCase();
    expect((await decide(first, { decision: 'refer-reseller' })).json().errors[0].field).toBe('body.reason');
    const referred = await decide(first, { decision: 'refer-reseller', reason: 'Third late report this year; ignored every reminder' });
    expect(referred.statusCode, referred.body).toBe(200);

    // The oversight case is open, the reseller under review, and the report case links the case.
    const oversight = await eventually(async () => (await call('GET', `/v1/cases?type=reseller-termination&subjectId=${failing}`, 'legal')).json().items[0]);
    expect(oversight).toMatchObject({ status: 'under-review', subject: { type: 'foreign-reseller', id: failing } });
    expect((await call('GET', `/v1/resellers/${failing}`, 'legal')).json().status).toBe('under-review');
    const report = (await call('GET', `/v1/cases/${first}`, 'legal')).json();
    expect(report.details).toMatchObject({ referredForTermination: true, terminationCaseId: oversight.id });
    const referral = (await call('GET', `/v1/cases/${first}/events`, 'legal')).json().items.find((e: { type: string }) => e.type === 'reseller.referred-for-termination');
    expect(referral).toMatchObject({
      actor: 'hana.handler',
      data: { resellerId: failing, outcome: 'opened', terminationCaseStarted: true, terminationCaseId: oversight.id, terminationWorkflowId: oversight.workflowId },
    });
    const [evidence] = (await call('GET', `/v1/resellers/${failing}/oversight-record`, 'legal')).json().evidence;
    expect(evidence).toMatchObject({ id: referral.data.evidenceId, source: `ai-training-report case ${first}`, recordedBy: 'hana.handler' });
    expect(evidence.description).toContain('Third late report this year');

    // A second report case refers the same reseller: added to the open case, not a second case.
    const second = await openReportCase();
    expect((await decide(second, { decision: 'refer-reseller', reason: 'Late again' }, 'case_handler', 1)).statusCode).toBe(200);
    const added = (await call('GET', `/v1/cases/${second}/events`, 'legal')).json().items.find((e: { type: string }) => e.type === 'reseller.referred-for-termination');
    expect(added.data).toMatchObject({ outcome: 'added', terminationCaseId: oversight.id });
    await eventually(async () =>
      (await call('GET', `/v1/cases/${oversight.id}/events`, 'legal')).json().items.some((e: { type: string; data: { evidenceId?: string } }) => e.type === 'evidence.added' && e.data.evidenceId === added.data.evidenceId)
        ? true
        : undefined,
    );
    expect((await call('GET', `/v1/cases?type=reseller-termination&subjectId=${failing}`, 'legal')).json().items).toHaveLength(1);
  });

  it('starts the report case of a transaction a crash left without one', async () => {
    const caseId = randomUUID();
    await insertAiTrainingTransaction(system.db.db, {
      transaction: {
        id: randomUUID(),
        caseId,
        externalReference: `TXN-${randomUUID()}`,
        route: 'through-reseller',
        resellerId,
        resellerCustomerReference: 'RC-8',
        transactionAt: new Date(Date.now() - DAY),
        estimatedOperations: '2e26',
        cluster: { coLocatedInSingleDataCentre: true, networkingGbitPerSecond: '400', peakOperationsPerSecond: '2e20' },
        ruleSetId: 'NPRM-2024',
        coverage: { covered: true, ruleSetId: 'NPRM-2024', criteria: [], reasons: [] },
        createdBy: 'hana.handler',
      },
    });
    const { started } = await reconcileAiTrainingReports(system.app.deps);
    expect(started).toBeGreaterThanOrEqual(1);
    const opened = await eventually(async () => getCaseById(system.db.db, { id: caseId }));
    expect(opened).toMatchObject({ type: 'ai-training-report', status: 'awaiting-reseller-report' });
    // Running it again starts nothing twice.
    await reconcileAiTrainingReports(system.app.deps);
  });
});
