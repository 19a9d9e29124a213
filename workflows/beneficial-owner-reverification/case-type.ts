// The re-verification case type: a customer's periodic re-verification and new beneficial owners.
import { DECIDING_ROLES, NoParams, defineCaseType } from '../kit/index.js';

export const beneficialOwnerReverificationCase = defineCaseType({
  type: 'beneficial-owner-reverification',
  title: 'Periodic re-verification',
  description:
    "A customer's information is re-verified on the CIP policy's period, and at once when a new beneficial owner is notified or a change of the recorded facts " +
      '(a correction, a stake change, a removal, a substantial-control determination) leaves a party the CIP tracks unverified; a new owner is classified like every party. ' +
      'One long-lived case per customer whose account is open, customers of whom nothing is tracked (all U.S. persons) included: their period has nothing to re-verify and rolls on by itself, and a foreign owner added or a fact corrected later makes the customer tracked here.',
  subjectType: 'customer',
  ruleSetObligations: ['periodic-reverification'],
  statuses: ['scheduled', 'reverification-due', 'stopped'],
  closedStatuses: ['stopped'],
  listensTo: ['beneficial-owner-added', 'account-closed', 'customer-facts-changed'],
  decisions: {
    're-verified': {
      title: 'Re-verification complete',
      description: 'Every tracked party is verified again (checked against the verification records); the next period starts now.',
      params: NoParams,
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['scheduled', 'reverification-due'],
    },
    stop: {
      title: 'Stop re-verification',
      description: 'The customer relationship ended; no more re-verification.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['scheduled', 'reverification-due'],
    },
  },
});
