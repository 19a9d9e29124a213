// Temporal's events of a case workflow as legal reads them: events written by hand in the shape
// the server returns, so that the instants a lawyer sees can be pinned to the millisecond.
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { readableWorkflowHistory } from './temporal-history.js';

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
};
const duration = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

// One workflow task that started at 23:37:19.476 (the instant the workflow took the decision and
// set its clock) and whose events Temporal wrote at 23:37:19.527.
const TASK_STARTED = '2026-11-28T23:37:19.476Z';
const WRITTEN = '2026-11-28T23:37:19.527Z';
const events = [
  { eventId: 5, eventTime: time(TASK_STARTED), workflowTaskStartedEventAttributes: {} },
  { eventId: 6, eventTime: time(WRITTEN), workflowTaskCompletedEventAttributes: {} },
  {
    eventId: 7,
    eventTime: time(WRITTEN),
    workflowExecutionUpdateAcceptedEventAttributes: {
      protocolInstanceId: 'u1',
      acceptedRequest: { input: { name: 'decide', args: { payloads: [defaultPayloadConverter.toPayload({ decision: 'withdraw', reason: 'letter', actor: { subject: 'dev-case-handler', role: 'case_handler' } })] } } },
    },
  },
  // The reminder at the start of 2026-12-01 in New York (05:00Z), asked for from the task's instant.
  { eventId: 8, eventTime: time(WRITTEN), timerStartedEventAttributes: { timerId: '3', startToFireTimeout: duration(Date.parse('2026-12-01T05:00:00.000Z') - Date.parse(TASK_STARTED)) } },
  { eventId: 9, eventTime: time('2026-11-28T23:37:19.600Z'), workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId: 'u1' }, outcome: { success: {} } } },
].map((e) => temporal.api.history.v1.HistoryEvent.fromObject(e));

describe("a case workflow's history as legal reads it", () => {
  it("dates a decision's receipt at the workflow's instant, the one its case record carries, and says it was carried out once completed", async () => {
    const { entries } = await readableWorkflowHistory(events);
    const received = entries.find((e) => e.kind === 'decision.received')!;
    expect(received).toMatchObject({ at: TASK_STARTED, actor: 'dev-case-handler', summary: 'Decision "withdraw" received by the case workflow', data: { temporalEventTime: WRITTEN } });
    expect(entries.find((e) => e.kind === 'decision.accepted')).toMatchObject({ at: '2026-11-28T23:37:19.600Z', summary: 'Decision "withdraw" accepted and carried out by the case workflow' });
  });

  it('gives a clock the instant the workflow asked for, not that instant shifted by the time Temporal took to write it', async () => {
    const timer = (await readableWorkflowHistory(events)).entries.find((e) => e.kind === 'timer.started')!;
    expect(timer.at).toBe(TASK_STARTED);
    expect(timer.data).toMatchObject({ firesAt: '2026-12-01T05:00:00.000Z' });
    expect(timer.summary).toBe('Clock set: fires at 2026-12-01T05:00:00.000Z unless the case moves first');
  });

  it('keeps the due instants the workflow set (its CaseDueAt), at its own instant, and the removal of one', async () => {
    const dueAt = (value: string | null) => {
      const payload = defaultPayloadConverter.toPayload(value);
      // As the SDK writes a typed attribute: a value carries its type, a removal none.
      if (value !== null) payload.metadata!['type'] = new TextEncoder().encode('Datetime');
      return { indexedFields: { CaseDueAt: payload, CaseStatus: defaultPayloadConverter.toPayload('withdrawn') } };
    };
    const upserts = [
      { eventId: 10, eventTime: time('2026-11-29T01:00:00.000Z'), workflowTaskStartedEventAttributes: {} },
      { eventId: 11, eventTime: time('2026-11-29T01:00:00.040Z'), upsertWorkflowSearchAttributesEventAttributes: { searchAttributes: dueAt('2026-12-07T04:59:59.999Z') } },
      { eventId: 12, eventTime: time('2026-11-29T02:00:00.000Z'), workflowTaskStartedEventAttributes: {} },
      { eventId: 13, eventTime: time('2026-11-29T02:00:00.040Z'), upsertWorkflowSearchAttributesEventAttributes: { searchAttributes: { indexedFields: { CaseStatus: defaultPayloadConverter.toPayload('overdue') } } } },
      { eventId: 14, eventTime: time('2026-11-29T02:00:00.050Z'), upsertWorkflowSearchAttributesEventAttributes: { searchAttributes: dueAt(null) } },
    ].map((e) => temporal.api.history.v1.HistoryEvent.fromObject(e));
    const { entries, dueChanges } = await readableWorkflowHistory(upserts);
    expect(entries).toEqual([]);
    expect(dueChanges).toEqual([
      { at: '2026-11-29T01:00:00.000Z', dueAt: '2026-12-07T04:59:59.999Z' },
      { at: '2026-11-29T02:00:00.000Z', dueAt: null },
    ]);
  });
});
