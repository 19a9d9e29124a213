// E-mail notifications against a real SMTP server started here (smtp-server): a missed deadline
// (an escalation, fired by the case workflow) reaches the team, and the daily digest, run by
// its Temporal Schedule, gives each handler their due and overdue cases. No personal data.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../activities/notifications.js';
import { systemWorkflowIds } from '../../workflows/ids.js';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.js';
import { receivedWithDaysLeft, receivedWithDeadlinePassed } from '../helpers/rule-dates.js';
import { bearer } from '../helpers/tokens.js';

interface Mail {
  to: string[];
  raw: string;
}

let smtp: SMTPServer;
const inbox: Mail[] = [];
let system: TestSystem;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  system = await startTestSystem({
    notifications: {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      publicUrl: 'https://desk.example.test',
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'cipdesk <cipdesk@desk.example.test>',
      handlerEmails: { 'hana.handler': 'hana@desk.example.test' },
      teamEmail: 'compliance-team@desk.example.test',
      retry: { initialIntervalMs: 200, maximumIntervalMs: 1_000, maximumAttempts: 5 },
      pollIntervalMs: 250,
      providerTimeZone: 'America/New_York',
    },
  });
});
afterAll(async () => {
  await system?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

async function openCipRequest(receivedAt: Date): Promise<string> {
  const res = await system.app.inject({
    method: 'POST',
    url: '/v1/cip-transmission-requests',
    headers: bearer('case_handler'),
    payload: { requestReference: `BIS-CIP-${randomUUID().slice(0, 8)}`, cipOwner: { type: 'provider' }, receivedAt: receivedAt.toISOString() },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** The message as a reader sees it: quoted-printable soft line breaks joined. */
const text = (m: Mail) => m.raw.replace(/=\r?\n/g, '');

it('e-mails the team when a deadline is missed, with the case id and a desk link only', async () => {
  // Received so long ago that its period has ended: the workflow finds the deadline passed and escalates.
  const caseId = await openCipRequest(receivedWithDeadlinePassed());
  const mail = await eventually(async () => inbox.find((m) => text(m).includes(caseId) && /Deadline missed/.test(m.raw)), 30_000);
  expect(mail.to).toEqual(['compliance-team@desk.example.test']);
  expect(text(mail)).toContain(`https://desk.example.test/desk/cases/${caseId}`);
  expect(text(mail)).toMatch(/Subject: \[cipdesk\] Deadline missed \(escalation\): cip-transmission case/);
  expect(text(mail)).toMatch(/no personal data/);
});

it('sends the daily digest from its schedule: each handler their due and overdue cases', async () => {
  const overdue = await openCipRequest(receivedWithDeadlinePassed());
  const dueSoon = await openCipRequest(receivedWithDaysLeft(2));
  for (const id of [overdue, dueSoon]) {
    const res = await system.app.inject({ method: 'POST', url: `/v1/cases/${id}/assignment`, headers: bearer('case_handler'), payload: { assignee: 'hana.handler' } });
    expect(res.statusCode).toBe(200);
  }
  await system.client.schedule.getHandle(systemWorkflowIds.dailyDigestSchedule(system.taskQueue)).trigger();
  const digest = await eventually(async () => inbox.find((m) => m.to.includes('hana@desk.example.test') && /Daily digest/.test(m.raw)), 30_000);
  expect(text(digest)).toContain(overdue);
  expect(text(digest)).toContain(dueSoon);
  expect(text(digest)).toMatch(/Subject: \[cipdesk\] Daily digest \d{4}-\d{2}-\d{2}: [1-9]\d* overdue, [1-9]\d* due within/);
});
