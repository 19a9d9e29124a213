// Special measures: request and response schemas. A measure is public (published in the
// Federal Register): its target's names and identifiers are not customer personal data.
import { PageQuery } from '../../schemas.js';
import { Type, type Static } from '@sinclair/typebox';
import { PERSON_IDENTIFIER_TYPES, SPECIAL_MEASURE_KINDS } from '../../../rules/index.js';
import { StringEnum } from '../rules/rules.schemas.js';
import { SPECIAL_MEASURE_STATUSES, SPECIAL_MEASURE_TARGET_TYPES } from '../../../db/schema/special-measures.js';

const Instant = Type.String({ format: 'date-time' });
const CalendarDay = (description: string) => Type.String({ format: 'date', description });
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });
const Citation = Text(300, 'Federal Register citation, e.g. "91 FR 12345 (Mar. 2, 2026)"');

export const PersonIdentifierSchema = Type.Object(
  { type: StringEnum(PERSON_IDENTIFIER_TYPES), value: Text(300) },
  { additionalProperties: false },
);

export const DesignatedPersonSchema = Type.Object(
  {
    name: Text(500, 'the name the measure designates'),
    aliases: Type.Optional(Type.Array(Text(500), { maxItems: 50, description: 'other names; only ever a near match, flagged for review' })),
    identifiers: Type.Optional(Type.Array(PersonIdentifierSchema, { maxItems: 50, description: 'what a customer record is matched by' })),
  },
  { additionalProperties: false },
);

// Takes the shape a measure is read back in too (type, and null for the absent one), so that a
// client can send back what it read.
export const TargetInput = Type.Object(
  {
    type: Type.Optional(StringEnum(SPECIAL_MEASURE_TARGET_TYPES, { description: 'optional; when given, it must agree with the one named' })),
    jurisdiction: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code of the designated jurisdiction' }), Type.Null()])),
    designatedPerson: Type.Optional(Type.Union([DesignatedPersonSchema, Type.Null()])),
  },
  { additionalProperties: false, description: 'exactly one of jurisdiction or designatedPerson (the other absent or null)' },
);

export const ExtensionInput = Type.Object(
  {
    federalRegisterCitation: Citation,
    publishedAt: Instant,
    newEndDate: Type.Optional(CalendarDay("the measure's new last day as published (provider's zone); absent: the rule set's duration from publication")),
  },
  { additionalProperties: false },
);

export const CreateSpecialMeasureBody = Type.Object(
  {
    target: TargetInput,
    kind: StringEnum(SPECIAL_MEASURE_KINDS, { description: 'prohibition, or conditions on opening an account' }),
    conditions: Type.Optional(Type.Array(Text(2000), { minItems: 1, maxItems: 50, description: 'required for kind conditions: each becomes a task on a matching case' })),
    issuedAt: Instant,
    federalRegisterCitation: Citation,
    expiresOn: Type.Optional(CalendarDay('the last day of effect, when the measure states one shorter than the rule set allows')),
    extensions: Type.Optional(Type.Array(ExtensionInput, { maxItems: 20, description: 'extensions already published (a measure recorded late)' })),
    notes: Type.Optional(Text(4000)),
  },
  { additionalProperties: false },
);
export type CreateSpecialMeasureBodyT = Static<typeof CreateSpecialMeasureBody>;

const Computed = Type.Object({
  dueAt: Instant,
  date: Type.String({ format: 'date' }),
  explanation: Type.Array(Type.String()),
});

export const SpecialMeasureSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    target: Type.Object({
      type: StringEnum(SPECIAL_MEASURE_TARGET_TYPES),
      jurisdiction: Type.Union([Type.String(), Type.Null()]),
      designatedPerson: Type.Union([DesignatedPersonSchema, Type.Null()]),
    }),
    kind: StringEnum(SPECIAL_MEASURE_KINDS),
    conditions: Type.Array(Type.String()),
    issuedAt: Instant,
    federalRegisterCitation: Type.String(),
    expiresOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    ruleSetId: Type.String(),
    timeZone: Type.String(),
    implementation: Type.Object({ ...Computed.properties }, { description: 'implementation required after this instant (end of the phase-in)' }),
    expiry: Type.Object({ ...Computed.properties }, { description: 'the end counting every recorded extension' }),
    extensions: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        federalRegisterCitation: Type.String(),
        publishedAt: Instant,
        newEndDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
        expiresAt: Instant,
        expiryDate: Type.String({ format: 'date' }),
        explanation: Type.Array(Type.String()),
        recordedBy: Type.String(),
      }),
    ),
    revocation: Type.Union([
      Type.Object({ revokedAt: Instant, federalRegisterCitation: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]), revokedBy: Type.Union([Type.String(), Type.Null()]) }),
      Type.Null(),
    ]),
    status: StringEnum(SPECIAL_MEASURE_STATUSES, { description: "the last state the measure's workflow recorded" }),
    now: Type.Object(
      { at: Instant, state: Type.String(), reasons: Type.Array(Type.String()) },
      { description: 'what rules/ say of the measure at the time of the request (not-issued, phase-in, in-force, expired, revoked)' },
    ),
    caseId: Type.String({ format: 'uuid' }),
    notes: Type.Union([Type.String(), Type.Null()]),
    createdAt: Instant,
    createdBy: Type.String(),
  },
  { description: 'a special measure with its computed dates' },
);

export const SpecialMeasureDetailSchema = Type.Object({
  ...SpecialMeasureSchema.properties,
  history: Type.Array(Type.Object({ status: Type.String(), occurredAt: Instant, actor: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) }), {
    description: 'every state the measure went through, oldest first',
  }),
});

export const ListSpecialMeasuresQuery = Type.Object(
  {
    targetType: Type.Optional(StringEnum(SPECIAL_MEASURE_TARGET_TYPES)),
    jurisdiction: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    kind: Type.Optional(StringEnum(SPECIAL_MEASURE_KINDS)),
    status: Type.Optional(StringEnum(SPECIAL_MEASURE_STATUSES)),
    federalRegisterCitation: Type.Optional(Text(300)),
    activeAt: Type.Optional(Type.String({ format: 'date-time', description: 'only measures in force at this instant (past their phase-in, not expired counting extensions published by then, not revoked)' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const SpecialMeasureIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
