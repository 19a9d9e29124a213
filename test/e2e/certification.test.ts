// The annual CIP certification end to end, on the real Temporal dev server and PostgreSQL (a
// database of this file's own, so that the assembled figures count only what it seeds): a
// scheduler triggers a period twice and gets one case whose figures match the seeded customers,
// owners and resellers; the missing reseller part waits until the reseller's CIP is recorded, which
// closes it by itself; two people attest and file it; the
// provider's Schedule is visible to `temporal schedule list`, pauses and resumes, and its runs
// (a backfill over past years) open one case per period, the same one the API answers with.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getCaseByWorkflowId } from '../../db/queries/cases.js';
import { insertCustomerApplication, insertVerificationAttempt, setAccountStatus } from '../../db/queries/customers.js';
import { cases } from '../../db/schema/cases.js';
import { CERTIFICATION_PART_TITLES } from '../../activities/certifications.js';
import { customers } from '../../db/schema/customers.js';
import { temporalPaths } from '../../scripts/temporal-paths.js';
import { createFreshDatabase } from '../helpers/fresh-database.js';
import { multipartBody } from '../helpers/multipart.js';
import { uploadProviderCip } from '../helpers/provider-cip.js';
import { registerReseller } from '../helpers/resellers.js';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.js';
import { bearer } from '../helpers/tokens.js';

const run = promisify(execFile);
const SCHEDULE_ID = 'cip-certification-schedule:provider';
let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let system: TestSystem;

beforeAll(async () => {
  database = await createFreshDatabase('certification');
  system = await startTestSystem({ databaseUrl: database.databaseUrl });
});
afterAll(async () => {
  await system?.client.schedule
    .getHandle(SCHEDULE_ID)
    .delete()
    .catch(() => undefined);
  await system?.close();
  await database?.drop();
});

type Status = 'us' | 'foreign' | 'unknown';
interface SeedCustomer {
  status: Status;
  country: string;
  account: 'pending' | 'open' | 'interim-restricted' | 'monitored' | 'closed';
  verified: boolean;
  owners?: { status: Status; country: string; removed?: boolean; verified?: boolean }[];
}

/** A customer as identification leaves it: its parties, their addresses and verifications, its account's status. */
async function seedCustomer(c: SeedCustomer): Promise<void> {
  const db = system.db.db;
  const customerId = randomUUID();
  const accountId = randomUUID();
  const customerParty = randomUUID();
  const owners = (c.owners ?? []).map((o) => ({ ...o, id: randomUUID() }));
  await db.transaction(async (tx) => {
    await insertCustomerApplication(tx, {
      customer: { id: customerId, kind: 'entity', externalReference: `cert-${customerId}`, createdBy: 'test', createdAt: new Date() },
      parties: [
        { id: customerParty, role: 'customer', kind: 'entity', addedBy: 'test', usPersonStatus: c.status, identity: { name: 'Seeded GmbH', address: { lines: ['1 Street'], country: c.country } } },
        ...owners.map((o) => ({
          id: o.id,
          role: 'beneficial-owner' as const,
          kind: 'individual' as const,
          ownershipPercent: '30',
          addedBy: 'test',
          usPersonStatus: o.status,
          ...(o.removed ? { removedAt: new Date() } : {}),
          identity: { name: 'Owner', address: { lines: ['2 Street'], country: o.country } },
        })),
      ],
      account: { id: accountId, identificationCaseId: randomUUID() },
    });
    await tx.update(customers).set({ usPersonStatus: c.status, trackingRequired: c.status !== 'us' || owners.some((o) => o.status !== 'us') }).where(eq(customers.id, customerId));
    const verify = async (partyId: string) =>
      insertVerificationAttempt(tx, {
        attempt: { id: randomUUID(), customerId, partyId, method: 'documentary', methodDetail: 'passport check', result: 'verified', materials: null, performedBy: 'test', performedAt: new Date() },
        discrepancies: [],
      });
    if (c.verified) await verify(customerParty);
    for (const o of owners) if (o.verified ?? c.verified) await verify(o.id);
    if (c.account !== 'pending') await setAccountStatus(tx, { accountId, status: c.account, at: new Date(), actor: 'test' });
  });
}

async function uploadResellerCip(resellerId: string) {
  const { payload, headers } = multipartBody({ receivedAt: '2026-01-05T09:00:00Z' }, { filename: 'cip.txt', contentType: 'text/plain', content: Buffer.from(`reseller ${resellerId} CIP`) });
  const res = await system.app.inject({ method: 'POST', url: `/v1/resellers/${resellerId}/cip-documents`, headers: { ...bearer('case_handler'), ...headers }, payload });
  expect(res.statusCode).toBe(201);
}

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, role: Parameters<typeof bearer>[0], payload?: object) =>
  system.app.inject({ method, url, headers: bearer(role), ...(payload ? { payload } : {}) });

const PROCEDURES = {
  'identity-verification-mechanisms': 'Documentary checks of passports and registry extracts; non-documentary database checks.',
  'ownership-change-procedures': 'Customers notify new beneficial owners through the console within 30 days.',
  'ongoing-verification': 'Identifying information is re-verified every year.',
  'malicious-activity-detection': 'Abuse detection on network flows; account takeover detection.',
  'reseller-cip-procedures': 'Reseller agreements require a written CIP, delivered yearly.',
  'ai-training-identification': 'Large GPU cluster reservations by foreign customers are reviewed.',
};

describe('annual CIP certification', () => {
  it('a scheduler triggers a period twice and gets one case, assembled from the records, attested by two people and filed', async () => {
    // Customers served now: two foreign in DE (one not yet classified, counted as foreign), one in FR;
    // a U.S. customer, a foreign one whose account is closed and a pending application are not in the base.
    await seedCustomer({ status: 'foreign', country: 'DE', account: 'open', verified: true, owners: [{ status: 'foreign', country: 'CN' }] });
    await seedCustomer({ status: 'unknown', country: 'DE', account: 'interim-restricted', verified: false });
    await seedCustomer({
      status: 'foreign',
      country: 'FR',
      account: 'monitored',
      verified: true,
      owners: [
        { status: 'us', country: 'US', verified: false },
        { status: 'foreign', country: 'GB', removed: true },
      ],
    });
    await seedCustomer({ status: 'us', country: 'US', account: 'open', verified: true });
    await seedCustomer({ status: 'foreign', country: 'JP', account: 'closed', verified: false });
    await seedCustomer({ status: 'foreign', country: 'NL', account: 'pending', verified: false });
    const withCip = await registerReseller(system.app, 'DE');
    const withoutCip = await registerReseller(system.app, 'SG');
    await uploadResellerCip(withCip);
    await uploadProviderCip(system.app, 'certified');

    // Before anything is recorded the audit fields are empty, not an invented time or person.
    expect((await api('GET', '/v1/provider/settings', 'admin')).json()).toMatchObject({ version: 0, updatedAt: null, updatedBy: null });
    const leapDay = await api('PATCH', '/v1/provider/settings', 'admin', { certificationAnniversary: '02-29' });
    expect(leapDay.statusCode).toBe(400);
    expect(leapDay.json().errors).toEqual([{ field: 'body.certificationAnniversary', message: expect.stringContaining('February 29') }]);
    expect((await api('POST', '/v1/certifications', 'scheduler', { period: 2026 })).json()).toMatchObject({ status: 409, code: 'certification.anniversary_missing' });
    const settings = await api('PATCH', '/v1/provider/settings', 'admin', {
      certificationAnniversary: '01-15',
      cipContact: { subject: 'lena.legal', name: 'Lena Legal', title: 'CIP officer', email: 'lena@example.com' },
      cipProcedures: PROCEDURES,
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().settings).toMatchObject({ version: 1, updatedBy: 'ada.admin', updatedAt: expect.stringMatching(/^\d{4}-/) });

    const first = await api('POST', '/v1/certifications', 'scheduler', { period: 2026 });
    expect(first.statusCode).toBe(201);
    const second = await api('POST', '/v1/certifications', 'scheduler', { period: 2026 });
    expect(second.statusCode).toBe(200);
    const caseId = first.json().id as string;
    expect(second.json().id).toBe(caseId);
    expect(await system.db.db.select().from(cases).where(and(eq(cases.type, 'cip-certification'), eq(cases.workflowId, 'cip-certification:provider/2026')))).toHaveLength(1);
    expect(first.json()).toMatchObject({ type: 'cip-certification', status: 'awaiting-parts', subject: { type: 'provider-cip', id: 'provider' }, dueAt: '2027-01-16T04:59:59.999Z' });
    expect(first.json().details.tasks).toEqual([{ part: `reseller:${withoutCip}`, description: expect.stringContaining('no written CIP of the reseller is on file'), status: 'open' }]);

    const read = await api('GET', `/v1/certifications/${caseId}`, 'legal');
    expect(read.statusCode).toBe(200);
    const content = read.json().current.content;
    expect(content.customerBase).toEqual({
      foreignCustomers: { total: 3, byCountry: [{ country: 'DE', count: 2 }, { country: 'FR', count: 1 }] },
      foreignBeneficialOwners: { total: 1, byCountry: [{ country: 'CN', count: 1 }] },
      unverifiedForeignAccounts: 2,
      // The NL application not yet opened: unverified, but its applicant is not a customer served.
      unverifiedPendingApplications: 1,
    });
    expect(content.foreignResellers.map((r: { resellerId: string; cip: unknown; part: { status: string } }) => [r.resellerId, r.cip !== null, r.part.status]).sort()).toEqual(
      [
        [withCip, true, 'complete'],
        [withoutCip, false, 'missing'],
      ].sort(),
    );
    expect(content.provider.cipContact).toMatchObject({ subject: 'lena.legal' });
    expect(content.provider.writtenCip).toMatchObject({ version: 1 });
    // Reading the customers' countries is on the access log.
    const [reads] = await system.db.sql`select count(*)::int as n from personal_data_reads where purpose = 'compliance-audit' and actor = ${`system:cip-certification:${caseId}`}`;
    expect(reads!.n).toBe(3);

    // The missing part waits; the reseller's CIP arrives and closes its part by itself (as the
    // provider's own CIP would), naming the version and who recorded it: no handler reassembles.
    expect((await api('POST', `/v1/cases/${caseId}/decisions`, 'legal', { decision: 'attest', params: { assembledVersion: 1 } })).statusCode).toBe(409);
    await uploadResellerCip(withoutCip);
    const ready = await eventually(async () => {
      const res = (await api('GET', `/v1/cases/${caseId}`, 'case_handler')).json();
      return res.status === 'ready-for-attestation' ? res : undefined;
    }, 20_000);
    expect(ready.details.tasks).toEqual([
      {
        part: `reseller:${withoutCip}`,
        description: expect.any(String),
        status: 'done',
        doneBy: 'record',
        doneAt: expect.any(String),
        doneThrough: { record: 'reseller-cip', resellerId: withoutCip, version: 1, receivedAt: '2026-01-05T09:00:00.000Z', recordedBy: 'hana.handler' },
      },
    ]);
    const assembledAgain = (await api('GET', `/v1/cases/${caseId}/events?limit=100`, 'case_handler')).json().items.filter((e: { type: string }) => e.type === 'certification.assembled');
    expect(assembledAgain.at(-1)).toMatchObject({ actor: 'system', data: { version: 2, missingParts: [], partsDone: [{ part: `reseller:${withoutCip}`, doneBy: 'record' }] } });

    // Two people: the CIP contact attests (not the handler), a reviewer approves.
    expect((await api('POST', `/v1/cases/${caseId}/decisions`, 'case_handler', { decision: 'attest', params: { assembledVersion: 2 } })).statusCode).toBe(403);
    const attested = await api('POST', `/v1/cases/${caseId}/decisions`, 'legal', { decision: 'attest', params: { assembledVersion: 2 } });
    expect(attested.json()).toMatchObject({ status: 'awaiting-review' });
    const approved = await api('POST', `/v1/cases/${caseId}/decisions`, 'reviewer', { decision: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'filed' });

    const filed = (await api('GET', `/v1/certifications/${caseId}`, 'legal')).json();
    expect(filed.versions.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [1, 'assembled'],
      [2, 'assembled'],
      [3, 'filed'],
    ]);
    expect(filed.current.content.attestation).toMatchObject({ cipContact: 'lena.legal', reviewer: 'rita.reviewer' });
    const pdf = await api('GET', `/v1/certifications/${caseId}/document.pdf`, 'legal');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['x-content-sha256']).toBe(filed.versions[2].sha256);
    // The filed version is immutable.
    await expect(system.db.sql`update cip_certification_versions set recorded_by = 'someone' where case_id = ${caseId}`).rejects.toThrow(/append-only/);
    // A third trigger of the filed period still answers with the same case.
    expect((await api('POST', '/v1/certifications', 'scheduler', { period: 2026 })).json()).toMatchObject({ id: caseId, status: 'filed' });

    // A new CIP contact is an irregular update, opened on its own, due by the rule set's period.
    const changed = await api('PATCH', '/v1/provider/settings', 'admin', {
      cipContact: { subject: 'ada.admin', name: 'Ada Admin', email: 'ada@example.com' },
      changeReason: 'Lena moved to another team',
    });
    expect(changed.statusCode).toBe(200);
    const updateCase = await api('GET', `/v1/cases/${changed.json().irregularUpdateCaseId}`, 'legal');
    expect(updateCase.json()).toMatchObject({
      type: 'irregular-update',
      status: 'awaiting-update',
      subject: { type: 'provider-cip', id: 'provider' },
      details: { changeKind: 'cip-contact', description: 'Lena moved to another team' },
    });
  });

  it('names in its tasks only routes the API has, with their method', () => {
    const named = Object.values(CERTIFICATION_PART_TITLES).flatMap((title) => [...title.matchAll(/\((GET|POST|PUT|PATCH|DELETE) (\/v1\/[^ ,)]+)/g)]);
    expect(named.length).toBeGreaterThan(1);
    for (const [, method, url] of named) expect(system.app.hasRoute({ method: method as 'GET', url: url! }), `${method} ${url}`).toBe(true);
  });

  it("keeps the provider's Schedule visible to `temporal schedule list`, pauses and resumes it, and its runs open one case per period", async () => {
    const listed = await api('GET', '/v1/certification-schedules', 'scheduler');
    expect(listed.json().items).toEqual([
      expect.objectContaining({ providerId: 'provider', scheduleId: SCHEDULE_ID, anniversary: '01-15', timeZone: 'America/New_York', paused: false }),
    ]);
    expect(listed.json().items[0].nextActionTimes[0]).toMatch(/-01-15T05:00:00.000Z$/);
    const { stdout } = await run(temporalPaths().cli, ['schedule', 'list', '--address', inject('temporalAddress'), '--namespace', 'default']);
    expect(stdout).toContain(SCHEDULE_ID);

    const paused = await api('POST', '/v1/certification-schedules/provider/pause', 'scheduler', { note: 'audit freeze' });
    expect(paused.json()).toMatchObject({ paused: true, note: 'paused by sched.bot: audit freeze' });
    expect((await api('POST', '/v1/certification-schedules/provider/resume', 'scheduler')).json()).toMatchObject({ paused: false });
    expect((await api('POST', '/v1/certification-schedules/other/pause', 'scheduler', { note: 'x' })).statusCode).toBe(404);

    // The Schedule's own runs for two past anniversaries, twice over: one case per period.
    const handle = system.client.schedule.getHandle(SCHEDULE_ID);
    const years = { start: new Date('2023-01-01T00:00:00Z'), end: new Date('2024-12-31T00:00:00Z'), overlap: ScheduleOverlapPolicy.ALLOW_ALL };
    await handle.backfill([years, years]);
    const opened = await eventually(async () => {
      const rows = await Promise.all([2023, 2024].map((p) => getCaseByWorkflowId(system.db.db, { workflowId: `cip-certification:provider/${p}` })));
      return rows.every(Boolean) ? rows : undefined;
    }, 30_000);
    expect(opened.map((r) => r!.details.period)).toEqual([2023, 2024]);
    const triggered = await api('POST', '/v1/certifications', 'scheduler', { period: 2023 });
    expect(triggered.statusCode).toBe(200);
    expect(triggered.json().id).toBe(opened[0]!.id);
    const count = await system.db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.type, 'cip-certification'));
    expect(count[0]!.n).toBe(3);
    expect((await handle.describe()).info.recentActions.length).toBeGreaterThanOrEqual(2);

    // Once the program's start is recorded, a period that began before it is refused (the initial certification covers that start) and opens nothing.
    expect((await api('PATCH', '/v1/provider/settings', 'admin', { programStartedAt: '2025-06-01T00:00:00Z' })).statusCode).toBe(200);
    const beforeProgram = await api('POST', '/v1/certifications', 'scheduler', { period: 2022 });
    expect(beforeProgram.statusCode).toBe(400);
    expect(beforeProgram.json().errors).toEqual([{ field: 'body.period', message: expect.stringContaining("before the provider's program") }]);
    expect((await system.db.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.type, 'cip-certification')))[0]!.n).toBe(3);
  });
});
