// Activities that read PostgreSQL or write it idempotently must eventually succeed: a database
// outage only delays them. They retry without limit, backing off to one attempt a minute.
import type { Duration } from '@temporalio/common';
import { proxyActivities, proxyLocalActivities, type ActivityInterfaceFor } from '@temporalio/workflow';

export const RETRY_UNTIL_THE_DATABASE_ANSWERS = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/** A proxy for database activities, each attempt allowed `startToCloseTimeout`. */
export function databaseActivities<A extends object>(startToCloseTimeout: Duration = '30 seconds'): ActivityInterfaceFor<A> {
  return proxyActivities<A>({ startToCloseTimeout, retry: RETRY_UNTIL_THE_DATABASE_ANSWERS });
}

/**
 * The same as local activities: run by the worker inside the workflow task that calls them, so
 * the workflow goes on in that task instead of waiting for an activity task and a further workflow
 * task. For short reads and writes whose result the task needs at once.
 */
export function databaseLocalActivities<A extends object>(startToCloseTimeout: Duration = '30 seconds'): ActivityInterfaceFor<A> {
  return proxyLocalActivities<A>({ startToCloseTimeout, retry: RETRY_UNTIL_THE_DATABASE_ANSWERS });
}
