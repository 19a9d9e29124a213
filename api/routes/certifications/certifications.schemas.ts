import { Type } from '@sinclair/typebox';

export const TriggerCertificationBody = Type.Object(
  {
    kind: Type.Optional(Type.String({ enum: ['annual', 'initial'], default: 'annual', description: 'the annual certification of a period, or the initial certification' })),
    period: Type.Optional(
      Type.Integer({
        minimum: 1000,
        maximum: 9998,
        description: "annual only: the year whose anniversary starts the period; default the period now runs in. A period that has not started is refused.",
      }),
    ),
  },
  { additionalProperties: false },
);

export const CaseIdParams = Type.Object({ caseId: Type.String({ format: 'uuid' }) });
export const ProviderIdParams = Type.Object({ providerId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'the provider (this desk serves `provider`)' }) });

export const CertificationVersionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  kind: Type.String({ enum: ['assembled', 'filed'] }),
  sha256: Type.String(),
  missingParts: Type.Array(Type.String()),
  recordedAt: Type.String({ format: 'date-time' }),
  recordedBy: Type.String(),
  attestedBy: Type.Union([Type.String(), Type.Null()]),
  attestedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ScheduleSchema = Type.Object({
  providerId: Type.String(),
  scheduleId: Type.String(),
  anniversary: Type.Union([Type.String(), Type.Null()]),
  timeZone: Type.Union([Type.String(), Type.Null()]),
  paused: Type.Boolean(),
  note: Type.Union([Type.String(), Type.Null()]),
  nextActionTimes: Type.Array(Type.String({ format: 'date-time' })),
  recentActions: Type.Array(Type.Object({ scheduledAt: Type.String({ format: 'date-time' }), takenAt: Type.String({ format: 'date-time' }), workflowId: Type.String() })),
  actionsTaken: Type.Integer(),
});

export const PauseBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'why the Schedule is paused (kept on it, with who paused it)' }) },
  { additionalProperties: false },
);
