import { describe, expect, it } from 'vitest';
import { withCipPolicy } from './cip-policy.js';
import { CipPolicyOverrideError, RuleInputError, UnknownRuleSetError } from './errors.js';
import { CURRENT_RULE_SET_ID, getRuleSet, listRuleSets } from './rule-sets/index.js';
import { NPRM_2024 } from './rule-sets/nprm-2024.js';
import { CIP_POLICY_KEYS } from './rule-set.js';
import type { CipPolicyOverrides } from './cip-policy.js';

describe('rule-set registry', () => {
  it('has NPRM-2024 as the current rule set', () => {
    expect(CURRENT_RULE_SET_ID).toBe('NPRM-2024');
    expect(getRuleSet('NPRM-2024')).toBe(NPRM_2024);
    expect(listRuleSets().map((r) => r.id)).toEqual(['NPRM-2024']);
  });

  it('rejects an unknown id with a typed error', () => {
    expect(() => getRuleSet('FINAL-2099')).toThrow(UnknownRuleSetError);
    expect(() => getRuleSet('FINAL-2099')).toThrow(expect.objectContaining({ field: 'ruleSetId', code: 'rules.unknown_rule_set' }));
  });

  it('is deeply immutable', () => {
    expect(Object.isFrozen(NPRM_2024)).toBe(true);
    expect(Object.isFrozen(NPRM_2024.regulatory.periods.recordRetention.value)).toBe(true);
    expect(() => {
      (NPRM_2024.regulatory.periods.cipTransmission.value as { days: number }).days = 11;
    }).toThrow(TypeError);
    expect(NPRM_2024.regulatory.periods.cipTransmission.value).toEqual({ days: 10 });
  });

  it('carries the numbers of the regulation, each with an explanation and a citation', () => {
    const { periods } = NPRM_2024.regulatory;
    expect({
      cipTransmission: periods.cipTransmission.value,
      resellerTermination: periods.resellerTermination.value,
      aiReportProvider: periods.aiReportProvider.value,
      aiReportResellerToProvider: periods.aiReportResellerToProvider.value,
      aiReportProviderFilesReseller: periods.aiReportProviderFilesReseller.value,
      specialMeasurePhaseIn: periods.specialMeasurePhaseIn.value,
      specialMeasureDuration: periods.specialMeasureDuration.value,
      recordRetention: periods.recordRetention.value,
      cipCertification: periods.cipCertification.value,
      exemptionNotification: periods.exemptionNotification.value,
    }).toEqual({
      cipTransmission: { days: 10 },
      resellerTermination: { days: 30 },
      aiReportProvider: { days: 15 },
      aiReportResellerToProvider: { days: 15 },
      aiReportProviderFilesReseller: { days: 30 },
      specialMeasurePhaseIn: { days: 180 },
      specialMeasureDuration: { days: 365 },
      recordRetention: { years: 2 },
      cipCertification: { years: 1 },
      exemptionNotification: { years: 1 },
    });
    expect(NPRM_2024.regulatory.beneficialOwnershipThresholdPercent.value).toBe(25);
    expect(NPRM_2024.regulatory.aiTrainingCoverage.trainingOperations.value).toBe('1e26');
    expect(NPRM_2024.regulatory.aiTrainingCoverage.clusterNetworkingGbitPerSecond.value).toBe('100');
    expect(NPRM_2024.regulatory.aiTrainingCoverage.clusterPeakOperationsPerSecond.value).toBe('1e20');
    expect(NPRM_2024.regulatory.aiTrainingCoverage.clusterCoLocation.value).toBe('single-data-centre');
    for (const value of Object.values(periods)) {
      expect(value.citation).toMatch(/89 FR 5698 .*proposed 15 CFR 7\.3\d\d/);
      expect(value.explanation.length).toBeGreaterThan(40);
      expect(value.source).toBe('regulation');
    }
    for (const value of Object.values(NPRM_2024.regulatory.aiTrainingCoverage)) {
      expect(value.citation).toContain('Executive Order 14110 (Oct. 30, 2023), sec. 4.2(c)(iii)');
      expect(value.source).toBe('executive-order');
    }
    // The dual-use foundation model test (sec. 4.2(b)) and its biological-data prong are not in this rule set.
    expect(JSON.stringify(NPRM_2024.regulatory)).not.toMatch(/1e23|biologicalSequenceData/);
    for (const value of Object.values(NPRM_2024.cipPolicy)) {
      expect(value.source).toBe('cip-policy-default');
      expect(value.citation).toContain('not set by the regulation');
    }
  });
});

describe('withCipPolicy', () => {
  it('overrides CIP policy values only, keeps the rule-set id, and records what changed', () => {
    const custom = withCipPolicy(NPRM_2024, { interimAccountReviewPeriod: { days: 45 }, reminderOffsetsDays: [1, 7, 7] }, { policyReference: 'CIP v3' });
    expect(custom.id).toBe('NPRM-2024');
    expect(custom.cipPolicy.interimAccountReviewPeriod.value).toEqual({ days: 45 });
    expect(custom.cipPolicy.interimAccountReviewPeriod.source).toBe('cip-policy-override');
    expect(custom.cipPolicy.interimAccountReviewPeriod.explanation).toContain('Provider policy (CIP v3): 45 calendar days, overriding the NPRM-2024 default of 30 calendar days');
    expect(custom.cipPolicy.reminderOffsetsDays.value).toEqual([7, 1]);
    expect(custom.cipPolicyOverrides).toEqual(['interimAccountReviewPeriod', 'reminderOffsetsDays']);
    expect(custom.regulatory).toBe(NPRM_2024.regulatory);
    expect(Object.isFrozen(custom.cipPolicy)).toBe(true);
    // the published rule set is untouched
    expect(NPRM_2024.cipPolicy.interimAccountReviewPeriod.value).toEqual({ days: 30 });
    expect(NPRM_2024.cipPolicyOverrides).toEqual([]);
  });

  it.each([
    ['recordRetention', { years: 1 }, 'regulatory-key'],
    ['cipTransmission', { days: 20 }, 'regulatory-key'],
    ['beneficialOwnershipThresholdPercent', 50, 'regulatory-key'],
    ['record-retention', { years: 1 }, 'regulatory-key'],
    ['coffeeBreakPeriod', { days: 1 }, 'unknown-key'],
    ['interimAccountReviewPeriod', { days: 0 }, 'invalid-value'],
    ['interimAccountReviewPeriod', { days: 1.5 }, 'invalid-value'],
    ['interimAccountReviewPeriod', { days: 10, years: 1 }, 'invalid-value'],
    ['interimAccountDefaultAction', 'delete-everything', 'invalid-value'],
    ['reminderOffsetsDays', [], 'invalid-value'],
    ['reminderOffsetsDays', [3, -1], 'invalid-value'],
    ['aiTrainingCoverage', { trainingOperations: '1e23' }, 'regulatory-key'],
    ['trainingOperations', '1e23', 'regulatory-key'],
    ['clusterPeakOperationsPerSecond', '1e18', 'regulatory-key'],
    ['aiReportOwnRecordsMargin', { months: 1 }, 'invalid-value'],
  ])('rejects %s = %j (%s)', (key, value, reason) => {
    const run = () => withCipPolicy(NPRM_2024, { [key]: value } as unknown as CipPolicyOverrides);
    expect(run).toThrow(CipPolicyOverrideError);
    expect(run).toThrow(RuleInputError);
    expect(run).toThrow(expect.objectContaining({ key, field: key, reason, code: 'rules.cip_policy_override_rejected' }));
  });
});

describe('withCipPolicy: what each override says', () => {
  it('explains each kind of value in words, citing the provider policy by its reference', () => {
    const custom = withCipPolicy(NPRM_2024, {
      interimAccountDefaultAction: 'keep-under-additional-monitoring',
      reminderOffsetsDays: [1, 14, 3, 14],
      periodicReverificationPeriod: { years: 2 },
      deficiencyRemediationPeriod: { months: 1 },
      aiReportOwnRecordsMargin: { days: 1 },
    });
    const reference = "the provider's written CIP";
    expect(custom.cipPolicy.interimAccountDefaultAction).toEqual({
      value: 'keep-under-additional-monitoring',
      explanation: `Provider policy (${reference}): "keep-under-additional-monitoring", overriding the NPRM-2024 default of "close". This is the provider's choice, not a regulatory number.`,
      citation: `Provider CIP policy (${reference})`,
      source: 'cip-policy-override',
    });
    expect(custom.cipPolicy.reminderOffsetsDays.value).toEqual([14, 3, 1]);
    expect(custom.cipPolicy.reminderOffsetsDays.explanation).toBe(
      `Provider policy (${reference}): 14, 3, 1 calendar days before the due date, overriding the NPRM-2024 default of 7, 3, 1 calendar days before the due date. This is the provider's choice, not a regulatory number.`,
    );
    expect(custom.cipPolicy.periodicReverificationPeriod.explanation).toBe(
      `Provider policy (${reference}): 2 years, overriding the NPRM-2024 default of 1 year. This is the provider's choice, not a regulatory number.`,
    );
    expect(custom.cipPolicy.deficiencyRemediationPeriod.explanation).toContain(': 1 calendar month, overriding the NPRM-2024 default of 90 calendar days.');
    expect(custom.cipPolicy.aiReportOwnRecordsMargin).toMatchObject({ value: { days: 1 }, source: 'cip-policy-override' });
    expect(custom.cipPolicy.aiReportOwnRecordsMargin.explanation).toContain(': 1 calendar day, overriding the NPRM-2024 default of 10 calendar days.');
    // keys listed in the order of the policy, whatever the order given
    expect(custom.cipPolicyOverrides).toEqual(
      ['interimAccountDefaultAction', 'periodicReverificationPeriod', 'deficiencyRemediationPeriod', 'reminderOffsetsDays', 'aiReportOwnRecordsMargin'],
    );
    // values not overridden stay the rule set's own
    expect(custom.cipPolicy.interimAccountReviewPeriod).toBe(NPRM_2024.cipPolicy.interimAccountReviewPeriod);
  });

  it('says when it overrides an earlier provider value, and keeps both overrides on record', () => {
    const first = withCipPolicy(NPRM_2024, { interimAccountReviewPeriod: { days: 45 } }, { policyReference: 'CIP v3' });
    const second = withCipPolicy(first, { interimAccountReviewPeriod: { days: 60 }, irregularUpdatePeriod: { days: 14 } }, { policyReference: 'CIP v4' });
    expect(second.cipPolicy.interimAccountReviewPeriod.explanation).toBe(
      "Provider policy (CIP v4): 60 calendar days, overriding an earlier provider value of 45 calendar days. This is the provider's choice, not a regulatory number.",
    );
    expect(second.cipPolicy.interimAccountReviewPeriod.citation).toBe('Provider CIP policy (CIP v4)');
    expect(second.cipPolicyOverrides).toEqual(['interimAccountReviewPeriod', 'irregularUpdatePeriod']);
    const third = withCipPolicy(second, { resellerCipDeliveryPeriod: { days: 3 } });
    expect(third.cipPolicyOverrides).toEqual(['interimAccountReviewPeriod', 'irregularUpdatePeriod', 'resellerCipDeliveryPeriod']);
  });

  it('skips a key given as undefined, and changes nothing for no overrides', () => {
    const same = withCipPolicy(NPRM_2024, { interimAccountReviewPeriod: undefined });
    expect(same.cipPolicyOverrides).toEqual([]);
    expect(same.cipPolicy).toEqual(NPRM_2024.cipPolicy);
    expect(withCipPolicy(NPRM_2024, {}).cipPolicy).toEqual(NPRM_2024.cipPolicy);
  });

  it.each<[string, unknown, string]>([
    ['interimAccountDefaultAction', 'delete-everything', 'must be one of close, keep-under-additional-monitoring'],
    ['reminderOffsetsDays', 7, 'must be a non-empty list of positive whole numbers of days'],
    ['reminderOffsetsDays', [3, 0], 'must be a non-empty list of positive whole numbers of days'],
    ['reminderOffsetsDays', [3, 1.5], 'must be a non-empty list of positive whole numbers of days'],
    ['reminderOffsetsDays', ['3'], 'must be a non-empty list of positive whole numbers of days'],
    ['aiReportOwnRecordsMargin', { years: 1 }, 'must be a period in days: { days }'],
    ['aiReportOwnRecordsMargin', { days: 0 }, 'days must be a positive whole number'],
    ['interimAccountReviewPeriod', 30, 'must be a period: { days }, { months } or { years }'],
    ['interimAccountReviewPeriod', { weeks: 2 }, 'must have exactly one of days, months or years'],
  ])('refuses %s = %j with a message naming what is allowed', (key, value, message) => {
    const run = () => withCipPolicy(NPRM_2024, { [key]: value } as unknown as CipPolicyOverrides);
    expect(run).toThrow(expect.objectContaining({ key, reason: 'invalid-value', message: `${key}: ${message}` }));
  });

  it('accepts the smallest reminder offset of one day', () => {
    expect(withCipPolicy(NPRM_2024, { reminderOffsetsDays: [1] }).cipPolicy.reminderOffsetsDays.value).toEqual([1]);
  });

  it('names the rule set a regulatory key belongs to, and lists the overridable keys for an unknown one', () => {
    expect(() => withCipPolicy(NPRM_2024, { recordRetention: { years: 1 } } as unknown as CipPolicyOverrides)).toThrow(
      'recordRetention: "recordRetention" is fixed by the regulation in rule set NPRM-2024; a provider cannot override it',
    );
    expect(() => withCipPolicy(NPRM_2024, { coffeeBreakPeriod: { days: 1 } } as unknown as CipPolicyOverrides)).toThrow(
      `coffeeBreakPeriod: "coffeeBreakPeriod" is not a CIP policy value; overridable keys: ${CIP_POLICY_KEYS.join(', ')}`,
    );
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a list', [{ interimAccountReviewPeriod: { days: 45 } }]],
    ['a string', 'interimAccountReviewPeriod=45'],
  ])('refuses overrides given as %s', (_name, overrides) => {
    expect(() => withCipPolicy(NPRM_2024, overrides as CipPolicyOverrides)).toThrow(
      expect.objectContaining({ field: 'overrides', reason: 'invalid-value', message: 'overrides: must be an object of CIP policy values' }),
    );
  });
});

describe('withCipPolicy: every number the regulation or the rule set fixes', () => {
  it.each([
    'cipTransmission', 'resellerTermination', 'aiReportProvider', 'aiReportResellerToProvider', 'aiReportProviderFilesReseller',
    'specialMeasurePhaseIn', 'specialMeasureDuration', 'recordRetention', 'cipCertification',
    'cip-transmission', 'interim-account-review',
    'beneficialOwnershipThresholdPercent', 'aiTrainingCoverage', 'aiTrainingReportContents', 'trainingOperations', 'clusterCoLocation',
    'clusterNetworkingGbitPerSecond', 'clusterPeakOperationsPerSecond', 'resellerLateKnowledge', 'specialMeasureExtension',
    'specialMeasureInForce', 'specialMeasureReach', 'specialMeasureNameMatch', 'nearMatchSimilarity', 'dayCounting',
    'weekendAndHolidayRoll', 'monthEnd', 'endOfDay', 'regulatory', 'interpretations', 'calendar', 'obligations', 'id', 'effectiveDate',
  ])('refuses %s as fixed by the regulation, not as unknown', (key) => {
    expect(() => withCipPolicy(NPRM_2024, { [key]: { days: 1 } } as unknown as CipPolicyOverrides)).toThrow(
      expect.objectContaining({ key, reason: 'regulatory-key' }),
    );
  });
});
