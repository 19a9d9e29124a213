// Commerce may request the provider's CIP or a foreign reseller's; it must be transmitted
// within the rule set's period after the request is received (NPRM-2024: 10 calendar days).
// The workflow owns the clock: it reminds before the deadline, escalates when it passes, and
// closes the case when a handler records the transmission (or Commerce withdraws the request).
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import { CaseDeadline, CaseRecorder, handleDecisions, refuseInvalid } from '../kit/index.js';
import { cipTransmissionCase } from './case-type.js';
import { cipTransmissionStateQuery, type CipTransmissionInput, type CipTransmissionState } from './messages.js';

export async function cipTransmissionWorkflow(input: CipTransmissionInput): Promise<CipTransmissionState> {
  const ruleSet = getRuleSet(input.ruleSetId);
  const receivedAt = new Date(input.requestReceivedAt);
  const deadline = computeDeadline({ obligation: 'cip-transmission', ruleSet, startedAt: receivedAt, timeZone: input.timeZone });
  const state: CipTransmissionState = {
    caseId: input.caseId,
    status: 'awaiting-transmission',
    dueAt: deadline.dueAt.toISOString(),
    dueDate: deadline.dueDate,
    deadlineExplanation: [...deadline.explanation],
    remindersSent: [],
  };
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
      ...(state.transmittedAt ? { transmittedAt: state.transmittedAt, transmittedOnTime: state.transmittedOnTime } : {}),
    }),
  });
  const clock = new CaseDeadline(recorder, ruleSet, deadline);
  state.remindersSent = clock.remindersSent;

  setHandler(cipTransmissionStateQuery, () => state);

  // An Update, not a Signal: the handler must know whether the transmission was accepted.
  handleDecisions(cipTransmissionCase, recorder, {
    validate: (request) => {
      if (request.decision !== 'transmit' || request.params?.transmittedAt === undefined) return;
      const transmittedAt = new Date(request.params.transmittedAt as string);
      if (transmittedAt.getTime() > Date.now()) refuseInvalid('params.transmittedAt', 'must not be in the future');
      if (transmittedAt.getTime() < receivedAt.getTime()) refuseInvalid('params.transmittedAt', 'must not be before the request was received');
    },
    apply: async (request, at) => {
      if (request.decision === 'transmit') {
        const transmittedAt = request.params?.transmittedAt ? new Date(request.params.transmittedAt as string) : at;
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

  await recorder.open({
    subject: input.cipOwner.type === 'provider' ? { type: 'provider-cip', id: 'provider' } : { type: 'foreign-reseller', id: input.cipOwner.resellerId },
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: receivedAt,
    dueAt: deadline.dueAt,
    openedBy: input.openedBy,
    data: { requestReceivedAt: input.requestReceivedAt, dueAt: state.dueAt, explanation: state.deadlineExplanation },
  });

  // Reminders, then the deadline itself; a decision ends the wait at once. Reminders whose time
  // had passed when the request was entered (a late entry) are not sent.
  await clock.run({ settled: () => recorder.closed, escalation: { status: 'overdue' } });
  await condition(() => recorder.closed && allHandlersFinished());
  return state;
}
