// The CIP certification case type: the initial certification, then one per annual period
// (started by the provider's Temporal Schedule or by a scheduler). The certification is
// assembled from what the desk records; a part nothing records becomes a task the case waits
// for; the CIP contact attests it and a reviewer who is someone else approves it, which files it.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, NoParams, PROPOSING_ROLES, defineCaseType, reviewDecisions } from '../kit/index.js';

const ASSEMBLING = ['awaiting-parts', 'ready-for-attestation'] as const;

export const cipCertificationCase = defineCaseType({
  type: 'cip-certification',
  title: 'CIP certification (initial and annual)',
  description:
    'The provider certifies that its CIP is adequate, for itself and for each foreign reseller: an initial certification, then one per annual period ' +
    "from the provider's certification anniversary, due by the rule set's period. It is assembled from the records (procedures, CIP contact, foreign " +
    'customers and beneficial owners by country, foreign resellers and their CIPs, unverified foreign accounts); the CIP contact attests it and a reviewer approves it.',
  subjectType: 'provider-cip',
  ruleSetObligations: ['cip-certification', 'cip-initial-certification'],
  ruleSetObligationsOfCase: (details) =>
    details['kind'] === 'initial' ? ['cip-initial-certification'] : details['kind'] === 'annual' ? ['cip-certification'] : undefined,
  statuses: ['awaiting-parts', 'ready-for-attestation', 'awaiting-review', 'filed'],
  closedStatuses: ['filed'],
  deadlineMet: { event: 'certification.filed' },
  listensTo: ['provider-settings-recorded', 'provider-cip-recorded', 'provider-reseller-cip-recorded'],
  statusNotes: {
    'awaiting-parts':
      'parts of the certification are missing (details.tasks): record them (a recorded CIP or setting closes its part by itself) or supply a statement (supply-part)',
    'awaiting-review': 'the CIP contact attested it; a reviewer who is someone else approves or rejects it',
  },
  decisions: {
    'supply-part': {
      title: 'Supply a missing part',
      description:
        "A statement for a missing procedure or a reseller's part (e.g. the reseller adopted the provider's CIP); the certification is assembled again. " +
        "The written CIP and the CIP contact come only from their records (the CIP documents, the provider's settings).",
      params: DecisionParams({
        part: Type.String({ minLength: 1, maxLength: 100, description: 'the part, as the task names it (details.tasks[].part)' }),
        statement: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'what the certification states for this part (no personal data)' }),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-parts'],
    },
    reassemble: {
      title: 'Assemble again from the records',
      description:
        "Reads the records again and writes a new assembled version: a CIP or a setting recorded through the API is assembled by itself; this is for what changed otherwise (customers, resellers' accounts).",
      params: NoParams,
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ASSEMBLING,
    },
    attest: {
      title: 'Attest the certification (CIP contact)',
      description:
        'The CIP contact attests the latest assembled version (params.assembledVersion) as adequate; a reviewer who is someone else must approve it before it is filed.',
      params: DecisionParams({
        assembledVersion: Type.Integer({ minimum: 1, description: 'the number of the assembled version attested (GET /v1/certifications/{caseId})' }),
      }),
      requiresReason: false,
      fourEyes: true,
      roles: PROPOSING_ROLES,
      allowedInStatuses: ['ready-for-attestation'],
    },
    ...reviewDecisions('awaiting-review', {
      approve: { title: 'Approve and file', description: 'A reviewer other than the CIP contact approves the attested version; it is filed as an immutable version.' },
      reject: { title: 'Send the attestation back', description: 'A reviewer other than the CIP contact sends it back (reason); the case is ready for attestation again.' },
    }),
  },
});
