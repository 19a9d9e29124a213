// Segregation of duties, the one policy: who may propose, who may approve, and which token sets
// would let one person do both.
import { describe, expect, it } from 'vitest';
import { OBLIGATIONS } from '../obligations.js';
import { DECIDING_ROLES, REVIEWING_ROLES } from './actors.js';
import { checkDecisionRequest } from './decisions.js';
import { defineCaseType, NoParams } from './case-type.js';
import { PREPARING_ROLES, secondPersonRefusal, subjectsWithBothDuties } from './duties.js';

describe('segregation of duties', () => {
  it('lets only a reviewer who is not the proposer be the second person', () => {
    const proposal = { decision: 'close', proposedBy: 'hana.handler' };
    expect(secondPersonRefusal(proposal, { subject: 'rita.reviewer', role: 'reviewer' })).toBeUndefined();
    expect(secondPersonRefusal(proposal, { subject: 'henrik.handler', role: 'case_handler' })).toMatch(/role case_handler may not approve or reject a proposal; allowed: reviewer \(segregation of duties/);
    expect(secondPersonRefusal(proposal, { subject: 'ada.admin', role: 'admin' })).toMatch(/role admin may not approve/);
    expect(secondPersonRefusal({ decision: 'close', proposedBy: 'rita.reviewer' }, { subject: 'rita.reviewer', role: 'reviewer' })).toMatch(/rita\.reviewer proposed this close; a second person must review it/);
  });

  it('keeps reviewers out of every four-eyes proposal of every case type, and its approval to reviewers', () => {
    for (const { caseType } of Object.values(OBLIGATIONS)) {
      for (const [name, decision] of Object.entries(caseType.decisions)) {
        if (decision.fourEyes) expect(decision.roles, `${caseType.type}.${name}`).not.toContain('reviewer');
        if (name === 'approve' || name === 'reject') expect(decision.roles, `${caseType.type}.${name}`).toEqual(REVIEWING_ROLES);
      }
    }
  });

  it('refuses to declare a case type whose proposal a reviewer could make', () => {
    const declare = (roles: typeof DECIDING_ROLES | typeof PREPARING_ROLES) =>
      defineCaseType({
        type: 'example',
        title: 'Example',
        description: 'x',
        subjectType: 'provider',
        ruleSetObligations: [],
        statuses: ['open', 'pending-approval', 'dropped'],
        closedStatuses: ['dropped'],
        listensTo: [],
        decisions: { drop: { title: 'Drop', description: 'x', params: NoParams, requiresReason: true, fourEyes: true, roles, allowedInStatuses: ['open'] } },
      });
    expect(() => declare(DECIDING_ROLES)).toThrow(/example: four-eyes proposal drop admits reviewer; a reviewer never proposes what reviewers approve/);
    expect(() => declare(PREPARING_ROLES)).not.toThrow();
  });

  it('finds a person holding a token to prepare and one to approve', () => {
    expect(
      subjectsWithBothDuties([
        { subject: 'alice', role: 'case_handler' },
        { subject: 'alice', role: 'reviewer' },
        { subject: 'bob', role: 'admin' },
        { subject: 'bob', role: 'legal' },
        { subject: 'carol', role: 'reviewer' },
        { subject: 'dave', role: 'admin' },
        { subject: 'dave', role: 'reviewer' },
      ]),
    ).toEqual(['alice', 'dave']);
  });

  it('refuses a role the decision does not admit in a sentence a lawyer can read in the case history', () => {
    const refusal = (() => {
      try {
        checkDecisionRequest(OBLIGATIONS['reseller-termination'].caseType, { decision: 'approve', actor: { subject: 'ada.admin', role: 'admin' } });
      } catch (err) {
        return (err as Error).message;
      }
      return undefined;
    })();
    expect(refusal).toMatch(/^role admin may not approve a case of type reseller-termination; allowed: reviewer \(segregation of duties/);
  });
});
