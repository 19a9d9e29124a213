// Foreign resellers, CIP versions on file and the document store through the API, against real
// PostgreSQL and Temporal.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedAccount as seedAccountIn } from './helpers/accounts.js';
import { multipartBody } from './helpers/multipart.js';
import { bearer } from './helpers/tokens.js';
import { useTestSystem } from './helpers/system.js';

const system = useTestSystem();

const seedAccount = () => seedAccountIn(system.db.db);

const post = (url: string, payload: object, role: Parameters<typeof bearer>[0] = 'case_handler') =>
  system.app.inject({ method: 'POST', url, headers: bearer(role), payload });
const get = (url: string, role: Parameters<typeof bearer>[0] = 'legal') => system.app.inject({ method: 'GET', url, headers: bearer(role) });

async function register(body: object = {}) {
  const res = await post('/v1/resellers', { legalName: `Nordwind Cloud ${randomUUID()}`, jurisdiction: 'DE', ...body });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; legalName: string; accountIds: string[]; currentCip: null | { version: number; sha256: string } };
}

function upload(url: string, fields: Record<string, string>, file?: { filename: string; contentType: string; content: Buffer }) {
  const { payload, headers } = multipartBody(fields, file);
  return system.app.inject({ method: 'POST', url, headers: { ...bearer('case_handler'), ...headers }, payload });
}

const count = async (table: string) => Number((await system.db.sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n);

describe('resellers', () => {
  it('registers a reseller with its accounts, reads, updates and lists it with filters and keyset pages', async () => {
    const accountId = await seedAccount();
    const created = await register({ contacts: [{ name: 'Ines CIP Officer', role: 'CIP officer', email: 'cip@nordwind.example' }], accountIds: [accountId] });
    expect(created).toMatchObject({ status: 'active', accountIds: [accountId], currentCip: null });

    const read = await get(`/v1/resellers/${created.id}`);
    expect(read.json()).toMatchObject({ id: created.id, jurisdiction: 'DE', contacts: [{ name: 'Ines CIP Officer', role: 'CIP officer' }] });

    const patched = await system.app.inject({
      method: 'PATCH',
      url: `/v1/resellers/${created.id}`,
      headers: bearer('case_handler'),
      payload: { jurisdiction: 'AT', accountIds: [] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ jurisdiction: 'AT', accountIds: [] });

    const marker = randomUUID().slice(0, 8);
    for (let i = 0; i < 3; i++) await register({ legalName: `Pager ${marker} ${i}`, jurisdiction: 'FR' });
    const first = (await get(`/v1/resellers?name=${marker}&jurisdiction=FR&limit=2`)).json();
    expect(first.items.map((r: { legalName: string }) => r.legalName)).toEqual([`Pager ${marker} 2`, `Pager ${marker} 1`]);
    const second = (await get(`/v1/resellers?name=${marker}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ legalName: `Pager ${marker} 0` }], nextCursor: null });
    expect((await get(`/v1/resellers?status=terminated&name=${marker}`)).json().items).toEqual([]);
    const byAccount = await register({ accountIds: [accountId] });
    expect((await get(`/v1/resellers?accountId=${accountId}`)).json().items.map((r: { id: string }) => r.id)).toEqual([byAccount.id]);
  });

  it('refuses bad registrations naming the field, and stores nothing', async () => {
    const before = await count('resellers');
    const unknownAccount = randomUUID();
    const res = await post('/v1/resellers', { legalName: 'Ghost Accounts Ltd', jurisdiction: 'GB', accountIds: [await seedAccount(), unknownAccount] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.accountIds.1', message: `account ${unknownAccount} does not exist` }]);
    expect((await post('/v1/resellers', { legalName: 'Nowhere Ltd', jurisdiction: 'XX' })).json().errors[0].field).toBe('body.jurisdiction');
    expect((await post('/v1/resellers', { legalName: 'Domestic Inc', jurisdiction: 'US' })).json().errors[0]).toMatchObject({ field: 'body.jurisdiction' });
    expect((await post('/v1/resellers', { legalName: 'Lower Ltd', jurisdiction: 'de' })).statusCode).toBe(400);
    expect((await post('/v1/resellers', { legalName: 'Reviewer Ltd', jurisdiction: 'DE' }, 'reviewer')).statusCode).toBe(403);
    expect(await count('resellers')).toBe(before);
    expect((await get(`/v1/resellers/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('CIP documents', () => {
  it('stores immutable versions of a reseller’s CIP; a download returns exactly the stored bytes', async () => {
    const reseller = await register();
    // Bytes that any text re-encoding would change.
    const v1 = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096), Buffer.from([0, 0xff, 0xfe, 0x0d, 0x0a])]);
    const res = await upload(`/v1/resellers/${reseller.id}/cip-documents`, { receivedAt: '2026-03-01T10:00:00Z', label: 'CIP 2026.1' }, { filename: 'cip-2026-1.pdf', contentType: 'application/pdf', content: v1 });
    expect(res.statusCode).toBe(201);
    const sha = createHash('sha256').update(v1).digest('hex');
    expect(res.json()).toMatchObject({
      owner: { type: 'foreign-reseller', resellerId: reseller.id },
      version: 1,
      label: 'CIP 2026.1',
      receivedAt: '2026-03-01T10:00:00.000Z',
      effectiveAt: '2026-03-01T10:00:00.000Z',
      recordedBy: 'hana.handler',
      document: { contentType: 'application/pdf', filename: 'cip-2026-1.pdf', sizeBytes: v1.length, sha256: sha },
    });

    const v2 = Buffer.from('CIP 2026.2: customers are verified documentarily before any account opens.\n');
    const second = await upload(`/v1/resellers/${reseller.id}/cip-documents`, { receivedAt: '2026-06-01T10:00:00Z', effectiveAt: '2026-06-15T00:00:00Z' }, { filename: 'cip.txt', contentType: 'text/plain', content: v2 });
    expect(second.json()).toMatchObject({ version: 2, effectiveAt: '2026-06-15T00:00:00.000Z' });

    const download = await get(`/v1/resellers/${reseller.id}/cip-documents/1/content`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-sha256']).toBe(sha);
    expect(Buffer.compare(download.rawPayload, v1)).toBe(0);
    expect(Buffer.compare((await get(`/v1/resellers/${reseller.id}/cip-documents/2/content`)).rawPayload, v2)).toBe(0);

    const versions = (await get(`/v1/resellers/${reseller.id}/cip-documents`)).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.versionInForce).toBe(2);
    expect((await get(`/v1/resellers/${reseller.id}`)).json().currentCip).toMatchObject({ version: 2 });
    // The version in force is the one that took effect last, whatever its number: neither a version
    // scheduled ahead (3) nor one recorded later but effective from an earlier date (4) displaces version 2 now.
    const ahead = new Date(Date.now() + 86_400_000).toISOString();
    expect((await upload(`/v1/resellers/${reseller.id}/cip-documents`, { receivedAt: '2026-06-02T10:00:00Z', effectiveAt: ahead }, { filename: 'cip.txt', contentType: 'text/plain', content: Buffer.from(`CIP 2027 ${randomUUID()}`) })).json()).toMatchObject({ version: 3 });
    expect((await upload(`/v1/resellers/${reseller.id}/cip-documents`, { receivedAt: '2026-06-03T10:00:00Z', effectiveAt: '2026-05-01T00:00:00Z' }, { filename: 'cip.txt', contentType: 'text/plain', content: Buffer.from(`CIP backdated ${randomUUID()}`) })).json()).toMatchObject({ version: 4 });
    expect((await get(`/v1/resellers/${reseller.id}/cip-documents`)).json().versionInForce).toBe(2);
    expect((await get(`/v1/resellers/${reseller.id}`)).json().currentCip).toMatchObject({ version: 2 });
    expect((await get(`/v1/resellers/${reseller.id}/cip-documents/5`)).statusCode).toBe(404);

    // The database refuses to change a stored document or version.
    await expect(system.db.sql`update documents set content_type = 'text/html' where id = ${res.json().document.id}`).rejects.toThrow(/documents is immutable/);
    await expect(system.db.sql`delete from cip_documents where id = ${res.json().id}`).rejects.toThrow(/cip_documents is immutable/);
  });

  it('keeps the provider’s own CIP versions apart from resellers’', async () => {
    const content = Buffer.from(`provider CIP ${randomUUID()}`);
    const res = await upload('/v1/provider/cip-documents', { receivedAt: new Date().toISOString() }, { filename: 'provider-cip.md', contentType: 'text/markdown', content });
    expect(res.statusCode).toBe(201);
    expect(res.json().owner).toEqual({ type: 'provider' });
    const { version } = res.json();
    expect(Buffer.compare((await get(`/v1/provider/cip-documents/${version}/content`)).rawPayload, content)).toBe(0);
    expect((await get('/v1/provider/cip-documents')).json().items[0].version).toBe(version);
  });

  it('refuses an upload over the limit, of an unknown content type, for an unknown reseller, or malformed, storing nothing', async () => {
    const reseller = await register();
    const url = `/v1/resellers/${reseller.id}/cip-documents`;
    const before = await count('documents');

    const tooLarge = await upload(url, { receivedAt: '2026-03-01T10:00:00Z' }, { filename: 'big.pdf', contentType: 'application/pdf', content: Buffer.alloc(10 * 1024 * 1024 + 1, 0x41) });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'document.too_large', errors: [{ field: 'body.file' }] });

    const wrongType = await upload(url, { receivedAt: '2026-03-01T10:00:00Z' }, { filename: 'cip.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ') });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json()).toMatchObject({ code: 'document.unsupported_type', errors: [{ field: 'body.file' }] });

    const unknown = await upload(`/v1/resellers/${randomUUID()}/cip-documents`, { receivedAt: '2026-03-01T10:00:00Z' }, { filename: 'cip.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('reseller.not_found');

    const noDate = await upload(url, {}, { filename: 'cip.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') });
    expect(noDate.json()).toMatchObject({ status: 400, errors: [{ field: 'body.receivedAt' }] });
    const future = await upload(url, { receivedAt: '2999-01-01T00:00:00Z' }, { filename: 'cip.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') });
    expect(future.json().errors[0]).toEqual({ field: 'body.receivedAt', message: 'must not be in the future' });
    const noFile = await upload(url, { receivedAt: '2026-03-01T10:00:00Z' });
    expect(noFile.json().errors[0]).toMatchObject({ field: 'body.file' });
    const strayField = await upload(url, { receivedAt: '2026-03-01T10:00:00Z', owner: 'x' }, { filename: 'cip.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') });
    expect(strayField.json().errors[0]).toMatchObject({ field: 'body.owner' });
    const json = await post(url, { receivedAt: '2026-03-01T10:00:00Z' });
    expect(json.statusCode).toBe(415);

    expect(await count('documents')).toBe(before);
    expect((await get(`${url}`)).json().items).toEqual([]);
  });
});

describe('CIP transmission requests', () => {
  it('refuse a reseller that is not registered, naming cipOwner.resellerId', async () => {
    const resellerId = randomUUID();
    const res = await post('/v1/cip-transmission-requests', {
      requestReference: `BIS-CIP-${randomUUID()}`,
      cipOwner: { type: 'foreign-reseller', resellerId },
      receivedAt: new Date().toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.cipOwner.resellerId', message: `no reseller ${resellerId} is registered (POST /v1/resellers first)` }]);
    expect((await get(`/v1/cases?subjectType=foreign-reseller&subjectId=${resellerId}`)).json().items).toEqual([]);
  });
});
