// Compliance assessments through the API against real PostgreSQL and Temporal: opening one
// starts its case; bad input is refused naming the field; the findings start the remediation
// deadline (rules/) with each recommendation its own row; a recommendation implemented with an
// uploaded evidence document, another not implemented with its reason (counted on the case);
// the CIP resubmission names a version on file; then the case is remediated.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeDeadline, CURRENT_RULE_SET_ID, getRuleSet } from '../rules/index.js';
import { multipartBody } from './helpers/multipart.js';
import { eventually, useTestSystem } from './helpers/system.js';
import { bearer } from './helpers/tokens.js';

type Role = Parameters<typeof bearer>[0];
const system = useTestSystem();

const post = (url: string, payload: object, role: Role = 'case_handler') => system.app.inject({ method: 'POST', url, headers: bearer(role), payload });
const get = (url: string, role: Role = 'legal') => system.app.inject({ method: 'GET', url, headers: bearer(role) });
const decide = (caseId: string, body: object, role: Role = 'case_handler') => post(`/v1/cases/${caseId}/decisions`, body, role);
const count = async (table: string) => Number((await system.db.sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n);
const upload = (url: string, fields: Record<string, string>, file: { filename: string; contentType: string; content: Buffer }) => {
  const { payload, headers } = multipartBody(fields, file);
  return system.app.inject({ method: 'POST', url, headers: { ...bearer('case_handler'), ...headers }, payload });
};
const dayAgo = () => new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();

describe('compliance assessments', () => {
  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await count('compliance_assessments');
    const valid = { kind: 'audit', commerceReference: `BIS-A-${randomUUID()}`, cipOwner: { type: 'provider' }, noticeReceivedAt: dayAgo() };
    const cases: [object, string][] = [
      [{ ...valid, kind: 'inspection' }, 'body.kind'],
      [{ ...valid, noticeReceivedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'body.noticeReceivedAt'],
      [{ ...valid, cipOwner: { type: 'foreign-reseller', resellerId: randomUUID() } }, 'body.cipOwner.resellerId'],
      [{ ...valid, commerceReference: ' ' }, 'body.commerceReference'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/v1/compliance-assessments', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors[0].field, field).toBe(field);
    }
    expect((await post('/v1/compliance-assessments', valid, 'reviewer')).statusCode).toBe(403);
    expect(await count('compliance_assessments')).toBe(before);
  });

  it('refuses a repeat of the kind and reference that says the notice came at another time, and keeps the first', async () => {
    const body = { kind: 'audit', commerceReference: `BIS-A-${randomUUID()}`, cipOwner: { type: 'provider' }, noticeReceivedAt: dayAgo(), description: 'Audit of the CIP' };
    const opened = await post('/v1/compliance-assessments', body);
    expect(opened.statusCode).toBe(201);
    const earlier = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString();
    for (const changed of [{ ...body, noticeReceivedAt: earlier }, { ...body, description: 'Audit of the transactions' }]) {
      const res = await post('/v1/compliance-assessments', changed);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'compliance_assessment.conflict', errors: [{ field: 'body.commerceReference' }] });
    }
    const read = await get(`/v1/compliance-assessments/${opened.json().id}`);
    expect(read.json().noticeReceivedAt).toBe(opened.json().noticeReceivedAt);
  });

  it('tracks the remediation from the findings, each recommendation to done, and the resubmission, to remediated', async () => {
    const body = { kind: 'assessment', commerceReference: `BIS-CIPA-${randomUUID()}`, cipOwner: { type: 'provider' }, noticeReceivedAt: dayAgo(), description: 'Annual assessment of the CIP' };
    const opened = await post('/v1/compliance-assessments', body);
    expect(opened.statusCode).toBe(201);
    const assessment = opened.json();
    expect(assessment).toMatchObject({ status: 'under-assessment', cipOwner: { type: 'provider' }, remediationDueAt: null, resubmission: null });
    const again = await post('/v1/compliance-assessments', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(assessment.id);
    const caseId = assessment.caseId as string;
    await eventually(async () => ((await get(`/v1/cases/${caseId}`)).statusCode === 200 ? true : undefined));
    expect((await get(`/v1/cases/${caseId}`)).json()).toMatchObject({ type: 'compliance-assessment', status: 'under-assessment', subject: { type: 'provider-cip', id: 'provider' } });

    const findingsReceivedAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const decidedFrom = Date.now();
    const malformed = await decide(caseId, { decision: 'record-findings', params: { findingsReceivedAt, deficiencies: [], recommendations: [{}] } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('body.params.recommendations.0.description');
    const recorded = await decide(caseId, {
      decision: 'record-findings',
      params: {
        findingsReceivedAt,
        deficiencies: [{ description: 'IP access logs kept for 30 days only' }],
        recommendations: [{ description: 'Keep IP access logs for the retention period' }, { description: 'Appoint a second CIP officer' }],
      },
    });
    expect(recorded.json().status).toBe('remediating');
    const due = computeDeadline({ obligation: 'deficiency-remediation', ruleSet: getRuleSet(CURRENT_RULE_SET_ID), startedAt: new Date(findingsReceivedAt), timeZone: 'America/New_York' });
    let detail = (await get(`/v1/compliance-assessments/${assessment.id}`)).json();
    expect(detail).toMatchObject({ status: 'remediating', remediationDueAt: due.dueAt.toISOString(), deficiencies: [{ description: 'IP access logs kept for 30 days only' }], recommendationsOpen: 2 });
    expect(detail.recommendations.map((r: { position: number; status: string }) => [r.position, r.status])).toEqual([[1, 'open'], [2, 'open']]);
    // Each deficiency says when and by whom it was recorded here, not when Commerce's findings came.
    const [deficiency] = detail.deficiencies as { recordedAt: string; recordedBy: string }[];
    expect(deficiency!.recordedBy).toBe('hana.handler');
    expect(deficiency!.recordedAt).not.toBe(findingsReceivedAt);
    expect(Date.parse(deficiency!.recordedAt)).toBeGreaterThanOrEqual(decidedFrom);
    expect(Date.parse(deficiency!.recordedAt)).toBeLessThanOrEqual(Date.now());
    expect((await get(`/v1/cases/${caseId}`)).json().dueAt).toBe(due.dueAt.toISOString());
    const [first, second] = detail.recommendations as { id: string }[];

    // Evidence uploaded to the assessment, then named by the decision.
    const evidence = await upload(`/v1/compliance-assessments/${assessment.id}/evidence`, { label: 'retention settings' }, { filename: 'retention.png', contentType: 'image/png', content: Buffer.from('PNG evidence') });
    expect(evidence.statusCode).toBe(201);
    const documentId = evidence.json().documentId as string;
    const content = await get(evidence.json().contentUrl);
    expect(content.rawPayload.toString()).toBe('PNG evidence');
    const strange = await decide(caseId, { decision: 'resolve-recommendation', params: { recommendationId: first!.id, outcome: 'implemented', evidence: 'settings', evidenceDocumentId: randomUUID() } });
    expect(strange.statusCode).toBe(400);
    expect(strange.json().errors[0].field).toBe('body.params.evidenceDocumentId');
    const implemented = await decide(caseId, { decision: 'resolve-recommendation', params: { recommendationId: first!.id, outcome: 'implemented', evidence: 'retention raised to 2 years', evidenceDocumentId: documentId } });
    expect(implemented.statusCode).toBe(200);
    const noReason = await decide(caseId, { decision: 'resolve-recommendation', params: { recommendationId: second!.id, outcome: 'not-implemented' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('body.reason');
    expect((await decide(caseId, { decision: 'resolve-recommendation', reason: 'one officer suffices at our size', params: { recommendationId: second!.id, outcome: 'not-implemented' } })).statusCode).toBe(200);
    detail = (await get(`/v1/compliance-assessments/${assessment.id}`)).json();
    expect(detail).toMatchObject({ recommendationsOpen: 0, recommendationsNotImplemented: 1, status: 'remediating' });
    expect(detail.recommendations[0]).toMatchObject({ status: 'implemented', evidenceDocumentId: documentId, resolvedBy: 'hana.handler' });
    expect(detail.recommendations[1]).toMatchObject({ status: 'not-implemented', notImplementedReason: 'one officer suffices at our size' });
    expect((await get(`/v1/cases/${caseId}`)).json().details).toMatchObject({ recommendationsNotImplemented: 1 });

    // The resubmission names a CIP version on file, by its number: anything else is told the form it must have.
    const notANumber = await decide(caseId, { decision: 'record-resubmission', params: { cipVersion: 'abc' } });
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json().errors).toEqual([{ field: 'body.params.cipVersion', message: 'must match ^[1-9][0-9]{0,8}$ (the number of a CIP version on file (1, 2, …))' }]);
    const before = (await get('/v1/provider/cip-documents')).json().items.length as number;
    const notOnFile = await decide(caseId, { decision: 'record-resubmission', params: { cipVersion: String(before + 1) } });
    expect(notOnFile.statusCode).toBe(400);
    expect(notOnFile.json().errors[0].field).toBe('body.params.cipVersion');
    const cip = await upload('/v1/provider/cip-documents', { receivedAt: new Date().toISOString() }, { filename: 'cip.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF remediated CIP') });
    expect(cip.statusCode).toBe(201);
    const resubmitted = await decide(caseId, { decision: 'record-resubmission', params: { cipVersion: String(cip.json().version), reference: 'BIS-RESUB-7' } });
    expect(resubmitted.statusCode).toBe(200);
    const done = await eventually(async () => {
      const row = (await get(`/v1/compliance-assessments/${assessment.id}`)).json();
      return row.status === 'remediated' ? row : undefined;
    });
    expect(done).toMatchObject({ remediationBreached: false, resubmission: { cipVersion: cip.json().version, sha256: cip.json().document.sha256, reference: 'BIS-RESUB-7' } });
    expect(done.closedAt).toBeTruthy();
    const caseRow = await eventually(async () => {
      const row = (await get(`/v1/cases/${caseId}`)).json();
      return row.status === 'remediated' ? row : undefined;
    });
    expect(caseRow.closedAt).toBeTruthy();
    const late = await decide(caseId, { decision: 'record-resubmission', params: { cipVersion: '1' } });
    expect(late.statusCode).toBe(409);
  });
});
