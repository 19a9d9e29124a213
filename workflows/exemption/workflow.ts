// An exemption (REGULATION.md, "Exemptions"), one workflow per application: it waits for
// Commerce's decision (a grant is recorded by one person and approved by a second, because it
// lifts CIP duties; a denial or a withdrawal closes the case); while the exemption stands, the
// rule set's annual notification clock runs from the grant, then from each notification, with
// reminders ahead of it; a missed notification is a breach that stays on the case (the
// exemption still stands until Commerce revokes it, and a late notification restarts the
// clock). A revocation ends it at any time and opens the case that puts what it covered back
// under the normal CIP duties.
import { allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ExemptionActivities } from '../../activities/exemptions.js';
import { computeDeadline, getRuleSet, type Deadline } from '../../rules/index.js';
import { cipDutyResumptionWorkflow } from '../cip-duty-resumption/workflow.js';
import { workflowIdFor } from '../ids.js';
import {
  CaseDeadline,
  CaseRecorder,
  databaseActivities,
  FourEyes,
  handleDecisions,
  isRuleInputError,
  newCaseId,
  openRefusedCase,
  refuseFutureInstant,
  refuseInvalid,
  startChildOnce,
  tryRules,
  type CaseEventDraft,
} from '../kit/index.js';
import { exemptionCase } from './case-type.js';
import { exemptionStateQuery, type ExemptionInput, type ExemptionState } from './messages.js';

const exemptions = databaseActivities<ExemptionActivities>('1 minute');

interface GrantProposal {
  commerceReference: string;
  grantedAt: string;
}

export async function exemptionWorkflow(input: ExemptionInput): Promise<ExemptionState> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    return openRefusedCase({ caseId: input.caseId, caseType: exemptionCase, subject: input.subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const state: ExemptionState = {
    caseId: input.caseId,
    exemptionId: input.exemptionId,
    status: 'awaiting-decision',
    notifications: [],
    missedNotifications: [],
    remindersSent: [],
  };
  let deadline: Deadline | undefined;
  let clock: CaseDeadline<ExemptionState['status']> | undefined;
  let proposal: GrantProposal | undefined;

  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: exemptionCase,
    state,
    details: () => ({
      exemptionId: input.exemptionId,
      applicationReference: input.applicationReference,
      scope: input.scope,
      programDocumentId: input.programDocumentId,
      submittedAt: input.submittedAt,
      ...(state.grantedAt ? { grantedAt: state.grantedAt, commerceReference: state.commerceReference } : {}),
      ...(deadline && (state.status === 'granted' || state.status === 'notification-overdue')
        ? { notificationDueAt: state.notificationDueAt, notificationDueDate: state.notificationDueDate, notificationExplanation: state.notificationExplanation }
        : {}),
      notifications: state.notifications.length,
      // A missed annual notification is a breach Commerce may weigh: it stays visible on the case.
      breached: state.missedNotifications.length > 0,
      missedNotifications: [...state.missedNotifications],
      ...(state.revokedAt ? { revokedAt: state.revokedAt } : {}),
      ...(state.dutyResumption ? { dutyResumption: state.dutyResumption } : {}),
    }),
  });
  const fourEyes = new FourEyes(recorder, 'grant-proposed');

  /** The next annual notification: a year (rule set) after the grant or the last notification. */
  const planNotification = (from: Date) => {
    deadline = computeDeadline({ obligation: 'exemption-notification', ruleSet, startedAt: from, timeZone: input.timeZone });
    state.notificationDueAt = deadline.dueAt.toISOString();
    state.notificationDueDate = deadline.dueDate;
    state.notificationExplanation = [...deadline.explanation];
    return deadline;
  };

  setHandler(exemptionStateQuery, () => ({ ...state, remindersSent: [...state.remindersSent, ...(clock?.remindersSent ?? [])] }));

  const instantParam = (request: { params?: Record<string, unknown> }, name: string): Date | undefined => {
    const value = request.params?.[name];
    return typeof value === 'string' ? new Date(value) : undefined;
  };
  const notBefore = (field: string, at: Date | undefined, earliest: string | undefined, what: string) => {
    if (at && earliest && at.getTime() < new Date(earliest).getTime()) refuseInvalid(field, `must not be before ${what} (${earliest})`);
  };

  // Decisions are Updates: the handler must know that Commerce's decision, a notification or a
  // revocation was accepted, and the exemption's row is written before the answer.
  handleDecisions(exemptionCase, recorder, {
    fourEyes,
    validate: (request) => {
      switch (request.decision) {
        case 'propose-grant': {
          const grantedAt = instantParam(request, 'grantedAt');
          refuseFutureInstant('params.grantedAt', grantedAt);
          notBefore('params.grantedAt', grantedAt, input.submittedAt, 'the application was submitted');
          break;
        }
        case 'record-denial': {
          const deniedAt = instantParam(request, 'deniedAt');
          refuseFutureInstant('params.deniedAt', deniedAt);
          notBefore('params.deniedAt', deniedAt, input.submittedAt, 'the application was submitted');
          break;
        }
        case 'record-notification': {
          const notifiedAt = instantParam(request, 'notifiedAt');
          refuseFutureInstant('params.notifiedAt', notifiedAt);
          notBefore('params.notifiedAt', notifiedAt, state.notifications.at(-1)?.notifiedAt ?? state.grantedAt, 'the grant or the last notification');
          const reference = (request.params?.reference as string).trim();
          if (state.notifications.some((n) => n.reference === reference)) refuseInvalid('params.reference', 'this notification is already recorded');
          break;
        }
        case 'revoke': {
          const revokedAt = instantParam(request, 'revokedAt');
          refuseFutureInstant('params.revokedAt', revokedAt);
          // Not before what was recorded while the exemption stood: a notification after its revocation would contradict the record.
          notBefore('params.revokedAt', revokedAt, state.notifications.at(-1)?.notifiedAt ?? state.grantedAt, 'the grant or the last notification');
          break;
        }
        default:
          break;
      }
    },
    apply: async (request, at) => {
      const actor = request.actor.subject;
      const reason = request.reason ?? null;
      switch (request.decision) {
        case 'propose-grant': {
          proposal = { commerceReference: (request.params!.commerceReference as string).trim(), grantedAt: new Date(request.params!.grantedAt as string).toISOString() };
          await fourEyes.propose(request, at, { type: 'exemption.grant-proposed', actor, occurredAt: at, data: { ...proposal, reason } });
          return;
        }
        case 'reject': {
          await fourEyes.reject((rejected) => ({ type: 'exemption.grant-rejected', actor, occurredAt: at, data: { proposedBy: rejected.proposedBy, ...proposal, reason } }));
          proposal = undefined;
          return;
        }
        case 'approve': {
          const approved = fourEyes.approve();
          const grant = proposal!;
          const next = planNotification(new Date(grant.grantedAt));
          await exemptions.recordExemptionDecision({
            exemptionId: input.exemptionId,
            status: 'granted',
            commerceReference: grant.commerceReference,
            decidedAt: grant.grantedAt,
            recordedBy: approved.proposedBy,
            approvedBy: actor,
            reason: approved.reason || null,
            notificationDueAt: next.dueAt.toISOString(),
          });
          state.grantedAt = grant.grantedAt;
          state.commerceReference = grant.commerceReference;
          await recorder.transition({
            status: 'granted',
            dueAt: next.dueAt,
            events: {
              type: 'exemption.granted',
              actor,
              occurredAt: at,
              data: { ...grant, proposedBy: approved.proposedBy, approvedBy: actor, notificationDueAt: state.notificationDueAt, explanation: [...next.explanation] },
            },
          });
          return;
        }
        case 'record-denial':
        case 'withdraw': {
          const denied = request.decision === 'record-denial';
          const decidedAt = (instantParam(request, 'deniedAt') ?? at).toISOString();
          const commerceReference = ((request.params?.commerceReference as string | undefined) ?? '').trim() || null;
          await exemptions.recordExemptionDecision({
            exemptionId: input.exemptionId,
            status: denied ? 'denied' : 'withdrawn',
            commerceReference,
            decidedAt,
            recordedBy: actor,
            approvedBy: null,
            reason,
            notificationDueAt: null,
          });
          await recorder.transition({
            status: denied ? 'denied' : 'withdrawn',
            events: { type: denied ? 'exemption.denied' : 'exemption.withdrawn', actor, occurredAt: at, data: { commerceReference, decidedAt, reason } },
          });
          return;
        }
        case 'record-notification': {
          const notifiedAt = instantParam(request, 'notifiedAt') ?? at;
          const answered = deadline!;
          const late = notifiedAt.getTime() > answered.dueAt.getTime();
          const next = planNotification(notifiedAt);
          const record = { id: uuid4(), reference: (request.params!.reference as string).trim(), notifiedAt: notifiedAt.toISOString(), dueAt: answered.dueAt.toISOString(), late, recordedBy: actor };
          await exemptions.recordExemptionNotification({
            notificationId: record.id,
            exemptionId: input.exemptionId,
            reference: record.reference,
            notifiedAt: record.notifiedAt,
            dueAt: record.dueAt,
            late,
            recordedBy: actor,
            nextDueAt: next.dueAt.toISOString(),
          });
          state.notifications.push(record);
          await recorder.transition({
            status: 'granted',
            dueAt: next.dueAt,
            events: {
              type: 'exemption.notified',
              actor,
              occurredAt: at,
              data: { reference: record.reference, notifiedAt: record.notifiedAt, answeredDueAt: record.dueAt, late, nextDueAt: state.notificationDueAt, explanation: [...next.explanation] },
            },
          });
          return;
        }
        case 'revoke': {
          const revokedAt = (instantParam(request, 'revokedAt') ?? at).toISOString();
          const commerceReference = ((request.params?.commerceReference as string | undefined) ?? '').trim() || null;
          await exemptions.recordExemptionRevocation({ exemptionId: input.exemptionId, revokedAt, revokedBy: actor, reason: reason ?? '', commerceReference });
          state.revokedAt = revokedAt;
          await recorder.transition({
            status: 'revoked',
            dueAt: null,
            events: { type: 'exemption.revoked', actor, occurredAt: at, data: { revokedAt, commerceReference, reason, during: state.missedNotifications.length ? 'notification-overdue' : 'granted' } },
          });
          return;
        }
      }
    },
  });

  await recorder.open({
    subject: input.subject,
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    openedBy: input.openedBy,
    data: { exemptionId: input.exemptionId, scope: input.scope, applicationReference: input.applicationReference, programDocumentId: input.programDocumentId, submittedAt: input.submittedAt },
  });

  await condition(() => recorder.closed || state.status === 'granted');

  // While the exemption stands: one annual notification clock per year, restarted by each notification.
  while (!recorder.closed) {
    const cycle = state.notifications.length;
    const noticed = () => recorder.closed || state.notifications.length !== cycle;
    const answered = deadline!;
    clock = new CaseDeadline(recorder, ruleSet, answered);
    const outcome = await clock.run({
      settled: noticed,
      escalation: {
        escalate: async (missed: CaseEventDraft) => {
          state.missedNotifications.push(answered.dueAt.toISOString());
          await exemptions.recordExemptionNotificationMissed({ exemptionId: input.exemptionId, at: new Date().toISOString() });
          await recorder.transition({
            status: 'notification-overdue',
            events: { ...missed, data: { ...missed.data, breach: true, obligation: 'exemption-notification', explanation: [...answered.explanation] } },
          });
        },
      },
    });
    state.remindersSent.push(...clock.remindersSent);
    clock = undefined;
    if (outcome === 'missed') await condition(noticed);
  }

  if (state.status === 'revoked') await resumeCipDuties();

  /** What the exemption covered is back under the normal CIP duties: one case, started once. */
  async function resumeCipDuties() {
    const workflowId = workflowIdFor('cip-duty-resumption', input.exemptionId);
    await startChildOnce(cipDutyResumptionWorkflow, {
      workflowId,
      args: [
        {
          caseId: newCaseId(),
          exemptionId: input.exemptionId,
          scope: input.scope,
          subject: input.subject,
          revokedAt: state.revokedAt!,
          ruleSetId: ruleSet.id,
          openedBy: 'system',
        },
      ],
    });
    state.dutyResumption = workflowId;
    await recorder.transition({ events: { type: 'exemption.duty-resumption-opened', actor: 'system', data: { workflowId, subject: input.subject } } });
  }

  await condition(allHandlersFinished);
  return { ...state };
}
