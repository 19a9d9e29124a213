// Proxies for the customer activities, shared by the customer-identification family of
// workflows. One proxy per timeout profile.
import { proxyActivities } from '@temporalio/workflow';
import type { CustomerActivities } from '../../activities/customers.contract.js';
import { FAILURE } from '../kit/failures.js';

// Reads and idempotent writes of customer records: retried until the database answers.
export const customerActivities = proxyActivities<CustomerActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Disposal rewrites every personal field of a customer: allowed more time per attempt. A legal
// hold makes it fail without retry (the workflow waits for the release instead).
export const disposalActivities = proxyActivities<Pick<CustomerActivities, 'disposePersonalData'>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [FAILURE.legalHold] },
});
