// Used inside workflows: writes the case projection and its event log through activities.
// The sequence number is workflow state, so it is the same on every replay; the database
// ignores a projection older than the one it has, and an event whose key it has seen.
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities, CaseEventInput, OpenCaseInput } from '../../activities/cases.js';

// Projection writes must eventually succeed (a database outage only delays them), so they retry
// without limit, backing off to one attempt a minute.
const { openCase, recordCaseTransition } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface Transition {
  status: string;
  event: { type: string; occurredAt: Date; actor: string; data?: Record<string, unknown> };
  dueAt?: Date | null;
  closedAt?: Date | null;
  details?: Record<string, unknown>;
}

export class CaseRecorder {
  /**
   * @param seq the sequence already used, when a workflow continues as new and keeps
   * writing to the same case.
   */
  constructor(
    private readonly caseId: string,
    private seq = 0,
  ) {}

  /** Carried over continue-as-new so that projections stay ordered. */
  get lastSeq(): number {
    return this.seq;
  }

  private eventInput(event: Transition['event']): CaseEventInput {
    this.seq += 1;
    return {
      key: `wf:${this.seq}`,
      type: event.type,
      occurredAt: event.occurredAt.toISOString(),
      actor: event.actor,
      ...(event.data ? { data: event.data } : {}),
    };
  }

  async open(input: Omit<OpenCaseInput, 'caseId' | 'event' | 'openedAt' | 'dueAt'> & { openedAt: Date; dueAt?: Date | null; event: Transition['event'] }) {
    const { event, openedAt, dueAt, ...rest } = input;
    await openCase({
      ...rest,
      caseId: this.caseId,
      openedAt: openedAt.toISOString(),
      dueAt: dueAt ? dueAt.toISOString() : null,
      event: this.eventInput(event),
    });
  }

  async transition(t: Transition) {
    const event = this.eventInput(t.event);
    await recordCaseTransition({
      caseId: this.caseId,
      seq: this.seq,
      status: t.status,
      ...(t.dueAt !== undefined ? { dueAt: t.dueAt ? t.dueAt.toISOString() : null } : {}),
      ...(t.closedAt !== undefined ? { closedAt: t.closedAt ? t.closedAt.toISOString() : null } : {}),
      ...(t.details !== undefined ? { details: t.details } : {}),
      event,
    });
  }
}
