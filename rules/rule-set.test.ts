import { describe, expect, it } from 'vitest';
import { NPRM_2024 } from './rule-sets/nprm-2024.js';
import { OBLIGATION_IDS, deepFreeze, describePeriod, isObligationId, obligationPeriod, parsePeriod } from './rule-set.js';

describe('describePeriod', () => {
  it.each([
    [{ days: 1 }, '1 calendar day'],
    [{ days: 10 }, '10 calendar days'],
    [{ months: 1 }, '1 calendar month'],
    [{ months: 6 }, '6 calendar months'],
    [{ years: 1 }, '1 year'],
    [{ years: 2 }, '2 years'],
  ])('reads %j as "%s"', (period, words) => {
    expect(describePeriod(period)).toBe(words);
  });
});

describe('parsePeriod', () => {
  it.each([
    [{ days: 1 }, { days: 1 }],
    [{ months: 3 }, { months: 3 }],
    [{ years: 2 }, { years: 2 }],
    [{ days: 30, months: undefined }, { days: 30 }],
  ])('takes %j', (value, period) => {
    expect(parsePeriod(value)).toEqual({ ok: true, period });
  });

  it.each<[unknown, string]>([
    [null, 'must be a period: { days }, { months } or { years }'],
    [30, 'must be a period: { days }, { months } or { years }'],
    ['30 days', 'must be a period: { days }, { months } or { years }'],
    [[30], 'must be a period: { days }, { months } or { years }'],
    [{}, 'must have exactly one of days, months or years'],
    [{ days: 10, years: 1 }, 'must have exactly one of days, months or years'],
    [{ weeks: 2 }, 'must have exactly one of days, months or years'],
    [{ days: 0 }, 'days must be a positive whole number'],
    [{ months: -1 }, 'months must be a positive whole number'],
    [{ years: 1.5 }, 'years must be a positive whole number'],
    [{ days: '10' }, 'days must be a positive whole number'],
    [{ days: 2 ** 53 }, 'days must be a positive whole number'],
  ])('refuses %j: %s', (value, message) => {
    expect(parsePeriod(value)).toEqual({ ok: false, message });
  });
});

describe('isObligationId', () => {
  it('knows every obligation of the registry and nothing else', () => {
    for (const id of OBLIGATION_IDS) expect(isObligationId(id)).toBe(true);
    for (const other of ['cipTransmission', 'CIP-TRANSMISSION', '', 'toString', 10, null, undefined, ['cip-transmission']]) {
      expect(isObligationId(other)).toBe(false);
    }
  });
});

describe('obligationPeriod', () => {
  it('takes a regulatory obligation from the regulation and a policy obligation from the CIP policy', () => {
    expect(obligationPeriod(NPRM_2024, 'cip-transmission')).toBe(NPRM_2024.regulatory.periods.cipTransmission);
    expect(obligationPeriod(NPRM_2024, 'interim-account-review')).toBe(NPRM_2024.cipPolicy.interimAccountReviewPeriod);
  });
});

describe('deepFreeze', () => {
  it('freezes a value and everything reachable from it, and leaves primitives alone', () => {
    const value = { a: { b: [{ c: 1 }] }, d: 'text', e: null };
    expect(deepFreeze(value)).toBe(value);
    expect([Object.isFrozen(value), Object.isFrozen(value.a), Object.isFrozen(value.a.b), Object.isFrozen(value.a.b[0])]).toEqual([true, true, true, true]);
    expect(deepFreeze(7)).toBe(7);
    expect(deepFreeze(null)).toBe(null);
  });

  it('stops at a value already frozen (a rule set shares frozen parts of another)', () => {
    const shared = Object.freeze({ inner: { n: 1 } });
    deepFreeze({ shared });
    expect(Object.isFrozen(shared.inner)).toBe(false);
  });
});
