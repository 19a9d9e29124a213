// Input the rules refuse never fails a case workflow's task (which Temporal would retry for
// ever, the case invisible): a start is put on record as an `input-refused` case and the
// workflow ends saying why; a decision is refused as malformed; a fact is put on record as
// refused and the case goes on. The API refuses all of these first; these are the workflows'
// own guards, tested on the time-skipping server with mocked activities.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { CURRENT_RULE_SET_ID } from '../../rules/index.js';
import { kitStateQuery, kitTestWorkflow } from '../../test/fixtures/kit-workflows.js';
import { customerWorkflowWorker } from '../../test/helpers/customer-mocks.js';
import { HANDLER, decide, refusal } from '../../test/helpers/update.js';
import { caseProjectionRecorder, createTestWorker, testDataConverter, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { cipTransmissionWorkflow } from '../cip-transmission/workflow.js';
import type { CipTransmissionInput } from '../cip-transmission/messages.js';
import { accountAccessedSignal, recordRetentionStateQuery } from '../record-retention/messages.js';
import { recordRetentionWorkflow } from '../record-retention/workflow.js';
import { CASE_INPUT_REFUSED, CASE_OPENED, FACT_REFUSED } from './events.js';
import { FAILURE } from './failures.js';

const testEnv = useTimeSkippingEnv();
const ZONE = 'America/New_York';
const YEAR_164 = '0164-11-19T18:08:19.381Z';

async function startCipRequest(overrides: Partial<CipTransmissionInput>) {
  const cases = caseProjectionRecorder();
  const { worker, taskQueue } = await createTestWorker(testEnv(), cases.activities);
  const input: CipTransmissionInput = {
    caseId: randomUUID(),
    requestReference: `REQ-${randomUUID()}`,
    cipOwner: { type: 'provider' },
    requestReceivedAt: new Date(await testEnv().currentTimeMs()).toISOString(),
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: ZONE,
    openedBy: HANDLER.subject,
    ...overrides,
  };
  const run = () => testEnv().client.workflow.start(cipTransmissionWorkflow, { taskQueue, workflowId: `cip-transmission:${input.requestReference}`, args: [input] });
  return { cases, worker, run, input };
}

/** The workflow's end: its failure, which must be the refusal (not a task retried for ever). */
async function failureOf(result: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('a start the rules refuse', () => {
  it('opens the case as input-refused, closed, naming the field and why, and ends the workflow saying so', async () => {
    const { cases, worker, run, input } = await startCipRequest({ requestReceivedAt: YEAR_164 });
    await worker.runUntil(async () => {
      const failure = await failureOf((await run()).result());
      expect(failure.type).toBe(FAILURE.caseInputRefused);
      expect(failure.nonRetryable).toBe(true);
      expect(failure.message).toMatch(/startedAt: year 164 is outside 1000-9999/);
    });
    expect(cases.opened).toHaveLength(1);
    const opened = cases.opened[0]!;
    expect(opened).toMatchObject({
      caseId: input.caseId,
      type: 'cip-transmission',
      status: 'input-refused',
      subjectType: 'provider-cip',
      ruleSetId: CURRENT_RULE_SET_ID,
      dueAt: null,
      details: { refusedInput: { field: 'startedAt', code: 'rules.invalid_input', message: 'year 164 is outside 1000-9999' } },
    });
    expect(opened.closedAt).toBe(opened.openedAt);
    expect(cases.eventTypes()).toEqual([CASE_OPENED, CASE_INPUT_REFUSED]);
    expect(cases.events[1]).toMatchObject({ actor: 'system', data: { field: 'startedAt', message: 'year 164 is outside 1000-9999' } });
  });

  it('refuses an unknown rule set the same way, naming it', async () => {
    const { cases, worker, run } = await startCipRequest({ ruleSetId: 'NPRM-1999' });
    await worker.runUntil(async () => {
      expect((await failureOf((await run()).result())).type).toBe(FAILURE.caseInputRefused);
    });
    expect(cases.opened[0]).toMatchObject({ status: 'input-refused', ruleSetId: 'NPRM-1999', details: { refusedInput: { field: 'ruleSetId', code: 'rules.unknown_rule_set' } } });
  });
});

describe('a decision the rules refuse', () => {
  it('is refused as malformed, naming the field; the case takes the next decision as before', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('../../test/fixtures/kit-workflows.ts', import.meta.url)), logger: new DefaultLogger('WARN') });
    const cases = caseProjectionRecorder();
    const taskQueue = `kit-${randomUUID()}`;
    const worker = await Worker.create({ connection: testEnv().nativeConnection, taskQueue, workflowBundle: bundle, activities: cases.activities, dataConverter: testDataConverter() });
    const input = { caseId: randomUUID(), startedAt: new Date(await testEnv().currentTimeMs()).toISOString(), timeZone: ZONE };
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(kitTestWorkflow, { taskQueue, workflowId: `kit-test:${input.caseId}`, args: [input] });
      const before = await handle.query(kitStateQuery);
      const refused = await refusal(decide(handle, 'restart', HANDLER, { params: { startedAt: YEAR_164 } }));
      expect(refused).toEqual({ type: FAILURE.decisionInvalid, message: 'params startedAt: year 164 is outside 1000-9999' });
      expect(await handle.query(kitStateQuery)).toEqual(before);
      expect(cases.eventTypes()).toEqual([CASE_OPENED]);
      await decide(handle, 'settle', HANDLER);
      expect(await handle.result()).toEqual({ outcome: 'met', status: 'settled' });
    });
  });
});

describe('a fact the rules refuse', () => {
  it('is put on record as refused, and the retention clock stays where it was', async () => {
    const { cases, worker, taskQueue } = await customerWorkflowWorker(testEnv());
    const input = {
      caseId: randomUUID(),
      customerId: `cust-${randomUUID()}`,
      accountId: `acct-${randomUUID()}`,
      ruleSetId: CURRENT_RULE_SET_ID,
      timeZone: ZONE,
      openedBy: HANDLER.subject,
      closedAt: new Date(await testEnv().currentTimeMs()).toISOString(),
    };
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(recordRetentionWorkflow, { taskQueue, workflowId: `record-retention:${input.accountId}`, args: [input] });
      await testEnv().sleep('1 hour');
      const before = await handle.query(recordRetentionStateQuery);
      await handle.signal(accountAccessedSignal, { at: YEAR_164 });
      await testEnv().sleep('1 hour');
      expect(await handle.query(recordRetentionStateQuery)).toMatchObject({ status: 'retaining', disposableAt: before.disposableAt, lastAccessAt: null });
      expect(cases.events.find((e) => e.type === FACT_REFUSED)).toMatchObject({
        actor: 'system',
        data: { fact: 'account-accessed', payload: { at: YEAR_164 }, field: 'lastAccessAt', message: 'year 164 is outside 1000-9999' },
      });
      // The case goes on: a later, valid access still moves the clock.
      await handle.signal(accountAccessedSignal, { at: new Date(await testEnv().currentTimeMs()).toISOString() });
      await testEnv().sleep('1 hour');
      expect((await handle.query(recordRetentionStateQuery)).lastAccessAt).not.toBeNull();
      await handle.terminate('test done');
    });
  });
});
