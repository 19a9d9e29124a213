// Notifications of case events: webhook subscriptions (managed by admins), and one delivery per
// (channel, target, case event) with every attempt logged. Deliveries are derived from
// case_events, the legal record, so no workflow needs to know who listens.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { caseEvents, cases } from './cases.js';

export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey(),
  url: text('url').notNull(),
  /** Case event types delivered, e.g. `deadline.reminder`. */
  eventTypes: text('event_types').array().notNull(),
  /** Standard Webhooks signing secret (`whsec_…`); shown to the admin once, at creation. */
  secret: text('secret').notNull(),
  /** `active`, `paused` (failed too often; an admin resumes it) or `deleted`. */
  status: text('status').notNull().default('active'),
  /** Failed deliveries in a row (every attempt exhausted); a success resets it. */
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  pausedAt: timestamp('paused_at', { withTimezone: true }),
  pausedReason: text('paused_reason'),
  /** Only case events recorded after the subscription was made are delivered to it. */
  startAfterEventId: bigint('start_after_event_id', { mode: 'number' }).notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey(),
    /** `webhook` or `email`. */
    channel: text('channel').notNull(),
    /** The webhook subscription's id, or the e-mail address. */
    target: text('target').notNull(),
    subscriptionId: uuid('subscription_id').references(() => webhookSubscriptions.id),
    caseEventId: bigint('case_event_id', { mode: 'number' })
      .notNull()
      .references(() => caseEvents.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    eventType: text('event_type').notNull(),
    /** `pending`, `delivered`, `failed` (every attempt failed) or `skipped` (subscription paused or deleted). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One delivery per target and event: the dispatcher may plan the same event twice (a retried
    // activity), and the second plan finds the first delivery.
    uniqueIndex('notification_deliveries_target_event_key').on(t.channel, t.target, t.caseEventId),
    index('notification_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
    index('notification_deliveries_created_idx').on(t.createdAt, t.id),
  ],
);

export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => notificationDeliveries.id),
    /** Temporal's attempt number of the delivery activity (1, 2, …). */
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
    /** `delivered` or `failed`. */
    outcome: text('outcome').notNull(),
    /** The subscriber's HTTP status, when it answered. */
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [uniqueIndex('notification_attempts_delivery_attempt_key').on(t.deliveryId, t.attempt)],
);

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type NotificationDeliveryRow = typeof notificationDeliveries.$inferSelect;
export type NotificationAttemptRow = typeof notificationAttempts.$inferSelect;
