// The reseller activities against the real PostgreSQL of test/global-setup.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../db/client.js';
import { getAccountById } from '../db/queries/customers.js';
import { seedAccount } from '../test/helpers/accounts.js';
import { insertDocument } from '../db/queries/documents.js';
import { getResellerById, insertCipVersion, insertReseller, listResellerIssues, replaceResellerAccounts } from '../db/queries/resellers.js';
import { resellersForCertification } from '../db/queries/certifications.js';
import { createResellerActivities } from './resellers.js';

let handle: DbHandle;
let activities: ReturnType<typeof createResellerActivities>;
beforeAll(() => {
  handle = createDb(inject('databaseUrl'), { max: 3 });
  activities = createResellerActivities({ db: handle.db });
});
afterAll(async () => {
  await handle?.close();
});

const account = (status: 'pending' | 'open' | 'monitored') => seedAccount(handle.db, status);

async function reseller(accountIds: string[] = []) {
  const id = randomUUID();
  await insertReseller(handle.db, { id, legalName: 'Südwind Cloud AG', jurisdiction: 'CH', contacts: [], createdBy: 'test', createdAt: new Date() });
  await replaceResellerAccounts(handle.db, { resellerId: id, accountIds, actor: 'test', at: new Date() });
  return id;
}

describe('reseller activities', () => {
  it('close the reseller’s accounts in use, once: a retry returns the same closures, a pending account is left', async () => {
    const [open, monitored, pending] = [await account('open'), await account('monitored'), await account('pending')];
    const resellerId = await reseller([open, monitored, pending]);
    const first = await activities.closeResellerAccounts({ resellerId, at: '2026-03-01T12:00:00.000Z', actor: 'rita.reviewer' });
    expect(first.closed.map((a) => a.accountId).sort()).toEqual([open, monitored].sort());
    expect(first.closed.every((a) => a.closedAt === '2026-03-01T12:00:00.000Z')).toBe(true);
    expect(first.notClosed).toEqual([{ accountId: pending, status: 'pending' }]);
    const retry = await activities.closeResellerAccounts({ resellerId, at: '2026-03-01T12:05:00.000Z', actor: 'rita.reviewer' });
    expect(retry).toEqual(first);
    expect((await getAccountById(handle.db, { id: open }))).toMatchObject({ status: 'closed', statusChangedBy: 'rita.reviewer' });
  });

  it('record issues and status idempotently, and find the CIP version in force', async () => {
    const resellerId = await reseller();
    const issues = [{ id: randomUUID(), description: 'no written CIP' }];
    const input = { resellerId, caseId: randomUUID(), issues, identifiedAt: '2026-03-01T12:00:00.000Z', cureBy: '2026-03-15T12:00:00.000Z', identifiedBy: 'hana.handler' };
    await activities.recordResellerIssues(input);
    await activities.recordResellerIssues(input);
    expect(await listResellerIssues(handle.db, { resellerId })).toHaveLength(1);
    await activities.setResellerStatus({ resellerId, status: 'under-review', reason: 'evidence', at: '2026-03-01T12:00:00.000Z', actor: 'hana.handler' });
    expect(await getResellerById(handle.db, { id: resellerId })).toMatchObject({ status: 'under-review', statusReason: 'evidence' });

    const owner = { type: 'foreign-reseller' as const, resellerId };
    expect(await activities.findCurrentCip({ owner, at: '2026-03-01T12:00:00.000Z' })).toBeNull();
    const document = await insertDocument(handle.db, { purpose: 'cip', contentType: 'text/plain', content: Buffer.from('CIP v1'), uploadedBy: 'test' });
    await insertCipVersion(handle.db, { id: randomUUID(), owner, label: null, documentId: document.id, receivedAt: new Date('2026-02-01T00:00:00Z'), effectiveAt: new Date('2026-02-01T00:00:00Z'), recordedBy: 'test' });
    expect(await activities.findCurrentCip({ owner, at: '2026-03-01T12:00:00.000Z' })).toEqual({
      version: 1,
      documentId: document.id,
      sha256: document.sha256,
      effectiveAt: '2026-02-01T00:00:00.000Z',
    });
    expect(await activities.findCurrentCip({ owner, at: '2026-01-01T00:00:00.000Z' })).toBeNull();
    expect(await activities.findCipVersion({ owner, version: 2 })).toBeNull();
  });

  it('take a version scheduled ahead into force on its date, though a higher-numbered version was recorded after it (the activities and the certification read the same)', async () => {
    const resellerId = await reseller();
    const owner = { type: 'foreign-reseller' as const, resellerId };
    const record = async (text: string, effectiveAt: string) => {
      const document = await insertDocument(handle.db, { purpose: 'cip', contentType: 'text/plain', content: Buffer.from(`${text} ${randomUUID()}`), uploadedBy: 'test' });
      await insertCipVersion(handle.db, { id: randomUUID(), owner, label: null, documentId: document.id, receivedAt: new Date('2026-02-01T00:00:00Z'), effectiveAt: new Date(effectiveAt), recordedBy: 'test' });
      return document;
    };
    // Version 1 is recorded to take effect on 2027-01-01; version 2, recorded after it, applies from 2026-03-01.
    const scheduled = await record('CIP scheduled', '2027-01-01T05:00:00Z');
    const interim = await record('CIP interim', '2026-03-01T00:00:00Z');
    const inForceAt = async (at: string) => (await activities.findCurrentCip({ owner, at }))?.version;
    const certifiedAt = async (at: string) => (await resellersForCertification(handle.db, { at: new Date(at) })).find((r) => r.resellerId === resellerId)?.cip;
    expect(await inForceAt('2026-02-15T00:00:00Z')).toBeUndefined();
    expect(await inForceAt('2026-06-01T00:00:00Z')).toBe(2);
    expect(await certifiedAt('2026-06-01T00:00:00Z')).toEqual({ version: 2, effectiveAt: '2026-03-01T00:00:00.000Z', sha256: interim.sha256 });
    expect(await inForceAt('2027-01-01T04:59:59.999Z')).toBe(2);
    expect(await inForceAt('2027-01-01T05:00:00Z')).toBe(1);
    expect(await inForceAt('2027-06-01T00:00:00Z')).toBe(1);
    expect(await certifiedAt('2027-06-01T00:00:00Z')).toEqual({ version: 1, effectiveAt: '2027-01-01T05:00:00.000Z', sha256: scheduled.sha256 });
  });
});
