import { describe, expect, it } from 'vitest';
import { aiTrainingReportSchedule, checkAiTrainingReportContents, type AiTrainingReportContents } from './ai-training-report.js';
import { withCipPolicy } from './cip-policy.js';
import { RuleInputError } from './errors.js';
import { NPRM_2024 } from './rule-sets/nprm-2024.js';

const zone = 'America/New_York';
// 2026-03-02 10:00 in New York (EST).
const transactionAt = new Date('2026-03-02T15:00:00Z');

describe('aiTrainingReportSchedule', () => {
  it("direct: the provider's filing is due 15 calendar days after the transaction", () => {
    const schedule = aiTrainingReportSchedule({ ruleSet: NPRM_2024, timeZone: zone, route: 'direct', transactionAt });
    expect(schedule.route).toBe('direct');
    expect(schedule.filing.obligation).toBe('ai-report-provider');
    expect(schedule.filing.dueDate).toBe('2026-03-17');
    expect(schedule.filing.dueAt.toISOString()).toBe('2026-03-18T03:59:59.999Z');
  });

  it('direct: a later knowledge date moves the clock', () => {
    const schedule = aiTrainingReportSchedule({
      ruleSet: NPRM_2024,
      timeZone: zone,
      route: 'direct',
      transactionAt,
      knowledgeAt: new Date('2026-03-10T12:00:00Z'),
    });
    expect(schedule.filing.dueDate).toBe('2026-03-25');
    expect(schedule.filing.flags).toContain('clock-started-at-knowledge');
  });

  it('through a reseller: reseller 15 days, provider 30 days from the transaction, own records with 10 days left', () => {
    const schedule = aiTrainingReportSchedule({ ruleSet: NPRM_2024, timeZone: zone, route: 'through-reseller', transactionAt });
    if (schedule.route !== 'through-reseller') throw new Error('expected the reseller route');
    expect(schedule.resellerReport.obligation).toBe('ai-report-reseller-to-provider');
    expect(schedule.resellerReport.dueDate).toBe('2026-03-17');
    expect(schedule.filing.obligation).toBe('ai-report-provider-files-reseller');
    expect(schedule.filing.dueDate).toBe('2026-04-01');
    // Days 22 March .. 1 April are the last ten days of the period.
    expect(schedule.ownRecordsFrom.date).toBe('2026-03-23');
    expect(schedule.ownRecordsFrom.at.toISOString()).toBe('2026-03-23T04:00:00.000Z');
    expect(schedule.ownRecordsFrom.margin).toEqual({ days: 10 });
    expect(schedule.ownRecordsFrom.explanation[0]).toContain('CIP policy margin: 10 calendar days');
    expect(schedule.ownRecordsFrom.explanation[1]).toContain('prepares the filing from its own records from 2026-03-23T04:00:00.000Z');
    expect(schedule.ownRecordsFrom.explanation).toHaveLength(2);
  });

  it("through a reseller that learned late: the provider's deadline does not move, and the explanation says why it does not wait", () => {
    const schedule = aiTrainingReportSchedule({
      ruleSet: NPRM_2024,
      timeZone: zone,
      route: 'through-reseller',
      transactionAt,
      knowledgeAt: new Date('2026-03-25T12:00:00Z'),
    });
    if (schedule.route !== 'through-reseller') throw new Error('expected the reseller route');
    expect(schedule.resellerReport.dueDate).toBe('2026-04-09');
    expect(schedule.filing.dueDate).toBe('2026-04-01');
    expect(schedule.filing.flags).toContain('reseller-deadline-after-provider-deadline');
    expect(schedule.ownRecordsFrom.explanation.at(-1)).toContain('does not extend the provider');
  });

  it("follows the provider's own margin, and a margin as long as the period means own records from the start", () => {
    const custom = withCipPolicy(NPRM_2024, { aiReportOwnRecordsMargin: { days: 5 } });
    const five = aiTrainingReportSchedule({ ruleSet: custom, timeZone: zone, route: 'through-reseller', transactionAt });
    if (five.route !== 'through-reseller') throw new Error('expected the reseller route');
    expect(five.ownRecordsFrom.date).toBe('2026-03-28');
    const whole = withCipPolicy(NPRM_2024, { aiReportOwnRecordsMargin: { days: 45 } });
    const all = aiTrainingReportSchedule({ ruleSet: whole, timeZone: zone, route: 'through-reseller', transactionAt });
    if (all.route !== 'through-reseller') throw new Error('expected the reseller route');
    expect(all.ownRecordsFrom.at).toEqual(transactionAt);
    expect(all.ownRecordsFrom.date).toBe('2026-03-02');
  });

  it('refuses an unknown route and a knowledge date before the transaction, naming the field', () => {
    expect(() => aiTrainingReportSchedule({ ruleSet: NPRM_2024, timeZone: zone, route: 'carrier-pigeon' as never, transactionAt })).toThrow(
      expect.objectContaining({ field: 'route' }),
    );
    expect(() =>
      aiTrainingReportSchedule({ ruleSet: NPRM_2024, timeZone: zone, route: 'direct', transactionAt, knowledgeAt: new Date('2026-03-01T00:00:00Z') }),
    ).toThrow(expect.objectContaining({ field: 'knowledgeAt' }));
  });
});

describe('checkAiTrainingReportContents', () => {
  const complete: AiTrainingReportContents = {
    contactInfoRef: 'party-contact-1',
    paymentInfoRef: 'payment-7',
    estimatedOperations: '3e26',
    operationsPeriod: { start: '2026-03-01T00:00:00Z', end: '2026-05-01T00:00:00Z' },
    modelName: 'Falcon-X',
    cybersecurityPractices: 'MFA for all administrators; weights encrypted at rest; access reviewed monthly',
  };

  it('a report with every required item is complete', () => {
    const result = checkAiTrainingReportContents(complete, NPRM_2024);
    expect(result).toMatchObject({ complete: true, missing: [] });
    expect(result.explanation[0]).toContain('proposed 15 CFR 7.308');
  });

  it.each<[Partial<AiTrainingReportContents>, string, string]>([
    [{ contactInfoRef: null }, 'foreign-person-contact', 'contactInfoRef is missing'],
    [{ paymentInfoRef: '  ' }, 'foreign-person-payment', 'paymentInfoRef is missing'],
    [{ estimatedOperations: 'lots' }, 'estimated-operations', 'estimatedOperations "lots" is not a decimal number'],
    [{ estimatedOperations: '-1' }, 'estimated-operations', 'estimatedOperations cannot be negative'],
    [{ operationsPeriod: { start: '2026-05-01T00:00:00Z', end: '2026-03-01T00:00:00Z' } }, 'operations-period', 'operationsPeriod ends before it starts'],
    [{ operationsPeriod: { start: 'soon', end: '2026-03-01T00:00:00Z' } }, 'operations-period', 'operationsPeriod must have a start and an end instant'],
    [{ modelName: undefined }, 'model-name', 'modelName is missing'],
    [{ cybersecurityPractices: '' }, 'cybersecurity-practices', 'cybersecurityPractices is missing'],
  ])('%j is not complete: %s', (change, item, reason) => {
    const result = checkAiTrainingReportContents({ ...complete, ...change }, NPRM_2024);
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual([{ item, field: expect.any(String), reason }]);
    expect(result.explanation[1]).toContain(`Not complete under rule set NPRM-2024: ${item}`);
  });

  it('names every missing item of an empty draft', () => {
    const result = checkAiTrainingReportContents({}, NPRM_2024);
    expect(result.missing.map((m) => m.item)).toEqual([...NPRM_2024.regulatory.aiTrainingReportContents.value]);
    expect(() => checkAiTrainingReportContents(null as never, NPRM_2024)).toThrow(RuleInputError);
  });
});

describe('what the AI-report schedule and completeness check say', () => {
  const through = (ruleSet = NPRM_2024, at = transactionAt, knowledgeAt?: Date) => {
    const schedule = aiTrainingReportSchedule({ ruleSet, timeZone: zone, route: 'through-reseller', transactionAt: at, ...(knowledgeAt ? { knowledgeAt } : {}) });
    if (schedule.route !== 'through-reseller') throw new Error('expected the reseller route');
    return schedule;
  };
  const margin = NPRM_2024.cipPolicy.aiReportOwnRecordsMargin;
  const late = NPRM_2024.interpretations.resellerLateKnowledge;

  it('explains when the provider stops waiting for a late reseller', () => {
    const schedule = through(NPRM_2024, transactionAt, new Date('2026-03-25T12:00:00Z'));
    expect(schedule.ownRecordsFrom.explanation).toEqual([
      `CIP policy margin: 10 calendar days. ${margin.explanation} (${margin.citation})`,
      "The provider must file by the end of 2026-04-01 in America/New_York. If the reseller's report has not arrived before 2026-03-23 (the last 10 calendar days of the provider's period), the provider prepares the filing from its own records from 2026-03-23T04:00:00.000Z.",
      `The reseller's own deadline (2026-04-10T03:59:59.999Z) is not before this point, so the provider does not wait for it: ${late.explanation} (${late.citation})`,
    ]);
    // the provider's filing follows the reseller's knowledge date only in what it says, not in its date
    expect(schedule.resellerReport.clockStartedAt.toISOString()).toBe('2026-03-25T12:00:00.000Z');
  });

  it('uses the whole period when the margin reaches back to the transaction, even at local midnight', () => {
    // A transaction at local midnight and a 31-day margin: the margin starts exactly at the transaction.
    const midnight = new Date('2026-03-02T05:00:00Z');
    const schedule = through(withCipPolicy(NPRM_2024, { aiReportOwnRecordsMargin: { days: 31 } }), midnight);
    expect(schedule.ownRecordsFrom).toMatchObject({ at: midnight, date: '2026-03-02' });
    expect(schedule.ownRecordsFrom.explanation[2]).toBe('The margin is as long as the whole period, so the provider prepares the filing from its own records from the transaction on.');
    expect(schedule.ownRecordsFrom.explanation).toHaveLength(4);
    const thirty = through(withCipPolicy(NPRM_2024, { aiReportOwnRecordsMargin: { days: 30 } }), midnight);
    expect(thirty.ownRecordsFrom.date).toBe('2026-03-03');
    expect(thirty.ownRecordsFrom.explanation.join(' ')).not.toContain('as long as the whole period');
  });

  it('refuses no input, and a rule set whose margin is not in days', () => {
    expect(() => aiTrainingReportSchedule(null as never)).toThrow(expect.objectContaining({ field: 'input', message: 'input: must be an object' }));
    const months = {
      ...NPRM_2024,
      cipPolicy: { ...NPRM_2024.cipPolicy, aiReportOwnRecordsMargin: { ...margin, value: { months: 1 } } },
    } as typeof NPRM_2024;
    expect(() => through(months)).toThrow(
      expect.objectContaining({ field: 'ruleSet.cipPolicy.aiReportOwnRecordsMargin', message: 'ruleSet.cipPolicy.aiReportOwnRecordsMargin: must be a period in days' }),
    );
  });

  const complete: AiTrainingReportContents = {
    contactInfoRef: 'party-contact-1',
    paymentInfoRef: 'payment-7',
    estimatedOperations: '3e26',
    operationsPeriod: { start: '2026-03-01T00:00:00Z', end: '2026-05-01T00:00:00Z' },
    modelName: 'Falcon-X',
    cybersecurityPractices: 'MFA for all administrators',
  };
  const required = NPRM_2024.regulatory.aiTrainingReportContents;

  it('says a complete report holds every item, and lists each missing item with its field', () => {
    expect(checkAiTrainingReportContents(complete, NPRM_2024).explanation).toEqual([
      `${required.explanation} (${required.citation})`,
      `Every required item is present: ${required.value.join(', ')}.`,
    ]);
    const two = checkAiTrainingReportContents({ ...complete, contactInfoRef: undefined, modelName: ' ' }, NPRM_2024);
    expect(two.missing).toEqual([
      { item: 'foreign-person-contact', field: 'contactInfoRef', reason: 'contactInfoRef is missing' },
      { item: 'model-name', field: 'modelName', reason: 'modelName is missing' },
    ]);
    expect(two.explanation[1]).toBe('Not complete under rule set NPRM-2024: foreign-person-contact (contactInfoRef is missing); model-name (modelName is missing).');
    expect(() => checkAiTrainingReportContents('x' as never, NPRM_2024)).toThrow(expect.objectContaining({ field: 'contents', message: 'contents: must be an object' }));
  });

  it.each<[unknown, string | undefined]>([
    [{ start: '2026-03-01T00:00:00Z', end: '2026-03-01T00:00:00Z' }, undefined],
    ['Q1 2026', 'operationsPeriod must be { start, end }'],
    [{ start: '2026-03-01', end: '2026-05-01T00:00:00Z' }, 'operationsPeriod must have a start and an end instant'],
    [{ start: 'x2026-03-01T00:00:00Z', end: '2026-05-01T00:00:00Z' }, 'operationsPeriod must have a start and an end instant'],
    [{ start: 1772323200000, end: '2026-05-01T00:00:00Z' }, 'operationsPeriod must have a start and an end instant'],
    [{ start: '2026-03-01T00:00:00Z', end: '2026-13-45T00:00:00Z' }, 'operationsPeriod must have a start and an end instant'],
    [{ start: '2026-03-01T00:00:00Z' }, 'operationsPeriod must have a start and an end instant'],
  ])('reads the operations period %j', (operationsPeriod, reason) => {
    const result = checkAiTrainingReportContents({ ...complete, operationsPeriod } as AiTrainingReportContents, NPRM_2024);
    expect(result.missing.map((m) => m.reason)).toEqual(reason === undefined ? [] : [reason]);
  });

  it('takes zero operations and refuses a number that is not one', () => {
    expect(checkAiTrainingReportContents({ ...complete, estimatedOperations: '0' }, NPRM_2024).complete).toBe(true);
    expect(checkAiTrainingReportContents({ ...complete, estimatedOperations: 12 as unknown as string }, NPRM_2024).missing[0]?.reason).toBe('estimatedOperations is missing');
  });
});
