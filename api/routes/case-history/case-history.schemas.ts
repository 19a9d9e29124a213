import { Type, type Static } from '@sinclair/typebox';
import { RuleSetStandingSchema } from '../rules/rules.schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const DeadlineContextSchema = Type.Object({
  ruleSetId: Type.String(),
  obligation: Nullable(Type.String()),
  obligationTitle: Nullable(Type.String()),
  citation: Nullable(Type.String()),
  dueAt: Nullable(Type.String({ format: 'date-time' })),
  explanation: Type.Array(Type.String(), { description: 'how the due instant was computed, in sentences' }),
  supersededBy: Type.Optional(
    Type.Object(
      {
        kind: Type.String({ description: 'the case event of the step that took the deadline away', examples: ['special-measure.revoked'] }),
        at: Type.String({ format: 'date-time', description: 'when that step was recorded: from then on the deadline no longer governs' }),
        explanation: Type.Array(Type.String(), { description: 'what took it away, when, and what that instant is (an effective date the step states, or only its recording)' }),
      },
      { description: 'present when a later step of the case took this deadline away before it was reached (a revoked measure\'s expiry): shown as it stood, no longer governing' },
    ),
  ),
});

export const TimelineEntrySchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  source: Type.Union([Type.Literal('case-event'), Type.Literal('workflow')], {
    description: "case-event: the case's append-only log; workflow: Temporal's history of the case workflow",
  }),
  kind: Type.String({ examples: ['deadline.reminder', 'timer.fired', 'decision.accepted', 'decision.refused', 'child-case.started'] }),
  summary: Type.String(),
  actor: Type.String({ description: 'token subject of the person, or `system`' }),
  ref: Type.Object({
    caseEventId: Type.Optional(Type.Integer()),
    chainPosition: Type.Optional(Type.Integer()),
    hash: Type.Optional(Type.String()),
    temporalEventId: Type.Optional(Type.Integer()),
  }),
  deadline: Type.Optional(DeadlineContextSchema),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const CaseHistorySchema = Type.Object({
  case: Type.Object({
    id: Type.String(),
    type: Type.String(),
    status: Type.String(),
    subject: Type.Object({ type: Type.String(), id: Type.String() }),
    workflowId: Type.String(),
    openedAt: Type.String({ format: 'date-time' }),
    dueAt: Nullable(Type.String({ format: 'date-time' })),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
    assignee: Nullable(Type.String()),
  }),
  ruleSet: Type.Union([
    Type.Object({ id: Type.String(), title: Type.String(), status: Type.String(), citation: Type.String(), standing: RuleSetStandingSchema }),
    Type.Object({ id: Type.String(), unknown: Type.Literal(true) }),
  ]),
  deadlines: Type.Array(DeadlineContextSchema),
  workflowHistory: Type.Object({
    available: Type.Boolean({ description: "false when Temporal no longer holds the workflow's history: the timeline then comes from the case's own events" }),
    note: Type.String(),
  }),
  integrity: Type.Object({
    intact: Type.Boolean({ description: "the case's hash chain verified when this answer was made" }),
    entries: Type.Integer(),
    headHash: Nullable(Type.String()),
    breaks: Type.Array(Type.Object({ kind: Type.String(), position: Type.Integer() })),
  }),
  entries: Type.Array(TimelineEntrySchema),
});
export type CaseHistoryDto = Static<typeof CaseHistorySchema>;
