// What Temporal stores of a case is ciphertext: a raw history read through a client without the
// codec shows neither identity data nor the facts of the case, and the codec endpoint the
// Temporal UI calls opens it for legal and admin only. Real worker, dev server, PostgreSQL.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENCRYPTED_ENCODING } from '../../data-converter.js';
import { CASE_SEARCH_ATTRIBUTES } from '../../workflows/kit/search-attributes.js';
import { bearer } from '../helpers/tokens.js';
import { GERMAN_ENTITY, germanEntityApplication } from '../helpers/applications.js';
import { eventually, useTestSystem } from '../helpers/system.js';

const system = useTestSystem();
let rawConnection: Connection;
beforeAll(async () => {
  rawConnection = await Connection.connect({ address: inject('temporalAddress') });
});
afterAll(async () => {
  await rawConnection?.close();
});

type Role = Parameters<typeof bearer>[0];
const call = (method: 'GET' | 'POST', url: string, payload?: object, role: Role = 'case_handler') =>
  system.app.inject({ method, url, headers: bearer(role), ...(payload ? { payload } : {}) });

type JsonPayload = { metadata?: Record<string, string>; data?: string };

/**
 * Every payload anywhere in a history event (inputs, results, update arguments, memo...), but
 * search attributes (the server indexes those, so no codec touches them; their names are
 * collected in `attributeNames`) and patch markers.
 */
function payloadsIn(value: unknown, found: temporal.api.common.v1.IPayload[] = [], attributeNames = new Set<string>()): temporal.api.common.v1.IPayload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const v = value as Record<string, unknown>;
  if (v.data instanceof Uint8Array && v.metadata && typeof v.metadata === 'object') {
    found.push(v as temporal.api.common.v1.IPayload);
    return found;
  }
  for (const [key, child] of Object.entries(v)) {
    // patched() markers name a code change ({ id, deprecated }); the SDK writes them unencoded.
    if (key === 'markerRecordedEventAttributes' && (child as { markerName?: string }).markerName === 'core_patch') continue;
    // A local activity's marker keeps the SDK's bookkeeping (sequence number, activity type,
    // times) unencoded under `data`; its result (`result`) is sealed like every payload.
    if (key === 'markerRecordedEventAttributes' && (child as { markerName?: string }).markerName === 'core_local_activity') {
      const marker = child as { details?: Record<string, unknown> };
      payloadsIn({ ...marker, details: { ...marker.details, data: undefined } }, found, attributeNames);
      continue;
    }
    if (key === 'searchAttributes') {
      for (const name of Object.keys((child as { indexedFields?: object } | null)?.indexedFields ?? {})) attributeNames.add(name);
    } else payloadsIn(child, found, attributeNames);
  }
  return found;
}

describe('Temporal payloads are encrypted', () => {
  const reason = `documents requested from the applicant ${randomUUID()}`;
  let workflowId: string;
  beforeAll(async () => {
    const externalReference = `enc-${randomUUID()}`;
    const created = await call('POST', '/v1/customers', germanEntityApplication({ externalReference }));
    expect(created.statusCode).toBe(201);
    const { caseId } = created.json() as { caseId: string };
    await eventually(async () => ((await call('GET', `/v1/cases/${caseId}`, undefined, 'legal')).json().status === 'awaiting-verification' ? true : undefined));
    const decided = await call('POST', `/v1/cases/${caseId}/decisions`, { decision: 'open-interim', reason, params: { restrictions: ['no accelerator instances'] } });
    expect(decided.statusCode).toBe(200);
    workflowId = (await call('GET', `/v1/cases/${caseId}`, undefined, 'legal')).json().workflowId as string;
    expect(workflowId).toBeTruthy();
  }, 60_000);

  it('a raw history read without the codec shows no personal data and none of the case facts', async () => {
    const raw = new Client({ connection: rawConnection, namespace: 'default' });
    const history = await raw.workflow.getHandle(workflowId).fetchHistory();
    const attributeNames = new Set<string>();
    const payloads = (history.events ?? []).flatMap((e) => payloadsIn(e, [], attributeNames));
    // In the clear, on purpose and by necessity: only the case's type, status, due instant and subject id.
    // (Temporal's own, such as TemporalChangeVersion of patched(), name code versions.)
    expect([...attributeNames].filter((n) => !n.startsWith('Temporal') && !CASE_SEARCH_ATTRIBUTES.some((a) => a.name === n))).toEqual([]);
    // Started input, activity inputs and results, the decision's Update: all there, all sealed.
    expect(payloads.length).toBeGreaterThan(5);
    const inTheClear = payloads.filter((p) => Buffer.from(p.metadata!.encoding!).toString() !== ENCRYPTED_ENCODING);
    expect(inTheClear.map((p) => Buffer.from(p.data!).toString())).toEqual([]);
    const everything = Buffer.concat(payloads.map((p) => Buffer.from(p.data!))).toString('latin1');
    for (const secret of [reason, 'accelerator', 'open-interim', GERMAN_ENTITY.name, 'hana', 'json/plain']) expect(everything).not.toContain(secret);
    // The typed client cannot read it either: a result without the key stays encrypted.
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    expect(Buffer.from(started.metadata!['encryption-key-id']!).toString()).toBe('dev-1');
  });

  it('the codec endpoint decodes for legal and admin only, and encodes for admin', async () => {
    const raw = new Client({ connection: rawConnection, namespace: 'default' });
    const history = await raw.workflow.getHandle(workflowId).fetchHistory();
    // The decision's Update (the case's opening Update, sent with the start, carries no arguments).
    const update = history.events!.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'decide')!;
    const sealed = update.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads!;
    const body: { payloads: JsonPayload[] } = {
      payloads: sealed.map((p) => ({
        metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
        data: Buffer.from(p.data!).toString('base64'),
      })),
    };
    const decoded = await call('POST', '/codec/decode', body, 'legal');
    expect(decoded.statusCode).toBe(200);
    const [opened] = (decoded.json() as { payloads: JsonPayload[] }).payloads;
    expect(Buffer.from(opened!.metadata!.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(opened!.data!, 'base64').toString())).toMatchObject({ decision: 'open-interim', reason });
    expect((await call('POST', '/codec/decode', body, 'admin')).statusCode).toBe(200);

    for (const role of ['case_handler', 'reviewer', 'scheduler'] as const) expect((await call('POST', '/codec/decode', body, role)).statusCode).toBe(403);
    const anonymous = await system.app.inject({ method: 'POST', url: '/codec/decode', payload: body });
    expect(anonymous.statusCode).toBe(401);

    // Encoding (the UI's signal input) is for admin; what it seals decodes back.
    const plain = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"x":1}').toString('base64') }] };
    expect((await call('POST', '/codec/encode', plain, 'legal')).statusCode).toBe(403);
    const encoded = await call('POST', '/codec/encode', plain, 'admin');
    expect(encoded.statusCode).toBe(200);
    expect(Buffer.from((encoded.json() as { payloads: JsonPayload[] }).payloads[0]!.data!, 'base64').toString()).not.toContain('"x"');
    const back = await call('POST', '/codec/decode', encoded.json(), 'legal');
    expect((back.json() as { payloads: JsonPayload[] }).payloads).toEqual(plain.payloads);

    // A payload sealed with an unknown key, or tampered with, is refused without saying why.
    const tampered = structuredClone(body);
    tampered.payloads[0]!.data = Buffer.from(Buffer.from(tampered.payloads[0]!.data!, 'base64').map((b, i) => (i === 20 ? b ^ 1 : b))).toString('base64');
    const refused = await call('POST', '/codec/decode', tampered, 'legal');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).not.toMatch(/aes|gcm|dev-1|stack/i);
  });
});
