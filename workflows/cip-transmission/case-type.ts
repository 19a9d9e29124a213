// The CIP transmission case type: Commerce asked for the provider's or a foreign reseller's CIP.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, NoParams, defineCaseType } from '../kit/index.js';

const OPEN = ['awaiting-transmission', 'overdue'] as const;
/** A reseller's CIP not on file yet: the case waits for the reseller (its internal deadline ahead of the legal one). */
const AWAITING_RESELLER = ['awaiting-reseller-cip', 'reseller-cip-overdue'] as const;

export const cipTransmissionCase = defineCaseType({
  type: 'cip-transmission',
  title: 'CIP transmission to Commerce',
  description: "Commerce requested the provider's or a foreign reseller's CIP; it must be transmitted within the rule set's period after the request was received.",
  subjectType: 'provider-cip | foreign-reseller',
  ruleSetObligations: ['cip-transmission'],
  statuses: ['awaiting-reseller-cip', 'reseller-cip-overdue', 'awaiting-transmission', 'overdue', 'transmitted', 'withdrawn'],
  closedStatuses: ['transmitted', 'withdrawn'],
  deadlineMet: { event: 'cip.transmitted', metAtField: 'transmittedAt' },
  listensTo: ['reseller-cip-recorded', 'provider-cip-recorded', 'reseller-status-changed'],
  statusNotes: {
    'awaiting-reseller-cip': "the reseller's current CIP is not on file yet; upload it under /v1/resellers/{id}/cip-documents",
    'reseller-cip-overdue': "the reseller's current CIP is not on file yet; upload it under /v1/resellers/{id}/cip-documents",
  },
  decisions: {
    transmit: {
      title: 'Record the transmission',
      description: 'The CIP was transmitted to Commerce; closes the case, on time or late.',
      params: DecisionParams({
        cipVersion: Type.String({
          minLength: 1,
          maxLength: 100,
          pattern: '\\S',
          description: 'the version number of the CIP on file that was transmitted (GET …/cip-documents); its document and SHA-256 are recorded with the transmission',
        }),
        transmissionReference: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Commerce's acknowledgement reference" })),
        transmittedAt: Type.Optional(
          Type.String({ format: 'date-time', description: 'when it was transmitted (default: now); not in the future, not before the request' }),
        ),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: OPEN,
    },
    withdraw: {
      title: 'Request withdrawn',
      description: 'Commerce withdrew the request; closes the case.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: [...OPEN, ...AWAITING_RESELLER],
    },
  },
});
