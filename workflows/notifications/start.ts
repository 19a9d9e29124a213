// Starts the notification dispatcher (once per task queue) and, when e-mail is configured, the
// daily digest's Temporal Schedule. Called by the worker at start; both calls find what an
// earlier start left running.
import { Client, Connection, ScheduleAlreadyRunning, WorkflowIdConflictPolicy } from '@temporalio/client';
import { cipdeskDataConverter, type PayloadKey } from '../../data-converter.js';
import { systemWorkflowIds } from '../ids.js';
import { DEFAULT_DELIVERY_RETRY, type DeliveryRetry, type DispatcherInput } from './messages.js';

export interface NotificationStartOptions {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  payloadKeys: readonly PayloadKey[];
  retry?: DeliveryRetry;
  pollIntervalMs?: number;
  /** When set, the daily digest runs at 07:00 in the provider's zone. */
  digest?: { timeZone: string };
}

export async function startNotifications(options: NotificationStartOptions): Promise<void> {
  const connection = await Connection.connect({ address: options.temporalAddress });
  try {
    const client = new Client({ connection, namespace: options.namespace, dataConverter: cipdeskDataConverter(options.payloadKeys) });
    const input: DispatcherInput = { retry: options.retry ?? DEFAULT_DELIVERY_RETRY, pollIntervalMs: options.pollIntervalMs ?? 2_000 };
    await client.workflow.start('notificationDispatcherWorkflow', {
      workflowId: systemWorkflowIds.notificationDispatcher(options.taskQueue),
      taskQueue: options.taskQueue,
      args: [input],
      // A worker restart finds the dispatcher running and leaves it be.
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
    if (options.digest) {
      try {
        await client.schedule.create({
          scheduleId: systemWorkflowIds.dailyDigestSchedule(options.taskQueue),
          spec: { calendars: [{ hour: 7, minute: 0 }], timezone: options.digest.timeZone },
          action: { type: 'startWorkflow', workflowType: 'dailyDigestWorkflow', taskQueue: options.taskQueue, args: [] },
        });
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      }
    }
  } finally {
    await connection.close();
  }
}
