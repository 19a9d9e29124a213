// Proxies for the reseller activities (oversight and termination, CIP transmission).
import { proxyActivities } from '@temporalio/workflow';
import type { FactActivities } from '../../activities/facts.js';
import type { ResellerActivities } from '../../activities/resellers.js';

// Reads and idempotent writes: retried until the database answers.
export const resellerActivities = proxyActivities<ResellerActivities & FactActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
