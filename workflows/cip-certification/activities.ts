// Proxies for the certification activities.
import type { CertificationActivities } from '../../activities/certifications.js';
import { databaseActivities } from '../kit/database-activities.js';

// Version ids are chosen by the workflow, so its writes are idempotent.
export const certificationActivities = databaseActivities<CertificationActivities>('2 minutes');
