// The deadline runner: reminders at the rule set's offsets before the due instant, then the due
// instant itself, then escalation if the case is still not settled. It ends as soon as the case
// is settled, and the due instant can move while it waits (an extension, a later knowledge
// date) without restarting the workflow: the runner re-plans from the new deadline.
import { condition } from '@temporalio/workflow';
import { reminderInstants, type Deadline, type RuleSet } from '../../rules/index.js';
import { DEADLINE_MISSED, DEADLINE_REMINDER } from './events.js';
import type { CaseEventDraft, CaseRecorder } from './recorder.js';

export type DeadlineOutcome = 'met' | 'missed';

/**
 * What happens when the due instant passes unsettled: a transition to `status` with
 * `deadline.missed`, or the workflow's own `escalate`, which records the `deadline.missed` event
 * it is given.
 */
export type Escalation<S extends string> = { status: S } | { escalate: (missed: CaseEventDraft) => Promise<void> };

/**
 * The escalation of a duty still owed after its due instant (a certification, an irregular
 * update to Commerce): the case stays in its status and open, its state says it is overdue, and
 * the missed deadline is on record.
 */
export function markOverdueAndStayOpen<S extends string>(recorder: CaseRecorder<S>, state: { overdue?: boolean }): Escalation<S> {
  return {
    escalate: async (missed) => {
      state.overdue = true;
      await recorder.transition({ events: missed });
    },
  };
}

export class CaseDeadline<S extends string> {
  private deadline: Deadline;
  private version = 0;
  /** Instants (ISO) of the reminders sent, oldest first. */
  readonly remindersSent: string[] = [];

  constructor(
    private readonly recorder: CaseRecorder<S>,
    private readonly ruleSet: RuleSet,
    deadline: Deadline,
  ) {
    this.deadline = deadline;
  }

  get current(): Deadline {
    return this.deadline;
  }

  /**
   * What a reminder or a missed deadline puts on record about the deadline: the instant, and
   * the obligation and its explanation, so that the case's history can show a lawyer which rule
   * the clock ran on and how the day was counted, even where a case runs on several clocks.
   */
  private deadlineOnRecord() {
    return {
      dueAt: this.deadline.dueAt.toISOString(),
      dueDate: this.deadline.dueDate,
      obligation: this.deadline.obligation,
      explanation: [...this.deadline.explanation],
    };
  }

  /**
   * Moves the due instant. A run in progress re-plans its reminders and its due timer from the
   * new deadline; the caller records the move (with `dueAt`) through the recorder.
   */
  move(next: Deadline): void {
    this.deadline = next;
    this.version += 1;
  }

  /**
   * Waits for the deadline unless `settled()` becomes true first. Sends each reminder still in
   * the future (reminders already past when the case was opened are not sent). When the due
   * instant passes unsettled, `escalate` records it: by default a transition to
   * `escalation.status` with `deadline.missed`; a workflow that does more (a default action)
   * passes its own `escalate`, which receives the `deadline.missed` event to record.
   */
  async run(options: { settled: () => boolean; escalation: Escalation<S> }): Promise<DeadlineOutcome> {
    const { settled } = options;
    for (;;) {
      const planned = this.version;
      const movedOrSettled = () => settled() || this.version !== planned;
      let replan = false;
      for (const reminder of reminderInstants(this.deadline, this.ruleSet, { after: new Date() })) {
        if (await condition(movedOrSettled, reminder.at.getTime() - Date.now())) {
          replan = true;
          break;
        }
        this.remindersSent.push(reminder.at.toISOString());
        await this.recorder.transition({
          events: {
            type: DEADLINE_REMINDER,
            actor: 'system',
            data: { ...this.deadlineOnRecord(), daysBefore: reminder.offsetDays },
          },
        });
      }
      if (settled()) return 'met';
      if (replan) continue;
      const untilDue = this.deadline.dueAt.getTime() - Date.now();
      if (untilDue > 0 && (await condition(movedOrSettled, untilDue))) {
        if (settled()) return 'met';
        continue;
      }
      if (settled()) return 'met';
      const missed: CaseEventDraft = {
        type: DEADLINE_MISSED,
        actor: 'system',
        data: { ...this.deadlineOnRecord(), escalated: true },
      };
      if ('escalate' in options.escalation) await options.escalation.escalate(missed);
      else await this.recorder.transition({ status: options.escalation.status, events: missed });
      return 'missed';
    }
  }
}
