import { Type, type Static } from '@sinclair/typebox';
import { ROLES, type Role } from '../../../workflows/kit/actors.js';

export const DecisionTypeSchema = Type.Object(
  {
    name: Type.String({ description: 'the `decision` to send to POST /v1/cases/{id}/decisions' }),
    title: Type.String(),
    description: Type.String(),
    fourEyes: Type.Boolean({ description: 'a proposal that takes effect when a reviewer who is not the proposer approves it' }),
    requiresReason: Type.Boolean(),
    roles: Type.Array(Type.Unsafe<Role>({ type: 'string', enum: [...ROLES] })),
    allowedInStatuses: Type.Array(Type.String(), { description: 'the statuses in which the case accepts it' }),
    paramsSchema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of `params`' }),
  },
  { $id: 'DecisionType' },
);

export const CaseTypeSchema = Type.Object(
  {
    type: Type.String({ description: 'the case type, as in `type` of a case and the `type` filter of GET /v1/cases' }),
    title: Type.String(),
    description: Type.String(),
    subjectType: Type.String({ description: 'what its cases are about (customer, account, reseller, ...)' }),
    statuses: Type.Array(Type.String()),
    closedStatuses: Type.Array(Type.String(), { description: 'statuses in which the case is closed' }),
    decisions: Type.Array(DecisionTypeSchema),
    deadlineMet: Type.Optional(
      Type.Object(
        {
          event: Type.String({ description: 'the case event that records the deadline met; its data says `onTime`' }),
          metAtField: Type.Optional(Type.String({ description: "the field of that event's data holding the instant it was met (else the event's occurredAt)" })),
          dueAtDetail: Type.Optional(Type.String({ description: "the field of the case's details that keeps the due instant once the case's dueAt is cleared" })),
        },
        { description: 'how a case of this type meets its deadline, where it has one to meet (the desk shows the due date, when it was met and whether on time)' },
      ),
    ),
  },
  { $id: 'CaseType' },
);
export type CaseTypeDto = Static<typeof CaseTypeSchema>;
