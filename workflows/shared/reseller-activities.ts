// Proxies for the reseller activities (oversight and termination, CIP transmission).
import type { FactActivities } from '../../activities/facts.js';
import type { ResellerActivities } from '../../activities/resellers.js';
import { databaseActivities, databaseLocalActivities } from '../kit/database-activities.js';

export const resellerActivities = databaseActivities<ResellerActivities & FactActivities>('30 seconds');

/** The same, run inside the workflow task that needs the answer (see databaseLocalActivities). */
export const resellerActivitiesInTask = databaseLocalActivities<ResellerActivities>('30 seconds');
