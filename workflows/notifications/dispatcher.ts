// The notification dispatcher: reads new case events (the legal record) by id, plans one
// delivery per interested target (webhook subscription, handler's e-mail) and starts a delivery
// workflow for each. Durable and idempotent: the cursor is workflow state, a plan is stored
// once per (target, event), and a delivery workflow's id is its delivery's id, so a retried
// plan or a replay never delivers twice. No case workflow needs to know who listens.
import { ParentClosePolicy, WorkflowIdReusePolicy, continueAsNew, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { NotificationActivities } from '../../activities/notifications.js';
import { systemWorkflowIds } from '../ids.js';
import { notificationDeliveryWorkflow } from './delivery.js';
import type { DispatcherInput } from './messages.js';

const { latestCaseEventCursor, planNotifications } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const BATCH_SIZE = 200;

export async function notificationDispatcherWorkflow(input: DispatcherInput): Promise<void> {
  let cursor = input.afterEventId ?? (await latestCaseEventCursor());
  // Continue as new long before the history grows large; the cursor travels with it.
  while (!workflowInfo().continueAsNewSuggested && workflowInfo().historyLength < 5_000) {
    const plan = await planNotifications({ afterEventId: cursor, limit: BATCH_SIZE });
    for (const deliveryId of plan.deliveryIds) {
      try {
        await startChild(notificationDeliveryWorkflow, {
          workflowId: systemWorkflowIds.notificationDelivery(deliveryId),
          args: [{ deliveryId, retry: input.retry }],
          // A delivery outlives the dispatcher's run (continue-as-new) and is never started twice.
          parentClosePolicy: ParentClosePolicy.ABANDON,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }
    cursor = plan.lastEventId;
    if (!plan.more) await sleep(input.pollIntervalMs);
  }
  await continueAsNew<typeof notificationDispatcherWorkflow>({ ...input, afterEventId: cursor });
}
