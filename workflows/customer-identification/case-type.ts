// The customer identification case type: the CIP's outcomes for one prospective account.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, NoParams, PREPARING_ROLES, defineCaseType, reviewDecisions } from '../kit/index.js';

export const customerIdentificationCase = defineCaseType({
  type: 'customer-identification',
  title: 'Customer identification',
  description:
    'Classifies a prospective customer and its beneficial owners as U.S. or foreign; for a foreign one, verification and the CIP outcome: open, interim restricted account, monitoring, corrective measures, or refusal / closure (four-eyes).',
  subjectType: 'customer',
  ruleSetObligations: [],
  statuses: [
    'classifying',
    'needs-correction',
    'not-tracked',
    'prohibited',
    'awaiting-verification',
    'interim-restricted',
    'monitored',
    'pending-approval',
    'open',
    'refused',
    'closed',
  ],
  closedStatuses: ['not-tracked', 'prohibited', 'open', 'refused', 'closed'],
  listensTo: ['verification-recorded', 'beneficial-owner-added', 'customer-facts-changed', 'special-measure-applies', 'special-measure-ended'],
  statusNotes: {
    'interim-restricted': 'decide on the interim-account-review case',
    'pending-approval': 'a proposal awaits a reviewer; approve or reject it first',
  },
  decisions: {
    open: {
      title: 'Open the account',
      description: 'Every tracked party is verified and no discrepancy is open (checked against the verification records).',
      params: NoParams,
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-verification', 'monitored'],
    },
    'open-interim': {
      title: 'Open as an interim, restricted account',
      description: 'Open the account with restrictions while verification continues; an interim-account-review case follows it.',
      params: DecisionParams({
        restrictions: Type.Array(Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }), {
          minItems: 1,
          maxItems: 50,
          description: 'restriction(s): restricted permissions or enhanced monitoring',
        }),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-verification'],
    },
    monitor: {
      title: 'Keep under monitoring',
      description: 'Open the account under additional monitoring.',
      params: NoParams,
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-verification'],
    },
    'corrective-measures': {
      title: 'Record corrective measures',
      description: 'Record corrective measures taken (unverifiable or compromised information).',
      params: DecisionParams({ measures: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'the measures taken' }) }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-verification', 'monitored', 'interim-restricted', 'pending-approval', 'needs-correction'],
    },
    refuse: {
      title: 'Propose refusing the account',
      description: 'Propose not to open the account; takes effect when a reviewer who is not the proposer approves it.',
      params: NoParams,
      requiresReason: true,
      fourEyes: true,
      roles: PREPARING_ROLES,
      allowedInStatuses: ['awaiting-verification', 'needs-correction'],
    },
    close: {
      title: 'Propose closing the account',
      description: 'Propose to close a monitored account; takes effect when a reviewer who is not the proposer approves it.',
      params: NoParams,
      requiresReason: true,
      fourEyes: true,
      roles: PREPARING_ROLES,
      allowedInStatuses: ['monitored'],
    },
    ...reviewDecisions('pending-approval', {
      approve: { title: 'Approve the proposal', description: 'A reviewer (not the proposer) approves the pending refusal or closure.' },
      reject: { title: 'Reject the proposal', description: 'A reviewer (not the proposer) rejects the pending refusal or closure; the case returns to where it was.' },
    }),
  },
});
