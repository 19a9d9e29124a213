// Workflow tests run on Temporal's time-skipping test server (the real binary, provisioned by
// scripts/setup.mjs) with activities mocked, as Temporal recommends.
import { randomUUID } from 'node:crypto';
import { Client, type WorkflowHandle, type WorkflowResultType } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Workflow } from '@temporalio/workflow';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { quietTemporalLogs } from './quiet-logs.js';
import type { CaseEventInput, CaseTransitionInput, OpenCaseInput } from '../../activities/cases.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { temporalPaths } from '../../scripts/temporal-paths.js';
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOWS_PATH } from '../../worker.js';
import { temporal } from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '../../workflows/kit/search-attributes.js';
import { DEV_PAYLOAD_KEY } from '../../config.js';
import { cipdeskDataConverter } from '../../data-converter.js';

/** Workflow tests encrypt payloads as production does (with the development key). */
export const testDataConverter = () => cipdeskDataConverter([DEV_PAYLOAD_KEY]);


/**
 * A time-skipping test server for a test file (`scope: 'file'`) or a fresh one for every test
 * (`'test'`: for workflows that start children outliving the test, since a left-over workflow
 * with no worker stops time skipping for the next test). Returns a getter.
 */
export function useTimeSkippingEnv(scope: 'file' | 'test' = 'file'): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  (scope === 'file' ? beforeAll : beforeEach)(async () => {
    env = await createTimeSkippingEnv();
  });
  (scope === 'file' ? afterAll : afterEach)(async () => {
    await env?.teardown();
    env = undefined;
  });
  return () => {
    if (!env) throw new Error('the time-skipping environment is only available inside tests');
    return env;
  };
}

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalLogs();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalPaths().testServer } },
    client: { dataConverter: testDataConverter() },
  });
  // The case workflows set search attributes: register them as a real server has them.
  const types = { Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(CASE_SEARCH_ATTRIBUTES.map((a) => [a.name, types[a.type]])),
  });
  return env;
}

/**
 * A workflow's result, waited for without letting the test server skip time. The environment's
 * own client unlocks time skipping while it waits, which carries every other open workflow to
 * its next timer, or, for a case that waits for decisions alone, to the test server's ten-year
 * limit on workflows (it ends TIMED_OUT). A plain client on the same connection does not.
 */
export function resultWithoutSkipping<W extends Workflow>(env: TestWorkflowEnvironment, handle: WorkflowHandle<W>): Promise<WorkflowResultType<W>> {
  const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: testDataConverter() });
  return plain.workflow.getHandle<W>(handle.workflowId).result();
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow bundle is built once per test file and shared by its workers. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...WORKFLOW_BUNDLE_OPTIONS, logger: new DefaultLogger('WARN') });
  return bundle;
}

export async function createTestWorker(env: TestWorkflowEnvironment, activities: object, taskQueue = `wf-${randomUUID()}`) {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: testDataConverter(),
    activities,
  });
  return { worker, taskQueue };
}

/**
 * Mock case activities that keep what the workflow projected, in order, so that a test can
 * assert the case's status and history as PostgreSQL would hold them.
 */
export function caseProjectionRecorder() {
  const opened: OpenCaseInput[] = [];
  const transitions: CaseTransitionInput[] = [];
  const events: CaseEventInput[] = [];
  return {
    opened,
    transitions,
    events,
    eventTypes: () => events.map((e) => e.type),
    lastStatus: () => transitions.at(-1)?.status ?? opened.at(-1)?.status,
    activities: {
      async openCase(input: OpenCaseInput) {
        opened.push(input);
        events.push(...(input.events ?? []));
      },
      async recordCaseTransition(input: CaseTransitionInput) {
        transitions.push(input);
        events.push(...(input.events ?? []));
      },
    },
  };
}
