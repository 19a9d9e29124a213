// The provider's CIP certification (the initial one, and one per annual period). The workflow
// owns the clock (the rule set's period from the period's start, or from the program's start
// for the initial one), assembles the certification from the records as a version, turns each
// missing part into a task and waits until every task is done (a record that supplies it, or a
// statement supplied on the case), then takes two people: the CIP contact attests, a reviewer
// who is someone else approves, and the certification is filed as an immutable version.
import { allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import type { AssembledCertification } from '../../activities/certifications.js';
import {
  CaseDeadline,
  CaseRecorder,
  FourEyes,
  handleDecisions,
  isRuleInputError,
  markOverdueAndStayOpen,
  openRefusedCase,
  providerCipRecordedFact,
  providerResellerCipRecordedFact,
  providerSettingsRecordedFact,
  refuseForbidden,
  refuseInvalid,
  tryRules,
  type CaseEventDraft,
} from '../kit/index.js';
import { certificationActivities } from './activities.js';
import { cipCertificationCase } from './case-type.js';
import {
  cipCertificationStateQuery,
  resellerPart,
  type CipCertificationInput,
  type CipCertificationState,
  type RecordThatClosedPart,
} from './messages.js';

/** Parts only their own record supplies: the CIP on file and the CIP contact in the provider's settings. */
const RECORDED_ONLY = ['written-cip', 'cip-contact'];

export async function cipCertificationWorkflow(input: CipCertificationInput): Promise<CipCertificationState> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    const subject = { type: 'provider-cip', id: input.providerId };
    return openRefusedCase({ caseId: input.caseId, caseType: cipCertificationCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const deadline = computeDeadline({
    obligation: input.kind === 'initial' ? 'cip-initial-certification' : 'cip-certification',
    ruleSet,
    startedAt: new Date(input.clockStartsAt),
    timeZone: input.timeZone,
  });
  const state: CipCertificationState = {
    caseId: input.caseId,
    status: 'awaiting-parts',
    kind: input.kind,
    period: input.period,
    dueAt: deadline.dueAt.toISOString(),
    dueDate: deadline.dueDate,
    deadlineExplanation: [...deadline.explanation],
    remindersSent: [],
    overdue: false,
    tasks: [],
    cipContactSubject: null,
  };
  const supplied: Record<string, { statement: string; by: string; at: string }> = {};
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: cipCertificationCase,
    state,
    details: () => ({
      kind: state.kind,
      period: state.period,
      periodStartsOn: input.periodStartsOn,
      dueDate: state.dueDate,
      deadlineExplanation: state.deadlineExplanation,
      tasks: state.tasks,
      ...(state.assembly ? { assembly: state.assembly } : {}),
      ...(state.summary ? { summary: state.summary } : {}),
      ...(state.overdue ? { overdue: true } : {}),
      ...(state.filed ? { filed: state.filed } : {}),
    }),
  });
  const clock = new CaseDeadline(recorder, ruleSet, deadline);
  state.remindersSent = clock.remindersSent;
  const fourEyes = new FourEyes(recorder, 'awaiting-review');
  setHandler(cipCertificationStateQuery, () => state);

  // A record that may supply a missing part (the provider's settings, its CIP, a foreign
  // reseller's CIP) wakes the case. What was heard since the last assembly is kept, so that the
  // assembly that finds a part done names the record that closed it and who recorded it.
  let recordsChanged = 0;
  let heard: RecordThatClosedPart[] = [];
  const hear = (record: RecordThatClosedPart) => {
    heard.push(record);
    recordsChanged += 1;
  };
  setHandler(providerSettingsRecordedFact.signal, (fact) => hear({ record: 'provider-settings', version: fact.settingsVersion, recordedBy: fact.recordedBy }));
  setHandler(providerCipRecordedFact.signal, (fact) =>
    hear({ record: 'provider-cip', version: fact.version, recordedBy: fact.recordedBy, receivedAt: fact.receivedAt }),
  );
  setHandler(providerResellerCipRecordedFact.signal, (fact) =>
    hear({ record: 'reseller-cip', version: fact.version, recordedBy: fact.recordedBy, receivedAt: fact.receivedAt, resellerId: fact.resellerId }),
  );
  /** The latest record heard that supplies this part: the part's own CIP, or (for a procedure or the contact) the provider's settings. */
  const recordThatClosed = (records: readonly RecordThatClosedPart[], part: string) =>
    records.findLast((r) =>
      r.record === 'reseller-cip'
        ? part === resellerPart(r.resellerId ?? '')
        : r.record === 'provider-cip'
          ? part === 'written-cip'
          : part !== 'written-cip' && !part.startsWith(resellerPart('')),
    );

  // One assembly or decision at a time: each reads and changes the tasks.
  let busy = false;
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  /** Assembles a new version and brings the tasks in line with what is missing now; returns the event to record. */
  const assemble = async (by: string): Promise<CaseEventDraft> => {
    const records = heard;
    heard = [];
    const result: AssembledCertification = await certificationActivities.assembleCertification({
      versionId: uuid4(),
      caseId: input.caseId,
      certificationKind: input.kind,
      period: input.period,
      periodStartsOn: input.periodStartsOn,
      dueDate: state.dueDate,
      ruleSetId: ruleSet.id,
      supplied,
      assembledBy: by,
    });
    const missing = new Set(result.missing.map((m) => m.part));
    const doneNow: { part: string; doneBy: 'record' | 'statement'; doneThrough?: RecordThatClosedPart }[] = [];
    const doneAt = new Date().toISOString();
    for (const task of state.tasks) {
      if (task.status === 'open' && !missing.has(task.part)) {
        task.status = 'done';
        task.doneBy = supplied[task.part] ? 'statement' : 'record';
        task.doneAt = doneAt;
        const through = task.doneBy === 'record' ? recordThatClosed(records, task.part) : undefined;
        if (through) task.doneThrough = through;
        doneNow.push({ part: task.part, doneBy: task.doneBy, ...(through ? { doneThrough: through } : {}) });
      }
    }
    for (const m of result.missing) {
      const task = state.tasks.find((t) => t.part === m.part);
      if (!task) state.tasks.push({ part: m.part, description: m.description, status: 'open' });
      else if (task.status === 'done') {
        // Missing again (a record was removed or a reseller was added back): the task reopens.
        task.status = 'open';
        delete task.doneBy;
        delete task.doneAt;
        delete task.doneThrough;
      }
    }
    state.assembly = { versionId: result.versionId, version: result.version, sha256: result.sha256, assembledAt: new Date().toISOString() };
    state.summary = result.summary;
    state.cipContactSubject = result.cipContactSubject;
    return {
      type: 'certification.assembled',
      actor: by,
      data: {
        version: result.version,
        sha256: result.sha256,
        missingParts: result.missing.map((m) => m.part),
        ...(doneNow.length ? { partsDone: doneNow } : {}),
        summary: result.summary,
      },
    };
  };
  const statusAfterAssembly = () => (state.tasks.some((t) => t.status === 'open') ? ('awaiting-parts' as const) : ('ready-for-attestation' as const));

  // An Update, not a Signal: the CIP contact and the reviewer must know whether their attestation was accepted.
  handleDecisions(cipCertificationCase, recorder, {
    fourEyes,
    validate: (request) => {
      if (request.decision === 'supply-part') {
        const part = request.params!.part as string;
        const task = state.tasks.find((t) => t.part === part && t.status === 'open');
        if (!task) refuseInvalid('params.part', `is not a missing part of this certification (missing: ${state.tasks.filter((t) => t.status === 'open').map((t) => t.part).join(', ') || 'none'})`);
        if (RECORDED_ONLY.includes(part)) refuseInvalid('params.part', `${part} comes only from its record: ${task.description}`);
      }
      if (request.decision === 'attest') {
        if (!state.cipContactSubject) refuseForbidden('no CIP contact is recorded for the provider; record one first (PATCH /v1/provider/settings)');
        if (request.actor.subject !== state.cipContactSubject) refuseForbidden(`only the CIP contact (${state.cipContactSubject}) may attest the certification; a reviewer approves it after`);
        if (request.params!.assembledVersion !== state.assembly?.version) {
          refuseInvalid('params.assembledVersion', `must be the latest assembled version (${state.assembly?.version ?? 'none'})`);
        }
      }
    },
    apply: (request, at) =>
      exclusive(async () => {
        const actor = request.actor.subject;
        switch (request.decision) {
          case 'supply-part': {
            const part = request.params!.part as string;
            supplied[part] = { statement: request.params!.statement as string, by: actor, at: at.toISOString() };
            const assembled = await assemble(actor);
            await recorder.transition({ status: statusAfterAssembly(), events: [{ type: 'certification.part-supplied', actor, occurredAt: at, data: { part } }, assembled] });
            return;
          }
          case 'reassemble': {
            const assembled = await assemble(actor);
            await recorder.transition({ status: statusAfterAssembly(), events: assembled });
            return;
          }
          case 'attest':
            await fourEyes.propose(request, at, {
              type: 'certification.attested',
              actor,
              occurredAt: at,
              data: { version: state.assembly!.version, sha256: state.assembly!.sha256, role: 'cip-contact' },
            });
            return;
          case 'approve': {
            const proposal = fourEyes.approve();
            const filed = await certificationActivities.fileCertification({
              filedVersionId: uuid4(),
              assembledVersionId: state.assembly!.versionId,
              attestedBy: proposal.proposedBy,
              attestedAt: proposal.proposedAt,
              reviewedBy: actor,
              reviewedAt: at.toISOString(),
            });
            const onTime = at.getTime() <= deadline.dueAt.getTime();
            state.filed = { ...filed, filedAt: at.toISOString(), attestedBy: proposal.proposedBy, reviewedBy: actor, onTime };
            await recorder.transition({
              status: 'filed',
              events: { type: 'certification.filed', actor, occurredAt: at, data: { ...filed, attestedBy: proposal.proposedBy, reviewedBy: actor, onTime } },
            });
            return;
          }
          case 'reject':
            await fourEyes.reject((rejected) => ({
              type: 'certification.attestation-rejected',
              actor,
              occurredAt: at,
              data: { version: state.assembly!.version, attestedBy: rejected.proposedBy, reason: request.reason },
            }));
            return;
        }
      }),
  });

  // The first assembly is known before the case row exists, so the case opens with its tasks.
  const firstAssembly = await assemble('system');
  state.status = statusAfterAssembly();
  await recorder.open({
    subject: { type: 'provider-cip', id: input.providerId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    dueAt: deadline.dueAt,
    openedBy: input.openedBy,
    data: { kind: input.kind, period: input.period, periodStartsOn: input.periodStartsOn, dueAt: state.dueAt, explanation: state.deadlineExplanation },
    also: [firstAssembly],
  });

  // Records changed while the case assembles: assemble again (not while an attestation is under review).
  const watchRecords = async () => {
    let seen = recordsChanged;
    for (;;) {
      await condition(() => recorder.closed || (recordsChanged !== seen && (state.status === 'awaiting-parts' || state.status === 'ready-for-attestation')));
      if (recorder.closed) return;
      seen = recordsChanged;
      await exclusive(async () => {
        if (state.status !== 'awaiting-parts' && state.status !== 'ready-for-attestation') return;
        const assembled = await assemble('system');
        await recorder.transition({ status: statusAfterAssembly(), events: assembled });
      });
    }
  };

  await Promise.all([
    watchRecords(),
    clock.run({
      settled: () => recorder.closed,
      // Past due, the certification is still owed.
      escalation: markOverdueAndStayOpen(recorder, state),
    }),
  ]);
  await condition(() => recorder.closed && allHandlersFinished());
  return state;
}
