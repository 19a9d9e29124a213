// Exemptions: the application as recorded, and the projection of its workflow (Commerce's
// decision, annual notifications, a missed notification, the revocation). Every write the
// workflow makes is idempotent: a retried activity changes nothing the first one did not.
import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  exemptionNotifications,
  exemptions,
  type ExemptionNotificationRow,
  type ExemptionRow,
  type ExemptionScope,
  type ExemptionStatus,
  type NewExemptionRow,
} from '../schema/exemptions.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';

export interface ExemptionDetail {
  exemption: ExemptionRow;
  notifications: ExemptionNotificationRow[];
}

/** Stores a new application; a repeat of its reference is not stored and the existing one is returned. */
export async function insertExemption(db: DbOrTx, row: NewExemptionRow): Promise<{ created: boolean; exemption: ExemptionRow }> {
  const [inserted] = await db.insert(exemptions).values(row).onConflictDoNothing({ target: exemptions.applicationReference }).returning();
  if (inserted) return { created: true, exemption: inserted };
  const [existing] = await db.select().from(exemptions).where(eq(exemptions.applicationReference, row.applicationReference));
  return { created: false, exemption: existing! };
}

export async function getExemptionByReference(db: DbOrTx, params: { applicationReference: string }): Promise<ExemptionRow | undefined> {
  const [row] = await db.select().from(exemptions).where(eq(exemptions.applicationReference, params.applicationReference));
  return row;
}

export async function getExemption(db: DbOrTx, params: { id: string }): Promise<ExemptionDetail | undefined> {
  const [exemption] = await db.select().from(exemptions).where(eq(exemptions.id, params.id));
  if (!exemption) return undefined;
  const notifications = await db
    .select()
    .from(exemptionNotifications)
    .where(eq(exemptionNotifications.exemptionId, params.id))
    .orderBy(asc(exemptionNotifications.notifiedAt), asc(exemptionNotifications.id));
  return { exemption, notifications };
}

export interface ExemptionFilter {
  scope?: ExemptionScope;
  status?: ExemptionStatus;
  resellerId?: string;
  customerId?: string;
  accountType?: string;
  /** true: only those whose annual notification was ever missed. */
  notificationBreached?: boolean;
  after?: KeysetCursor;
  limit?: number;
}

/** Newest application first, keyset pages on (createdAt, id). */
export async function listExemptions(db: DbOrTx, filter: ExemptionFilter): Promise<Page<ExemptionRow>> {
  const limit = filter.limit ?? 50;
  const conditions: (SQL | undefined)[] = [
    filter.scope ? eq(exemptions.scope, filter.scope) : undefined,
    filter.status ? eq(exemptions.status, filter.status) : undefined,
    filter.resellerId ? eq(exemptions.resellerId, filter.resellerId) : undefined,
    filter.customerId ? eq(exemptions.customerId, filter.customerId) : undefined,
    filter.accountType ? eq(exemptions.accountType, filter.accountType) : undefined,
    filter.notificationBreached === undefined
      ? undefined
      : filter.notificationBreached
        ? sql`${exemptions.notificationBreachedAt} is not null`
        : sql`${exemptions.notificationBreachedAt} is null`,
  ];
  return selectKeysetPage(db, exemptions, { at: 'createdAt', id: 'id' }, conditions, { limit, after: filter.after });
}

/** Commerce's decision on the application (granted, denied) or its withdrawal by the provider. */
export async function recordExemptionDecision(
  db: DbOrTx,
  params: {
    id: string;
    status: Extract<ExemptionStatus, 'granted' | 'denied' | 'withdrawn'>;
    commerceReference: string | null;
    decidedAt: Date;
    recordedBy: string;
    approvedBy: string | null;
    reason: string | null;
    notificationDueAt: Date | null;
  },
): Promise<void> {
  await db
    .update(exemptions)
    .set({
      status: params.status,
      commerceReference: params.commerceReference,
      decidedAt: params.decidedAt,
      decisionRecordedBy: params.recordedBy,
      decisionApprovedBy: params.approvedBy,
      decisionReason: params.reason,
      notificationDueAt: params.notificationDueAt,
    })
    .where(eq(exemptions.id, params.id));
}

/** One annual notification (once per id), and the next one's due instant. */
export async function recordExemptionNotification(
  db: DbOrTx,
  params: { id: string; exemptionId: string; notifiedAt: Date; reference: string; dueAt: Date; late: boolean; recordedBy: string; nextDueAt: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    // One notification row and the exemption's next due instant change together.
    const inserted = await tx
      .insert(exemptionNotifications)
      .values({
        id: params.id,
        exemptionId: params.exemptionId,
        notifiedAt: params.notifiedAt,
        reference: params.reference,
        dueAt: params.dueAt,
        late: params.late,
        recordedBy: params.recordedBy,
      })
      .onConflictDoNothing()
      .returning({ id: exemptionNotifications.id });
    if (inserted.length === 0) return;
    await tx.update(exemptions).set({ lastNotifiedAt: params.notifiedAt, notificationDueAt: params.nextDueAt }).where(eq(exemptions.id, params.exemptionId));
  });
}

/** The annual notification was missed: kept for good (the first miss's instant). */
export async function markExemptionNotificationBreached(db: DbOrTx, params: { id: string; at: Date }): Promise<void> {
  await db
    .update(exemptions)
    .set({ notificationBreachedAt: sql`coalesce(${exemptions.notificationBreachedAt}, ${params.at.toISOString()}::timestamptz)` })
    .where(eq(exemptions.id, params.id));
}

export async function revokeExemption(db: DbOrTx, params: { id: string; revokedAt: Date; revokedBy: string; reason: string; commerceReference: string | null }): Promise<void> {
  await db
    .update(exemptions)
    .set({
      status: 'revoked',
      revokedAt: params.revokedAt,
      revokedBy: params.revokedBy,
      revocationReason: params.reason,
      notificationDueAt: null,
      ...(params.commerceReference ? { commerceReference: sql`coalesce(${exemptions.commerceReference} || '; ', '') || ${params.commerceReference}` } : {}),
    })
    .where(eq(exemptions.id, params.id));
}

/**
 * The exemptions granted now (not revoked) that cover a subject: the provider-wide ones, and
 * those naming the lessee, the reseller or the account type asked about.
 */
export async function grantedExemptionsCovering(
  db: DbOrTx,
  subject: { customerId?: string; resellerId?: string; accountType?: string },
): Promise<ExemptionRow[]> {
  return db
    .select()
    .from(exemptions)
    .where(
      and(
        eq(exemptions.status, 'granted'),
        or(
          eq(exemptions.scope, 'provider'),
          subject.customerId ? eq(exemptions.customerId, subject.customerId) : undefined,
          subject.resellerId ? eq(exemptions.resellerId, subject.resellerId) : undefined,
          subject.accountType ? eq(exemptions.accountType, subject.accountType) : undefined,
        ),
      ),
    )
    .orderBy(asc(exemptions.createdAt));
}
