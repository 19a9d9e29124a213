// The record retention case type: an ended account's identifying records, kept and then disposed of.
import { defineCaseType } from '../kit/index.js';

export const recordRetentionCase = defineCaseType({
  type: 'record-retention',
  title: 'Record retention',
  description:
    "An ended account's identifying records are kept for the rule set's period after the later of closure and last access, then disposed of unless a legal hold is on. Legal holds are set and released on the account, not decided here.",
  subjectType: 'account',
  ruleSetObligations: ['record-retention'],
  statuses: ['retaining', 'on-legal-hold', 'disposed'],
  closedStatuses: ['disposed'],
  listensTo: ['account-accessed', 'legal-hold-set', 'legal-hold-released'],
  decisions: {},
});
