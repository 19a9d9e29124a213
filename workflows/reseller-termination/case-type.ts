// The reseller oversight and termination case type: evidence that a foreign reseller failed to
// keep or implement a CIP, from the issues identified to it, through the provider's
// determination, to termination (four-eyes) or reinstatement.
import { Type } from '@sinclair/typebox';
import { DECIDING_ROLES, DecisionParams, NoParams, PREPARING_ROLES, defineCaseType, reviewDecisions } from '../kit/index.js';

const REVIEWING = ['under-review', 'awaiting-cure'] as const;
const TERMINATING = ['terminating', 'termination-overdue'] as const;
const OPEN = [...REVIEWING, ...TERMINATING, 'termination-proposed'] as const;
const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description });

/** Why the provider determined that the relationship must end: the rule's two grounds. */
export const TERMINATION_GROUNDS = ['ignored-identified-issues', 'continuing-increases-risk'] as const;

export const resellerTerminationCase = defineCaseType({
  type: 'reseller-termination',
  title: 'Foreign reseller oversight and termination',
  description:
    "Opened from evidence that a foreign reseller failed to keep or implement a CIP. The provider identifies the issues with a date to cure them, may report suspected malicious cyber-enabled activity to the authorities, and once it determines that the reseller ignored the issues or that continuing increases the risk, terminates the relationship within the rule set's period (four-eyes; the reseller's accounts are closed and their records retained) or reinstates the reseller before then.",
  subjectType: 'foreign-reseller',
  ruleSetObligations: ['reseller-termination'],
  statuses: ['under-review', 'awaiting-cure', 'terminating', 'termination-proposed', 'termination-overdue', 'terminated', 'reinstated', 'cured', 'dismissed'],
  closedStatuses: ['terminated', 'reinstated', 'cured', 'dismissed'],
  deadlineMet: { event: 'reseller.terminated' },
  listensTo: ['noncompliance-evidence-added', 'reseller-answered'],
  statusNotes: { 'termination-proposed': 'a termination awaits a reviewer; approve or reject it first' },
  decisions: {
    'identify-issues': {
      title: 'Identify the issues to the reseller',
      description: 'Tell the reseller what is wrong with its CIP or its implementation, and by when it may cure it. May be repeated (more issues, a new date).',
      params: DecisionParams({
        issues: Type.Array(Type.Object({ description: Text(4000, 'the issue, without personal data') }, { additionalProperties: false }), {
          minItems: 1,
          maxItems: 20,
          description: 'issues',
        }),
        cureBy: Type.String({ format: 'date-time', description: 'until when the reseller may cure the issues; in the future' }),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: REVIEWING,
    },
    'report-to-authorities': {
      title: 'Report to the authorities',
      description: 'Record a report of suspected or actual malicious cyber-enabled activity: to whom, when, and what was sent.',
      params: DecisionParams({
        recipient: Text(200, 'the authority, e.g. FBI IC3, CISA, BIS Office of Export Enforcement'),
        summary: Text(4000, 'what was sent, in words (no personal data)'),
        sentAt: Type.Optional(Type.String({ format: 'date-time', description: 'when it was sent (default: now); not in the future' })),
        reference: Type.Optional(Text(200, "the authority's reference")),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: OPEN,
    },
    'record-cure': {
      title: 'The issues were cured',
      description: 'The reseller cured the identified issues: the case ends and the reseller is active again.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: REVIEWING,
    },
    dismiss: {
      title: 'Dismiss',
      description: 'The evidence does not call for action: the case ends and the reseller is active again.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: REVIEWING,
    },
    determine: {
      title: "The provider's determination",
      description:
        "The reseller ignored the identified issues (after the cure date) or continuing the relationship increases the risk: the rule set's termination period starts now.",
      params: DecisionParams({ ground: Type.Union(TERMINATION_GROUNDS.map((g) => Type.Literal(g)), { description: 'the ground of the determination' }) }),
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: REVIEWING,
    },
    'propose-termination': {
      title: 'Propose the termination',
      description: "Propose to terminate the relationship; takes effect when a reviewer who is not the proposer approves it: the reseller's accounts are closed and record retention starts for each.",
      params: NoParams,
      requiresReason: true,
      fourEyes: true,
      roles: PREPARING_ROLES,
      allowedInStatuses: TERMINATING,
    },
    ...reviewDecisions('termination-proposed', {
      approve: { title: 'Approve the termination', description: 'A reviewer (not the proposer) approves the proposed termination.' },
      reject: { title: 'Reject the termination', description: 'A reviewer (not the proposer) rejects the proposed termination; the case returns to where it was.' },
    }),
    reinstate: {
      title: 'Reinstate the reseller',
      description: 'Keep the reseller after all, for a recorded reason: the case ends. Taken before the termination deadline or after it; a deadline already missed stays on record.',
      params: NoParams,
      requiresReason: true,
      fourEyes: false,
      roles: DECIDING_ROLES,
      allowedInStatuses: TERMINATING,
    },
  },
});
