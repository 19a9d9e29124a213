import { describe, expect, it } from 'vitest';
import { cipVersionInForce, compareCipVersionPrecedence } from './cip-versions.js';

const v = (version: number, effectiveAt: string) => ({ version, effectiveAt: new Date(effectiveAt) });

describe('the CIP version in force at an instant', () => {
  it('is none before any version takes effect', () => {
    expect(cipVersionInForce([v(1, '2027-01-01T00:00:00Z')], new Date('2026-12-31T23:59:59.999Z'))).toBeUndefined();
    expect(cipVersionInForce([], new Date('2026-12-31T00:00:00Z'))).toBeUndefined();
  });

  it('takes a version scheduled ahead into force on its date, though a higher-numbered version was recorded after it', () => {
    // Version 1 recorded for 2027-01-01; version 2 recorded later, effective at once.
    const versions = [v(1, '2027-01-01T05:00:00Z'), v(2, '2026-11-29T10:00:00Z')];
    expect(cipVersionInForce(versions, new Date('2026-12-15T00:00:00Z'))?.version).toBe(2);
    expect(cipVersionInForce(versions, new Date('2027-01-01T04:59:59.999Z'))?.version).toBe(2);
    // At its effective instant exactly, and after.
    expect(cipVersionInForce(versions, new Date('2027-01-01T05:00:00Z'))?.version).toBe(1);
    expect(cipVersionInForce(versions, new Date('2027-06-01T00:00:00Z'))?.version).toBe(1);
  });

  it('takes the later effective date whatever the order of the list, and the higher number on the same instant', () => {
    const same = [v(3, '2026-06-01T00:00:00Z'), v(4, '2026-06-01T00:00:00Z'), v(2, '2026-01-01T00:00:00Z')];
    for (const order of [same, [...same].reverse()]) expect(cipVersionInForce(order, new Date('2026-07-01T00:00:00Z'))?.version).toBe(4);
    expect(cipVersionInForce([v(5, '2026-01-01T00:00:00Z'), v(1, '2026-03-01T00:00:00Z')], new Date('2026-04-01T00:00:00Z'))?.version).toBe(1);
  });

  it('orders versions by precedence: latest effective date first, then the higher number', () => {
    const sorted = [v(1, '2026-01-01T00:00:00Z'), v(3, '2026-02-01T00:00:00Z'), v(2, '2026-02-01T00:00:00Z'), v(4, '2025-12-01T00:00:00Z')].sort(compareCipVersionPrecedence);
    expect(sorted.map((x) => x.version)).toEqual([3, 2, 1, 4]);
  });
});
