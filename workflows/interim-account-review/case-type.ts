// The interim account review case type: an interim, restricted account while verification continues.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, NoParams, PREPARING_ROLES, defineCaseType, reviewDecisions } from '../kit/index.js';

export const interimAccountReviewCase = defineCaseType({
  type: 'interim-account-review',
  title: 'Interim restricted account review',
  description:
    "An account opened with restrictions while verification continues; reviewed by the CIP policy's deadline, when the policy's default action applies if nobody decided.",
  subjectType: 'account',
  ruleSetObligations: ['interim-account-review'],
  statuses: ['interim-restricted', 'pending-approval', 'escalated', 'lifted', 'monitored', 'closed'],
  closedStatuses: ['lifted', 'monitored', 'closed'],
  listensTo: [],
  statusNotes: { 'pending-approval': 'a proposal awaits a reviewer; approve or reject it first' },
  decisions: {
    'lift-restrictions': {
      title: 'Lift the restrictions',
      description: 'Verification succeeded (every tracked party verified, no open discrepancy): the account opens without restrictions.',
      params: NoParams,
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['interim-restricted'],
    },
    monitor: {
      title: 'Keep under monitoring',
      description: 'Keep the account under additional monitoring.',
      params: NoParams,
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['interim-restricted'],
    },
    close: {
      title: 'Propose closing the account',
      description: "Propose to close the account; takes effect when a reviewer who is not the proposer approves it.",
      params: NoParams,
      requiresReason: true,
      fourEyes: true,
      roles: PREPARING_ROLES,
      allowedInStatuses: ['interim-restricted'],
    },
    ...reviewDecisions('pending-approval', {
      approve: { title: 'Approve the proposal', description: 'A reviewer (not the proposer) approves the proposed closure.' },
      reject: { title: 'Reject the proposal', description: 'A reviewer (not the proposer) rejects the proposed closure; the case returns to where it was.' },
    }),
    'corrective-measures': {
      title: 'Record corrective measures',
      description: 'Record corrective measures taken (unverifiable or compromised information).',
      params: DecisionParams({ measures: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'the measures taken' }) }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['interim-restricted', 'pending-approval'],
    },
  },
});
