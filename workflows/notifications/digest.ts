// The daily digest of due and overdue cases, run by a Temporal Schedule (see worker.ts).
import { proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../../activities/notifications.js';

const { sendDailyDigests } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

export async function dailyDigestWorkflow(): Promise<{ sent: number }> {
  return sendDailyDigests({ at: new Date().toISOString() });
}
