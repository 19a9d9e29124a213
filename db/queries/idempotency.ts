import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { idempotencyKeys } from '../schema/idempotency.js';

/** Customer applications are idempotent on the provider's external reference. */
export const CUSTOMER_APPLICATION_SCOPE = 'customer-application';

/** JSON with object keys sorted, so that two requests saying the same thing compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/**
 * Claims `key` within `scope` for this request, or compares it with the request that claimed it
 * first: 'first' (claimed now), 'same' (an identical repeat) or 'different' (the key was used for
 * another request).
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  params: { scope: string; key: string; request: unknown; actor: string },
): Promise<'first' | 'same' | 'different'> {
  const fingerprint = requestFingerprint(params.request);
  const [inserted] = await db
    .insert(idempotencyKeys)
    .values({ scope: params.scope, key: params.key, fingerprint, firstSeenBy: params.actor })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted) return 'first';
  const [existing] = await db
    .select({ fingerprint: idempotencyKeys.fingerprint })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, params.scope), eq(idempotencyKeys.key, params.key)))
    .limit(1);
  return existing?.fingerprint === fingerprint ? 'same' : 'different';
}

/** Forgets a key's fingerprint (when what it was computed from is disposed of). */
export async function forgetIdempotencyKey(db: DbOrTx, params: { scope: string; key: string }): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, params.scope), eq(idempotencyKeys.key, params.key)));
}
