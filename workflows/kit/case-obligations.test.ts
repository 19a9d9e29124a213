// Which rule-set clocks a case runs on: those of its case type, or, where the case decides (its
// route, its kind), only the ones the details its workflow records name. The case history shows
// these to legal, so a clock the case does not run on must never be among them.
import { describe, expect, it } from 'vitest';
import { aiTrainingReportCase } from '../ai-training-report/case-type.js';
import { cipCertificationCase } from '../cip-certification/case-type.js';
import { cipTransmissionCase } from '../cip-transmission/case-type.js';
import { CASE_TYPES } from '../obligations.js';
import { ruleSetObligationsOfCase } from './case-type.js';

describe('the rule-set obligations of one case', () => {
  it('are those of the AI-training report route the case is on', () => {
    expect(ruleSetObligationsOfCase(aiTrainingReportCase, { route: 'direct' })).toEqual(['ai-report-provider']);
    expect(ruleSetObligationsOfCase(aiTrainingReportCase, { route: 'through-reseller' })).toEqual(['ai-report-reseller-to-provider', 'ai-report-provider-files-reseller']);
  });

  it('are those of the certification kind the case is', () => {
    expect(ruleSetObligationsOfCase(cipCertificationCase, { kind: 'initial' })).toEqual(['cip-initial-certification']);
    expect(ruleSetObligationsOfCase(cipCertificationCase, { kind: 'annual' })).toEqual(['cip-certification']);
  });

  it("are all the case type's until the details say, and for a case type that does not choose", () => {
    expect(ruleSetObligationsOfCase(aiTrainingReportCase, {})).toEqual(aiTrainingReportCase.ruleSetObligations);
    expect(ruleSetObligationsOfCase(cipCertificationCase, { kind: 'something else' })).toEqual(cipCertificationCase.ruleSetObligations);
    expect(ruleSetObligationsOfCase(cipTransmissionCase, { route: 'direct', kind: 'initial' })).toEqual(['cip-transmission']);
  });

  it("are never a clock outside the case type's own list", () => {
    const details = [{}, { route: 'direct' }, { route: 'through-reseller' }, { kind: 'initial' }, { kind: 'annual' }];
    for (const caseType of CASE_TYPES) {
      for (const d of details) {
        for (const obligation of ruleSetObligationsOfCase(caseType, d)) expect(caseType.ruleSetObligations, `${caseType.type} ${JSON.stringify(d)}`).toContain(obligation);
      }
    }
  });
});
