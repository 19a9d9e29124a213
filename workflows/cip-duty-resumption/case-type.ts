// After an exemption's revocation, what it covered is back under the normal CIP duties: this
// case stays open until that is shown. For a lessee, its tracked parties verified again since
// the revocation; for a foreign reseller, a current written CIP on file (its customers are identified under it again);
// for the provider, its own CIP on file again: each arrives as a fact and settles the case. For
// an account type (or anything else) a handler confirms what was done. The rule sets no period
// for this, so the case has no deadline.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, defineCaseType } from '../kit/index.js';

export const cipDutyResumptionCase = defineCaseType({
  type: 'cip-duty-resumption',
  title: 'CIP duties resumed after a revoked exemption',
  description:
    "An exemption was revoked: the provider, account type, lessee or foreign reseller it covered is under the normal CIP duties again. Settled by the evidence arriving on its own (every party of the lessee the CIP tracks verified since the revocation; the reseller's or the provider's CIP on file and in effect) or by a handler confirming the measures taken.",
  subjectType: 'provider-cip | account-type | customer | foreign-reseller',
  ruleSetObligations: [],
  statuses: ['open', 'resumed'],
  closedStatuses: ['resumed'],
  listensTo: ['verification-recorded', 'reseller-cip-recorded', 'provider-cip-recorded'],
  decisions: {
    'confirm-resumed': {
      title: 'Confirm the CIP duties are resumed',
      description: "Records what the provider did to put the covered subject back under its CIP (identification started, the reseller's CIP requested and reviewed, the account type's customers scheduled for identification).",
      params: DecisionParams({
        measures: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'the measures taken, without personal data' }),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['open'],
    },
  },
});
