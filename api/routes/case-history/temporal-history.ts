// Temporal's event history of a case workflow, read as a lawyer reads it: which clock was set
// and when it fired, which decision was accepted (and by whom), which fact arrived, which child
// case started, which step had to be retried or failed. Workflow-task bookkeeping and markers
// are left out: they say how the worker ran, not what happened in the case.
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, WorkflowNotFoundError, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { caseOpenedUpdate } from '../../../workflows/kit/recorder.js';
import { CASE_DUE_AT_ATTRIBUTE } from '../../../workflows/kit/search-attributes.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Timestamp = { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined;

export interface WorkflowHistoryEntry {
  at: string;
  kind:
    | 'workflow.started'
    | 'workflow.completed'
    | 'workflow.failed'
    | 'workflow.terminated'
    | 'workflow.continued-as-new'
    | 'timer.started'
    | 'timer.fired'
    | 'timer.cancelled'
    | 'fact.received'
    | 'decision.received'
    | 'decision.accepted'
    | 'decision.refused'
    | 'child-case.started'
    | 'activity.retried'
    | 'activity.failed'
    | 'workflow-task.failed';
  summary: string;
  actor: string;
  temporalEventId: number;
  data?: Record<string, unknown>;
}

const toMillis = (t: Timestamp): number => {
  if (!t) return 0;
  const seconds = typeof t.seconds === 'number' ? t.seconds : (t.seconds?.toNumber() ?? 0);
  return seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
};
const toIso = (t: Timestamp) => new Date(toMillis(t)).toISOString();

/** Decodes the first argument of a payload list; undefined when it is not ours to read. */
function firstArg(payloads: Payload[] | null | undefined): unknown {
  const first = payloads?.[0];
  if (!first) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(first);
  } catch {
    return undefined;
  }
}

const actorOf = (arg: unknown): string | undefined => {
  const actor = (arg as { actor?: { subject?: unknown } } | undefined)?.actor?.subject;
  return typeof actor === 'string' ? actor : undefined;
};

/**
 * The case's due instant as the workflow set it (its CaseDueAt search attribute), at the
 * workflow's instant: which clock the case was on when a step was taken. Null: no due instant.
 */
export interface DueInstantChange {
  at: string;
  dueAt: string | null;
}

/** The CaseDueAt value an upsert sets; undefined when the upsert does not touch it. */
function caseDueAtOf(fields: Record<string, Payload> | null | undefined): string | null | undefined {
  const payload = fields?.[CASE_DUE_AT_ATTRIBUTE.name];
  if (!payload) return undefined;
  const value = firstArg([payload]);
  const dueAt = Array.isArray(value) ? value[0] : value;
  return typeof dueAt === 'string' && !Number.isNaN(Date.parse(dueAt)) ? new Date(dueAt).toISOString() : null;
}

/**
 * Turns the raw events into readable entries, and the due instants the workflow set on the way.
 * `decode` opens the payloads (a payload codec in production); it must return payloads the
 * default converter reads.
 */
export async function readableWorkflowHistory(
  events: HistoryEvent[],
  decode: (payloads: Payload[]) => Promise<Payload[]> = async (p) => p,
): Promise<{ entries: WorkflowHistoryEntry[]; dueChanges: DueInstantChange[] }> {
  const entries: WorkflowHistoryEntry[] = [];
  const dueChanges: DueInstantChange[] = [];
  const activityNames = new Map<number, string>();
  const updates = new Map<string, { name: string; actor: string; decision?: string }>();
  const openingUpdates = new Set<string>();
  const decoded = async (payloads: Payload[] | null | undefined) => firstArg(payloads ? await decode(payloads) : undefined);

  // The workflow's own clock: the start of the workflow task it is running in. A decision is
  // taken, and a clock set, at that instant (the case record carries it); Temporal writes the
  // event when the task completes, a few milliseconds later.
  let workflowTime: number | undefined;
  for (const e of events) {
    const at = toIso(e.eventTime as Timestamp);
    if (e.workflowTaskStartedEventAttributes) workflowTime = toMillis(e.eventTime as Timestamp);
    const id = Number(e.eventId ?? 0);
    const push = (entry: Omit<WorkflowHistoryEntry, 'at' | 'temporalEventId'>) => entries.push({ at, temporalEventId: id, ...entry });

    if (e.workflowExecutionStartedEventAttributes) {
      const a = e.workflowExecutionStartedEventAttributes;
      push({ kind: 'workflow.started', summary: `Case workflow ${a.workflowType?.name ?? ''} started`.trim(), actor: 'system' });
    } else if (e.workflowExecutionCompletedEventAttributes) {
      push({ kind: 'workflow.completed', summary: 'Case workflow completed', actor: 'system' });
    } else if (e.workflowExecutionFailedEventAttributes) {
      push({ kind: 'workflow.failed', summary: `Case workflow failed: ${e.workflowExecutionFailedEventAttributes.failure?.message ?? ''}`, actor: 'system' });
    } else if (e.workflowExecutionTerminatedEventAttributes) {
      const a = e.workflowExecutionTerminatedEventAttributes;
      push({ kind: 'workflow.terminated', summary: `Case workflow terminated${a.reason ? `: ${a.reason}` : ''}`, actor: a.identity || 'operator' });
    } else if (e.workflowExecutionContinuedAsNewEventAttributes) {
      push({ kind: 'workflow.continued-as-new', summary: 'Case workflow continued in a new run (history continues there)', actor: 'system' });
    } else if (e.timerStartedEventAttributes) {
      // Set at the workflow's instant, for the instant it asked for: counted from the event's
      // own time it would be off by the task's duration (a reminder "at 05:00:00.037").
      const a = e.timerStartedEventAttributes;
      const setAt = workflowTime ?? toMillis(e.eventTime as Timestamp);
      const firesAt = new Date(setAt + toMillis(a.startToFireTimeout as Timestamp)).toISOString();
      entries.push({
        at: new Date(setAt).toISOString(),
        temporalEventId: id,
        kind: 'timer.started',
        summary: `Clock set: fires at ${firesAt} unless the case moves first`,
        actor: 'system',
        data: { timerId: a.timerId, firesAt, temporalEventTime: at },
      });
    } else if (e.upsertWorkflowSearchAttributesEventAttributes) {
      // Search attributes are not encoded by the payload codec: read as the server keeps them.
      const dueAt = caseDueAtOf(e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields as Record<string, Payload> | undefined);
      if (dueAt !== undefined) dueChanges.push({ at: new Date(workflowTime ?? toMillis(e.eventTime as Timestamp)).toISOString(), dueAt });
    } else if (e.timerFiredEventAttributes) {
      push({ kind: 'timer.fired', summary: 'Clock fired (a reminder or a due instant was reached)', actor: 'system', data: { timerId: e.timerFiredEventAttributes.timerId } });
    } else if (e.timerCanceledEventAttributes) {
      push({ kind: 'timer.cancelled', summary: 'Clock cancelled (the case moved before it fired)', actor: 'system', data: { timerId: e.timerCanceledEventAttributes.timerId } });
    } else if (e.workflowExecutionSignaledEventAttributes) {
      const a = e.workflowExecutionSignaledEventAttributes;
      push({ kind: 'fact.received', summary: `Fact received: ${a.signalName}`, actor: actorOf(await decoded(a.input?.payloads as Payload[])) ?? 'system', data: { signal: a.signalName } });
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === caseOpenedUpdate.name) {
      // The API waiting for the case row (sent with the start): no decision, and the opening is on record as case.opened.
      openingUpdates.add(e.workflowExecutionUpdateAcceptedEventAttributes.protocolInstanceId ?? '');
    } else if (e.workflowExecutionUpdateCompletedEventAttributes && openingUpdates.has(e.workflowExecutionUpdateCompletedEventAttributes.meta?.updateId ?? '')) {
      // Its answer: see above.
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const a = e.workflowExecutionUpdateAcceptedEventAttributes;
      const arg = await decoded(a.acceptedRequest?.input?.args?.payloads as Payload[]);
      const name = a.acceptedRequest?.input?.name ?? 'update';
      const decision = (arg as { decision?: unknown } | undefined)?.decision;
      const actor = actorOf(arg) ?? 'unknown';
      updates.set(a.protocolInstanceId ?? '', { name, actor, ...(typeof decision === 'string' ? { decision } : {}) });
      // Accepted here means it passed the validator and reached the workflow; whether the case
      // took it is the completion below. Received at the workflow's instant, which is the
      // instant the case record gives the decision: one decision reads received, recorded,
      // carried out, in that order.
      entries.push({
        at: workflowTime !== undefined ? new Date(workflowTime).toISOString() : at,
        temporalEventId: id,
        kind: 'decision.received',
        summary: `Decision ${typeof decision === 'string' ? `"${decision}"` : name} received by the case workflow`,
        actor,
        data: { update: name, ...(typeof decision === 'string' ? { decision } : {}), temporalEventTime: at },
      });
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const a = e.workflowExecutionUpdateCompletedEventAttributes;
      const update = updates.get(a.meta?.updateId ?? '') ?? { name: 'update', actor: 'unknown' };
      const failure = a.outcome?.failure;
      push(
        failure
          ? { kind: 'decision.refused', summary: `Decision "${update.decision ?? update.name}" refused by the case workflow: ${failure.message ?? ''}`, actor: update.actor }
          : { kind: 'decision.accepted', summary: `Decision "${update.decision ?? update.name}" accepted and carried out by the case workflow`, actor: update.actor },
      );
    } else if (e.childWorkflowExecutionStartedEventAttributes) {
      const a = e.childWorkflowExecutionStartedEventAttributes;
      push({ kind: 'child-case.started', summary: `Child case started: ${a.workflowExecution?.workflowId}`, actor: 'system', data: { workflowId: a.workflowExecution?.workflowId } });
    } else if (e.activityTaskScheduledEventAttributes) {
      activityNames.set(id, e.activityTaskScheduledEventAttributes.activityType?.name ?? 'activity');
    } else if (e.activityTaskStartedEventAttributes) {
      // Written once, when the activity ends, with the number of attempts it took.
      const a = e.activityTaskStartedEventAttributes;
      if ((a.attempt ?? 1) > 1) {
        const name = activityNames.get(Number(a.scheduledEventId ?? 0)) ?? 'activity';
        push({
          kind: 'activity.retried',
          summary: `Step ${name} needed ${a.attempt} attempts${a.lastFailure?.message ? ` (last failure: ${a.lastFailure.message})` : ''}`,
          actor: 'system',
          data: { activity: name, attempts: a.attempt },
        });
      }
    } else if (e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes) {
      const a = (e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes)!;
      const name = activityNames.get(Number(a.scheduledEventId ?? 0)) ?? 'activity';
      push({ kind: 'activity.failed', summary: `Step ${name} failed: ${a.failure?.message ?? 'timed out'}`, actor: 'system', data: { activity: name } });
    } else if (e.workflowTaskFailedEventAttributes) {
      push({ kind: 'workflow-task.failed', summary: `Workflow task failed: ${e.workflowTaskFailedEventAttributes.failure?.message ?? ''}`, actor: 'system' });
    }
  }
  return { entries, dueChanges };
}

export type WorkflowHistoryAnswer =
  | { available: true; runId: string | undefined; entries: WorkflowHistoryEntry[]; dueChanges: DueInstantChange[] }
  | { available: false; reason: string };

/** The workflow's history, or why it cannot be had (deleted by retention, archived, never started). */
export async function fetchWorkflowHistory(
  client: Client,
  workflowId: string,
  decode?: (payloads: Payload[]) => Promise<Payload[]>,
): Promise<WorkflowHistoryAnswer> {
  try {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    return { available: true, runId: undefined, ...(await readableWorkflowHistory(history.events ?? [], decode)) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as { code?: number }).code === 5) {
      return { available: false, reason: "Temporal no longer holds this workflow's history (deleted after its retention period, or archived); the timeline is built from the case's own event log only." };
    }
    throw err;
  }
}
