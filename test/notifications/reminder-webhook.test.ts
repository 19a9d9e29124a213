// A reminder fired by a real workflow timer reaches a webhook subscriber, signed. The CIP
// transmission workflow runs on Temporal's time-skipping test server (its first reminder is days
// away: the server skips to it) with the real activities on the real PostgreSQL, so the reminder
// is written to case_events as in production; the notification dispatcher then derives the
// delivery from it and POSTs it to a real HTTP receiver, which fails the first attempt.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../activities/notifications.js';
import { createDb, type DbHandle } from '../../db/client.js';
import { getCaseById } from '../../db/queries/cases.js';
import { insertWebhookSubscription, latestCaseEventId, listDeliveries } from '../../db/queries/notifications.js';
import { CURRENT_RULE_SET_ID, computeDeadline, getRuleSet, reminderInstants } from '../../rules/index.js';
import { systemWorkflowIds, workflowIdFor } from '../../workflows/ids.js';
import { eventually } from '../helpers/system.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { createTimeSkippingEnv, testDataConverter, workflowBundle } from '../helpers/workflow-env.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

let env: TestWorkflowEnvironment;
let db: DbHandle;
let receiver: WebhookReceiver;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = createDb(inject('databaseUrl'), { max: 3 });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await env?.teardown();
  await db?.close();
  await receiver?.close();
});

it('delivers a signed deadline.reminder fired by the workflow timer, retrying a failed attempt', async () => {
  const secret = `whsec_${Buffer.from(randomUUID() + randomUUID()).toString('base64').slice(0, 44)}`;
  const subscription = await insertWebhookSubscription(db.db, {
    id: randomUUID(),
    url: receiver.url,
    eventTypes: ['deadline.reminder'],
    secret,
    createdBy: 'ada.admin',
  });
  const taskQueue = `reminder-webhook-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: testDataConverter(),
    activities: createActivities({ db: db.db, notifications: { ...DEFAULT_NOTIFICATION_SETTINGS, publicUrl: 'https://desk.example.test' } }),
  });

  await worker.runUntil(async () => {
    const caseId = randomUUID();
    const reference = `BIS-CIP-${randomUUID().slice(0, 8)}`;
    const receivedAt = new Date();
    const timeZone = 'America/New_York';
    await env.client.workflow.start('cipTransmissionWorkflow', {
      workflowId: workflowIdFor('cip-transmission', reference),
      taskQueue,
      args: [
        {
          caseId,
          requestReference: reference,
          cipOwner: { type: 'provider' },
          requestReceivedAt: receivedAt.toISOString(),
          ruleSetId: CURRENT_RULE_SET_ID,
          timeZone,
          openedBy: 'hana.handler',
        },
      ],
    });
    await eventually(() => getCaseById(db.db, { id: caseId }));
    const cursor = await latestCaseEventId(db.db);

    // The first reminder the rule set and the provider policy set for this case, and no literal
    // period here: the time-skipping server jumps to just past it.
    const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
    const deadline = computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt: receivedAt, timeZone });
    const [first] = reminderInstants(deadline, ruleSet, { after: receivedAt });
    expect(first).toBeDefined();
    await env.sleep(first!.at.getTime() - Date.now() + 60_000);

    // The dispatcher starts from the cursor taken before the timer fired, as after a restart.
    receiver.failNext(1, 500);
    await env.client.workflow.start('notificationDispatcherWorkflow', {
      workflowId: systemWorkflowIds.notificationDispatcher(taskQueue),
      taskQueue,
      args: [{ afterEventId: cursor, retry: { initialIntervalMs: 200, maximumIntervalMs: 1_000, maximumAttempts: 5 }, pollIntervalMs: 250 }],
    });

    const delivered = await eventually(async () => {
      const page = await listDeliveries(db.db, { subscriptionId: subscription.id, limit: 10 });
      const d = page.items.find((i) => i.caseId === caseId);
      return d?.status === 'delivered' ? d : undefined;
    }, 30_000);
    expect(delivered.eventType).toBe('deadline.reminder');
    expect(delivered.attemptLog.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
      [1, 'failed', 500],
      [2, 'delivered', 204],
    ]);

    const requests = receiver.received.filter((r) => r.body.includes(caseId));
    expect(requests.map((r) => r.answeredWith)).toEqual([500, 204]);
    const payload = new Webhook(secret).verify(requests[1]!.body, requests[1]!.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(payload).toMatchObject({
      type: 'deadline.reminder',
      data: { caseId, caseType: 'cip-transmission', dueDate: deadline.dueDate, daysBefore: first!.offsetDays, deskUrl: `https://desk.example.test/desk/cases/${caseId}` },
    });
    await env.client.workflow.getHandle(systemWorkflowIds.notificationDispatcher(taskQueue)).terminate('test finished');
  });
}, 120_000);
