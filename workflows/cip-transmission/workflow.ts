// Commerce may request the provider's CIP or a foreign reseller's; it must be transmitted
// within the rule set's period after the request is received (NPRM-2024: 10 calendar days).
// The workflow owns the clock: it reminds before the deadline, escalates when it passes, and
// closes the case when a handler records the transmission (or Commerce withdraws the request).
// A transmission names a version on file, and the case records that version's document and
// SHA-256. When a reseller's current CIP is not on file, the case asks the reseller for it with
// the CIP policy's internal deadline (ahead of the legal one), reminds, and escalates when the
// reseller is late; the legal clock runs on regardless.
import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet, type Deadline } from '../../rules/index.js';
import type { CipVersionRef } from '../../activities/resellers.js';
import {
  CaseDeadline,
  CaseRecorder,
  handleDecisions,
  isRuleInputError,
  openRefusedCase,
  providerCipRecordedFact,
  refuseInvalid,
  refuseWrongState,
  resellerCipRecordedFact,
  resellerStatusChangedFact,
  tryRules,
  type CaseEventDraft,
} from '../kit/index.js';
import { resellerActivities, resellerActivitiesInTask } from '../shared/reseller-activities.js';
import { cipTransmissionCase } from './case-type.js';
import { cipTransmissionStateQuery, type CipTransmissionInput, type CipTransmissionState } from './messages.js';

// Cases opened before this change record the transmitted version as the handler typed it and
// know nothing of the documents on file; they keep that path when replayed.
const CIP_VERSIONS_ON_FILE = 'cip-versions-on-file';
// A version the case has heard of (its upload answered) but not yet read back from the database
// may be transmitted at once: the decision waits for the read instead of being refused as if
// nothing were on file. Cases opened before this change refuse it until the read, as they did.
const TRANSMIT_HEARD_VERSION = 'transmit-heard-version';
// Commerce asks for the CIP: the version in force when it was sent, not a superseded one nor one
// not yet in effect. A transmission recorded late (transmittedAt) is checked against the version in
// force at that instant, read from the records before the decision is accepted; cases that
// accepted such a decision before this change replay as they ran.
const TRANSMIT_VERSION_IN_FORCE = 'transmit-version-in-force';
// A new case reads what is on file inside its first workflow task (a local activity), so that the
// case opens in one task: no activity task, and no second workflow task to resume after it, which
// is about a third less work for Temporal and the worker for each request Commerce sends. Cases
// that read it as an ordinary activity replay that way.
const READ_ON_FILE_IN_FIRST_TASK = 'read-cip-on-file-in-first-task';
// The CIP in force is the version that took effect last (rules/ `cipVersionInForce`), not the
// highest number in effect: a version scheduled ahead takes effect on its date even when a
// higher-numbered one was recorded after it. Every transmission, sent now or recorded late, is
// judged against the records before it is accepted (the case's own view, built from the facts it
// heard, cannot know that a scheduled version has taken effect since), and one sent now brings the
// case's version on file up to date first. Decisions accepted before this change replay as they ran.
const CIP_IN_FORCE_BY_EFFECTIVE_DATE = 'cip-in-force-by-effective-date';

/** Why a transmission naming another version than the CIP in force is refused. */
function notInForce(wanted: number, when: string, inForce: number | null): string {
  return inForce === null
    ? `no version of this CIP was in force ${when}: the versions on file take effect later; Commerce is sent the CIP in force`
    : `version ${wanted} is not the CIP in force ${when}: version ${inForce} is; Commerce is sent the CIP in force`;
}

export async function cipTransmissionWorkflow(input: CipTransmissionInput): Promise<CipTransmissionState> {
  const versionsOnFile = patched(CIP_VERSIONS_ON_FILE);
  const transmitHeardVersion = versionsOnFile && patched(TRANSMIT_HEARD_VERSION);
  const owner = input.cipOwner;
  const subject = owner.type === 'provider' ? { type: 'provider-cip', id: 'provider' } : { type: 'foreign-reseller', id: owner.resellerId };
  const receivedAt = new Date(input.requestReceivedAt);
  const computed = tryRules(() => {
    const ruleSet = getRuleSet(input.ruleSetId);
    return { ruleSet, deadline: computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt: receivedAt, timeZone: input.timeZone }) };
  });
  if (isRuleInputError(computed)) {
    return openRefusedCase({ caseId: input.caseId, caseType: cipTransmissionCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, computed);
  }
  const { ruleSet, deadline } = computed;
  const state: CipTransmissionState = {
    caseId: input.caseId,
    status: 'awaiting-transmission',
    dueAt: deadline.dueAt.toISOString(),
    dueDate: deadline.dueDate,
    deadlineExplanation: [...deadline.explanation],
    remindersSent: [],
  };
  let onFile: CipVersionRef | null = null;
  let resellerDeadline: Deadline | undefined;
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: cipTransmissionCase,
    state,
    details: () => ({
      requestReference: input.requestReference,
      cipOwner: input.cipOwner,
      dueDate: state.dueDate,
      deadlineExplanation: state.deadlineExplanation,
      ...(state.status === 'overdue' ? { escalated: true } : {}),
      ...(onFile ? { cipOnFile: { version: onFile.version, sha256: onFile.sha256 } } : {}),
      ...(state.resellerCip ? { resellerCip: state.resellerCip } : {}),
      ...(state.resellerStatus ? { resellerStatus: state.resellerStatus } : {}),
      ...(state.transmittedAt ? { transmittedAt: state.transmittedAt, transmittedOnTime: state.transmittedOnTime } : {}),
      ...(state.transmittedDocument ? { transmittedDocument: state.transmittedDocument } : {}),
    }),
  });
  const clock = new CaseDeadline(recorder, ruleSet, deadline);
  state.remindersSent = clock.remindersSent;
  const awaitingReseller = () => state.status === 'awaiting-reseller-cip' || state.status === 'reseller-cip-overdue';

  setHandler(cipTransmissionStateQuery, () => state);

  // A new version on file: the case can transmit it. Facts only wake the workflow; the version
  // is read back from the database.
  const newVersions: number[] = [];
  // When the provider received each version heard of, as its upload states (not when the case read it).
  const receivedAtOf = new Map<number, string>();
  // The highest version heard of that is already in effect: it is on file, even before the case has read it back.
  let heardInEffect = 0;
  const highestOnFile = () => Math.max(onFile?.version ?? 0, transmitHeardVersion ? heardInEffect : 0);
  // Every version heard of, in effect or scheduled ahead, and whether the case is reading one back now.
  let highestHeard = 0;
  let readingVersions = false;
  if (versionsOnFile) {
    const hear = (fact: { version: number; effectiveAt: string; receivedAt?: string }) => {
      newVersions.push(fact.version);
      highestHeard = Math.max(highestHeard, fact.version);
      if (fact.receivedAt) receivedAtOf.set(fact.version, fact.receivedAt);
      if (Date.parse(fact.effectiveAt) <= Date.now()) heardInEffect = Math.max(heardInEffect, fact.version);
    };
    if (owner.type === 'foreign-reseller') setHandler(resellerCipRecordedFact.signal, hear);
    else setHandler(providerCipRecordedFact.signal, hear);
    setHandler(resellerStatusChangedFact.signal, async (fact) => {
      if (recorder.closed) return;
      state.resellerStatus = fact.status;
      await recorder.transition({ events: { type: 'reseller.status-changed', actor: 'system', data: { status: fact.status, reason: fact.reason, at: fact.at } } });
    });
  }

  const nothingOnFile = () =>
    `no version of this CIP is on file yet; record it first (${owner.type === 'provider' ? '/v1/provider/cip-documents' : `/v1/resellers/${owner.resellerId}/cip-documents`})`;
  // What prepare read from the records for the transmission being decided (one decision is applied at a time).
  let judged: { sent: CipVersionRef; inForceNow: boolean } | undefined;

  // An Update, not a Signal: the handler must know whether the transmission was accepted.
  handleDecisions(cipTransmissionCase, recorder, {
    validate: (request) => {
      if (request.decision !== 'transmit') return;
      if (versionsOnFile) {
        const version = request.params!.cipVersion as string;
        if (!/^[1-9][0-9]{0,8}$/.test(version)) refuseInvalid('params.cipVersion', 'must be the number of a CIP version on file (1, 2, …)');
        // Whether it is on file, and which version is in force (now, or when a transmission
        // recorded late was sent), is read from the records in prepare.
      }
      if (request.params?.transmittedAt === undefined) return;
      const transmittedAt = new Date(request.params.transmittedAt as string);
      if (transmittedAt.getTime() > Date.now()) refuseInvalid('params.transmittedAt', 'must not be in the future');
      if (transmittedAt.getTime() < receivedAt.getTime()) refuseInvalid('params.transmittedAt', 'must not be before the request was received');
    },
    prepare: async (request) => {
      judged = undefined;
      if (request.decision !== 'transmit' || !versionsOnFile) return;
      const wanted = Number(request.params!.cipVersion);
      if (patched(CIP_IN_FORCE_BY_EFFECTIVE_DATE)) {
        const late = request.params?.transmittedAt !== undefined;
        const sentAt = late ? new Date(request.params!.transmittedAt as string).toISOString() : new Date().toISOString();
        const [inForce, named] = await Promise.all([resellerActivities.findCurrentCip({ owner, at: sentAt }), resellerActivities.findCipVersion({ owner, version: wanted })]);
        if (!named) {
          if (inForce === null && highestOnFile() === 0 && highestHeard === 0) refuseWrongState(nothingOnFile());
          refuseInvalid('params.cipVersion', `version ${wanted} is not on file`);
        }
        if (inForce?.version !== wanted) refuseInvalid('params.cipVersion', notInForce(wanted, late ? `when it was transmitted (${sentAt})` : 'now', inForce?.version ?? null));
        judged = { sent: named, inForceNow: !late };
        return;
      }
      // Before the rule above: the validator compared numbers, and only a late transmission was read back.
      if (request.params?.transmittedAt === undefined || !patched(TRANSMIT_VERSION_IN_FORCE)) return;
      const sentAt = new Date(request.params.transmittedAt as string).toISOString();
      const inForce = await resellerActivities.findCurrentCip({ owner, at: sentAt });
      if (inForce?.version !== wanted) refuseInvalid('params.cipVersion', notInForce(wanted, `when it was transmitted (${sentAt})`, inForce?.version ?? null));
    },
    apply: async (request, at) => {
      if (request.decision === 'transmit') {
        const transmittedAt = request.params?.transmittedAt ? new Date(request.params.transmittedAt as string) : at;
        if (judged) {
          const { sent, inForceNow } = judged;
          // A version heard of but not yet read back is read first, so that its history says it is
          // on file (a reseller's first: received, and whether late) before it is sent.
          await condition(() => newVersions.length === 0 && !readingVersions);
          // Sent now, the version sent is the one in force now: a scheduled version that has taken
          // effect since the case last read the records becomes its version on file first.
          if (inForceNow && onFile?.version !== sent.version) {
            onFile = sent;
            await recorder.transition({ events: { type: 'cip.on-file', actor: 'system', data: { version: sent.version, sha256: sent.sha256, effectiveAt: sent.effectiveAt } } });
          }
          state.transmittedDocument = { version: sent.version, documentId: sent.documentId, sha256: sent.sha256 };
        } else if (versionsOnFile) {
          // Accepted on a version heard of: the case reads it back first, so that its history says it is on file before it is sent.
          const wanted = Number(request.params!.cipVersion);
          if ((onFile?.version ?? 0) < wanted) await condition(() => (onFile?.version ?? 0) >= wanted);
          const sent = await resellerActivities.findCipVersion({ owner, version: Number(request.params!.cipVersion) });
          if (sent) state.transmittedDocument = { version: sent.version, documentId: sent.documentId, sha256: sent.sha256 };
        }
        state.transmittedAt = transmittedAt.toISOString();
        state.transmittedOnTime = transmittedAt.getTime() <= deadline.dueAt.getTime();
        await recorder.transition({
          status: 'transmitted',
          events: {
            type: 'cip.transmitted',
            occurredAt: at,
            actor: request.actor.subject,
            data: {
              cipVersion: request.params?.cipVersion,
              ...(state.transmittedDocument ? { documentId: state.transmittedDocument.documentId, sha256: state.transmittedDocument.sha256 } : {}),
              transmissionReference: request.params?.transmissionReference ?? null,
              transmittedAt: state.transmittedAt,
              onTime: state.transmittedOnTime,
            },
          },
        });
      } else {
        await recorder.transition({
          status: 'withdrawn',
          events: { type: 'request.withdrawn', occurredAt: at, actor: request.actor.subject, data: { reason: request.reason } },
        });
      }
    },
  });

  // What is on file is known before the case row exists, so that a handler who sees the case
  // can transmit at once.
  const opening: CaseEventDraft[] = [];
  if (versionsOnFile) {
    const reader = patched(READ_ON_FILE_IN_FIRST_TASK) ? resellerActivitiesInTask : resellerActivities;
    onFile = await reader.findCurrentCip({ owner, at: new Date().toISOString() });
    if (onFile) {
      opening.push({ type: 'cip.on-file', actor: 'system', data: { version: onFile.version, sha256: onFile.sha256, effectiveAt: onFile.effectiveAt } });
    } else if (owner.type === 'foreign-reseller') {
      // Ask the reseller, with the internal deadline: never later than the legal one.
      const internal = computeDeadline({ obligation: 'reseller-cip-delivery', ruleSet, startedAt: receivedAt, timeZone: input.timeZone });
      resellerDeadline = internal.dueAt.getTime() <= deadline.dueAt.getTime() ? internal : deadline;
      state.status = 'awaiting-reseller-cip';
      state.resellerCip = { requestedAt: new Date().toISOString(), dueAt: resellerDeadline.dueAt.toISOString(), dueDate: resellerDeadline.dueDate };
      opening.push({
        type: 'reseller-cip.requested',
        actor: 'system',
        data: { resellerId: owner.resellerId, dueAt: state.resellerCip.dueAt, explanation: [...resellerDeadline.explanation] },
      });
    }
  }

  await recorder.open({
    subject,
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: receivedAt,
    dueAt: deadline.dueAt,
    openedBy: input.openedBy,
    data: { requestReceivedAt: input.requestReceivedAt, dueAt: state.dueAt, explanation: state.deadlineExplanation },
    also: opening,
  });

  // Versions recorded while the case is open: the first one a waiting case gets from the
  // reseller lets it transmit; a later one becomes the version on file.
  const watchVersions = async () => {
    if (!versionsOnFile) return;
    for (;;) {
      await condition(() => newVersions.length > 0 || recorder.closed);
      if (recorder.closed) return;
      readingVersions = true;
      try {
        await readVersionOnFile();
      } finally {
        readingVersions = false;
      }
    }
  };
  /** Reads the version in force back from the records; a new one becomes the version on file (a reseller's first: received). */
  const readVersionOnFile = async () => {
    newVersions.length = 0;
    const current = await resellerActivities.findCurrentCip({ owner, at: new Date().toISOString() });
    if (!current || current.version === onFile?.version) return;
    const first = onFile === null;
    onFile = current;
    if (first && resellerDeadline && state.resellerCip) {
      // Judged by when the provider received it (a CIP received in time but recorded late is not late).
      const receivedAt = receivedAtOf.get(current.version) ?? new Date().toISOString();
      const late = Date.parse(receivedAt) > resellerDeadline.dueAt.getTime();
      state.resellerCip = { ...state.resellerCip, receivedAt, late };
      await recorder.transition({
        ...(awaitingReseller() ? { status: 'awaiting-transmission' as const } : {}),
        events: { type: 'reseller-cip.received', actor: 'system', data: { version: current.version, sha256: current.sha256, afterInternalDeadline: late } },
      });
    } else {
      await recorder.transition({ events: { type: 'cip.on-file', actor: 'system', data: { version: current.version, sha256: current.sha256, effectiveAt: current.effectiveAt } } });
    }
  };

  // The reseller's part: reminders before the internal deadline, escalation when it passes.
  const resellerClock = async () => {
    if (!resellerDeadline) return;
    await new CaseDeadline(recorder, ruleSet, resellerDeadline).run({
      settled: () => onFile !== null || recorder.closed,
      escalation: {
        escalate: (missed) =>
          recorder.transition({
            ...(state.status === 'awaiting-reseller-cip' ? { status: 'reseller-cip-overdue' as const } : {}),
            events: { ...missed, type: 'reseller-cip.overdue', data: { ...missed.data, resellerId: owner.type === 'foreign-reseller' ? owner.resellerId : null } },
          }),
      },
    });
  };

  // Reminders, then the deadline itself; a decision ends the wait at once. Reminders whose time
  // had passed when the request was entered (a late entry) are not sent.
  await Promise.all([watchVersions(), resellerClock(), clock.run({ settled: () => recorder.closed, escalation: { status: 'overdue' } })]);
  await condition(() => recorder.closed && allHandlersFinished());
  return state;
}
