// The special-measure case type: one case per measure the Secretary issues, from issuance
// through the phase-in, in force, to its expiry (moved by extensions) or its revocation.
import { Type } from '@sinclair/typebox';
import { DecisionParams, defineCaseType } from '../kit/index.js';

const LIVE = ['phase-in', 'in-force'] as const;
/** Determinations come from the Federal Register: legal records them (admins too). */
const RECORDERS = ['legal', 'admin'] as const;

export const specialMeasureCase = defineCaseType({
  type: 'special-measure',
  title: 'Special measure',
  description:
    "A special measure against a foreign jurisdiction or a designated foreign person: not binding during the rule set's phase-in after issuance, then in force until its expiry, which Federal Register extensions move; it may be revoked at any time. Entering force opens an impact review for every matching customer and reseller.",
  subjectType: 'special-measure',
  ruleSetObligations: ['special-measure-implementation', 'special-measure-expiry'],
  // The phase-in's end and the expiry are two clocks; the case's own due date is only the next one.
  deadlineOfCase: (details, obligation) => {
    const [dueKey, explanationKey] =
      obligation === 'special-measure-implementation' ? ['implementationDueAt', 'implementationExplanation'] : obligation === 'special-measure-expiry' ? ['expiresAt', 'expiryExplanation'] : [];
    if (!dueKey || !explanationKey) return undefined;
    const dueAt = details[dueKey];
    const explanation = details[explanationKey];
    return {
      dueAt: typeof dueAt === 'string' ? dueAt : null,
      explanation: Array.isArray(explanation) ? explanation.filter((line): line is string => typeof line === 'string') : [],
    };
  },
  // A revocation ends the measure at once: its expiry (and, in the phase-in, its implementation
  // date) no longer governs. The decision carries no effective date of its own (only the optional
  // citation), so the only instant on record is when it was recorded: said so, none invented.
  deadlinesSupersededBy: {
    'special-measure.revoked': ({ at, actor, data }) => {
      const citation = typeof data['federalRegisterCitation'] === 'string' ? data['federalRegisterCitation'] : null;
      return [
        `The measure was revoked (recorded ${at} by ${actor}; ${citation ? `Federal Register ${citation}` : 'no Federal Register citation recorded'}): from then on this deadline no longer governs the measure, which stopped binding when the revocation was recorded.`,
        'The revocation as recorded carries no effective date of its own (its decision takes only an optional Federal Register citation): the instant above is when it was recorded in cipdesk, not an effective date published by Commerce.',
      ];
    },
  },
  statuses: ['phase-in', 'in-force', 'expired', 'revoked'],
  closedStatuses: ['expired', 'revoked'],
  listensTo: [],
  decisions: {
    extend: {
      title: 'Record an extension',
      description: 'Commerce published an extension in the Federal Register: the expiry moves to its new end (or the rule set\'s duration from its publication when it states none).',
      params: DecisionParams({
        federalRegisterCitation: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Federal Register citation of the extension' }),
        publishedAt: Type.String({ format: 'date-time', description: 'when the extension was published; not in the future' }),
        newEndDate: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: "the measure's new last day as published (YYYY-MM-DD, provider's zone)" })),
      }),
      requiresReason: false,
      fourEyes: false,
      roles: RECORDERS,
      allowedInStatuses: LIVE,
    },
    revoke: {
      title: 'Record a revocation',
      description: 'The measure was revoked: it stops binding at once and the case closes.',
      params: DecisionParams({
        federalRegisterCitation: Type.Optional(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Federal Register citation of the revocation, if published' })),
      }),
      requiresReason: true,
      fourEyes: false,
      roles: RECORDERS,
      allowedInStatuses: LIVE,
    },
  },
});
