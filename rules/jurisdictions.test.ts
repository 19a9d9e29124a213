import { describe, expect, it } from 'vitest';
import { assertJurisdiction, ISO_3166_ALPHA2 } from './jurisdictions.js';

describe('ISO 3166-1 alpha-2 jurisdictions', () => {
  it('lists the 249 assigned codes, each one a region the platform can name', () => {
    expect(ISO_3166_ALPHA2).toHaveLength(249);
    expect(new Set(ISO_3166_ALPHA2).size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    expect(ISO_3166_ALPHA2.filter((code) => names.of(code) === undefined)).toEqual([]);
  });

  it('accepts a code in any case and refuses unassigned or reserved ones, naming the field', () => {
    expect(assertJurisdiction('kp', 'target.jurisdiction')).toBe('KP');
    for (const bad of ['XX', 'EU', 'UK', 'North Korea', 7]) {
      expect(() => assertJurisdiction(bad, 'target.jurisdiction')).toThrow(expect.objectContaining({ field: 'target.jurisdiction' }));
    }
  });
});
