// Commerce may request the provider's CIP or a foreign reseller's; it must be transmitted
// within the rule set's period after the request is received (NPRM-2024: 10 calendar days).
// The workflow owns the clock: it reminds before the deadline, escalates when it passes, and
// closes the case when a handler records the transmission (or Commerce withdraws the request).
import { condition, setHandler, workflowInfo, allHandlersFinished } from '@temporalio/workflow';
import { computeDeadline, getRuleSet, reminderInstants } from '../../rules/index.js';
import { CaseRecorder } from '../shared/case-recorder.js';
import { handleDecisions, optionalInstant, refuseInvalid, refuseWrongState, requireReason, requireString } from '../shared/decisions.js';
import {
  CIP_TRANSMISSION_DECISIONS,
  cipTransmissionStateQuery,
  type CipTransmissionInput,
  type CipTransmissionState,
} from './messages.js';

export async function cipTransmissionWorkflow(input: CipTransmissionInput): Promise<CipTransmissionState> {
  const ruleSet = getRuleSet(input.ruleSetId);
  const receivedAt = new Date(input.requestReceivedAt);
  const deadline = computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt: receivedAt, timeZone: input.timeZone });
  const recorder = new CaseRecorder(input.caseId);
  const state: CipTransmissionState = {
    caseId: input.caseId,
    status: 'awaiting-transmission',
    dueAt: deadline.dueAt.toISOString(),
    dueDate: deadline.dueDate,
    deadlineExplanation: [...deadline.explanation],
    remindersSent: [],
  };
  const details = () => ({
    requestReference: input.requestReference,
    cipOwner: input.cipOwner,
    dueDate: state.dueDate,
    deadlineExplanation: state.deadlineExplanation,
    ...(state.transmittedAt ? { transmittedAt: state.transmittedAt, transmittedOnTime: state.transmittedOnTime } : {}),
  });
  let closed = false;

  setHandler(cipTransmissionStateQuery, () => state);

  // An Update, not a Signal: the handler must know whether the transmission was accepted.
  handleDecisions({
    decisions: CIP_TRANSMISSION_DECISIONS,
    validate: (request) => {
      if (closed) refuseWrongState(`the request is already ${state.status}`);
      if (request.decision === 'transmit') {
        requireString(request, 'cipVersion', 100);
        const transmittedAt = optionalInstant(request, 'transmittedAt');
        if (transmittedAt && transmittedAt.getTime() > Date.now()) refuseInvalid('params.transmittedAt', 'must not be in the future');
        if (transmittedAt && transmittedAt.getTime() < receivedAt.getTime()) {
          refuseInvalid('params.transmittedAt', 'must not be before the request was received');
        }
      } else {
        requireReason(request);
      }
    },
    apply: async (request) => {
      const decision = request.decision;
      const at = new Date();
      closed = true;
      if (decision === 'transmit') {
        const transmittedAt = optionalInstant(request, 'transmittedAt') ?? at;
        state.status = 'transmitted';
        state.transmittedAt = transmittedAt.toISOString();
        state.transmittedOnTime = transmittedAt.getTime() <= deadline.dueAt.getTime();
        await recorder.transition({
          status: state.status,
          closedAt: at,
          details: details(),
          event: {
            type: 'cip.transmitted',
            occurredAt: at,
            actor: request.actor.subject,
            data: {
              cipVersion: request.params?.cipVersion,
              transmissionReference: request.params?.transmissionReference ?? null,
              transmittedAt: state.transmittedAt,
              onTime: state.transmittedOnTime,
            },
          },
        });
      } else {
        state.status = 'withdrawn';
        await recorder.transition({
          status: state.status,
          closedAt: at,
          details: details(),
          event: { type: 'request.withdrawn', occurredAt: at, actor: request.actor.subject, data: { reason: request.reason } },
        });
      }
      return { caseId: input.caseId, decision, status: state.status, acceptedAt: at.toISOString() };
    },
  });


  await recorder.open({
    type: 'cip-transmission',
    status: state.status,
    subjectType: input.cipOwner.type === 'provider' ? 'provider-cip' : 'foreign-reseller',
    subjectId: input.cipOwner.type === 'provider' ? 'provider' : input.cipOwner.resellerId,
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: receivedAt,
    dueAt: deadline.dueAt,
    details: details(),
    event: {
      type: 'case.opened',
      occurredAt: new Date(),
      actor: input.openedBy,
      data: { requestReceivedAt: input.requestReceivedAt, dueAt: state.dueAt, explanation: state.deadlineExplanation },
    },
  });

  // Reminders, then the deadline itself; a decision ends the wait at once. Reminders whose time
  // had passed when the request was entered (a late entry) are not sent.
  for (const reminder of reminderInstants(deadline, ruleSet, { after: new Date() })) {
    if (await condition(() => closed, reminder.at.getTime() - Date.now())) break;
    state.remindersSent.push(reminder.at.toISOString());
    await recorder.transition({
      status: state.status,
      details: details(),
      event: {
        type: 'deadline.reminder',
        occurredAt: new Date(),
        actor: 'system',
        data: { dueAt: state.dueAt, dueDate: state.dueDate, daysBefore: reminder.offsetDays },
      },
    });
  }
  const untilDue = deadline.dueAt.getTime() - Date.now();
  const decidedInTime = closed || (untilDue > 0 && (await condition(() => closed, untilDue)));
  if (!decidedInTime) {
    state.status = 'overdue';
    await recorder.transition({
      status: state.status,
      details: { ...details(), escalated: true },
      event: { type: 'deadline.missed', occurredAt: new Date(), actor: 'system', data: { dueAt: state.dueAt, escalated: true } },
    });
  }
  await condition(() => closed && allHandlersFinished());
  return state;
}
