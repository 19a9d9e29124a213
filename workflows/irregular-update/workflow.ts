// An irregular update: due within the rule set's period of the change (NPRM-2024: a CIP policy
// value). Reminds before the due date and marks the case overdue when it passes; the update is
// proposed by one person and approved by a reviewer who is someone else.
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet } from '../../rules/index.js';
import { CaseDeadline, CaseRecorder, FourEyes, handleDecisions, isRuleInputError, markOverdueAndStayOpen, openRefusedCase, tryRules } from '../kit/index.js';
import { irregularUpdateCase } from './case-type.js';
import { irregularUpdateStateQuery, type IrregularUpdateInput, type IrregularUpdateState } from './messages.js';

export async function irregularUpdateWorkflow(input: IrregularUpdateInput): Promise<IrregularUpdateState> {
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) {
    const subject = input.subject;
    return openRefusedCase({ caseId: input.caseId, caseType: irregularUpdateCase, subject, ruleSetId: input.ruleSetId, openedBy: input.openedBy }, ruleSetOrRefusal);
  }
  const ruleSet = ruleSetOrRefusal;
  const deadline = computeDeadline({ obligation: 'irregular-update', ruleSet, startedAt: new Date(input.occurredAt), timeZone: input.timeZone });
  const state: IrregularUpdateState = {
    caseId: input.caseId,
    status: 'awaiting-update',
    dueAt: deadline.dueAt.toISOString(),
    dueDate: deadline.dueDate,
    deadlineExplanation: [...deadline.explanation],
    remindersSent: [],
    overdue: false,
  };
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: irregularUpdateCase,
    state,
    details: () => ({
      changeKind: input.changeKind,
      occurredAt: input.occurredAt,
      description: input.description,
      dueDate: state.dueDate,
      deadlineExplanation: state.deadlineExplanation,
      ...(state.overdue ? { overdue: true } : {}),
      ...(state.submitted ? { submitted: state.submitted } : {}),
    }),
  });
  const clock = new CaseDeadline(recorder, ruleSet, deadline);
  state.remindersSent = clock.remindersSent;
  const fourEyes = new FourEyes(recorder, 'awaiting-review');
  setHandler(irregularUpdateStateQuery, () => state);
  let proposed: { summary: string; submissionReference: string | null } | undefined;

  // An Update, not a Signal: the proposer and the reviewer must know whether it was accepted.
  handleDecisions(irregularUpdateCase, recorder, {
    fourEyes,
    apply: async (request, at) => {
      const actor = request.actor.subject;
      switch (request.decision) {
        case 'submit':
          proposed = { summary: request.params!.summary as string, submissionReference: (request.params!.submissionReference as string | undefined) ?? null };
          await fourEyes.propose(request, at, { type: 'irregular-update.proposed', actor, occurredAt: at, data: proposed });
          return;
        case 'approve': {
          const proposal = fourEyes.approve();
          const onTime = at.getTime() <= deadline.dueAt.getTime();
          state.submitted = { at: at.toISOString(), proposedBy: proposal.proposedBy, approvedBy: actor, summary: proposed!.summary, onTime, submissionReference: proposed!.submissionReference };
          await recorder.transition({ status: 'submitted', events: { type: 'irregular-update.submitted', actor, occurredAt: at, data: { ...state.submitted } } });
          return;
        }
        case 'reject':
          await fourEyes.reject((rejected) => ({ type: 'irregular-update.sent-back', actor, occurredAt: at, data: { proposedBy: rejected.proposedBy, reason: request.reason } }));
          return;
        case 'withdraw':
          await recorder.transition({ status: 'withdrawn', events: { type: 'irregular-update.withdrawn', actor, occurredAt: at, data: { reason: request.reason } } });
          return;
      }
    },
  });

  await recorder.open({
    subject: input.subject,
    ruleSetId: ruleSet.id,
    workflowId: workflowInfo().workflowId,
    openedAt: new Date(),
    dueAt: deadline.dueAt,
    openedBy: input.openedBy,
    data: { changeKind: input.changeKind, occurredAt: input.occurredAt, description: input.description, dueAt: state.dueAt, explanation: state.deadlineExplanation },
  });

  await clock.run({
    settled: () => recorder.closed,
    // Past due, the update to Commerce is still owed.
    escalation: markOverdueAndStayOpen(recorder, state),
  });
  await condition(() => recorder.closed && allHandlersFinished());
  return state;
}
