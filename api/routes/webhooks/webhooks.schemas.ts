import { Type } from '@sinclair/typebox';
import { NOTIFIED_EVENT_TYPES } from '../../../workflows/notifications/messages.js';

export { ProblemSchema } from '../../errors.js';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const EventType = Type.Union(NOTIFIED_EVENT_TYPES.map((t) => Type.Literal(t)));

export const WebhookSubscriptionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    url: Type.String(),
    eventTypes: Type.Array(Type.String()),
    status: Type.String({ description: 'active, or paused after failing too often (an admin resumes it)' }),
    consecutiveFailures: Type.Integer({ description: 'failed deliveries in a row, each after every retry' }),
    pausedAt: Nullable(Instant),
    pausedReason: Nullable(Type.String()),
    createdBy: Type.String(),
    createdAt: Instant,
  },
  { $id: 'WebhookSubscription' },
);

export const CreateWebhookSubscriptionBody = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000, description: 'where deliveries are POSTed' }),
    eventTypes: Type.Array(EventType, { minItems: 1, uniqueItems: true }),
    secret: Type.Optional(
      Type.String({
        pattern: '^whsec_[A-Za-z0-9+/=]{32,}$',
        description: 'Standard Webhooks signing secret (whsec_ and base64); generated when absent',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CreatedWebhookSubscriptionSchema = Type.Object({
  ...WebhookSubscriptionSchema.properties,
  secret: Type.String({ description: 'the signing secret; shown only in this answer' }),
});

export const SubscriptionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const AttemptSchema = Type.Object({
  attempt: Type.Integer(),
  at: Instant,
  outcome: Type.String(),
  statusCode: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
});

export const DeliverySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    channel: Type.String({ description: 'webhook or email' }),
    subscriptionId: Nullable(Type.String()),
    caseEventId: Type.Integer(),
    caseId: Type.String(),
    eventType: Type.String(),
    status: Type.String({ description: 'pending, delivered, failed (every attempt failed) or skipped' }),
    attempts: Type.Integer(),
    lastAttemptAt: Nullable(Instant),
    lastError: Nullable(Type.String()),
    deliveredAt: Nullable(Instant),
    createdAt: Instant,
    attemptLog: Type.Array(AttemptSchema),
  },
  { $id: 'NotificationDelivery' },
);

export const ListDeliveriesQuery = Type.Object({
  subscriptionId: Type.Optional(Type.String({ format: 'uuid' })),
  status: Type.Optional(Type.Union(['pending', 'delivered', 'failed', 'skipped'].map((s) => Type.Literal(s)))),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
