// Notes and evidence attachments on cases of every type, through the API against real
// PostgreSQL and Temporal: stored with their SHA-256, served back byte for byte, listed on the
// case and in its history; refusals store nothing.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertCaseIfAbsent } from '../db/queries/cases.js';
import { CASE_TYPE_NAMES, OBLIGATIONS } from '../workflows/obligations.js';
import { multipartBody } from './helpers/multipart.js';
import { bearer } from './helpers/tokens.js';
import { useTestSystem } from './helpers/system.js';

const system = useTestSystem();

type Role = Parameters<typeof bearer>[0];
const get = (url: string, role: Role = 'legal') => system.app.inject({ method: 'GET', url, headers: bearer(role) });
const note = (caseId: string, payload: unknown, role: Role = 'case_handler') =>
  system.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/notes`, headers: bearer(role), payload: payload as object });
function attach(caseId: string, fields: Record<string, string>, file?: { filename: string; contentType: string; content: Buffer; field?: string }, role: Role = 'case_handler') {
  const { payload, headers } = multipartBody(fields, file);
  return system.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/attachments`, headers: { ...bearer(role), ...headers }, payload });
}

/** A case row of the given type, as its workflow would have written it (no workflow needed to annotate it). */
async function caseOfType(type: string): Promise<string> {
  const id = randomUUID();
  const caseType = OBLIGATIONS[type as keyof typeof OBLIGATIONS].caseType;
  await insertCaseIfAbsent(system.db.db, {
    id,
    type,
    status: caseType.statuses[0]!,
    subjectType: caseType.subjectType,
    subjectId: randomUUID(),
    ruleSetId: 'NPRM-2024',
    workflowId: `${type}:notes-${id}`,
    openedAt: new Date('2026-03-02T10:00:00Z'),
  });
  return id;
}

const eventsOf = async (caseId: string) => (await get(`/v1/cases/${caseId}/events?limit=500`)).json().items as { type: string; actor: string; occurredAt: string; data: Record<string, unknown> }[];
const documentCount = async () => Number((await system.db.sql`select count(*)::int as n from documents where purpose = 'case-attachment'`)[0]!.n);

describe('case notes and evidence attachments', () => {
  it('adds a note and an attachment to a case of every type, each in the case history with its actor and time', async () => {
    for (const type of CASE_TYPE_NAMES) {
      const caseId = await caseOfType(type);
      const added = await note(caseId, { text: `checked the ${type} file\nsecond line` });
      expect(added.statusCode, `${type}: ${added.body}`).toBe(201);
      expect(added.json()).toMatchObject({ caseId, text: `checked the ${type} file\nsecond line`, author: 'hana.handler' });
      const content = randomBytes(64);
      const file = await attach(caseId, { description: `evidence for ${type}` }, { filename: 'scan.png', contentType: 'image/png', content }, 'reviewer');
      expect(file.statusCode, `${type}: ${file.body}`).toBe(201);
      expect(file.json()).toMatchObject({ caseId, sha256: createHash('sha256').update(content).digest('hex'), size: 64, contentType: 'image/png', filename: 'scan.png', addedBy: 'rita.reviewer' });
      const events = await eventsOf(caseId);
      expect(events.map((e) => [e.type, e.actor])).toEqual([
        ['note.added', 'hana.handler'],
        ['attachment.added', 'rita.reviewer'],
      ]);
      expect(events[0]!.occurredAt).toBe(added.json().addedAt);
      expect(events[1]!.data).toMatchObject({ attachmentId: file.json().id, description: `evidence for ${type}`, sha256: file.json().sha256 });
    }
  });

  it('serves the bytes exactly, lists notes and attachments newest first in pages, and shows them on the case', async () => {
    const caseId = await caseOfType('customer-identification');
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096), Buffer.from([0, 0xff, 0xfe, 0x0d, 0x0a])]);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const created = await attach(caseId, { description: 'passport scan, front page' }, { filename: 'passport front.pdf', contentType: 'application/pdf', content });
    expect(created.statusCode).toBe(201);
    const attachment = created.json();
    expect(attachment).toMatchObject({ sha256, size: content.length, contentType: 'application/pdf', filename: 'passport front.pdf', description: 'passport scan, front page' });

    const download = await get(attachment.contentUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);

    for (let i = 1; i <= 3; i++) expect((await note(caseId, { text: `note ${i}` }, i === 2 ? 'reviewer' : 'case_handler')).statusCode).toBe(201);
    const first = (await get(`/v1/cases/${caseId}/notes?limit=2`)).json();
    expect(first.items.map((n: { text: string; author: string }) => [n.text, n.author])).toEqual([
      ['note 3', 'hana.handler'],
      ['note 2', 'rita.reviewer'],
    ]);
    const second = (await get(`/v1/cases/${caseId}/notes?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ text: 'note 1' }], nextCursor: null });
    const attachments = (await get(`/v1/cases/${caseId}/attachments`, 'case_handler')).json();
    expect(attachments).toEqual({ items: [attachment], nextCursor: null });

    const kase = (await get(`/v1/cases/${caseId}`)).json();
    expect(kase.notes).toMatchObject({ total: 3, href: `/v1/cases/${caseId}/notes` });
    expect(kase.notes.latest.map((n: { text: string }) => n.text)).toEqual(['note 3', 'note 2', 'note 1']);
    expect(kase.attachments).toEqual({ total: 1, latest: [attachment], href: `/v1/cases/${caseId}/attachments` });
  });

  it('refuses bad input naming the field and stores nothing', async () => {
    const caseId = await caseOfType('cip-transmission');
    const documentsBefore = await documentCount();
    const refusals = [
      [await note(caseId, {}), 'body.text'],
      [await note(caseId, { text: '' }), 'body.text'],
      [await note(caseId, { text: '   \n ' }), 'body.text'],
      [await note(caseId, { text: 'bell \u0007' }), 'body.text'],
      [await note(caseId, { text: 'x'.repeat(20_001) }), 'body.text'],
      [await note(caseId, { text: 'ok', author: 'someone else' }), 'body.author'],
      [await attach(caseId, { description: 'no file' }), 'body.file'],
      [await attach(caseId, {}, { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('abc') }), 'body.description'],
      [await attach(caseId, { description: ' ' }, { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('abc') }), 'body.description'],
      [await attach(caseId, { description: 'empty' }, { filename: 'a.txt', contentType: 'text/plain', content: Buffer.alloc(0) }), 'body.file'],
      [await attach(caseId, { description: 'script' }, { filename: 'a.sh', contentType: 'application/x-sh', content: Buffer.from('rm -rf /') }), 'body.file'],
      [await attach(caseId, { description: 'wrong part' }, { field: 'upload', filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('abc') }), 'body.upload'],
      [await attach(caseId, { description: 'x', comment: 'unknown' }, { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('abc') }), 'body.comment'],
    ] as const;
    for (const [res, field] of refusals) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().errors.map((e: { field: string }) => e.field), res.body).toContain(field);
    }
    const tooLarge = await attach(caseId, { description: 'too large' }, { filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().errors[0].field).toBe('body.file');

    const json = await system.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/attachments`, headers: bearer('case_handler'), payload: { description: 'x' } });
    expect(json.statusCode).toBe(415);

    expect(await eventsOf(caseId)).toEqual([]);
    expect(await documentCount()).toBe(documentsBefore);
  });

  it('answers 404 for an unknown case or attachment, and admits only the roles declared', async () => {
    const unknown = randomUUID();
    expect((await note(unknown, { text: 'hello' })).statusCode).toBe(404);
    expect((await attach(unknown, { description: 'x' }, { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('abc') })).statusCode).toBe(404);
    expect((await get(`/v1/cases/${unknown}/notes`)).statusCode).toBe(404);
    expect((await get(`/v1/cases/${unknown}/attachments`)).statusCode).toBe(404);
    const caseId = await caseOfType('record-retention');
    const other = await caseOfType('record-retention');
    const onOther = (await attach(other, { description: 'belongs elsewhere' }, { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('abc') })).json();
    // An attachment is read only through the case it is on.
    expect((await get(`/v1/cases/${caseId}/attachments/${onOther.id}/content`)).statusCode).toBe(404);
    expect((await get(`/v1/cases/${caseId}/attachments/${randomUUID()}/content`)).statusCode).toBe(404);

    expect((await note(caseId, { text: 'legal reads only' }, 'legal')).statusCode).toBe(403);
    expect((await note(caseId, { text: 'feeds do not annotate' }, 'scheduler')).statusCode).toBe(403);
    expect((await get(`/v1/cases/${caseId}/notes`, 'scheduler')).statusCode).toBe(403);
    expect((await note(caseId, { text: 'by an admin' }, 'admin')).statusCode).toBe(201);
    expect((await get(`/v1/cases/${caseId}/notes`, 'legal')).json().items).toHaveLength(1);
  });

  it('adds to a running case workflow without touching it: the history shows the note beside the workflow’s own events', async () => {
    const created = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: `NOTES-${randomUUID()}`, cipOwner: { type: 'provider' }, receivedAt: '2026-11-20T15:00:00-05:00' },
    });
    expect(created.statusCode).toBe(201);
    const caseId = created.json().id as string;
    expect((await note(caseId, { text: 'called BIS to confirm the request' })).statusCode).toBe(201);
    const history = (await get(`/v1/cases/${caseId}/history`)).json();
    const types = JSON.stringify(history);
    expect(types).toContain('note.added');
    expect(types).toContain('called BIS to confirm the request');
    expect((await get(`/v1/cases/${caseId}`)).json()).toMatchObject({ status: 'awaiting-transmission', notes: { total: 1 } });
  });
});
