import { describe, expect, it } from 'vitest';
import { CipPolicyOverrideError, NPRM_2024, RuleInputError, UnknownRuleSetError, computeDeadline } from '../../rules/index.js';
import { AppError } from '../errors.js';
import { problemFrom } from './errors.js';

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('problemFrom: RuleInputError from rules/ is a 400 naming the body field', () => {
  it.each([
    ['a top-level input', 'knowledgeAt', 'body.knowledgeAt'],
    ['an indexed input, spelled as Ajv spells body fields', 'extensions[1].publishedAt', 'body.extensions.1.publishedAt'],
    ['a field that already names its location', 'querystring.timeZone', 'querystring.timeZone'],
    ['a field under params', 'params.id', 'params.id'],
  ])('%s', (_name, field, expected) => {
    const problem = problemFrom(new RuleInputError(field, 'is wrong'), '/v1/deadlines/compute');
    expect(problem).toEqual({
      type: 'https://cipdesk.dev/problems/rules.invalid_input',
      title: 'Bad Request',
      status: 400,
      detail: `${expected}: is wrong`,
      instance: '/v1/deadlines/compute',
      code: 'rules.invalid_input',
      errors: [{ field: expected, message: 'is wrong' }],
    });
  });

  it('keeps the code of a RuleInputError subclass', () => {
    expect(problemFrom(new UnknownRuleSetError('FINAL-2099', ['NPRM-2024']), '/x')).toMatchObject({
      status: 400,
      code: 'rules.unknown_rule_set',
      errors: [{ field: 'body.ruleSetId', message: 'unknown rule set "FINAL-2099"; known rule sets: NPRM-2024' }],
    });
    expect(problemFrom(new CipPolicyOverrideError('recordRetention', 'regulatory-key', 'is fixed by the regulation'), '/x')).toMatchObject({
      status: 400,
      code: 'rules.cip_policy_override_rejected',
      errors: [{ field: 'body.recordRetention', message: 'is fixed by the regulation' }],
    });
  });

  it('maps what computeDeadline really throws', () => {
    const error = thrown(() =>
      computeDeadline({ obligation: 'cip-transmission', ruleSet: NPRM_2024, startedAt: new Date('2026-01-05T12:00:00Z'), timeZone: 'Mars/Olympus_Mons' }),
    );
    const problem = problemFrom(error, '/v1/deadlines/compute');
    expect(problem.status).toBe(400);
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors?.[0]?.field).toBe('body.timeZone');
    expect(problem.errors?.[0]?.message).not.toMatch(/^timeZone:/);
    expect(problem.detail).toMatch(/^body\.timeZone: .*Mars\/Olympus_Mons/);
  });

  it('leaves AppError and unknown errors as they were', () => {
    expect(problemFrom(new AppError('case.not_found', 404, 'case x does not exist'), '/x')).toMatchObject({ status: 404, code: 'case.not_found' });
    expect(problemFrom(new Error('secret detail'), '/x')).toMatchObject({ status: 500, code: 'internal', detail: 'An internal error occurred; it has been logged.' });
  });
});

describe('problemFrom: unreachable dependencies', () => {
  it('answers 503 for a refused connection, also when wrapped as a cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(problemFrom(refused, '/v1/cases')).toMatchObject({ status: 503, code: 'dependency.unavailable' });
    const wrapped = new Error('Failed query: select ...', { cause: refused });
    expect(problemFrom(wrapped, '/v1/cases')).toMatchObject({ status: 503, code: 'dependency.unavailable' });
    expect(problemFrom(new Error('boom'), '/v1/cases')).toMatchObject({ status: 500, code: 'internal' });
  });

  it('answers 503 for a write to a connection the database closed as it went down (EPIPE)', () => {
    const closed = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });
    expect(problemFrom(closed, '/v1/cip-transmission-requests')).toMatchObject({ status: 503, code: 'dependency.unavailable' });
  });
});
