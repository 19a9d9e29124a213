import { Type } from '@sinclair/typebox';
import { CIP_PROCEDURE_PARTS } from '../../../db/schema/certifications.js';
import { ClockInstant } from '../../schemas.js';

const Text = (description: string) => Type.String({ minLength: 1, maxLength: 8000, pattern: '\\S', description });

export const CipContactSchema = Type.Object(
  {
    subject: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
      description: "the person's API token subject: the desk knows them by it when they attest a certification",
    }),
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.String({ format: 'email', maxLength: 320 }),
    telephone: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false, description: 'the person responsible for the CIP (attests each certification)' },
);

const ProcedureDescriptions: Record<(typeof CIP_PROCEDURE_PARTS)[number], string> = {
  'identity-verification-mechanisms': 'mechanisms and tools used to verify identity',
  'ownership-change-procedures': 'procedures for customers to notify changes of beneficial ownership',
  'ongoing-verification': 'the process for ongoing verification',
  'malicious-activity-detection': 'tools used to detect malicious cyber-enabled activity',
  'reseller-cip-procedures': 'procedures requiring foreign resellers to keep and implement a CIP',
  'ai-training-identification': 'procedures for identifying foreign customers training large AI models',
};

export const CipProceduresSchema = Type.Object(
  Object.fromEntries(CIP_PROCEDURE_PARTS.map((p) => [p, Type.Optional(Text(ProcedureDescriptions[p]))])),
  { additionalProperties: false, description: "the CIP's procedures as the certification describes them (no personal data)" },
);

export const ProviderSettingsChangeBody = Type.Object(
  {
    certificationAnniversary: Type.Optional(
      Type.String({ pattern: '^\\d{2}-\\d{2}$', description: 'MM-DD: each annual certification period starts on it (not 02-29)', examples: ['03-15'] }),
    ),
    programStartedAt: Type.Optional(ClockInstant("when the provider's program under the rule set started: the initial certification's clock")),
    cipContact: Type.Optional(CipContactSchema),
    cipProcedures: Type.Optional(
      Type.Object(
        Object.fromEntries(CIP_PROCEDURE_PARTS.map((p) => [p, Type.Optional(Type.Union([Text(ProcedureDescriptions[p]), Type.Null()]))])),
        { additionalProperties: false, description: 'parts to replace; null clears a part' },
      ),
    ),
    changeReason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'why the settings change (shown on an irregular-update case it opens)' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ProviderSettingsSchema = Type.Object({
  providerId: Type.String(),
  certificationAnniversary: Type.Union([Type.String(), Type.Null()]),
  programStartedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  cipContact: Type.Union([CipContactSchema, Type.Null()]),
  cipProcedures: CipProceduresSchema,
  version: Type.Integer(),
  // Null until the settings are first recorded: an audit field never shows an invented time or person.
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'when the settings were last changed; null before they were first recorded' }),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'who last changed the settings; null before they were first recorded' }),
});
