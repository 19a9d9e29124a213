// The irregular-update case type: a significant change in business operations, corporate
// structure or CIP implementation, or a change of the CIP contact person (the provider's or a
// foreign reseller's), must be reported to Commerce within the rule set's period of the change.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, NoParams, PREPARING_ROLES, defineCaseType, reviewDecisions } from '../kit/index.js';

export const IRREGULAR_CHANGE_KINDS = ['business-operations', 'corporate-structure', 'cip-implementation', 'cip-contact'] as const;
export type IrregularChangeKind = (typeof IRREGULAR_CHANGE_KINDS)[number];

export const irregularUpdateCase = defineCaseType({
  type: 'irregular-update',
  title: 'Irregular update of the CIP certification',
  description:
    'A significant change in business operations, corporate structure or CIP implementation, or a change of the CIP contact person (the provider\'s or a foreign reseller\'s): ' +
    "the update is due within the rule set's period of the change; a handler prepares it, a reviewer who is someone else approves its submission.",
  subjectType: 'provider-cip | foreign-reseller',
  ruleSetObligations: ['irregular-update'],
  statuses: ['awaiting-update', 'awaiting-review', 'submitted', 'withdrawn'],
  closedStatuses: ['submitted', 'withdrawn'],
  deadlineMet: { event: 'irregular-update.submitted' },
  listensTo: [],
  decisions: {
    submit: {
      title: 'Propose the update for submission',
      description: 'The update as it goes to Commerce (params.summary, no personal data); a reviewer who is someone else approves it.',
      params: DecisionParams({
        summary: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'what the update tells Commerce' }),
        submissionReference: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Commerce's acknowledgement, when known" })),
      }),
      requiresReason: false,
      fourEyes: true,
      roles: PREPARING_ROLES,
      allowedInStatuses: ['awaiting-update'],
    },
    ...reviewDecisions('awaiting-review', {
      approve: { title: 'Approve the submission', description: 'A reviewer other than the proposer approves; the update is recorded as submitted, on time or late.' },
      reject: { title: 'Send the update back', description: 'A reviewer other than the proposer sends it back (reason).' },
    }),
    withdraw: {
      title: 'Not a reportable change',
      description: 'The change is found not to need an update (reason); closes the case.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-update'],
    },
  },
});
