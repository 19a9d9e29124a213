/**
 * Exact decimal and rational arithmetic on bigint, so that thresholds ("at least 25%",
 * "more than 10^26 operations") are compared exactly, never through binary floating point.
 */
import { RuleInputError } from './errors.js';

/** mantissa x 10^exponent */
export interface Decimal {
  readonly mantissa: bigint;
  readonly exponent: number;
}

export interface Rational {
  readonly n: bigint;
  readonly d: bigint; // > 0
}

/** Exponents beyond this are refused: no real quantity in these rules needs them. */
const MAX_EXPONENT = 400;

/**
 * Parses "1e26", "1.5E+25", "100000000000000000000000000", "12.5", or a finite number (read
 * through its shortest decimal representation, e.g. 1e26 -> "1e+26", so the value meant is the
 * value compared, not its nearest binary double).
 */
export function parseDecimal(value: unknown, field: string): Decimal {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RuleInputError(field, 'must be a finite number');
    text = String(value);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string') {
    text = value.trim().replace(/_/g, '');
  } else {
    throw new RuleInputError(field, 'must be a number or a decimal string such as "1e26"');
  }
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (match === null || whole + fraction === '') {
    throw new RuleInputError(field, `"${text}" is not a decimal number`);
  }
  const exponent = Number(match[4] ?? '0') - fraction.length;
  if (Math.abs(exponent) > MAX_EXPONENT || whole.length + fraction.length > MAX_EXPONENT) {
    throw new RuleInputError(field, `"${text}" is out of range`);
  }
  const mantissa = BigInt(whole + fraction) * (match[1] === '-' ? -1n : 1n);
  return { mantissa, exponent };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('zero denominator');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d);
  return { n: (sign * n) / g, d: (sign * d) / g };
}

export function decimalToRational(dec: Decimal): Rational {
  return dec.exponent >= 0
    ? rational(dec.mantissa * 10n ** BigInt(dec.exponent))
    : rational(dec.mantissa, 10n ** BigInt(-dec.exponent));
}

export const ZERO: Rational = { n: 0n, d: 1n };

export function add(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function multiply(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

export function divide(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d, a.d * b.n);
}

export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Nearest double, for display only (never for comparisons). */
export function toNumber(r: Rational): number {
  return Number(r.n) / Number(r.d);
}

/** "1/3", "25" */
export function formatRational(r: Rational): string {
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}

/** A decimal for humans: "1e26" style for huge values, plain digits otherwise. */
export function formatDecimal(dec: Decimal): string {
  const r = decimalToRational(dec);
  if (r.d === 1n) {
    const digits = r.n.toString();
    const trimmed = digits.replace(/0+$/, '');
    const zeros = digits.length - trimmed.length;
    return zeros >= 6 ? `${trimmed.length === 1 ? trimmed : `${trimmed[0]}.${trimmed.slice(1)}`}e${digits.length - 1}` : digits;
  }
  return String(toNumber(r));
}

/** A stored decimal without trailing zeros: "40.000000" -> "40", "33.333300" -> "33.3333". */
export function normalizePercent(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
