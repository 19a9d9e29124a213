import { Type, type Static } from '@sinclair/typebox';

// The one error shape of the API, defined beside AppError.
export { ProblemSchema } from '../../errors.js';
import { PageQuery } from '../../schemas.js';
import { AttachmentSchema, NoteSchema } from '../case-notes/case-notes.schemas.js';

const annotations = <T extends typeof NoteSchema | typeof AttachmentSchema>(item: T, what: string) =>
  Type.Optional(
    Type.Object(
      { total: Type.Integer({ minimum: 0 }), latest: Type.Array(item, { description: `the newest ${what}, at most 20` }), href: Type.String({ description: `GET it for every ${what}, paged` }) },
      { description: `the case's ${what} (on GET /v1/cases/{id} only)` },
    ),
  );

export const CaseSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String({ description: 'Obligation type, e.g. cip-transmission' }),
    status: Type.String(),
    subject: Type.Object({ type: Type.String(), id: Type.String() }),
    ruleSetId: Type.String({ description: 'Rule set the case was opened under; kept for its whole life' }),
    workflowId: Type.String(),
    openedAt: Type.String({ format: 'date-time' }),
    dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    assignee: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
    decisionsNow: Type.Array(Type.String(), { description: 'decisions the case accepts in its current status (see GET /v1/case-types)' }),
    pendingApproval: Type.Union(
      [
        Type.Object({
          decision: Type.String(),
          proposedBy: Type.String(),
          proposedAt: Type.String({ format: 'date-time' }),
          reason: Type.String(),
        }),
        Type.Null(),
      ],
      { description: 'a four-eyes proposal waiting for a reviewer who is not its proposer' },
    ),
    updatedAt: Type.String({ format: 'date-time' }),
    notes: annotations(NoteSchema, 'notes'),
    attachments: annotations(AttachmentSchema, 'evidence attachments'),
  },
  { $id: 'Case' },
);
export type CaseDto = Static<typeof CaseSchema>;

export const CaseEventSchema = Type.Object(
  {
    id: Type.Integer(),
    type: Type.String(),
    occurredAt: Type.String({ format: 'date-time' }),
    recordedAt: Type.String({ format: 'date-time' }),
    actor: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'CaseEvent' },
);

export const CaseIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListCasesQuery = Type.Object({
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  status: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  assignee: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  unassigned: Type.Optional(Type.Boolean({ description: 'true: only cases nobody is assigned to' })),
  dueBefore: Type.Optional(Type.String({ format: 'date-time', description: 'cases due at or before this instant' })),
  subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  open: Type.Optional(Type.Boolean({ description: 'true: only open cases; false: only closed ones' })),
  ...PageQuery,
});

export const ListEventsQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'page size (default 100)' }),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page, unchanged' })),
});

export const AssignmentBody = Type.Object(
  {
    assignee: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()], {
      description: 'token subject of the handler, or null to unassign',
    }),
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  {
    decision: Type.String({ minLength: 1, maxLength: 64, description: 'what the handler decides; each case type lists its own' }),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'decision-specific IDs and facts' })),
  },
  { additionalProperties: false },
);

export const DecisionResultSchema = Type.Object({
  caseId: Type.String(),
  decision: Type.String(),
  status: Type.String(),
  acceptedAt: Type.String({ format: 'date-time' }),
});
