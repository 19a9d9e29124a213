// What notifications carry and when: the case event types that reach webhook subscribers and
// e-mail, and the settings of the delivery workflows. Imported by workflows, activities and api/.

/** Case event types a webhook subscription may ask for (the kit writes them for every case type). */
export const NOTIFIED_EVENT_TYPES = ['case.opened', 'deadline.reminder', 'deadline.missed', 'approval.requested', 'decision.accepted'] as const;
export type NotifiedEventType = (typeof NOTIFIED_EVENT_TYPES)[number];

/** Handlers are e-mailed reminders and escalations (a missed deadline); the rest is in the digest. */
export const EMAILED_EVENT_TYPES: readonly NotifiedEventType[] = ['deadline.reminder', 'deadline.missed'];

/** How a delivery is retried: Temporal retries the delivery activity with exponential back-off. */
export interface DeliveryRetry {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = {
  initialIntervalMs: 1_000,
  // Back-off doubles from one second to at most ten minutes: eight attempts span about four minutes.
  maximumIntervalMs: 10 * 60_000,
  maximumAttempts: 8,
};

export interface DispatcherInput {
  /** The last case event already planned; absent on the first start (then: the latest event). */
  afterEventId?: number;
  retry: DeliveryRetry;
  /** How long to wait before looking for new case events again, when there were none. */
  pollIntervalMs: number;
}

export interface DeliveryInput {
  deliveryId: string;
  retry: DeliveryRetry;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'skipped';
