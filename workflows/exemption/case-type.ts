// The exemption case type: the provider's application to the Secretary (for itself, an account
// type, a lessee, or a foreign reseller through the provider) on the strength of its Abuse of
// IaaS Products Deterrence Program; Commerce's decision as the desk records it; while the
// exemption stands, its annual notification to Commerce; and its revocation, which puts the
// covered subjects back under the normal CIP duties.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, PREPARING_ROLES, defineCaseType, reviewDecisions } from '../kit/index.js';

const STANDING = ['granted', 'notification-overdue'] as const;
const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description });
const Instant = (description: string) => Type.String({ format: 'date-time', description });

export const exemptionCase = defineCaseType({
  type: 'exemption',
  title: 'Exemption',
  description:
    "An application to the Secretary to exempt the provider, an account type, a lessee or a foreign reseller, resting on the provider's Abuse of IaaS Products Deterrence Program. Commerce's grant is recorded by one person and approved by a second; a denial or a withdrawal closes the case. While the exemption stands, the rule set's annual notification is due (reminders ahead of it; a missed notification is a breach that stays on the case). A revocation ends it at any time and opens a case to resume the normal CIP duties for what it covered.",
  subjectType: 'provider | account-type | customer | foreign-reseller',
  ruleSetObligations: ['exemption-notification'],
  statuses: ['awaiting-decision', 'grant-proposed', 'granted', 'notification-overdue', 'denied', 'withdrawn', 'revoked'],
  closedStatuses: ['denied', 'withdrawn', 'revoked'],
  listensTo: [],
  statusNotes: { 'grant-proposed': 'a recorded grant awaits a reviewer; approve or reject it first' },
  decisions: {
    'propose-grant': {
      title: "Record Commerce's grant",
      description:
        "Commerce granted the exemption: record its reference and when it was granted. Takes effect when a reviewer who is not the proposer approves it (a grant lifts CIP duties), and starts the annual notification clock from the grant.",
      params: DecisionParams({
        commerceReference: Text(200, "Commerce's reference of the grant"),
        grantedAt: Instant('when Commerce granted the exemption; not in the future, not before the application was submitted'),
      }),
      requiresReason: true,
      fourEyes: true,
      roles: PREPARING_ROLES,
      allowedInStatuses: ['awaiting-decision'],
    },
    ...reviewDecisions('grant-proposed', {
      approve: { title: 'Approve the recorded grant', description: 'A reviewer (not the proposer) confirms the grant: the exemption stands and its annual notification clock runs.' },
      reject: { title: 'Reject the recorded grant', description: 'A reviewer (not the proposer) rejects the recorded grant; the application awaits Commerce\'s decision again.' },
    }),
    'record-denial': {
      title: "Record Commerce's denial",
      description: 'Commerce denied the application: the case closes and the normal CIP duties continue unchanged.',
      params: DecisionParams({
        commerceReference: Type.Optional(Text(200, "Commerce's reference of the denial")),
        deniedAt: Type.Optional(Instant('when Commerce denied it; now when absent')),
      }),
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-decision'],
    },
    withdraw: {
      title: 'Withdraw the application',
      description: 'The provider withdraws its application before Commerce decides: the case closes.',
      params: DecisionParams({}),
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['awaiting-decision'],
    },
    'record-notification': {
      title: 'Record the annual notification',
      description:
        "The provider gave Commerce the exemption's annual notification: the next one is due a year after it. Also answers a missed notification (late, the breach stays on record).",
      params: DecisionParams({
        reference: Text(200, 'the notification\'s reference'),
        notifiedAt: Type.Optional(Instant('when the notification was given; not in the future; now when absent')),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: STANDING,
    },
    revoke: {
      title: 'Record the revocation',
      description:
        'The Secretary revoked the exemption (it may at any time): it ends at once, and a case opens to put what it covered back under the normal CIP duties.',
      params: DecisionParams({
        commerceReference: Type.Optional(Text(200, "Commerce's reference of the revocation")),
        revokedAt: Type.Optional(Instant('when Commerce revoked it; not in the future; now when absent')),
      }),
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: STANDING,
    },
  },
});
