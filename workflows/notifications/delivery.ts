// One notification delivery: the delivery activity, retried by Temporal with exponential
// back-off (every attempt is logged by the activity); when every attempt failed, the delivery is
// marked failed, and a webhook subscription that keeps failing is paused.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../../activities/notifications.js';
import type { DeliveryInput, DeliveryOutcome } from './messages.js';

const { failNotification } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function notificationDeliveryWorkflow(input: DeliveryInput): Promise<DeliveryOutcome> {
  const { deliverNotification } = proxyActivities<NotificationActivities>({
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: input.retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: input.retry.maximumIntervalMs,
      maximumAttempts: input.retry.maximumAttempts,
    },
  });
  try {
    return await deliverNotification({ deliveryId: input.deliveryId });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await failNotification({ deliveryId: input.deliveryId });
    return 'failed';
  }
}
