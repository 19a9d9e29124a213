// Proxies for the certification activities.
import { proxyActivities } from '@temporalio/workflow';
import type { CertificationActivities } from '../../activities/certifications.js';

// Reads and idempotent writes (version ids chosen by the workflow): retried until the database answers.
export const certificationActivities = proxyActivities<CertificationActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
