import { describe, expect, it } from 'vitest';
import { RuleInputError } from './errors.js';
import {
  add,
  compare,
  decimalToRational,
  divide,
  formatDecimal,
  formatRational,
  multiply,
  normalizePercent,
  parseDecimal,
  rational,
  toNumber,
  ZERO,
} from './decimal.js';

const r = (text: string) => decimalToRational(parseDecimal(text, 'x'));

describe('parseDecimal', () => {
  it.each([
    ['1e26', 1n, 26],
    ['1.5E+25', 15n, 24],
    ['12.5', 125n, -1],
    ['-0.25', -25n, -2],
    ['+7', 7n, 0],
    [' 1_000 ', 1000n, 0],
    ['.5', 5n, -1],
    ['5.', 5n, 0],
    ['2e-3', 2n, -3],
  ])('reads %j exactly', (text, mantissa, exponent) => {
    expect(parseDecimal(text, 'x')).toEqual({ mantissa, exponent });
  });

  it('reads numbers through their shortest decimal form, and bigints', () => {
    expect(parseDecimal(1e26, 'x')).toEqual({ mantissa: 1n, exponent: 26 });
    expect(parseDecimal(0.1, 'x')).toEqual({ mantissa: 1n, exponent: -1 });
    expect(parseDecimal(10n ** 30n, 'x')).toEqual({ mantissa: 10n ** 30n, exponent: 0 });
  });

  // Text around a number must never be read as the number: "abc1e26" is not the AI threshold.
  it.each(['abc1e26', '1e26abc', '1e26 x', 'x1', '1.2.3', '', '.', 'e5', '1e', '1e+', '--1', '1e1234567', '0x10', 'Infinity', 'NaN'])(
    'refuses %j naming the field',
    (text) => {
      expect(() => parseDecimal(text, 'ops')).toThrow(RuleInputError);
      expect(() => parseDecimal(text, 'ops')).toThrow(/ops/);
    },
  );

  it('refuses non-finite numbers and other types', () => {
    expect(() => parseDecimal(Number.POSITIVE_INFINITY, 'x')).toThrow('x: must be a finite number');
    expect(() => parseDecimal(Number.NaN, 'x')).toThrow('x: must be a finite number');
    expect(() => parseDecimal(null, 'x')).toThrow('x: must be a number or a decimal string such as "1e26"');
    expect(() => parseDecimal({}, 'x')).toThrow(RuleInputError);
  });

  it('refuses exponents and digit counts beyond 400, and accepts them at 400', () => {
    expect(parseDecimal('1e400', 'x')).toEqual({ mantissa: 1n, exponent: 400 });
    expect(parseDecimal('1e-400', 'x')).toEqual({ mantissa: 1n, exponent: -400 });
    expect(() => parseDecimal('1e401', 'x')).toThrow('"1e401" is out of range');
    expect(() => parseDecimal('1e-401', 'x')).toThrow('"1e-401" is out of range');
    expect(parseDecimal('1'.repeat(400), 'x').exponent).toBe(0);
    expect(() => parseDecimal('1'.repeat(401), 'x')).toThrow('is out of range');
  });
});

describe('rational arithmetic', () => {
  it('normalises sign and common factors', () => {
    expect(rational(2n, 4n)).toEqual({ n: 1n, d: 2n });
    expect(rational(2n, -4n)).toEqual({ n: -1n, d: 2n });
    expect(rational(-3n, -9n)).toEqual({ n: 1n, d: 3n });
    expect(rational(0n, 5n)).toEqual({ n: 0n, d: 1n });
    expect(rational(7n)).toEqual({ n: 7n, d: 1n });
    expect(() => rational(1n, 0n)).toThrow('zero denominator');
  });

  it('adds, multiplies and divides fractions exactly', () => {
    expect(add(rational(1n, 3n), rational(1n, 6n))).toEqual({ n: 1n, d: 2n });
    expect(add(ZERO, rational(2n, 5n))).toEqual({ n: 2n, d: 5n });
    expect(multiply(rational(2n, 3n), rational(9n, 4n))).toEqual({ n: 3n, d: 2n });
    expect(divide(rational(2n, 3n), rational(4n, 9n))).toEqual({ n: 3n, d: 2n });
  });

  it('compares fractions, not only whole numbers', () => {
    expect(compare(rational(1n, 3n), rational(1n, 2n))).toBe(-1);
    expect(compare(rational(1n, 2n), rational(1n, 3n))).toBe(1);
    expect(compare(rational(2n, 6n), rational(1n, 3n))).toBe(0);
    expect(compare(rational(1n, 4n), rational(3n, 8n))).toBe(-1);
    expect(compare(r('0.25'), r('0.249999999999999999999'))).toBe(1);
    expect(compare(r('24.999'), rational(25n))).toBe(-1);
    expect(compare(rational(-1n, 2n), rational(1n, 3n))).toBe(-1);
  });

  it('converts decimals with negative exponents into fractions', () => {
    expect(r('12.5')).toEqual({ n: 25n, d: 2n });
    expect(r('1e3')).toEqual({ n: 1000n, d: 1n });
    expect(r('-0.75')).toEqual({ n: -3n, d: 4n });
  });
});

describe('formatting', () => {
  it('formats rationals and decimals for explanations', () => {
    expect(formatRational(rational(1n, 3n))).toBe('1/3');
    expect(formatRational(rational(25n))).toBe('25');
    expect(toNumber(rational(1n, 4n))).toBe(0.25);
    expect(formatDecimal(parseDecimal('1e26', 'x'))).toBe('1e26');
    expect(formatDecimal(parseDecimal('1.5e25', 'x'))).toBe('1.5e25');
    expect(formatDecimal(parseDecimal('100000', 'x'))).toBe('100000');
    expect(formatDecimal(parseDecimal('1000000', 'x'))).toBe('1e6');
    expect(formatDecimal(parseDecimal('12.5', 'x'))).toBe('12.5');
  });
});

describe('stored percentages', () => {
  it('drop trailing zeros of the fraction and a bare point, and leave whole numbers alone', () => {
    expect(normalizePercent('40.000000')).toBe('40');
    expect(normalizePercent('33.333300')).toBe('33.3333');
    expect(normalizePercent('0.500')).toBe('0.5');
    expect(normalizePercent('100')).toBe('100');
    expect(normalizePercent('2500')).toBe('2500');
  });
});
