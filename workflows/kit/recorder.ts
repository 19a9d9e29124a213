// The case recorder: the only way a workflow changes its case. It owns the case's status,
// details, `closedAt` and four-eyes state, and writes each change with the events that explain
// it in one projection (one activity, one transaction), so the workflow's state and the case
// row cannot disagree. The sequence number is workflow state, the same on every replay; the
// database ignores a projection older than the one it has, and an event whose key it has seen.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { condition, defineUpdate, patched, setHandler, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { CaseActivities, CaseEventInput } from '../../activities/cases.js';
import { databaseActivities, databaseLocalActivities } from './database-activities.js';
import type { CaseTypeDefinition } from './case-type.js';
import { CASE_OPENED } from './events.js';
import { CASE_DUE_AT_ATTRIBUTE, CASE_STATUS_ATTRIBUTE, CASE_SUBJECT_ATTRIBUTE, CASE_TYPE_ATTRIBUTE } from './search-attributes.js';

// Case workflows carry search attributes (type, status, due instant, subject) since this
// version: workflows recorded before it keep their history without them.
const CASE_SEARCH_ATTRIBUTES_PATCH = 'case-search-attributes';

// Since this version a case's projection is written by a local activity, inside the workflow
// task that decided the change: the case row exists when the task completes, so a caller waiting
// for an opened case or a decision gets its answer one task sooner. Workflows whose history
// holds projections as ordinary activities keep them until the patch is first met.
const CASE_PROJECTION_IN_WORKFLOW_TASK_PATCH = 'case-projection-in-workflow-task';

// Projection writes must eventually succeed (a database outage only delays them).
const scheduledProjection = databaseActivities<CaseActivities>('30 seconds');
const localProjection = databaseLocalActivities<CaseActivities>('30 seconds');
const projection = (): Pick<CaseActivities, 'openCase' | 'recordCaseTransition'> =>
  patched(CASE_PROJECTION_IN_WORKFLOW_TASK_PATCH) ? localProjection : scheduledProjection;

/** What `caseOpened` answers: the case exists in PostgreSQL. */
export interface CaseOpenedAnswer {
  caseId: string;
}

/**
 * Answers once the case row is written. The API sends it with the workflow's start
 * (Update-with-Start), so a request that opens a case gets its case back without polling the
 * database. An Update because the caller must know the case exists; it changes nothing.
 */
export const caseOpenedUpdate = defineUpdate<CaseOpenedAnswer>('caseOpened');

/** Case ids of cases a workflow opens for another obligation (deterministic in workflow code). */
export const newCaseId = (): string => uuid4();

/** An event to write with a change; `occurredAt` defaults to the workflow's now. */
export interface CaseEventDraft {
  type: string;
  actor: string;
  data?: Record<string, unknown>;
  occurredAt?: Date;
}

/** A four-eyes proposal waiting for a second person. */
export interface PendingApproval {
  decision: string;
  proposedBy: string;
  proposedAt: string;
  reason: string;
}

export interface CaseTransition<S extends string> {
  /** The new status; the current one when absent (an event that changes no status). */
  status?: S;
  events: CaseEventDraft | readonly CaseEventDraft[];
  /** A new due instant (null: none). Absent: unchanged. */
  dueAt?: Date | null;
}

export class CaseRecorder<S extends string> {
  private seq: number;
  private pending: PendingApproval | null;
  private opened: boolean;
  /** Events the kit adds to the next change (e.g. `decision.accepted` while a decision is applied). */
  private staged: CaseEventDraft[] = [];

  /**
   * @param state the workflow's own state object: the recorder sets its `status`, so a query
   *   answers what the case row says.
   * @param details the case's non-personal facts for lists, read at every change.
   * @param carried what a workflow that continued as new carries over to keep writing to the same case.
   */
  constructor(
    private readonly options: {
      caseId: string;
      caseType: CaseTypeDefinition<string, S, string>;
      state: { status: S };
      details: () => Record<string, unknown>;
      carried?: { lastSeq: number; pendingApproval?: PendingApproval | null };
    },
  ) {
    this.seq = options.carried?.lastSeq ?? 0;
    this.pending = options.carried?.pendingApproval ?? null;
    this.opened = options.carried !== undefined;
    // Registered here, in the workflow's first activation, so the Update sent with the start finds it.
    setHandler(caseOpenedUpdate, async () => {
      await condition(() => this.opened);
      return { caseId: options.caseId };
    });
  }

  get caseId(): string {
    return this.options.caseId;
  }

  get status(): S {
    return this.options.state.status;
  }

  /** True once the case is in one of its type's closed statuses. */
  get closed(): boolean {
    return this.options.caseType.closedStatuses.includes(this.options.state.status);
  }

  get pendingApproval(): PendingApproval | null {
    return this.pending;
  }

  /** Carried over continue-as-new so that projections stay ordered. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Sets or clears the four-eyes proposal; written with the next change (see FourEyes). */
  setPendingApproval(pending: PendingApproval | null): void {
    this.pending = pending;
  }

  stage(event: CaseEventDraft): void {
    this.staged.push(event);
  }

  unstage(): CaseEventDraft[] {
    const staged = this.staged;
    this.staged = [];
    return staged;
  }

  get hasStaged(): boolean {
    return this.staged.length > 0;
  }

  private eventInputs(drafts: readonly CaseEventDraft[]): CaseEventInput[] {
    const now = new Date();
    return drafts.map((event) => {
      this.seq += 1;
      return {
        key: `wf:${this.seq}`,
        type: event.type,
        occurredAt: (event.occurredAt ?? now).toISOString(),
        actor: event.actor,
        ...(event.data ? { data: event.data } : {}),
      };
    });
  }

  /**
   * Keeps the workflow's search attributes in step with the case (behind a patch: a workflow
   * whose history predates them replays without).
   */
  private indexCase(updates: SearchAttributeUpdatePair[]): void {
    if (updates.length > 0 && patched(CASE_SEARCH_ATTRIBUTES_PATCH)) upsertSearchAttributes(updates);
  }

  /** Creates the case row with `case.opened` (data as given) and any further opening events. */
  async open(input: {
    subject: { type: string; id: string };
    ruleSetId: string;
    workflowId: string;
    openedAt: Date;
    dueAt?: Date | null;
    openedBy: string;
    data?: Record<string, unknown>;
    /** More specific opening events written after `case.opened`. */
    also?: readonly CaseEventDraft[];
  }): Promise<void> {
    const events = this.eventInputs([{ type: CASE_OPENED, actor: input.openedBy, data: input.data ?? {} }, ...(input.also ?? [])]);
    this.indexCase([
      { key: CASE_TYPE_ATTRIBUTE, value: this.options.caseType.type },
      { key: CASE_STATUS_ATTRIBUTE, value: this.status },
      { key: CASE_SUBJECT_ATTRIBUTE, value: `${input.subject.type}:${input.subject.id}` },
      { key: CASE_DUE_AT_ATTRIBUTE, value: input.dueAt ?? null },
    ]);
    await projection().openCase({
      caseId: this.options.caseId,
      type: this.options.caseType.type,
      status: this.status,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      ruleSetId: input.ruleSetId,
      workflowId: input.workflowId,
      openedAt: input.openedAt.toISOString(),
      dueAt: input.dueAt ? input.dueAt.toISOString() : null,
      ...(this.closed ? { closedAt: input.openedAt.toISOString() } : {}),
      details: this.options.details(),
      pendingApproval: this.pending,
      events,
    });
    this.opened = true;
  }

  /**
   * The one call that changes a case: status (closing it when the status is a closed one), due
   * instant, details and four-eyes state, with the events that explain the change.
   */
  async transition(t: CaseTransition<S>): Promise<void> {
    const wasClosed = this.closed;
    const statusBefore = this.status;
    if (t.status !== undefined) this.options.state.status = t.status;
    this.indexCase([
      ...(this.status !== statusBefore ? [{ key: CASE_STATUS_ATTRIBUTE, value: this.status }] : []),
      ...(t.dueAt !== undefined ? [{ key: CASE_DUE_AT_ATTRIBUTE, value: t.dueAt }] : []),
    ]);
    const drafts = [...this.unstage(), ...(Array.isArray(t.events) ? (t.events as readonly CaseEventDraft[]) : [t.events as CaseEventDraft])];
    const events = this.eventInputs(drafts);
    const closing = !wasClosed && this.closed;
    await projection().recordCaseTransition({
      caseId: this.options.caseId,
      seq: this.seq,
      status: this.status,
      ...(t.dueAt !== undefined ? { dueAt: t.dueAt ? t.dueAt.toISOString() : null } : {}),
      ...(closing ? { closedAt: (drafts.at(-1)?.occurredAt ?? new Date()).toISOString() } : {}),
      details: this.options.details(),
      pendingApproval: this.pending,
      events,
    });
  }
}
