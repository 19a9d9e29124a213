// The decisions endpoint's documentation, read from the registry: for every case type, each
// decision's name, whether it needs a reason, and the JSON Schema of its parameters.
import type { TSchema } from '@sinclair/typebox';
import type { DecisionDefinition } from '../../../workflows/kit/case-type.js';
import { CASE_TYPES } from '../../../workflows/obligations.js';
import { jsonSchemaOf } from '../case-types/case-type-dto.js';

const REASON = { type: 'string', minLength: 1, maxLength: 4000, description: 'why; required by some decisions' };

export const DECISIONS_BY_CASE_TYPE = CASE_TYPES.map((t) => {
  const names = Object.keys(t.decisions);
  return `- ${t.type}: ${names.length ? names.join(', ') : '(none)'}`;
}).join('\n');

/**
 * The request body as OpenAPI shows it: one alternative per (case type, decision). Several case
 * types share decision names (approve, reject), so the alternatives are `anyOf`, each titled
 * with its case type; the case's own type says which applies.
 */
export const DecisionBodyByCaseType: TSchema = {
  anyOf: CASE_TYPES.flatMap((t) =>
    Object.entries<DecisionDefinition>(t.decisions).map(([name, d]) => ({
      title: `${t.type}: ${name}`,
      description: `${d.title}. ${d.description}${d.fourEyes ? ' (four-eyes: a reviewer who is not the proposer approves it)' : ''}`,
      type: 'object',
      properties: {
        decision: { type: 'string', const: name },
        reason: REASON,
        params: jsonSchemaOf(d.params),
      },
      required: d.requiresReason ? ['decision', 'reason'] : ['decision'],
      additionalProperties: false,
    })),
  ),
} as unknown as TSchema;
