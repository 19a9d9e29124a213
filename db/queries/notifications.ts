// Named queries for notifications: webhook subscriptions, deliveries derived from case events,
// and the log of every delivery attempt. Each takes `(db | tx, params)`.
import { and, asc, eq, gt, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { caseEvents, cases, type CaseEventRow, type CaseRow } from '../schema/cases.js';
import {
  notificationAttempts,
  notificationDeliveries,
  webhookSubscriptions,
  type NotificationAttemptRow,
  type NotificationDeliveryRow,
  type WebhookSubscriptionRow,
} from '../schema/notifications.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';

export async function latestCaseEventId(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ max: sql<string | null>`max(${caseEvents.id})` }).from(caseEvents);
  return Number(row?.max ?? 0);
}

export async function insertWebhookSubscription(
  db: DbOrTx,
  params: { id: string; url: string; eventTypes: string[]; secret: string; createdBy: string },
): Promise<WebhookSubscriptionRow> {
  const [row] = await db
    .insert(webhookSubscriptions)
    .values({ ...params, startAfterEventId: sql`(select coalesce(max(${caseEvents.id}), 0) from ${caseEvents})` })
    .returning();
  return row!;
}

export async function listWebhookSubscriptions(db: DbOrTx): Promise<WebhookSubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).where(ne(webhookSubscriptions.status, 'deleted')).orderBy(asc(webhookSubscriptions.createdAt));
}

export async function getWebhookSubscription(db: DbOrTx, params: { id: string }): Promise<WebhookSubscriptionRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, params.id), ne(webhookSubscriptions.status, 'deleted')));
  return row;
}

export async function setWebhookSubscriptionStatus(
  db: DbOrTx,
  params: { id: string; status: 'active' | 'deleted' },
): Promise<WebhookSubscriptionRow | undefined> {
  const [row] = await db
    .update(webhookSubscriptions)
    .set({
      status: params.status,
      updatedAt: sql`now()`,
      ...(params.status === 'active' ? { consecutiveFailures: 0, pausedAt: null, pausedReason: null } : {}),
    })
    .where(and(eq(webhookSubscriptions.id, params.id), ne(webhookSubscriptions.status, 'deleted')))
    .returning();
  return row;
}

export type NotifiableEvent = CaseEventRow & { case: CaseRow };

/** Case events after `afterId` of the given types, oldest first, each with its case. */
export async function caseEventsAfter(
  db: DbOrTx,
  params: { afterId: number; types: readonly string[]; limit: number },
): Promise<{ events: NotifiableEvent[]; lastScannedId: number }> {
  // The cursor moves past events of other types too, so a long run of them is not rescanned.
  const scanned = await db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(gt(caseEvents.id, params.afterId))
    .orderBy(asc(caseEvents.id))
    .limit(params.limit);
  const lastScannedId = scanned.length ? scanned[scanned.length - 1]!.id : params.afterId;
  if (scanned.length === 0) return { events: [], lastScannedId };
  const rows = await db
    .select()
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(
      and(
        gt(caseEvents.id, params.afterId),
        sql`${caseEvents.id} <= ${lastScannedId}`,
        inArray(caseEvents.type, [...params.types]),
      ),
    )
    .orderBy(asc(caseEvents.id));
  return { events: rows.map((r) => ({ ...r.case_events, case: r.cases })), lastScannedId };
}

export type NewDelivery = Pick<NotificationDeliveryRow, 'id' | 'channel' | 'target' | 'subscriptionId' | 'caseEventId' | 'caseId' | 'eventType'>;

/** Inserts the deliveries not planned yet; returns the ids of every pending one for these targets and events. */
export async function planDeliveries(db: DbOrTx, deliveries: NewDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  await db.insert(notificationDeliveries).values(deliveries).onConflictDoNothing();
  const eventIds = [...new Set(deliveries.map((d) => d.caseEventId))];
  const rows = await db
    .select({ id: notificationDeliveries.id, channel: notificationDeliveries.channel, target: notificationDeliveries.target, caseEventId: notificationDeliveries.caseEventId })
    .from(notificationDeliveries)
    .where(and(inArray(notificationDeliveries.caseEventId, eventIds), eq(notificationDeliveries.status, 'pending')));
  const wanted = new Set(deliveries.map((d) => `${d.channel}\n${d.target}\n${d.caseEventId}`));
  return rows.filter((r) => wanted.has(`${r.channel}\n${r.target}\n${r.caseEventId}`)).map((r) => r.id);
}

export interface DeliveryContext {
  delivery: NotificationDeliveryRow;
  subscription: WebhookSubscriptionRow | null;
  event: CaseEventRow;
  case: CaseRow;
}

export async function getDeliveryContext(db: DbOrTx, params: { deliveryId: string }): Promise<DeliveryContext | undefined> {
  const [row] = await db
    .select()
    .from(notificationDeliveries)
    .innerJoin(caseEvents, eq(caseEvents.id, notificationDeliveries.caseEventId))
    .innerJoin(cases, eq(cases.id, notificationDeliveries.caseId))
    .leftJoin(webhookSubscriptions, eq(webhookSubscriptions.id, notificationDeliveries.subscriptionId))
    .where(eq(notificationDeliveries.id, params.deliveryId));
  if (!row) return undefined;
  return { delivery: row.notification_deliveries, subscription: row.webhook_subscriptions, event: row.case_events, case: row.cases };
}

/**
 * Logs one attempt (once per attempt number) and updates the delivery with it. A delivered
 * webhook resets its subscription's run of failures.
 */
export async function recordDeliveryAttempt(
  db: DbOrTx,
  params: { deliveryId: string; attempt: number; outcome: 'delivered' | 'failed'; statusCode?: number | null; error?: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(notificationAttempts)
      .values({ deliveryId: params.deliveryId, attempt: params.attempt, outcome: params.outcome, statusCode: params.statusCode ?? null, error: params.error ?? null })
      .onConflictDoNothing()
      .returning({ id: notificationAttempts.id });
    if (inserted.length === 0) return;
    const [delivery] = await tx
      .update(notificationDeliveries)
      .set({
        attempts: sql`${notificationDeliveries.attempts} + 1`,
        lastAttemptAt: sql`now()`,
        lastError: params.error ?? null,
        ...(params.outcome === 'delivered' ? { status: 'delivered', deliveredAt: sql`now()` } : {}),
      })
      .where(eq(notificationDeliveries.id, params.deliveryId))
      .returning();
    if (params.outcome === 'delivered' && delivery?.subscriptionId) {
      await tx
        .update(webhookSubscriptions)
        .set({ consecutiveFailures: 0, updatedAt: sql`now()` })
        .where(eq(webhookSubscriptions.id, delivery.subscriptionId));
    }
  });
}

export async function markDeliverySkipped(db: DbOrTx, params: { deliveryId: string; reason: string }): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({ status: 'skipped', lastError: params.reason })
    .where(and(eq(notificationDeliveries.id, params.deliveryId), eq(notificationDeliveries.status, 'pending')));
}

/**
 * Every attempt failed: the delivery is failed, and its subscription's run of failures grows;
 * at `pauseAfter` failed deliveries in a row the subscription is paused until an admin resumes it.
 */
export async function markDeliveryFailed(
  db: DbOrTx,
  params: { deliveryId: string; pauseAfter: number },
): Promise<{ subscriptionPaused: boolean }> {
  return db.transaction(async (tx) => {
    const [delivery] = await tx
      .update(notificationDeliveries)
      .set({ status: 'failed' })
      .where(and(eq(notificationDeliveries.id, params.deliveryId), eq(notificationDeliveries.status, 'pending')))
      .returning();
    if (!delivery?.subscriptionId) return { subscriptionPaused: false };
    const [subscription] = await tx
      .update(webhookSubscriptions)
      .set({ consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1`, updatedAt: sql`now()` })
      .where(eq(webhookSubscriptions.id, delivery.subscriptionId))
      .returning();
    if (subscription && subscription.status === 'active' && subscription.consecutiveFailures >= params.pauseAfter) {
      await tx
        .update(webhookSubscriptions)
        .set({
          status: 'paused',
          pausedAt: sql`now()`,
          pausedReason: `${subscription.consecutiveFailures} deliveries in a row failed after every retry; last: ${delivery.lastError ?? 'unknown error'}`,
        })
        .where(eq(webhookSubscriptions.id, subscription.id));
      return { subscriptionPaused: true };
    }
    return { subscriptionPaused: false };
  });
}

export async function listDeliveries(
  db: DbOrTx,
  params: { subscriptionId?: string; status?: string; limit: number; after?: KeysetCursor },
): Promise<Page<NotificationDeliveryRow & { attemptLog: NotificationAttemptRow[] }>> {
  const where: (SQL | undefined)[] = [
    params.subscriptionId ? eq(notificationDeliveries.subscriptionId, params.subscriptionId) : undefined,
    params.status ? eq(notificationDeliveries.status, params.status) : undefined,
  ];
  const page = await selectKeysetPage(db, notificationDeliveries, { at: 'createdAt', id: 'id' }, where, params);
  const ids = page.items.map((d) => d.id);
  const attempts = ids.length
    ? await db.select().from(notificationAttempts).where(inArray(notificationAttempts.deliveryId, ids)).orderBy(asc(notificationAttempts.attempt))
    : [];
  return { ...page, items: page.items.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) })) };
}

/** Open cases assigned to someone (or to nobody), due at or before `dueBefore`, soonest first: the digest. */
export async function openCasesDueBy(db: DbOrTx, params: { dueBefore: Date; limit: number }): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(sql`${cases.closedAt} is null`, sql`${cases.dueAt} is not null`, sql`${cases.dueAt} <= ${params.dueBefore.toISOString()}::timestamptz`))
    .orderBy(asc(cases.dueAt))
    .limit(params.limit);
}
