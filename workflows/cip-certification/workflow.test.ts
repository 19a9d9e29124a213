import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssembleCertificationInput, CertificationActivities, MissingPart } from '../../activities/certifications.js';
import { computeDeadline, CURRENT_RULE_SET_ID, getRuleSet, reminderInstants } from '../../rules/index.js';
import { recordHistory } from '../../test/helpers/history.js';
import { decide, refusal, REVIEWER } from '../../test/helpers/update.js';
import { caseProjectionRecorder, createTestWorker, resultWithoutSkipping, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { providerResellerCipRecordedFact, providerSettingsRecordedFact, type Actor } from '../kit/index.js';
import { cipCertificationStateQuery, type CipCertificationInput } from './messages.js';
import { cipCertificationScheduleWorkflow } from './scheduled.js';
import { cipCertificationWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv();
const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
const zone = 'America/New_York';
const CONTACT: Actor = { subject: 'carla.contact', role: 'legal' };
const CONTACT_AS_REVIEWER: Actor = { subject: 'carla.contact', role: 'reviewer' };
const HANDLER: Actor = { subject: 'hana.handler', role: 'case_handler' };

const PART_TEXT: Record<string, string> = { 'cip-contact': 'the CIP contact', 'reseller:r1': "the part of foreign reseller R1", 'written-cip': 'the written CIP' };

/**
 * Certification activities over records a test changes: `missing` is what the records lack;
 * a part supplied on the case stops being missing, as the real assembly does.
 */
function certificationRecords(initiallyMissing: string[], contactSubject: string | null = CONTACT.subject) {
  const records = { missing: [...initiallyMissing], contactSubject };
  const assemblies: AssembleCertificationInput[] = [];
  const filings: Parameters<CertificationActivities['fileCertification']>[0][] = [];
  const activities: CertificationActivities = {
    async assembleCertification(input) {
      assemblies.push(input);
      const missing: MissingPart[] = records.missing.filter((p) => !input.supplied[p]).map((part) => ({ part, description: PART_TEXT[part] ?? part }));
      return {
        versionId: input.versionId,
        version: assemblies.length,
        sha256: `${assemblies.length}`.padStart(64, '0'),
        missing,
        cipContactSubject: records.contactSubject,
        summary: { foreignCustomers: 3, foreignBeneficialOwners: 2, foreignResellers: 1, resellersWithoutCip: missing.some((m) => m.part.startsWith('reseller:')) ? 1 : 0, unverifiedForeignAccounts: 1 },
      };
    },
    async fileCertification(input) {
      filings.push(input);
      return { versionId: input.filedVersionId, version: assemblies.length + 1, sha256: 'f'.repeat(64) };
    },
  };
  return { records, assemblies, filings, activities };
}

async function startCertification(kind: 'initial' | 'annual', records: ReturnType<typeof certificationRecords>) {
  const recorder = caseProjectionRecorder();
  const { worker, taskQueue } = await createTestWorker(testEnv(), { ...recorder.activities, ...records.activities });
  const now = new Date(await testEnv().currentTimeMs());
  const input: CipCertificationInput = {
    caseId: randomUUID(),
    providerId: 'provider',
    kind,
    period: kind === 'annual' ? now.getUTCFullYear() : null,
    clockStartsAt: now.toISOString(),
    periodStartsOn: null,
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: zone,
    openedBy: 'system:test',
  };
  const start = () => testEnv().client.workflow.start(cipCertificationWorkflow, { taskQueue, workflowId: `cip-certification:provider/${randomUUID()}`, args: [input] });
  return { recorder, worker, taskQueue, input, start };
}

describe('cipCertificationWorkflow', () => {
  it('turns each missing part into a task and waits for it: a record that supplies it, or a statement on the case', async () => {
    const records = certificationRecords(['cip-contact', 'reseller:r1']);
    const { recorder, worker, start } = await startCertification('annual', records);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      let state = await handle.query(cipCertificationStateQuery);
      expect(state.status).toBe('awaiting-parts');
      expect(state.tasks).toEqual([
        { part: 'cip-contact', description: 'the CIP contact', status: 'open' },
        { part: 'reseller:r1', description: 'the part of foreign reseller R1', status: 'open' },
      ]);
      // It waits: a day later nothing has changed, and it cannot be attested.
      await testEnv().sleep('1 day');
      expect((await handle.query(cipCertificationStateQuery)).status).toBe('awaiting-parts');
      expect(await refusal(decide(handle, 'attest', CONTACT, { params: { assembledVersion: 1 } }))).toMatchObject({ type: 'cipdesk.decision.wrong_state' });
      // The CIP contact comes only from its record.
      expect(await refusal(decide(handle, 'supply-part', HANDLER, { params: { part: 'cip-contact', statement: 'Carla' } }))).toMatchObject({
        type: 'cipdesk.decision.invalid',
        message: expect.stringContaining('comes only from its record'),
      });
      // The contact is recorded in the provider's settings: the fact reaches the case, which assembles again.
      records.records.missing = ['reseller:r1'];
      await handle.signal(providerSettingsRecordedFact.signal, { settingsVersion: 2, changed: ['cipContact'], recordedBy: 'ada.admin' });
      await testEnv().sleep('1 minute');
      state = await handle.query(cipCertificationStateQuery);
      expect(state.tasks.map((t) => [t.part, t.status, t.doneBy])).toEqual([
        ['cip-contact', 'done', 'record'],
        ['reseller:r1', 'open', undefined],
      ]);
      expect(state.status).toBe('awaiting-parts');
      // The reseller's part, supplied as a statement on the case.
      const supplied = await decide(handle, 'supply-part', HANDLER, { params: { part: 'reseller:r1', statement: "R1 adopted the provider's CIP, version 3" } });
      expect(supplied.status).toBe('ready-for-attestation');
      state = await handle.query(cipCertificationStateQuery);
      expect(state.tasks.every((t) => t.status === 'done')).toBe(true);
      expect(state.assembly?.version).toBe(3);
      expect(records.assemblies.at(-1)?.supplied['reseller:r1']).toMatchObject({ statement: "R1 adopted the provider's CIP, version 3", by: HANDLER.subject });
      expect(recorder.eventTypes()).toEqual([
        'case.opened',
        'certification.assembled',
        'certification.assembled',
        'decision.accepted',
        'certification.part-supplied',
        'certification.assembled',
      ]);
      expect(recorder.lastStatus()).toBe('ready-for-attestation');
      await handle.terminate('test over');
    });
  });

  it("closes a reseller's part by itself when the reseller's CIP is recorded, naming the record and who recorded it", async () => {
    const records = certificationRecords(['reseller:r1']);
    const { recorder, worker, start } = await startCertification('annual', records);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      expect((await handle.query(cipCertificationStateQuery)).status).toBe('awaiting-parts');
      // The reseller's CIP is recorded: the API tells the provider's cases; no handler reassembles.
      records.records.missing = [];
      const receivedAt = new Date(await testEnv().currentTimeMs()).toISOString();
      await handle.signal(providerResellerCipRecordedFact.signal, { resellerId: 'r1', version: 2, receivedAt, effectiveAt: receivedAt, recordedBy: HANDLER.subject });
      await testEnv().sleep('1 minute');
      const state = await handle.query(cipCertificationStateQuery);
      expect(state.status).toBe('ready-for-attestation');
      const through = { record: 'reseller-cip', resellerId: 'r1', version: 2, receivedAt, recordedBy: HANDLER.subject };
      expect(state.tasks).toEqual([
        { part: 'reseller:r1', description: 'the part of foreign reseller R1', status: 'done', doneBy: 'record', doneAt: expect.any(String), doneThrough: through },
      ]);
      expect(recorder.eventTypes()).toEqual(['case.opened', 'certification.assembled', 'certification.assembled']);
      expect(recorder.events.at(-1)).toMatchObject({ actor: 'system', data: { missingParts: [], partsDone: [{ part: 'reseller:r1', doneBy: 'record', doneThrough: through }] } });
      expect(recorder.lastStatus()).toBe('ready-for-attestation');
      await handle.terminate('test over');
      await recordHistory(handle, 'cipCertificationWorkflow--reseller-cip-closed-its-part');
    });
  });

  it('takes two people: the CIP contact attests, someone else approves; one person alone is refused', async () => {
    const records = certificationRecords([]);
    const { recorder, worker, start, input } = await startCertification('annual', records);
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep('1 hour');
      expect((await handle.query(cipCertificationStateQuery)).status).toBe('ready-for-attestation');
      // Only the CIP contact attests, and only the latest version.
      expect(await refusal(decide(handle, 'attest', HANDLER, { params: { assembledVersion: 1 } }))).toMatchObject({
        type: 'cipdesk.decision.forbidden',
        message: expect.stringContaining('only the CIP contact (carla.contact)'),
      });
      expect(await refusal(decide(handle, 'attest', CONTACT, { params: { assembledVersion: 2 } }))).toMatchObject({ type: 'cipdesk.decision.invalid' });
      const attested = await decide(handle, 'attest', CONTACT, { params: { assembledVersion: 1 } });
      expect(attested.status).toBe('awaiting-review');
      // The contact cannot approve their own attestation, whatever role they hold.
      expect(await refusal(decide(handle, 'approve', CONTACT_AS_REVIEWER))).toMatchObject({
        type: 'cipdesk.decision.forbidden',
        message: expect.stringContaining('a second person must review it'),
      });
      expect(await refusal(decide(handle, 'approve', HANDLER))).toMatchObject({ type: 'cipdesk.decision.forbidden' });
      expect((await handle.query(cipCertificationStateQuery)).status).toBe('awaiting-review');
      const filed = await decide(handle, 'approve', REVIEWER);
      expect(filed.status).toBe('filed');
      const final = await handle.result();
      await recordHistory(handle, 'cipCertificationWorkflow--attested-and-filed');
      expect(final.filed).toMatchObject({ attestedBy: CONTACT.subject, reviewedBy: REVIEWER.subject, onTime: true });
      expect(records.filings).toEqual([
        expect.objectContaining({ assembledVersionId: records.assemblies[0]!.versionId, attestedBy: CONTACT.subject, reviewedBy: REVIEWER.subject }),
      ]);
      expect(recorder.eventTypes()).toEqual(['case.opened', 'certification.assembled', 'approval.requested', 'certification.attested', 'decision.accepted', 'certification.filed']);
      expect(recorder.opened[0]).toMatchObject({ type: 'cip-certification', subjectType: 'provider-cip', subjectId: 'provider', caseId: input.caseId });
    });
  });

  it('reminds before the due date and marks the case overdue when it passes; the initial certification runs on its own period', async () => {
    const records = certificationRecords(['written-cip']);
    const { recorder, worker, start, input } = await startCertification('initial', records);
    const expected = computeDeadline({ obligation: 'cip-initial-certification', ruleSet, startedAt: new Date(input.clockStartsAt), timeZone: zone });
    await worker.runUntil(async () => {
      const handle = await start();
      await testEnv().sleep(expected.dueAt.getTime() - (await testEnv().currentTimeMs()) + 60_000);
      const state = await handle.query(cipCertificationStateQuery);
      const reminders = reminderInstants(expected, ruleSet).map((r) => r.at.toISOString());
      expect(reminders).toHaveLength(ruleSet.cipPolicy.reminderOffsetsDays.value.length);
      expect(state.remindersSent).toEqual(reminders);
      expect(state).toMatchObject({ status: 'awaiting-parts', overdue: true, dueAt: expected.dueAt.toISOString(), kind: 'initial' });
      expect(state.deadlineExplanation.join(' ')).toContain('cip-initial-certification');
      expect(recorder.eventTypes()).toEqual(['case.opened', 'certification.assembled', ...reminders.map(() => 'deadline.reminder'), 'deadline.missed']);
      expect(recorder.opened[0]?.dueAt).toBe(expected.dueAt.toISOString());
      await handle.terminate('test over');
    });
  });
});

describe('cipCertificationScheduleWorkflow', () => {
  it("starts the period's certification from the scheduled instant, once per period", async () => {
    const records = certificationRecords([]);
    const recorder = caseProjectionRecorder();
    const { worker, taskQueue } = await createTestWorker(testEnv(), { ...recorder.activities, ...records.activities });
    const input = { providerId: `p-${randomUUID().slice(0, 8)}`, anniversary: '03-15', timeZone: zone, ruleSetId: CURRENT_RULE_SET_ID };
    await worker.runUntil(async () => {
      // The certification cases these runs start stay open on year-long clocks: each run's result
      // is awaited without letting the test server skip time towards them.
      const start = (at: string) =>
        testEnv().client.workflow.start(cipCertificationScheduleWorkflow, { taskQueue, workflowId: `schedule-run-${randomUUID()}`, args: [{ ...input, at }] });
      const run = async (at: string) => resultWithoutSkipping(testEnv(), await start(at));
      const firstRun = await start('2031-03-15T04:00:00Z');
      const first = await resultWithoutSkipping(testEnv(), firstRun);
      await recordHistory(firstRun, 'cipCertificationScheduleWorkflow--started-the-period');
      expect(first).toEqual({ period: 2031, workflowId: `cip-certification:${input.providerId}/2031`, outcome: 'started' });
      // A second run in the same period (a backfill, a retried action) finds the case.
      expect(await run('2031-11-01T12:00:00Z')).toMatchObject({ period: 2031, outcome: 'already-started' });
      // The day before the anniversary still belongs to the previous period.
      expect(await run('2031-03-15T03:59:00Z')).toMatchObject({ period: 2030, outcome: 'started' });
      await testEnv().sleep('1 minute');
      expect(recorder.opened.map((o) => o.workflowId).sort()).toEqual([`cip-certification:${input.providerId}/2030`, `cip-certification:${input.providerId}/2031`]);
      const child = testEnv().client.workflow.getHandle(first.workflowId);
      const state = await child.query(cipCertificationStateQuery);
      // The clock starts at the anniversary in the provider's zone; due a year later.
      expect(state).toMatchObject({ kind: 'annual', period: 2031, dueDate: '2032-03-15' });
      for (const id of recorder.opened.map((o) => o.workflowId)) await testEnv().client.workflow.getHandle(id).terminate('test over');
      // A period whose case has closed is not started again.
      expect(await run('2031-06-01T12:00:00Z')).toMatchObject({ period: 2031, outcome: 'already-started' });
    });
  });
});
