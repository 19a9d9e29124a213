// Exemptions through the API against real PostgreSQL and Temporal: an application with its
// program document opens the case; Commerce's grant recorded by one person and approved by a
// second; an annual notification; wrong-state and malformed decisions refused with the case as
// it was; the revocation, which opens the case resuming the reseller's CIP duties, settled when
// the reseller's CIP is on file again.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeDeadline, CURRENT_RULE_SET_ID, getRuleSet } from '../rules/index.js';
import { multipartBody } from './helpers/multipart.js';
import { registerReseller } from './helpers/resellers.js';
import { eventually, useTestSystem } from './helpers/system.js';
import { bearer } from './helpers/tokens.js';

type Role = Parameters<typeof bearer>[0];
const system = useTestSystem();

const PROGRAM = { filename: 'deterrence-program.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 Abuse of IaaS Products Deterrence Program, v3') };

function apply(fields: Record<string, string | readonly string[]>, file: typeof PROGRAM | null = PROGRAM, role: Role = 'case_handler') {
  const { payload, headers } = multipartBody(fields, file ?? undefined);
  return system.app.inject({ method: 'POST', url: '/v1/exemptions', headers: { ...bearer(role), ...headers }, payload });
}
const get = (url: string, role: Role = 'legal') => system.app.inject({ method: 'GET', url, headers: bearer(role) });
const decide = (caseId: string, body: object, role: Role = 'case_handler', index = 0) =>
  system.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/decisions`, headers: bearer(role, index), payload: body });
const count = async (table: string) => Number((await system.db.sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n);
const caseOf = async (caseId: string) => (await get(`/v1/cases/${caseId}`)).json();
const hourAgo = () => new Date(Date.now() - 60 * 60 * 1000).toISOString();

describe('exemptions', () => {
  it('refuses bad applications naming the field, and stores nothing', async () => {
    const resellerId = await registerReseller(system.app);
    const valid = { applicationReference: `EX-${randomUUID()}`, scope: 'foreign-reseller', resellerId, submittedAt: hourAgo() };
    const before = { exemptions: await count('exemptions'), documents: await count('documents') };
    const cases: [Record<string, string | readonly string[]>, string, number?][] = [
      [{ ...valid, scope: 'everyone' }, 'body.scope'],
      [{ ...valid, resellerId: randomUUID() }, 'body.resellerId'],
      [{ ...valid, resellerId: 'not-a-uuid' }, 'body.resellerId'],
      [{ ...valid, accountType: 'enterprise' }, 'body.accountType'],
      [{ ...valid, scope: 'lessee', resellerId: '', customerId: randomUUID() }, 'body.customerId'],
      [{ ...valid, scope: 'account-type', resellerId: '', accountType: '../etc' }, 'body.accountType'],
      [{ ...valid, submittedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'body.submittedAt'],
      [{ ...valid, submittedAt: 'yesterday' }, 'body.submittedAt'],
      [{ ...valid, applicationReference: '' }, 'body.applicationReference'],
      [{ ...valid, colour: 'blue' }, 'body.colour'],
      // A field sent twice is refused, not resolved silently to one of its values.
      [{ ...valid, submittedAt: [hourAgo(), new Date(Date.now() - 7_200_000).toISOString()] }, 'body.submittedAt'],
    ];
    for (const [fields, field] of cases) {
      const res = await apply(fields);
      expect(res.statusCode, field).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].field, JSON.stringify(fields)).toBe(field);
    }
    const noFile = await apply(valid, null);
    expect(noFile.json().errors[0].field).toBe('body.file');
    const exe = await apply(valid, { filename: 'x.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ') });
    expect(exe.statusCode).toBe(415);
    expect((await apply(valid, PROGRAM, 'reviewer')).statusCode).toBe(403);
    expect({ exemptions: await count('exemptions'), documents: await count('documents') }).toEqual(before);
  });

  it('refuses an application for a reseller the provider terminated with 409 naming the reseller, and stores nothing', async () => {
    const resellerId = await registerReseller(system.app);
    await system.db.sql`update resellers set status = 'terminated', status_reason = 'ignored identified issues', status_changed_at = '2026-11-01T00:00:00Z' where id = ${resellerId}`;
    const applicationReference = `EX-${randomUUID()}`;
    const documents = await count('documents');
    const res = await apply({ applicationReference, scope: 'foreign-reseller', resellerId, submittedAt: hourAgo() });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'reseller.terminated', errors: [{ field: 'body.resellerId', message: 'is a reseller the provider terminated on 2026-11-01T00:00:00.000Z' }] });
    const [stored] = await system.db.sql`select count(*)::int as n from exemptions where application_reference = ${applicationReference}`;
    expect(stored!.n).toBe(0);
    expect(await count('documents')).toBe(documents);
  });

  it('grants with four eyes, records an annual notification, refuses wrong-state decisions, and on revocation resumes the reseller\'s CIP duties', async () => {
    const resellerId = await registerReseller(system.app);
    const fields = { applicationReference: `EX-${randomUUID()}`, scope: 'foreign-reseller', resellerId, submittedAt: hourAgo(), summary: 'Program audited by a third party' };
    const created = await apply(fields);
    expect(created.statusCode).toBe(201);
    const exemption = created.json();
    expect(exemption).toMatchObject({ scope: 'foreign-reseller', subject: { type: 'foreign-reseller', id: resellerId }, status: 'applied', decision: null, revocation: null });
    expect(created.headers.location).toBe(`/v1/exemptions/${exemption.id}`);
    // A repeat of the same application is the same exemption; the same reference for another subject is a conflict.
    const again = await apply(fields);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(exemption.id);
    expect((await apply({ ...fields, scope: 'provider', resellerId: '' })).statusCode).toBe(409);
    // Another submission time, summary or program under the reference is another application: 409, the first stands.
    const documentsBefore = await count('documents');
    for (const [changedFields, file] of [
      [{ ...fields, submittedAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString() }, PROGRAM],
      [{ ...fields, summary: 'Program audited internally' }, PROGRAM],
      [fields, { ...PROGRAM, content: Buffer.from('%PDF-1.4 another program') }],
    ] as const) {
      const conflicting = await apply(changedFields, file);
      expect(conflicting.statusCode, conflicting.body).toBe(409);
      expect(conflicting.json().errors[0].field).toBe('body.applicationReference');
    }
    expect(await count('documents')).toBe(documentsBefore);

    const document = await get(exemption.programDocumentUrl);
    expect(document.statusCode).toBe(200);
    expect(document.rawPayload.equals(PROGRAM.content)).toBe(true);
    expect(document.headers['x-content-sha256']).toBe(createHash('sha256').update(PROGRAM.content).digest('hex'));

    const caseId = exemption.caseId as string;
    const opened = await eventually(async () => ((await get(`/v1/cases/${caseId}`)).statusCode === 200 ? caseOf(caseId) : undefined));
    expect(opened).toMatchObject({ type: 'exemption', status: 'awaiting-decision', subject: { type: 'foreign-reseller', id: resellerId } });

    // Wrong state: a notification before any grant; malformed: a grant without Commerce's reference.
    const early = await decide(caseId, { decision: 'record-notification', params: { reference: 'N-1' } });
    expect(early.statusCode).toBe(409);
    const malformed = await decide(caseId, { decision: 'propose-grant', reason: 'letter', params: { grantedAt: hourAgo() } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('body.params.commerceReference');
    expect((await caseOf(caseId)).status).toBe('awaiting-decision');

    const grantedAt = new Date(Date.now() - 30 * 60 * 1000).toISOString();
    const proposed = await decide(caseId, { decision: 'propose-grant', reason: 'Commerce granted it by letter', params: { commerceReference: 'BIS-EX-2026-7', grantedAt } });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().status).toBe('grant-proposed');
    expect((await decide(caseId, { decision: 'approve' }, 'case_handler')).statusCode).toBe(403);
    const approved = await decide(caseId, { decision: 'approve' }, 'reviewer');
    expect(approved.json().status).toBe('granted');

    const due = computeDeadline({ obligation: 'exemption-notification', ruleSet: getRuleSet(CURRENT_RULE_SET_ID), startedAt: new Date(grantedAt), timeZone: 'America/New_York' });
    const granted = (await get(`/v1/exemptions/${exemption.id}`)).json();
    expect(granted).toMatchObject({
      status: 'granted',
      decision: { commerceReference: 'BIS-EX-2026-7', recordedBy: 'hana.handler', approvedBy: 'rita.reviewer', reason: 'Commerce granted it by letter' },
      notification: { dueAt: due.dueAt.toISOString(), breached: false },
    });
    expect((await caseOf(caseId)).dueAt).toBe(due.dueAt.toISOString());

    const covering = (query: string) => get(`/v1/exemptions/coverage?${query}`).then((r) => r.json().items.map((e: { id: string }) => e.id) as string[]);
    expect(await covering(`resellerId=${resellerId}`)).toContain(exemption.id);
    expect(await covering(`resellerId=${randomUUID()}`)).not.toContain(exemption.id);

    const denial = await decide(caseId, { decision: 'record-denial', reason: 'too late' });
    expect(denial.statusCode).toBe(409);
    expect((await caseOf(caseId)).status).toBe('granted');

    const notified = await decide(caseId, { decision: 'record-notification', params: { reference: 'N-2027-1' } });
    expect(notified.statusCode).toBe(200);
    const afterNotice = (await get(`/v1/exemptions/${exemption.id}`)).json();
    expect(afterNotice.notifications).toMatchObject([{ reference: 'N-2027-1', late: false, dueAt: due.dueAt.toISOString(), recordedBy: 'hana.handler' }]);
    expect(new Date(afterNotice.notification.dueAt).getTime()).toBeGreaterThanOrEqual(due.dueAt.getTime());
    expect((await get(`/v1/exemptions?resellerId=${resellerId}&status=granted`)).json().items.map((e: { id: string }) => e.id)).toEqual([exemption.id]);

    // A revocation dated before the notification recorded while the exemption stood is refused; the case stays granted.
    const beforeNotice = await decide(caseId, { decision: 'revoke', reason: 'Commerce revoked the exemption', params: { revokedAt: grantedAt } }, 'legal');
    expect(beforeNotice.statusCode).toBe(400);
    expect(beforeNotice.json().errors).toEqual([{ field: 'body.params.revokedAt', message: expect.stringContaining('the last notification') }]);
    expect((await caseOf(caseId)).status).toBe('granted');
    // Revocation: the exemption ends, and the reseller's CIP duties resume in their own case.
    const revoked = await decide(caseId, { decision: 'revoke', reason: 'Commerce revoked the exemption', params: { commerceReference: 'BIS-EX-2026-7-R' } }, 'legal');
    expect(revoked.json().status).toBe('revoked');
    expect((await get(`/v1/exemptions/${exemption.id}`)).json()).toMatchObject({ status: 'revoked', revocation: { revokedBy: 'lena.legal', reason: 'Commerce revoked the exemption' }, notification: { dueAt: null } });
    expect(await covering(`resellerId=${resellerId}`)).not.toContain(exemption.id);
    const resumption = await eventually(async () => {
      const items = (await get(`/v1/cases?type=cip-duty-resumption&subjectType=foreign-reseller&subjectId=${resellerId}`)).json().items as { id: string; status: string }[];
      return items[0];
    });
    expect(resumption.status).toBe('open');
    await eventually(async () => ((await caseOf(caseId)).closedAt ? true : undefined));

    // The reseller's written CIP on file again: the fact reaches the resumption case, which closes.
    const { payload, headers } = multipartBody({ receivedAt: new Date().toISOString() }, { filename: 'reseller-cip.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF reseller CIP') });
    const uploaded = await system.app.inject({ method: 'POST', url: `/v1/resellers/${resellerId}/cip-documents`, headers: { ...bearer('case_handler'), ...headers }, payload });
    expect(uploaded.statusCode).toBe(201);
    const resumed = await eventually(async () => {
      const row = await caseOf(resumption.id);
      return row.status === 'resumed' ? row : undefined;
    });
    expect(resumed.closedAt).toBeTruthy();
    const events = (await get(`/v1/cases/${resumption.id}/events`)).json().items.map((e: { type: string }) => e.type);
    expect(events).toContain('cip-duty.resumed');
  });
});
