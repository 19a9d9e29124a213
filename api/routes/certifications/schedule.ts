// The provider's annual certification Schedule in Temporal: created (or brought in line with the
// provider's anniversary) when the anniversary is recorded or a scheduler asks, read, paused and
// resumed. Each year on the anniversary (00:00 in the provider's zone) it starts
// cipCertificationScheduleWorkflow, which opens that period's certification case once.
import { MONTHS, ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleDescription } from '@temporalio/client';
import { CURRENT_RULE_SET_ID, formatAnniversary, parseAnniversary } from '../../../rules/index.js';
import { systemWorkflowIds } from '../../../workflows/ids.js';
import type { CertificationScheduleInput } from '../../../workflows/cip-certification/messages.js';
import { AppError, notFound } from '../../errors.js';

export interface ScheduleDeps {
  temporal: { client: Client; taskQueue: string };
  providerTimeZone: string;
}

export interface CertificationScheduleDto {
  providerId: string;
  scheduleId: string;
  anniversary: string | null;
  timeZone: string | null;
  paused: boolean;
  note: string | null;
  nextActionTimes: string[];
  recentActions: { scheduledAt: string; takenAt: string; workflowId: string }[];
  actionsTaken: number;
}

/** The action's own workflow id; Temporal appends each run's scheduled time. */
const scheduledRunId = (providerId: string) => `cip-certification-scheduled:${providerId}`;

function specFor(anniversary: string, timeZone: string) {
  const a = parseAnniversary(anniversary);
  return { calendars: [{ month: MONTHS[a.month - 1]!, dayOfMonth: a.day, hour: 0, minute: 0 }], timezone: timeZone };
}

function actionFor(deps: ScheduleDeps, providerId: string, anniversary: string) {
  const input: CertificationScheduleInput = { providerId, anniversary, timeZone: deps.providerTimeZone, ruleSetId: CURRENT_RULE_SET_ID };
  return {
    type: 'startWorkflow' as const,
    workflowType: 'cipCertificationScheduleWorkflow',
    workflowId: scheduledRunId(providerId),
    taskQueue: deps.temporal.taskQueue,
    args: [input],
  };
}

/** Creates the provider's Schedule, or brings an existing one in line with the anniversary and zone. */
export async function ensureCertificationSchedule(deps: ScheduleDeps, params: { providerId: string; anniversary: string; actor: string }): Promise<'created' | 'updated'> {
  const scheduleId = systemWorkflowIds.certificationSchedule(params.providerId);
  const spec = specFor(params.anniversary, deps.providerTimeZone);
  const action = actionFor(deps, params.providerId, params.anniversary);
  try {
    await deps.temporal.client.schedule.create({
      scheduleId,
      spec,
      action,
      state: { note: `annual CIP certification on ${formatAnniversary(parseAnniversary(params.anniversary))}; created by ${params.actor}` },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await deps.temporal.client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  return 'updated';
}

function anniversaryOf(description: ScheduleDescription): { anniversary: string | null; timeZone: string | null } {
  const action = description.action as { args?: unknown[] };
  const input = action.args?.[0] as Partial<CertificationScheduleInput> | undefined;
  return { anniversary: input?.anniversary ?? null, timeZone: description.spec.timezone ?? null };
}

export async function describeCertificationSchedule(deps: ScheduleDeps, providerId: string): Promise<CertificationScheduleDto | undefined> {
  const scheduleId = systemWorkflowIds.certificationSchedule(providerId);
  let description: ScheduleDescription;
  try {
    description = await deps.temporal.client.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return undefined;
    throw err;
  }
  return {
    providerId,
    scheduleId,
    ...anniversaryOf(description),
    paused: description.state.paused,
    note: description.state.note ?? null,
    nextActionTimes: description.info.nextActionTimes.map((d) => d.toISOString()),
    recentActions: description.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      takenAt: a.takenAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
    })),
    actionsTaken: description.info.numActionsTaken,
  };
}

/** Pauses or resumes the provider's Schedule with a note saying who and why; 404 when there is none. */
export async function setCertificationSchedulePaused(
  deps: ScheduleDeps,
  params: { providerId: string; paused: boolean; actor: string; note?: string },
): Promise<CertificationScheduleDto> {
  const handle = deps.temporal.client.schedule.getHandle(systemWorkflowIds.certificationSchedule(params.providerId));
  const note = `${params.paused ? 'paused' : 'resumed'} by ${params.actor}${params.note ? `: ${params.note}` : ''}`;
  try {
    if (params.paused) await handle.pause(note);
    else await handle.unpause(note);
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw notFound('certification_schedule', params.providerId);
    throw err;
  }
  const dto = await describeCertificationSchedule(deps, params.providerId);
  if (!dto) throw new AppError('certification_schedule.not_found', 404, `the certification schedule of ${params.providerId} does not exist`);
  return dto;
}
