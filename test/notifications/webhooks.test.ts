// Webhooks end to end on the real servers: an admin subscribes a URL, the dispatcher derives
// deliveries from the case events workflows write, each delivery is signed per the Standard
// Webhooks specification, a failed attempt is retried with back-off and logged, and a
// subscriber that keeps failing is paused.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../activities/notifications.js';
import { insertWebhookSubscription } from '../../db/queries/notifications.js';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.js';
import { bearer } from '../helpers/tokens.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

let system: TestSystem;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  system = await startTestSystem({
    notifications: {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      publicUrl: 'https://desk.example.test',
      pauseAfterFailedDeliveries: 2,
      retry: { initialIntervalMs: 200, maximumIntervalMs: 1_000, maximumAttempts: 3 },
      pollIntervalMs: 250,
    },
  });
});
afterAll(async () => {
  await system?.close();
  await receiver?.close();
});

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, role: 'admin' | 'case_handler' | 'reviewer' = 'admin') {
  const res = await system.app.inject({ method, url, headers: bearer(role), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}

async function openCipRequest(): Promise<string> {
  const res = await call(
    'POST',
    '/v1/cip-transmission-requests',
    { requestReference: `BIS-CIP-${randomUUID().slice(0, 8)}`, cipOwner: { type: 'provider' }, receivedAt: new Date().toISOString() },
    'case_handler',
  );
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('webhook subscriptions', () => {
  it('are managed by admins only, and refuse an unknown event type naming the field', async () => {
    expect((await call('POST', '/v1/webhook-subscriptions', { url: receiver.url, eventTypes: ['case.opened'] }, 'case_handler')).status).toBe(403);
    const bad = await call('POST', '/v1/webhook-subscriptions', { url: receiver.url, eventTypes: ['case.deleted'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^body\.eventTypes/);
    const notUrl = await call('POST', '/v1/webhook-subscriptions', { url: 'ftp://example.test/x', eventTypes: ['case.opened'] });
    expect(notUrl.status).toBe(400);
    const withCredentials = await call('POST', '/v1/webhook-subscriptions', { url: 'https://user:secret@example.test/hook', eventTypes: ['case.opened'] });
    expect(withCredentials.status).toBe(400);
    expect(withCredentials.body.errors).toEqual([{ field: 'body.url', message: expect.stringContaining('must not carry credentials') }]);
    const listed = (await call('GET', '/v1/webhook-subscriptions')).body.items as { url: string }[];
    expect(listed.filter((s) => s.url === receiver.url || s.url.includes('secret@'))).toEqual([]);
  });

  it('refuse a URL naming the instance-metadata service or another address that is no deliverable host', async () => {
    const refusals: [string, RegExp][] = [
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      ['http://[::ffff:169.254.169.254]/latest/meta-data', /link-local/],
      ['http://2852039166/latest/meta-data', /link-local/],
      ['http://metadata.google.internal/computeMetadata/v1/', /instance-metadata/],
      ['http://100.100.100.200/latest/meta-data', /instance-metadata/],
      ['http://[fe80::1]/hook', /link-local/],
      ['http://0.0.0.0:8080/hook', /unspecified/],
      ['http://224.0.0.1/hook', /multicast/],
    ];
    for (const [url, reason] of refusals) {
      const refused = await call('POST', '/v1/webhook-subscriptions', { url, eventTypes: ['case.opened'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.errors, url).toEqual([{ field: 'body.url', message: expect.stringMatching(reason) }]);
    }
    const listed = (await call('GET', '/v1/webhook-subscriptions')).body.items as { url: string }[];
    expect(listed.filter((s) => refusals.some(([url]) => s.url === url))).toEqual([]);
  });

  it('never delivers to a refused address, even for a subscription stored before the check: one attempt, logged as refused, not retried', async () => {
    const subscriptionId = randomUUID();
    await insertWebhookSubscription(system.db.db, { id: subscriptionId, url: 'http://169.254.169.254/latest/meta-data', eventTypes: ['case.opened'], secret: `whsec_${Buffer.from(randomUUID()).toString('base64')}`, createdBy: 'dev-admin' });
    await openCipRequest();
    const failed = await eventually(async () => {
      const { body } = await call('GET', `/v1/webhook-deliveries?subscriptionId=${subscriptionId}&status=failed`);
      return body.items.length > 0 ? body.items[0] : undefined;
    });
    expect(failed.attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'failed', error: expect.stringMatching(/^refused: 169\.254\.169\.254 is a link-local address/) })]);
    expect((await call('DELETE', `/v1/webhook-subscriptions/${subscriptionId}`)).status).toBe(204);
  });

  it('delivers a signed case.opened, retries a failed attempt, and logs both attempts; no personal data', async () => {
    const created = await call('POST', '/v1/webhook-subscriptions', { url: receiver.url, eventTypes: ['case.opened'] });
    expect(created.status).toBe(201);
    const { id: subscriptionId, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: listing does not repeat it.
    expect(JSON.stringify((await call('GET', '/v1/webhook-subscriptions')).body)).not.toContain(secret);

    receiver.failNext(1, 503);
    const caseId = await openCipRequest();
    const delivered = await eventually(async () => {
      const { body } = await call('GET', `/v1/webhook-deliveries?subscriptionId=${subscriptionId}`);
      const d = body.items.find((i: { caseId: string }) => i.caseId === caseId);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(delivered).toMatchObject({ channel: 'webhook', eventType: 'case.opened', attempts: 2 });
    expect(delivered.attemptLog).toMatchObject([
      { attempt: 1, outcome: 'failed', statusCode: 503, error: 'HTTP 503' },
      { attempt: 2, outcome: 'delivered', statusCode: 204 },
    ]);

    const requests = receiver.received.filter((r) => r.body.includes(caseId));
    expect(requests.map((r) => r.answeredWith)).toEqual([503, 204]);
    // The same message id on the retry, so that the subscriber can drop a duplicate.
    expect(requests[0]!.headers['webhook-id']).toBe(requests[1]!.headers['webhook-id']);
    const last = requests[1]!;
    const verified = new Webhook(secret).verify(last.body, last.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({
      type: 'case.opened',
      data: { caseId, caseType: 'cip-transmission', subject: { type: 'provider-cip', id: 'provider' }, deskUrl: `https://desk.example.test/desk/cases/${caseId}` },
    });
    expect(typeof verified.data.dueAt).toBe('string');
    // A tampered body or another secret fails verification.
    expect(() => new Webhook(secret).verify(last.body.replace('case.opened', 'case.closed'), last.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(last.body, last.headers as Record<string, string>)).toThrow();
    // Nothing but ids, types, dates and links: the case.opened event's explanation stays home.
    expect(Object.keys(verified.data).sort()).toEqual(['caseId', 'caseStatus', 'caseType', 'deskUrl', 'dueAt', 'eventId', 'subject']);

    expect((await call('DELETE', `/v1/webhook-subscriptions/${subscriptionId}`)).status).toBe(204);
  });

  it('pauses a subscriber that keeps failing, shows it, and lets an admin resume it', async () => {
    const failing = await startWebhookReceiver();
    try {
      failing.failAlways(500);
      const { body } = await call('POST', '/v1/webhook-subscriptions', { url: failing.url, eventTypes: ['case.opened'] });
      const subscriptionId = body.id as string;
      await openCipRequest();
      await openCipRequest();
      const paused = await eventually(async () => {
        const s = (await call('GET', `/v1/webhook-subscriptions/${subscriptionId}`)).body;
        return s.status === 'paused' ? s : undefined;
      });
      expect(paused.consecutiveFailures).toBe(2);
      expect(paused.pausedReason).toMatch(/2 deliveries in a row failed.*HTTP 500/);
      const failed = (await call('GET', `/v1/webhook-deliveries?subscriptionId=${subscriptionId}&status=failed`)).body.items;
      expect(failed).toHaveLength(2);
      for (const d of failed) expect(d.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'failed']);

      // While paused, nothing new is planned for it.
      const before = failing.received.length;
      const third = await openCipRequest();
      await eventually(async () => ((await call('GET', `/v1/cases/${third}`)).status === 200 ? true : undefined));
      await new Promise((r) => setTimeout(r, 1_000));
      expect(failing.received.length).toBe(before);

      const resumed = await call('POST', `/v1/webhook-subscriptions/${subscriptionId}/resume`);
      expect(resumed.body).toMatchObject({ status: 'active', consecutiveFailures: 0, pausedAt: null });
    } finally {
      await failing.close();
    }
  });
});
