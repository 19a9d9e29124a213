// Webhook subscriptions, managed by admins: where case events are POSTed (signed per the
// Standard Webhooks specification), and the log of every delivery with its attempts.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  getWebhookSubscription,
  insertWebhookSubscription,
  listDeliveries,
  listWebhookSubscriptions,
  setWebhookSubscriptionStatus,
} from '../../../db/queries/notifications.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import type { NotificationDeliveryRow, NotificationAttemptRow, WebhookSubscriptionRow } from '../../../db/schema/notifications.js';
import { refusedWebhookHost } from '../../../activities/webhook-address.js';
import { badInput, notFound } from '../../errors.js';
import {
  CreateWebhookSubscriptionBody,
  CreatedWebhookSubscriptionSchema,
  DeliverySchema,
  ListDeliveriesQuery,
  ProblemSchema,
  SubscriptionIdParams,
  WebhookSubscriptionSchema,
} from './webhooks.schemas.js';
import { PageOf } from '../../schemas.js';

const toSubscriptionDto = (s: WebhookSubscriptionRow) => ({
  id: s.id,
  url: s.url,
  eventTypes: s.eventTypes,
  status: s.status,
  consecutiveFailures: s.consecutiveFailures,
  pausedAt: s.pausedAt?.toISOString() ?? null,
  pausedReason: s.pausedReason,
  createdBy: s.createdBy,
  createdAt: s.createdAt.toISOString(),
});

const toDeliveryDto = (d: NotificationDeliveryRow & { attemptLog: NotificationAttemptRow[] }) => ({
  id: d.id,
  channel: d.channel,
  subscriptionId: d.subscriptionId,
  caseEventId: d.caseEventId,
  caseId: d.caseId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  lastError: d.lastError,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  attemptLog: d.attemptLog.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), outcome: a.outcome, statusCode: a.statusCode, error: a.error })),
});

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;
const admin = { roles: ['admin'] } as const;

export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/webhook-subscriptions',
    {
      config: admin,
      schema: {
        tags: ['notifications'],
        summary: 'Subscribe a URL to case events (case opened, reminder, deadline missed, approval requested, decision accepted)',
        description:
          'Deliveries are POSTed as JSON signed per the Standard Webhooks specification (headers webhook-id, webhook-timestamp, ' +
          'webhook-signature), retried with exponential back-off, and logged with every attempt. A subscription whose deliveries ' +
          'keep failing is paused until an admin resumes it. Payloads carry ids, case types, due dates and desk links, never personal data.',
        body: CreateWebhookSubscriptionBody,
        response: { 201: CreatedWebhookSubscriptionSchema, ...errors },
      },
    },
    async (request, reply) => {
      // The URL is shown in every listing and delivery log: credentials in it would be shown too.
      const target = new URL(request.body.url);
      if (target.username !== '' || target.password !== '') {
        throw badInput('body.url', 'must not carry credentials (user:password@host): deliveries are authenticated by their signature, and the URL is shown in every listing');
      }
      const refusedHost = refusedWebhookHost(target);
      if (refusedHost) throw badInput('body.url', `must name a host the worker may deliver to: ${refusedHost}`);
      const secret = request.body.secret ?? `whsec_${randomBytes(32).toString('base64')}`;
      const row = await insertWebhookSubscription(app.deps.db.db, {
        id: randomUUID(),
        url: request.body.url,
        eventTypes: request.body.eventTypes,
        secret,
        createdBy: request.principal.subject,
      });
      return reply.status(201).send({ ...toSubscriptionDto(row), secret });
    },
  );

  app.get(
    '/webhook-subscriptions',
    {
      config: admin,
      schema: { tags: ['notifications'], summary: 'Webhook subscriptions, paused ones included', response: { 200: Type.Object({ items: Type.Array(WebhookSubscriptionSchema) }), ...errors } },
    },
    async () => ({ items: (await listWebhookSubscriptions(app.deps.db.db)).map(toSubscriptionDto) }),
  );

  app.get(
    '/webhook-subscriptions/:id',
    { config: admin, schema: { tags: ['notifications'], summary: 'One webhook subscription', params: SubscriptionIdParams, response: { 200: WebhookSubscriptionSchema, ...errors } } },
    async (request) => {
      const row = await getWebhookSubscription(app.deps.db.db, request.params);
      if (!row) throw notFound('webhook_subscription', request.params.id);
      return toSubscriptionDto(row);
    },
  );

  app.post(
    '/webhook-subscriptions/:id/resume',
    {
      config: admin,
      schema: { tags: ['notifications'], summary: 'Resume a paused subscription (its run of failures starts again at zero)', params: SubscriptionIdParams, response: { 200: WebhookSubscriptionSchema, ...errors } },
    },
    async (request) => {
      const row = await setWebhookSubscriptionStatus(app.deps.db.db, { id: request.params.id, status: 'active' });
      if (!row) throw notFound('webhook_subscription', request.params.id);
      return toSubscriptionDto(row);
    },
  );

  app.delete(
    '/webhook-subscriptions/:id',
    { config: admin, schema: { tags: ['notifications'], summary: 'Stop a subscription (its delivery log is kept)', params: SubscriptionIdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const row = await setWebhookSubscriptionStatus(app.deps.db.db, { id: request.params.id, status: 'deleted' });
      if (!row) throw notFound('webhook_subscription', request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/webhook-deliveries',
    {
      config: admin,
      schema: {
        tags: ['notifications'],
        summary: 'Notification deliveries (webhook and e-mail), newest first, each with its attempts',
        querystring: ListDeliveriesQuery,
        response: { 200: PageOf(DeliverySchema), ...errors },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      return pageAnswer(await listDeliveries(app.deps.db.db, { ...filter, ...afterCursor(cursor) }), toDeliveryDto);
    },
  );
};
