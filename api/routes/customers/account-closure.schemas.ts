import { Type } from '@sinclair/typebox';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ClosureProposalSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    accountId: Type.String({ format: 'uuid' }),
    reason: Type.String(),
    closeAt: Type.Union([Instant, Type.Null()], { description: 'when the account is recorded as closed; null: at approval' }),
    proposedBy: Type.String(),
    proposedAt: Instant,
    outcome: Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Null()], { description: 'null while it waits for a reviewer' }),
    decidedBy: Nullable(Type.String()),
    decidedAt: Type.Union([Instant, Type.Null()]),
    decisionReason: Nullable(Type.String()),
  },
  { $id: 'AccountClosureProposal' },
);

export const ApprovalBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: "the reviewer's own reason (no personal data)" })) },
  { additionalProperties: false },
);

export const RejectionBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'why the reviewer rejects the closure (no personal data)' }) },
  { additionalProperties: false },
);
