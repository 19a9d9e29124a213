// End to end through the API, a real worker, real Temporal and real PostgreSQL: a foreign
// reseller is registered and its CIP recorded; Commerce requests that CIP and the handler
// transmits exactly that version; then evidence of non-compliance, the provider's
// determination, and a termination approved by a second person close the reseller's account,
// whose records go into retention.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedAccount } from '../helpers/accounts.js';
import { multipartBody } from '../helpers/multipart.js';
import { bearer } from '../helpers/tokens.js';
import { eventually, useTestSystem } from '../helpers/system.js';

const system = useTestSystem();

type Role = Parameters<typeof bearer>[0];
const post = (url: string, payload: object, role: Role = 'case_handler', index = 0) =>
  system.app.inject({ method: 'POST', url, headers: bearer(role, index), payload });
const get = async (url: string) => (await system.app.inject({ method: 'GET', url, headers: bearer('legal') })).json();
const decide = (caseId: string, body: object, role: Role = 'case_handler', index = 0) => post(`/v1/cases/${caseId}/decisions`, body, role, index);

/** An account in use that serves the reseller (its own identification is not what this test is about). */
const openAccount = () => seedAccount(system.db.db, 'open');

describe('foreign resellers end to end', () => {
  it("refuses to transmit a version of the reseller's CIP that is not the one in force, and the case stays as it was", async () => {
    const reseller = await post('/v1/resellers', { legalName: `Kumo Resale KK ${randomUUID().slice(0, 8)}`, jurisdiction: 'JP' });
    expect(reseller.statusCode).toBe(201);
    const resellerId: string = reseller.json().id;
    const upload = async (fields: Record<string, string>) => {
      const { payload, headers } = multipartBody(fields, { filename: 'kumo-cip.pdf', contentType: 'application/pdf', content: Buffer.from(`%PDF-1.7 Kumo CIP ${randomUUID()}`) });
      const res = await system.app.inject({ method: 'POST', url: `/v1/resellers/${resellerId}/cip-documents`, headers: { ...bearer('case_handler'), ...headers }, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { version: number; effectiveAt: string };
    };
    // Version 1 takes effect next year; version 2 is in force now.
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`;
    const future = await upload({ receivedAt: new Date(Date.now() - 60_000).toISOString(), effectiveAt: nextYear });
    const inForce = await upload({ receivedAt: new Date(Date.now() - 30_000).toISOString() });
    expect([future.version, inForce.version]).toEqual([1, 2]);

    const request = await post('/v1/cip-transmission-requests', { requestReference: `BIS-CIP-${randomUUID()}`, cipOwner: { type: 'foreign-reseller', resellerId }, receivedAt: new Date(Date.now() - 20_000).toISOString() });
    expect(request.statusCode).toBe(201);
    const caseId: string = request.json().id;
    await eventually(async () => ((await get(`/v1/cases/${caseId}`)).details.cipOnFile?.version === 2 ? true : undefined));
    const before = (await get(`/v1/cases/${caseId}/events`)).items.length;

    const refused = await decide(caseId, { decision: 'transmit', params: { cipVersion: '1' } });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().errors).toEqual([
      { field: 'body.params.cipVersion', message: 'version 1 is not the CIP in force now: version 2 is; Commerce is sent the CIP in force' },
    ]);
    // Recorded late, a transmission is judged by the version in force at its own instant.
    const transmittedAt = new Date(Date.now() - 5_000).toISOString();
    const late = await decide(caseId, { decision: 'transmit', params: { cipVersion: '1', transmittedAt } });
    expect(late.statusCode, late.body).toBe(400);
    expect(late.json().errors).toEqual([
      { field: 'body.params.cipVersion', message: `version 1 is not the CIP in force when it was transmitted (${transmittedAt}): version 2 is; Commerce is sent the CIP in force` },
    ]);
    const after = await get(`/v1/cases/${caseId}`);
    expect(after).toMatchObject({ status: 'awaiting-transmission', closedAt: null });
    expect(after.details.transmittedDocument).toBeUndefined();
    const events = (await get(`/v1/cases/${caseId}/events`)).items as { type: string }[];
    expect(events.slice(before).map((e) => e.type).filter((t) => t !== 'decision.refused')).toEqual([]);

    const sent = await decide(caseId, { decision: 'transmit', params: { cipVersion: '2' } });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await get(`/v1/cases/${caseId}`)).details.transmittedDocument).toMatchObject({ version: 2 });
  });

  it('registers a reseller, transmits its CIP on file to Commerce, then terminates it with four-eyes and puts its account into retention', async () => {
    const accountId = await openAccount();
    const reseller = await post('/v1/resellers', {
      legalName: 'Nordwind Cloud Reselling GmbH',
      jurisdiction: 'DE',
      contacts: [{ name: 'Ines Officer', role: 'CIP officer', email: 'cip@nordwind.example' }],
      accountIds: [accountId],
    });
    expect(reseller.statusCode).toBe(201);
    const resellerId: string = reseller.json().id;

    // Its written CIP, recorded as version 1.
    const cip = Buffer.from(`%PDF-1.7 Nordwind CIP ${randomUUID()}\n\u00ff\u0000`, 'latin1');
    const { payload, headers } = multipartBody({ receivedAt: '2026-02-01T10:00:00Z', label: 'CIP 2026' }, { filename: 'nordwind-cip.pdf', contentType: 'application/pdf', content: cip });
    const upload = await system.app.inject({ method: 'POST', url: `/v1/resellers/${resellerId}/cip-documents`, headers: { ...bearer('case_handler'), ...headers }, payload });
    expect(upload.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(cip).digest('hex');
    expect(upload.json()).toMatchObject({ version: 1, document: { sha256 } });

    // Commerce requests it: the case finds version 1 on file; the handler transmits it.
    const reference = `BIS-CIP-${randomUUID()}`;
    const request = await post('/v1/cip-transmission-requests', { requestReference: reference, cipOwner: { type: 'foreign-reseller', resellerId }, receivedAt: new Date().toISOString() });
    expect(request.statusCode).toBe(201);
    const transmission = request.json();
    const withCip = await eventually(async () => {
      const kase = await get(`/v1/cases/${transmission.id}`);
      return kase.details.cipOnFile ? kase : undefined;
    });
    expect(withCip).toMatchObject({ status: 'awaiting-transmission', subject: { type: 'foreign-reseller', id: resellerId }, details: { cipOnFile: { version: 1, sha256 } } });
    const transmitted = await decide(transmission.id, { decision: 'transmit', params: { cipVersion: '1', transmissionReference: 'BIS-ACK-77' } });
    expect(transmitted.statusCode).toBe(200);
    const sent = (await get(`/v1/cases/${transmission.id}/events`)).items.find((e: { type: string }) => e.type === 'cip.transmitted');
    expect(sent.data).toMatchObject({ cipVersion: '1', sha256, documentId: upload.json().document.id, onTime: true });

    // A second request stays open and hears of the reseller's status changes.
    const watching = (await post('/v1/cip-transmission-requests', { requestReference: `BIS-CIP-${randomUUID()}`, cipOwner: { type: 'foreign-reseller', resellerId }, receivedAt: new Date().toISOString() })).json();

    // Evidence of non-compliance opens the oversight case; the reseller is under review.
    const evidence = await post(`/v1/resellers/${resellerId}/noncompliance`, {
      description: 'Customers onboarded without any identity verification (audit sample of 40 accounts)',
      source: 'provider audit 2026-Q1',
      observedAt: new Date().toISOString(),
    });
    expect(evidence.statusCode).toBe(201);
    const { caseId } = evidence.json();
    await eventually(async () => ((await get(`/v1/cases/${caseId}`)).status === 'under-review' ? true : undefined));
    expect((await get(`/v1/resellers/${resellerId}`)).status).toBe('under-review');
    await eventually(async () => ((await get(`/v1/cases/${watching.id}`)).details.resellerStatus === 'under-review' ? true : undefined));
    // More evidence goes to the same case.
    const more = await post(`/v1/resellers/${resellerId}/noncompliance`, { description: 'IP access logs not kept', source: 'audit', observedAt: new Date().toISOString() });
    expect(more.statusCode).toBe(200);
    expect(more.json()).toMatchObject({ caseId, opened: false });

    // The provider's determination starts the termination clock.
    const determined = await decide(caseId, { decision: 'determine', reason: 'systematic failure to verify; continuing increases the risk', params: { ground: 'continuing-increases-risk' } });
    expect(determined.statusCode).toBe(200);
    const terminating = await get(`/v1/cases/${caseId}`);
    expect(terminating).toMatchObject({ status: 'terminating', details: { determination: { ground: 'continuing-increases-risk' } } });
    expect(terminating.dueAt).not.toBeNull();

    // Termination: proposed by one handler; its proposer cannot approve it; a reviewer does.
    expect((await decide(caseId, { decision: 'propose-termination', reason: 'no credible remediation plan' })).statusCode).toBe(200);
    const approved = await decide(caseId, { decision: 'approve' }, 'reviewer');
    expect(approved.statusCode).toBe(200);
    const final = await get(`/v1/cases/${caseId}`);
    expect(final).toMatchObject({ status: 'terminated', details: { closedAccountIds: [accountId], terminatedOnTime: true } });
    expect(final.closedAt).not.toBeNull();
    expect((await get(`/v1/resellers/${resellerId}`)).status).toBe('terminated');
    expect((await get(`/v1/accounts/${accountId}`)).status).toBe('closed');
    const retention = await eventually(async () => (await get(`/v1/cases?type=record-retention&subjectId=${accountId}`)).items[0]);
    expect(retention).toMatchObject({ status: 'retaining', subject: { type: 'account', id: accountId } });
    const events = (await get(`/v1/cases/${caseId}/events`)).items.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['case.opened', 'evidence.added', 'termination.determined', 'approval.requested', 'reseller.terminated']));
    await eventually(async () => ((await get(`/v1/cases/${watching.id}`)).details.resellerStatus === 'terminated' ? true : undefined));
  });

  it('refuses a termination approved by its proposer, and evidence about an unknown reseller, changing nothing', async () => {
    const resellerId = (await post('/v1/resellers', { legalName: 'Solo Reseller SARL', jurisdiction: 'FR' })).json().id;
    const { caseId } = (await post(`/v1/resellers/${resellerId}/noncompliance`, { description: 'no written CIP', source: 'Commerce notice', observedAt: new Date().toISOString() })).json();
    await eventually(async () => ((await get(`/v1/cases/${caseId}`)).status === 'under-review' ? true : undefined));
    await decide(caseId, { decision: 'determine', reason: 'resale to a sanctioned party', params: { ground: 'continuing-increases-risk' } });
    // A reviewer does not propose what reviewers approve (segregation of duties).
    const byReviewer = await decide(caseId, { decision: 'propose-termination', reason: 'sanctions exposure' }, 'reviewer');
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json().detail).toMatch(/allowed: case_handler, admin \(segregation of duties/);
    expect((await get(`/v1/cases/${caseId}`)).status).toBe('terminating');
    expect((await decide(caseId, { decision: 'propose-termination', reason: 'sanctions exposure' })).statusCode).toBe(200);
    // Its proposer is no second person.
    const own = await decide(caseId, { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toContain('segregation of duties');
    expect((await get(`/v1/cases/${caseId}`)).status).toBe('termination-proposed');
    expect((await get(`/v1/resellers/${resellerId}`)).status).toBe('terminating');
    // Ignoring issues cannot be the ground when none were identified.
    const other = (await post('/v1/resellers', { legalName: 'Second Reseller BV', jurisdiction: 'NL' })).json().id;
    const second = (await post(`/v1/resellers/${other}/noncompliance`, { description: 'late reports', source: 'audit', observedAt: new Date().toISOString() })).json();
    await eventually(async () => ((await get(`/v1/cases/${second.caseId}`)).status === 'under-review' ? true : undefined));
    const noIssues = await decide(second.caseId, { decision: 'determine', reason: 'ignored', params: { ground: 'ignored-identified-issues' } });
    expect(noIssues.statusCode).toBe(409);
    const badGround = await decide(second.caseId, { decision: 'determine', reason: 'x', params: { ground: 'dislike' } });
    expect(badGround.statusCode).toBe(400);
    expect(badGround.json().errors[0].field).toBe('body.params.ground');
    // Issues identified with a cure date; the reseller's answer reaches the case.
    const cureBy = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const identified = await decide(second.caseId, { decision: 'identify-issues', params: { issues: [{ description: 'reports filed late' }], cureBy } });
    expect(identified.statusCode).toBe(200);
    const [issue] = (await get(`/v1/resellers/${other}/oversight-record`)).issues;
    expect(issue).toMatchObject({ caseId: second.caseId, description: 'reports filed late', cureBy: new Date(cureBy).toISOString() });
    const answer = await post(`/v1/resellers/${other}/issues/${issue.id}/answers`, { answer: 'new filing calendar in place', claimsCured: true, receivedAt: new Date().toISOString() });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ issueId: issue.id, claimsCured: true, afterCureBy: false });
    await eventually(async () => ((await get(`/v1/cases/${second.caseId}/events`)).items.some((e: { type: string }) => e.type === 'reseller.answered') ? true : undefined));
    expect((await post(`/v1/resellers/${other}/issues/${randomUUID()}/answers`, { answer: 'x', claimsCured: false, receivedAt: new Date().toISOString() })).statusCode).toBe(404);

    const unknown = await post(`/v1/resellers/${randomUUID()}/noncompliance`, { description: 'x', source: 'y', observedAt: new Date().toISOString() });
    expect(unknown.statusCode).toBe(404);
    const future = await post(`/v1/resellers/${other}/noncompliance`, { description: 'x', source: 'y', observedAt: '2999-01-01T00:00:00Z' });
    expect(future.json().errors[0]).toMatchObject({ field: 'body.observedAt' });
    expect((await get(`/v1/resellers/${other}/oversight-record`)).evidence).toHaveLength(1);
  });
});
