import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { CipVersionRef, ResellerActivities } from '../../activities/resellers.js';
import { recordHistory } from '../../test/helpers/history.js';
import { caseProjectionRecorder, createTestWorker, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { cipVersionInForce, computeDeadline, getRuleSet, CURRENT_RULE_SET_ID, reminderInstants } from '../../rules/index.js';
import { decideUpdate } from '../kit/decisions.js';
import { providerCipRecordedFact, resellerCipRecordedFact } from '../kit/index.js';
import { cipTransmissionStateQuery, type CipTransmissionInput } from './messages.js';
import { cipTransmissionWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();

const handler = { subject: 'hana.handler', role: 'case_handler' as const };
const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);

/** The CIP versions on file, as the reseller activities read them. */
function cipsOnFile(initial: number) {
  const versions: CipVersionRef[] = [];
  const add = () => {
    const version = versions.length + 1;
    versions.push({ version, documentId: randomUUID(), sha256: `${version}`.repeat(64).slice(0, 64), effectiveAt: new Date(0).toISOString() });
  };
  for (let i = 0; i < initial; i++) add();
  const activities: Pick<ResellerActivities, 'findCurrentCip' | 'findCipVersion'> = {
    async findCurrentCip() {
      return versions.at(-1) ?? null;
    },
    async findCipVersion({ version }) {
      return versions.find((v) => v.version === version) ?? null;
    },
  };
  return { versions, add, activities };
}

/** Versions 1, 2, … on file taking effect at the instants given (ms), read as the records read them: the one in force by rules/. */
function cipsEffectiveAt(effectiveAt: number[]) {
  const versions: CipVersionRef[] = effectiveAt.map((at, i) => ({ version: i + 1, documentId: randomUUID(), sha256: `${i + 1}`.repeat(64), effectiveAt: new Date(at).toISOString() }));
  const timings = versions.map((ref) => ({ version: ref.version, effectiveAt: new Date(ref.effectiveAt), ref }));
  const activities: Pick<ResellerActivities, 'findCurrentCip' | 'findCipVersion'> = {
    async findCurrentCip({ at }) {
      return cipVersionInForce(timings, new Date(at))?.ref ?? null;
    },
    async findCipVersion({ version }) {
      return versions.find((v) => v.version === version) ?? null;
    },
  };
  return { versions, add: () => undefined, activities };
}

async function startRequest(recorder: ReturnType<typeof caseProjectionRecorder>, cips: ReturnType<typeof cipsOnFile>, cipOwner: CipTransmissionInput['cipOwner'] = { type: 'foreign-reseller', resellerId: 'reseller-7' }) {
  const { worker, taskQueue } = await createTestWorker(testEnv(), { ...recorder.activities, ...cips.activities });
  const receivedAt = new Date(await testEnv().currentTimeMs());
  const input: CipTransmissionInput = {
    caseId: randomUUID(),
    requestReference: `REQ-${randomUUID()}`,
    cipOwner,
    requestReceivedAt: receivedAt.toISOString(),
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: 'America/New_York',
    openedBy: handler.subject,
  };
  const expected = computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt: receivedAt, timeZone: input.timeZone });
  const start = () => testEnv().client.workflow.start(cipTransmissionWorkflow, { taskQueue, workflowId: `cip-transmission:${input.requestReference}`, args: [input] });
  return { worker, taskQueue, input, expected, start };
}

const transmit = (params: Record<string, unknown>) => ({ args: [{ decision: 'transmit', params, actor: handler }] as [never] });

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause as Error & { type?: string };
  }
  throw new Error('decision was accepted');
}

describe('cipTransmissionWorkflow', () => {
  it('misses the 10 days: reminds, escalates when the deadline passes, and records a late transmission as late', async () => {
    const recorder = caseProjectionRecorder();
    const cips = cipsOnFile(3);
    const { worker, expected, start } = await startRequest(recorder, cips);
    await worker.runUntil(async () => {
      const handle = await start();
      // Skip past the deadline: every reminder and then the escalation are recorded.
      await testEnv().sleep(expected.dueAt.getTime() - (await testEnv().currentTimeMs()) + 60_000);
      const state = await handle.query(cipTransmissionStateQuery);
      expect(state.status).toBe('overdue');
      expect(state.dueAt).toBe(expected.dueAt.toISOString());
      const reminders = reminderInstants(expected, ruleSet).map((r) => r.at);
      expect(reminders).toHaveLength(ruleSet.cipPolicy.reminderOffsetsDays.value.length); // a 10-day deadline has room for every offset
      expect(state.remindersSent).toEqual(reminders.map((r) => r.toISOString()));
      expect(recorder.eventTypes()).toEqual(['case.opened', 'cip.on-file', ...reminders.map(() => 'deadline.reminder'), 'deadline.missed']);
      expect(recorder.opened[0]).toMatchObject({ type: 'cip-transmission', subjectType: 'foreign-reseller', subjectId: 'reseller-7', dueAt: expected.dueAt.toISOString() });
      // A late transmission is still accepted, and recorded as late, with the version sent.
      const result = await handle.executeUpdate(decideUpdate, transmit({ cipVersion: '3' }));
      expect(result.status).toBe('transmitted');
      const final = await handle.result();
      await recordHistory(handle, 'cipTransmissionWorkflow--versions-on-file-overdue-then-transmitted');
      await recordHistory(handle, 'cipTransmissionWorkflow--overdue-then-transmitted-projection-in-task');
      await recordHistory(handle, 'cipTransmissionWorkflow--overdue-then-transmitted-on-file-read-in-first-task');
      expect(final).toMatchObject({ transmittedOnTime: false, transmittedDocument: { version: 3, documentId: cips.versions[2]!.documentId, sha256: cips.versions[2]!.sha256 } });
      expect(recorder.lastStatus()).toBe('transmitted');
      // Closed at the instant of the closing event, recorded in the same transition.
      expect(recorder.transitions.at(-1)?.closedAt).toBe((recorder.transitions.at(-1)?.events ?? []).at(-1)?.occurredAt);
      expect(Number.isNaN(Date.parse(recorder.transitions.at(-1)!.closedAt!))).toBe(false);
    });
  });

  it("transmits on time the reseller's CIP on file, recording the exact version sent", async () => {
    const recorder = caseProjectionRecorder();
    const cips = cipsOnFile(2);
    const { worker, input, start } = await startRequest(recorder, cips);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('2 days');
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '3' })))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: 'params.cipVersion version 3 is not on file',
      });
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: 'CIP-2026.1' })))).toMatchObject({ type: 'cipdesk.decision.invalid' });
      const result = await handle.executeUpdate(decideUpdate, transmit({ cipVersion: '2', transmissionReference: 'BIS-ACK-9' }));
      expect(result).toMatchObject({ caseId: input.caseId, decision: 'transmit', status: 'transmitted' });
      const final = await handle.result();
      expect(final.transmittedOnTime).toBe(true);
      expect(recorder.eventTypes()).toEqual(['case.opened', 'cip.on-file', 'decision.accepted', 'cip.transmitted']);
      expect(recorder.events.at(-1)).toMatchObject({
        actor: 'hana.handler',
        data: { cipVersion: '2', documentId: cips.versions[1]!.documentId, sha256: cips.versions[1]!.sha256, transmissionReference: 'BIS-ACK-9', onTime: true },
      });
    });
  });

  it('asks the reseller for a CIP not on file, escalates when the reseller is late, and transmits once it arrives', async () => {
    const recorder = caseProjectionRecorder();
    const cips = cipsOnFile(0);
    const { worker, input, expected, start } = await startRequest(recorder, cips);
    const internal = computeDeadline({ obligation: 'reseller-cip-delivery', ruleSet, startedAt: new Date(input.requestReceivedAt), timeZone: input.timeZone });
    expect(internal.dueAt.getTime()).toBeLessThan(expected.dueAt.getTime());
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      expect(await handle.query(cipTransmissionStateQuery)).toMatchObject({ status: 'awaiting-reseller-cip', resellerCip: { dueAt: internal.dueAt.toISOString() } });
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1' })))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      // The internal deadline passes: reminders before it, then the escalation.
      await testEnv().sleep(internal.dueAt.getTime() - (await testEnv().currentTimeMs()) + 60_000);
      expect((await handle.query(cipTransmissionStateQuery)).status).toBe('reseller-cip-overdue');
      // The reseller's reminders and the legal clock's own, both before the internal deadline.
      const internalReminders =
        reminderInstants(internal, ruleSet, { after: new Date(input.requestReceivedAt) }).length +
        reminderInstants(expected, ruleSet).filter((r) => r.at.getTime() < internal.dueAt.getTime()).length;
      expect(recorder.eventTypes()).toEqual([
        'case.opened',
        'reseller-cip.requested',
        ...Array.from({ length: internalReminders }, () => 'deadline.reminder'),
        'reseller-cip.overdue',
      ]);
      // The reseller answers late; its CIP is recorded and the case hears of it.
      cips.add();
      const answeredAt = new Date(await testEnv().currentTimeMs()).toISOString();
      await handle.signal(resellerCipRecordedFact.signal, { version: 1, receivedAt: answeredAt, effectiveAt: answeredAt, recordedBy: 'hana.handler' });
      await testEnv().sleep('1 hour');
      expect(await handle.query(cipTransmissionStateQuery)).toMatchObject({ status: 'awaiting-transmission', resellerCip: { late: true, receivedAt: answeredAt } });
      await handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1' }));
      const final = await handle.result();
      await recordHistory(handle, 'cipTransmissionWorkflow--reseller-late-then-transmitted');
      await recordHistory(handle, 'cipTransmissionWorkflow--reseller-late-then-transmitted-read-in-first-task');
      expect(final).toMatchObject({ status: 'transmitted', transmittedOnTime: true, transmittedDocument: { version: 1, sha256: cips.versions[0]!.sha256 } });
      expect(recorder.eventTypes()).toContain('reseller-cip.received');
    });
  });

  it("judges the reseller's delivery by when the provider received its CIP, not by when it was recorded", async () => {
    const recorder = caseProjectionRecorder();
    const cips = cipsOnFile(0);
    const { worker, input, start } = await startRequest(recorder, cips);
    const internal = computeDeadline({ obligation: 'reseller-cip-delivery', ruleSet, startedAt: new Date(input.requestReceivedAt), timeZone: input.timeZone });
    await worker.runUntil(async () => {
      const handle = await start();
      // Received on the first day, recorded only after the internal deadline passed.
      const receivedAt = new Date((await testEnv().currentTimeMs()) + 60 * 60 * 1000).toISOString();
      await testEnv().sleep(internal.dueAt.getTime() - (await testEnv().currentTimeMs()) + 60_000);
      expect((await handle.query(cipTransmissionStateQuery)).status).toBe('reseller-cip-overdue');
      cips.add();
      await handle.signal(resellerCipRecordedFact.signal, { version: 1, receivedAt, effectiveAt: receivedAt, recordedBy: 'hana.handler' });
      await testEnv().sleep('1 hour');
      expect(await handle.query(cipTransmissionStateQuery)).toMatchObject({ status: 'awaiting-transmission', resellerCip: { late: false, receivedAt } });
      expect(recorder.events.find((e) => e.type === 'reseller-cip.received')).toMatchObject({ data: { version: 1, afterInternalDeadline: false } });
      await handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1' }));
      await handle.result();
    });
  });

  it('transmits a version at once after its upload was answered, before the case has read it back from the database', async () => {
    const recorder = caseProjectionRecorder();
    const cips = cipsOnFile(0);
    // The read of the database is slow: the handler's decision arrives while it runs.
    let readDelayMs = 0;
    const slow = { ...cips.activities, async findCurrentCip(...args: Parameters<typeof cips.activities.findCurrentCip>) {
      await new Promise((resolve) => setTimeout(resolve, readDelayMs));
      return cips.activities.findCurrentCip(...args);
    } };
    const { worker, start } = await startRequest(recorder, { ...cips, activities: slow }, { type: 'provider' });
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1' })))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      cips.add();
      readDelayMs = 1_500;
      await handle.signal(providerCipRecordedFact.signal, { version: 1, receivedAt: new Date().toISOString(), effectiveAt: new Date(0).toISOString(), recordedBy: 'hana.handler' });
      // A version not on file is still refused.
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '2' })))).toMatchObject({ type: 'cipdesk.decision.invalid', message: 'params.cipVersion version 2 is not on file' });
      const result = await handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1', transmissionReference: 'BIS-ACK-1' }));
      expect(result).toMatchObject({ status: 'transmitted' });
      const final = await handle.result();
      await recordHistory(handle, 'cipTransmissionWorkflow--transmitted-on-a-version-heard-of');
      expect(final).toMatchObject({ status: 'transmitted', transmittedDocument: { version: 1, sha256: cips.versions[0]!.sha256 } });
      // The case reads the version back, then records it sent: on file before sent.
      expect([...recorder.eventTypes()].sort()).toEqual(['case.opened', 'cip.on-file', 'cip.transmitted', 'decision.accepted']);
      expect(recorder.eventTypes().indexOf('cip.on-file')).toBeLessThan(recorder.eventTypes().indexOf('cip.transmitted'));
    });
  });

  it('refuses to transmit a version that is not the CIP in force (superseded, or not yet in effect), and transmits the one in force', async () => {
    const recorder = caseProjectionRecorder();
    const now = await testEnv().currentTimeMs();
    // Version 1 was superseded by version 2 yesterday; version 3 takes effect in 60 days.
    const cips = cipsEffectiveAt([0, now - 86_400_000, now + 60 * 86_400_000]);
    const versions = cips.versions;
    const { worker, start } = await startRequest(recorder, cips, { type: 'provider' });
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1' })))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: 'params.cipVersion version 1 is not the CIP in force now: version 2 is; Commerce is sent the CIP in force',
      });
      // A transmission recorded late is judged by the version in force at its own instant, read from the records.
      const halfHourAgo = new Date((await testEnv().currentTimeMs()) - 30 * 60_000).toISOString();
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1', transmittedAt: halfHourAgo })))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: `params.cipVersion version 1 is not the CIP in force when it was transmitted (${halfHourAgo}): version 2 is; Commerce is sent the CIP in force`,
      });
      // Not yet in effect: not on file for the case either.
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '3' })))).toMatchObject({ type: 'cipdesk.decision.invalid' });
      expect(recorder.eventTypes()).toEqual(['case.opened', 'cip.on-file']);
      const result = await handle.executeUpdate(decideUpdate, transmit({ cipVersion: '2', transmissionReference: 'BIS-ACK-2', transmittedAt: halfHourAgo }));
      expect(result.status).toBe('transmitted');
      const final = await handle.result();
      await recordHistory(handle, 'cipTransmissionWorkflow--version-not-in-force-refused-then-transmitted');
      expect(final).toMatchObject({ transmittedDocument: { version: 2, sha256: versions[1]!.sha256 } });
      expect(recorder.eventTypes()).toEqual(['case.opened', 'cip.on-file', 'decision.accepted', 'cip.transmitted']);
    });
  });

  it('takes a version scheduled ahead into force on its date, though a higher-numbered version was recorded after it', async () => {
    const recorder = caseProjectionRecorder();
    const now = await testEnv().currentTimeMs();
    // Version 1 was recorded to take effect in two days; version 2, recorded after it, took effect yesterday.
    const cips = cipsEffectiveAt([now + 2 * 86_400_000, now - 86_400_000]);
    const versions = cips.versions;
    const { worker, start } = await startRequest(recorder, cips, { type: 'provider' });
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1' })))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: 'params.cipVersion version 1 is not the CIP in force now: version 2 is; Commerce is sent the CIP in force',
      });
      expect(recorder.events.find((e) => e.type === 'cip.on-file')).toMatchObject({ data: { version: 2 } });
      // Version 1's date passes: it is in force, the higher-numbered version 2 no longer is.
      await testEnv().sleep('2 days');
      expect(await refusal(handle.executeUpdate(decideUpdate, transmit({ cipVersion: '2' })))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: 'params.cipVersion version 2 is not the CIP in force now: version 1 is; Commerce is sent the CIP in force',
      });
      const result = await handle.executeUpdate(decideUpdate, transmit({ cipVersion: '1', transmissionReference: 'BIS-ACK-1' }));
      expect(result.status).toBe('transmitted');
      const final = await handle.result();
      await recordHistory(handle, 'cipTransmissionWorkflow--scheduled-version-took-effect-then-transmitted');
      expect(final).toMatchObject({ transmittedDocument: { version: 1, documentId: versions[0]!.documentId, sha256: versions[0]!.sha256 } });
      // The case's version on file follows: version 1 is on file before it is sent.
      const kinds = recorder.eventTypes().filter((t) => t.startsWith('cip.'));
      expect(kinds).toEqual(['cip.on-file', 'cip.on-file', 'cip.transmitted']);
      expect(recorder.events.filter((e) => e.type === 'cip.on-file').map((e) => (e.data as { version: number }).version)).toEqual([2, 1]);
    });
  });

  it('refuses malformed, unknown and wrong-state decisions without changing the case', async () => {
    const recorder = caseProjectionRecorder();
    const { worker, start } = await startRequest(recorder, cipsOnFile(1));
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      const decide = (args: object) => handle.executeUpdate(decideUpdate, { args: [args as never] });
      expect(await refusal(decide({ decision: 'transmit', params: {}, actor: handler }))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: 'params.cipVersion is required (a non-empty string)',
      });
      expect(await refusal(decide({ decision: 'shred', actor: handler }))).toMatchObject({ type: 'cipdesk.decision.unknown' });
      expect(await refusal(decide({ decision: 'withdraw', actor: handler }))).toMatchObject({ type: 'cipdesk.decision.invalid', message: 'reason is required for this decision' });
      expect(recorder.eventTypes()).toEqual(['case.opened', 'cip.on-file']);
      expect((await handle.query(cipTransmissionStateQuery)).status).toBe('awaiting-transmission');

      await decide({ decision: 'withdraw', reason: 'Commerce withdrew the request by letter', actor: handler });
      await handle.result();
      expect(recorder.lastStatus()).toBe('withdrawn');
    });
  });
});
