// A special measure entered force and an existing customer or reseller matches its target: a
// handler reviews it. Whether the measure reaches an account already open is the rule set's
// question (NPRM-2024: it binds openings only); an application still pending is an opening, so
// the measure binds it. The review records the handler's judgement.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, defineCaseType } from '../kit/index.js';

export const IMPACT_REVIEW_OUTCOMES = ['not-a-match', 'no-action', 'conditions-applied', 'account-restricted', 'account-closed', 'relationship-terminated'] as const;

export const specialMeasureImpactReviewCase = defineCaseType({
  type: 'special-measure-impact-review',
  title: 'Special measure impact review',
  description:
    'A special measure in force matches an existing customer (or one of its beneficial owners) or a reseller, by jurisdiction, by a designated person\'s identifiers, or nearly by name: a handler decides what follows. For an application not yet opened the effect is the opening\'s (a prohibition refuses it, a conditions-measure sets its conditions as tasks), not the review of an account already open. When the measure is revoked or expires the review records it and stays open: the handler concludes it, with what was done while the measure bound.',
  subjectType: 'customer | reseller',
  ruleSetObligations: [],
  statuses: ['open', 'concluded'],
  closedStatuses: ['concluded'],
  // The measure's end (revoked or expired) reaches the review, whose handler still concludes it.
  listensTo: ['special-measure-ended-for-customer-review', 'special-measure-ended-for-reseller-review'],
  decisions: {
    conclude: {
      title: 'Conclude the review',
      description: 'Records what the handler found and did: not a match (a near name match of someone else), no action, conditions applied, account restricted or closed, relationship terminated.',
      params: DecisionParams({
        outcome: Type.Union(
          IMPACT_REVIEW_OUTCOMES.map((o) => Type.Literal(o)),
          { description: `what the review concluded: ${IMPACT_REVIEW_OUTCOMES.join(', ')}` },
        ),
      }),
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: ['open'],
    },
  },
});
