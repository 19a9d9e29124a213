// Notification activities: plan deliveries from new case events, deliver one (a webhook signed
// per the Standard Webhooks specification, or an e-mail), log every attempt, and send the daily
// digest. No personal data leaves: ids, case types, statuses, due dates and links to the desk.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import nodemailer, { type Transporter } from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import {
  caseEventsAfter,
  getDeliveryContext,
  latestCaseEventId,
  listWebhookSubscriptions,
  markDeliveryFailed,
  markDeliverySkipped,
  openCasesDueBy,
  planDeliveries,
  recordDeliveryAttempt,
  type DeliveryContext,
  type NewDelivery,
  type NotifiableEvent,
} from '../db/queries/notifications.js';
import { CURRENT_RULE_SET_ID, getRuleSet } from '../rules/index.js';
import { EMAILED_EVENT_TYPES, NOTIFIED_EVENT_TYPES, type DeliveryOutcome } from '../workflows/notifications/messages.js';
import type { ActivityDeps } from './deps.js';
import { refusedWebhookTarget } from './webhook-address.js';

export interface NotificationSettings {
  /** Where the desk is reached, for links in notifications (e.g. https://cipdesk.example.com). */
  publicUrl: string;
  /** SMTP server for e-mail (smtp://user:pass@host:port); without it no e-mail is sent. */
  smtpUrl?: string;
  mailFrom: string;
  /** Handlers' e-mail addresses by token subject. */
  handlerEmails: Readonly<Record<string, string>>;
  /** Receives reminders of unassigned cases, every escalation, and the digest of unassigned cases. */
  teamEmail?: string;
  /** Failed deliveries in a row (each after every retry) after which a webhook subscription is paused. */
  pauseAfterFailedDeliveries: number;
  /** Time limit of one webhook request. */
  requestTimeoutMs: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  publicUrl: 'http://127.0.0.1:3000',
  mailFrom: 'cipdesk <cipdesk@localhost>',
  handlerEmails: {},
  pauseAfterFailedDeliveries: 5,
  requestTimeoutMs: 10_000,
};

// Event data that may travel: dates, counts and decision names. Reasons and other free text may
// hold personal data and never leave.
const SHAREABLE_EVENT_FIELDS = ['dueAt', 'dueDate', 'daysBefore', 'decision', 'escalated', 'proposedBy'] as const;

export interface NotificationPayload {
  type: string;
  timestamp: string;
  data: {
    eventId: number;
    caseId: string;
    caseType: string;
    caseStatus: string;
    subject: { type: string; id: string };
    dueAt: string | null;
    deskUrl: string;
    [field: string]: unknown;
  };
}

export function notificationPayload(ctx: Pick<DeliveryContext, 'event' | 'case'>, publicUrl: string): NotificationPayload {
  const shared = Object.fromEntries(SHAREABLE_EVENT_FIELDS.filter((f) => ctx.event.data[f] !== undefined).map((f) => [f, ctx.event.data[f]]));
  return {
    type: ctx.event.type,
    timestamp: ctx.event.occurredAt.toISOString(),
    data: {
      ...shared,
      eventId: ctx.event.id,
      caseId: ctx.case.id,
      caseType: ctx.case.type,
      caseStatus: ctx.case.status,
      subject: { type: ctx.case.subjectType, id: ctx.case.subjectId },
      dueAt: ctx.case.dueAt?.toISOString() ?? null,
      deskUrl: deskLink(publicUrl, ctx.case.id),
    },
  };
}

const deskLink = (publicUrl: string, caseId: string) => `${publicUrl.replace(/\/+$/, '')}/desk/cases/${caseId}`;

function emailRecipients(event: NotifiableEvent, settings: NotificationSettings): string[] {
  const assigneeEmail = event.case.assignee ? settings.handlerEmails[event.case.assignee] : undefined;
  const recipients = [assigneeEmail ?? settings.teamEmail];
  // A missed deadline is an escalation: the team hears of it whoever has the case.
  if (event.type === 'deadline.missed') recipients.push(settings.teamEmail);
  return [...new Set(recipients.filter((r): r is string => typeof r === 'string' && r.length > 0))];
}

function emailFor(event: DeliveryContext, publicUrl: string): { subject: string; text: string } {
  const p = notificationPayload(event, publicUrl);
  const due = p.data.dueAt ? `due ${String(p.data.dueDate ?? p.data.dueAt)}` : 'no due date';
  const what =
    p.type === 'deadline.missed'
      ? 'Deadline missed (escalation)'
      : p.type === 'deadline.reminder'
        ? `Reminder${typeof p.data.daysBefore === 'number' ? `: ${p.data.daysBefore} days left` : ''}`
        : p.type;
  return {
    subject: `[cipdesk] ${what}: ${p.data.caseType} case ${p.data.caseId.slice(0, 8)}, ${due}`,
    text: [
      `${what}.`,
      '',
      `Case: ${p.data.caseId} (${p.data.caseType}), status ${p.data.caseStatus}`,
      `Due: ${p.data.dueAt ?? 'none'}`,
      `Open it on the desk: ${p.data.deskUrl}`,
      '',
      'This message carries no personal data; sign in to the desk for the case.',
    ].join('\n'),
  };
}

export function createNotificationActivities({ db }: ActivityDeps, settings: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS) {
  let transport: Transporter | undefined;
  const mailer = () => (transport ??= nodemailer.createTransport(settings.smtpUrl!));

  async function deliverWebhook(ctx: DeliveryContext, attempt: number): Promise<DeliveryOutcome> {
    const subscription = ctx.subscription;
    if (!subscription || subscription.status !== 'active') {
      await markDeliverySkipped(db, { deliveryId: ctx.delivery.id, reason: `subscription is ${subscription?.status ?? 'gone'}` });
      return 'skipped';
    }
    const body = JSON.stringify(notificationPayload(ctx, settings.publicUrl));
    // The message id stays the same across retries, so that a subscriber can drop a duplicate.
    const messageId = `msg_${ctx.delivery.id}`;
    const timestamp = new Date();
    const signature = new Webhook(subscription.secret).sign(messageId, timestamp, body);
    let response: Response;
    try {
      // Checked at each delivery, after resolving the name: a name may come to point at a refused address.
      const refused = await refusedWebhookTarget(new URL(subscription.url));
      if (refused) {
        await recordDeliveryAttempt(db, { deliveryId: ctx.delivery.id, attempt, outcome: 'failed', error: `refused: ${refused}` });
        throw ApplicationFailure.nonRetryable(`webhook ${subscription.url} is refused: ${refused}`, 'WebhookTargetRefused');
      }
      response = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'cipdesk-webhooks',
          'webhook-id': messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.requestTimeoutMs),
      });
      await response.body?.cancel();
    } catch (err) {
      if (err instanceof ApplicationFailure) throw err;
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      await recordDeliveryAttempt(db, { deliveryId: ctx.delivery.id, attempt, outcome: 'failed', error });
      throw new Error(`webhook ${subscription.url} could not be reached: ${error}`);
    }
    if (response.status < 200 || response.status >= 300) {
      const error = `HTTP ${response.status}`;
      await recordDeliveryAttempt(db, { deliveryId: ctx.delivery.id, attempt, outcome: 'failed', statusCode: response.status, error });
      throw new Error(`webhook ${subscription.url} answered ${error}`);
    }
    await recordDeliveryAttempt(db, { deliveryId: ctx.delivery.id, attempt, outcome: 'delivered', statusCode: response.status });
    return 'delivered';
  }

  async function deliverEmail(ctx: DeliveryContext, attempt: number): Promise<DeliveryOutcome> {
    if (!settings.smtpUrl) {
      await markDeliverySkipped(db, { deliveryId: ctx.delivery.id, reason: 'SMTP_URL is not set' });
      return 'skipped';
    }
    const { subject, text } = emailFor(ctx, settings.publicUrl);
    try {
      await mailer().sendMail({
        from: settings.mailFrom,
        to: ctx.delivery.target,
        subject,
        text,
        messageId: `<${ctx.delivery.id}@cipdesk>`,
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await recordDeliveryAttempt(db, { deliveryId: ctx.delivery.id, attempt, outcome: 'failed', error });
      throw new Error(`e-mail to the ${ctx.delivery.eventType} recipient failed: ${error}`);
    }
    await recordDeliveryAttempt(db, { deliveryId: ctx.delivery.id, attempt, outcome: 'delivered' });
    return 'delivered';
  }

  return {
    async latestCaseEventCursor(): Promise<number> {
      return latestCaseEventId(db);
    },

    /** Plans the deliveries of the case events after `afterEventId`; idempotent. */
    async planNotifications(input: { afterEventId: number; limit: number }): Promise<{ deliveryIds: string[]; lastEventId: number; more: boolean }> {
      const { events, lastScannedId } = await caseEventsAfter(db, { afterId: input.afterEventId, types: NOTIFIED_EVENT_TYPES, limit: input.limit });
      const subscriptions = (await listWebhookSubscriptions(db)).filter((s) => s.status === 'active');
      const planned: NewDelivery[] = [];
      for (const event of events) {
        for (const s of subscriptions) {
          if (event.id > s.startAfterEventId && s.eventTypes.includes(event.type)) {
            planned.push({ id: randomUUID(), channel: 'webhook', target: s.id, subscriptionId: s.id, caseEventId: event.id, caseId: event.caseId, eventType: event.type });
          }
        }
        if (settings.smtpUrl && EMAILED_EVENT_TYPES.includes(event.type as (typeof EMAILED_EVENT_TYPES)[number])) {
          for (const to of emailRecipients(event, settings)) {
            planned.push({ id: randomUUID(), channel: 'email', target: to, subscriptionId: null, caseEventId: event.id, caseId: event.caseId, eventType: event.type });
          }
        }
      }
      const deliveryIds = await planDeliveries(db, planned);
      return { deliveryIds, lastEventId: lastScannedId, more: lastScannedId > input.afterEventId && lastScannedId - input.afterEventId >= input.limit };
    },

    /** One attempt at one delivery; throws (and Temporal retries) when it fails. */
    async deliverNotification(input: { deliveryId: string }): Promise<DeliveryOutcome> {
      const ctx = await getDeliveryContext(db, input);
      if (!ctx) throw new Error(`delivery ${input.deliveryId} does not exist`);
      if (ctx.delivery.status !== 'pending') return ctx.delivery.status as DeliveryOutcome;
      const attempt = Context.current().info.attempt;
      return ctx.delivery.channel === 'email' ? deliverEmail(ctx, attempt) : deliverWebhook(ctx, attempt);
    },

    async failNotification(input: { deliveryId: string }): Promise<{ subscriptionPaused: boolean }> {
      return markDeliveryFailed(db, { deliveryId: input.deliveryId, pauseAfter: settings.pauseAfterFailedDeliveries });
    },

    /**
     * Each handler with an e-mail address gets their open cases due within the provider policy's
     * first reminder window, or overdue; the team address gets the unassigned ones.
     */
    async sendDailyDigests(input: { at: string }): Promise<{ sent: number }> {
      if (!settings.smtpUrl) return { sent: 0 };
      const at = new Date(input.at);
      const windowDays = Math.max(...getRuleSet(CURRENT_RULE_SET_ID).cipPolicy.reminderOffsetsDays.value);
      const horizon = new Date(at.getTime() + windowDays * 24 * 60 * 60 * 1000);
      const due = await openCasesDueBy(db, { dueBefore: horizon, limit: 5_000 });
      const byRecipient = new Map<string, typeof due>();
      for (const c of due) {
        const to = c.assignee ? settings.handlerEmails[c.assignee] : settings.teamEmail;
        if (!to) continue;
        byRecipient.set(to, [...(byRecipient.get(to) ?? []), c]);
      }
      const day = input.at.slice(0, 10);
      for (const [to, list] of byRecipient) {
        const overdue = list.filter((c) => c.dueAt!.getTime() < at.getTime());
        const line = (c: (typeof list)[number]) => `- ${c.type} case ${c.id} (${c.status}), due ${c.dueAt!.toISOString()}: ${deskLink(settings.publicUrl, c.id)}`;
        await mailer().sendMail({
          from: settings.mailFrom,
          to,
          subject: `[cipdesk] Daily digest ${day}: ${overdue.length} overdue, ${list.length - overdue.length} due within ${windowDays} days`,
          text: [
            `Overdue (${overdue.length}):`,
            ...overdue.map(line),
            '',
            `Due within ${windowDays} days (${list.length - overdue.length}):`,
            ...list.filter((c) => !overdue.includes(c)).map(line),
            '',
            'This message carries no personal data; sign in to the desk for each case.',
          ].join('\n'),
        });
      }
      return { sent: byRecipient.size };
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
