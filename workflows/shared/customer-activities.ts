// Proxies for the customer activities, shared by the customer-identification family of
// workflows. One proxy per timeout profile.
import { proxyActivities } from '@temporalio/workflow';
import type { CustomerActivities } from '../../activities/customers.contract.js';
import { databaseActivities } from '../kit/database-activities.js';
import { FAILURE } from '../kit/failures.js';

export const customerActivities = databaseActivities<CustomerActivities>('30 seconds');

// Disposal rewrites every personal field of a customer: allowed more time per attempt. A legal
// hold makes it fail without retry (the workflow waits for the release instead).
export const disposalActivities = proxyActivities<Pick<CustomerActivities, 'disposePersonalData'>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [FAILURE.legalHold] },
});
