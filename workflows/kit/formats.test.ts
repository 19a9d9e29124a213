// The decision check knows the string formats the case types declare: a format it did not know
// would refuse every value, and one it checked loosely would let a day the calendar does not
// have into a workflow.
import { Type, type TSchema } from '@sinclair/typebox';
import { ApplicationFailure } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { CASE_TYPES } from '../obligations.js';
import { DECIDING_ROLES } from './actors.js';
import { DecisionParams, defineCaseType } from './case-type.js';
import { checkDecisionRequest } from './decisions.js';
import { DECISION_FORMATS } from './formats.js';

function formatsIn(schema: unknown, found = new Set<string>()): Set<string> {
  if (schema && typeof schema === 'object') {
    const node = schema as Record<string, unknown>;
    if (typeof node.format === 'string') found.add(node.format);
    for (const value of Object.values(node)) formatsIn(value, found);
  }
  return found;
}

/** A case type with one decision taking one parameter of the schema given. */
function caseTypeTaking(param: TSchema) {
  return defineCaseType({
    type: 'format-example',
    title: 'Format example',
    description: 'x',
    subjectType: 'provider',
    ruleSetObligations: [],
    statuses: ['open', 'done'],
    closedStatuses: ['done'],
    listensTo: [],
    decisions: { settle: { title: 'Settle', description: 'x', params: DecisionParams({ value: param }), requiresReason: false, fourEyes: false, roles: DECIDING_ROLES, allowedInStatuses: ['open'] } },
  });
}

/** The refusal of a decision whose parameter is `value`, or undefined when it is accepted. */
function refusalOf(format: string, value: string) {
  try {
    checkDecisionRequest(caseTypeTaking(Type.String({ format })), { decision: 'settle', params: { value }, actor: { subject: 'hana.handler', role: 'case_handler' } });
    return undefined;
  } catch (err) {
    if (!(err instanceof ApplicationFailure)) throw err;
    return err.details?.[0];
  }
}

const VALUES: Record<string, { accepted: string[]; refused: string[] }> = {
  'date-time': {
    accepted: ['2026-11-28T10:00:00Z', '2026-11-28T10:00:00.123Z', '2024-02-29T23:59:59+05:30', '2026-11-28t10:00:00z', '2026-12-31T00:00:00-08:00'],
    refused: ['2026-02-30T10:00:00Z', '2025-02-29T10:00:00Z', '2026-11-28T24:00:00Z', '2026-11-28T10:60:00Z', '2026-11-28T10:00:00', '2026-11-28', '2026-11-28T10:00:00+25:00', 'yesterday', ''],
  },
  date: {
    accepted: ['2026-11-28', '2024-02-29', '2000-02-29', '2026-12-31'],
    refused: ['2026-02-30', '1900-02-29', '2026-13-01', '2026-00-10', '2026-11-28T10:00:00Z', '28/11/2026', ''],
  },
  uuid: {
    accepted: ['0b6f4c9e-6a8e-4a8e-9a57-2f1f0c3c1d11', '0B6F4C9E-6A8E-4A8E-9A57-2F1F0C3C1D11'],
    refused: ['urn:uuid:0b6f4c9e-6a8e-4a8e-9a57-2f1f0c3c1d11', '0b6f4c9e6a8e4a8e9a572f1f0c3c1d11', '0b6f4c9e-6a8e-4a8e-9a57-2f1f0c3c1d1', 'not-a-uuid', ''],
  },
};

describe('the formats of decision parameters', () => {
  it('checks every format a case type declares in its decisions', () => {
    const declared = new Set(CASE_TYPES.flatMap((caseType) => Object.values(caseType.decisions).flatMap((decision) => [...formatsIn(decision.params)])));
    expect(declared.size).toBeGreaterThan(0);
    for (const format of declared) expect(Object.keys(DECISION_FORMATS), `format ${format}`).toContain(format);
  });

  it('has values accepted and refused pinned for every format it checks', () => {
    expect(Object.keys(VALUES).sort()).toEqual(Object.keys(DECISION_FORMATS).sort());
  });

  for (const [format, { accepted, refused }] of Object.entries(VALUES)) {
    it(`accepts a ${format} the calendar and the format allow, and refuses the rest naming the parameter`, () => {
      for (const value of accepted) expect(refusalOf(format, value), value).toBeUndefined();
      for (const value of refused) {
        expect(refusalOf(format, value), value).toEqual({ field: 'params.value', message: `must be ${DECISION_FORMATS[format]!.description}` });
      }
    });
  }
});
