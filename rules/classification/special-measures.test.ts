import { describe, expect, it } from 'vitest';
import { NPRM_2024 } from '../rule-sets/nprm-2024.js';
import { specialMeasureApplies, specialMeasureStatus, type SpecialMeasure } from './special-measures.js';

const context = { ruleSet: NPRM_2024, timeZone: 'America/New_York' };
const at = (iso: string) => new Date(iso);
// Issued 2024-01-29 (New York): implementation required after 2024-07-27 (day 180), expires after 2025-01-28 (day 365).
const measure: SpecialMeasure = { id: 'SM-1', issuedAt: at('2024-01-29T15:00:00.000Z'), jurisdictions: ['KP'], foreignPersonIds: ['person-42'] };

describe('specialMeasureStatus', () => {
  it.each([
    ['2024-01-29T14:59:59.999Z', 'not-issued'],
    ['2024-01-29T15:00:00.000Z', 'phase-in'],
    ['2024-07-28T03:59:59.999Z', 'phase-in'],
    ['2024-07-28T04:00:00.000Z', 'in-force'],
    ['2025-01-29T04:59:59.999Z', 'in-force'],
    ['2025-01-29T05:00:00.000Z', 'expired'],
  ])('at %s the measure is %s', (when, state) => {
    const status = specialMeasureStatus(measure, at(when), context);
    expect(status.state).toBe(state);
    expect(status.implementationDueAt.toISOString()).toBe('2024-07-28T03:59:59.999Z');
    expect(status.expiresAt.toISOString()).toBe('2025-01-29T04:59:59.999Z');
  });

  it('counts an extension only once it is published', () => {
    const extended: SpecialMeasure = { ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z') }] };
    const before = specialMeasureStatus(extended, at('2024-11-01T12:00:00.000Z'), context);
    expect(before.expiresAt.toISOString()).toBe('2025-01-29T04:59:59.999Z');
    expect(before.reasons).toContain('1 extension(s) published after 2024-11-01T12:00:00.000Z are not counted at this instant.');
    const after = specialMeasureStatus(extended, at('2025-06-01T12:00:00.000Z'), context);
    expect(after.state).toBe('in-force');
    expect(after.expiresAt.toISOString()).toBe('2025-12-02T04:59:59.999Z');
    expect(specialMeasureStatus(extended, at('2025-12-02T05:00:00.000Z'), context).state).toBe('expired');
  });

  it('is revoked from the revocation instant, whatever the phase', () => {
    const revoked: SpecialMeasure = { ...measure, revokedAt: at('2024-03-01T00:00:00.000Z') };
    expect(specialMeasureStatus(revoked, at('2024-02-29T23:59:59.999Z'), context).state).toBe('phase-in');
    expect(specialMeasureStatus(revoked, at('2024-03-01T00:00:00.000Z'), context).state).toBe('revoked');
    expect(specialMeasureStatus(revoked, at('2024-09-01T00:00:00.000Z'), context).state).toBe('revoked');
  });

  it('rejects a revocation before issuance and a bad extension', () => {
    expect(() => specialMeasureStatus({ ...measure, revokedAt: at('2023-01-01T00:00:00.000Z') }, at('2024-03-01T00:00:00.000Z'), context)).toThrow(
      expect.objectContaining({ field: 'measure.revokedAt' }),
    );
    expect(() =>
      specialMeasureStatus({ ...measure, extensions: [{ publishedAt: new Date('bad') }] }, at('2024-03-01T00:00:00.000Z'), context),
    ).toThrow(expect.objectContaining({ field: 'measure.extensions[0].publishedAt' }));
  });
});

describe('specialMeasureApplies', () => {
  it('applies in force to a customer in a named jurisdiction (codes are case-insensitive)', () => {
    const result = specialMeasureApplies(measure, { jurisdictions: ['de', 'kp'] }, at('2024-08-01T00:00:00.000Z'), context);
    expect([result.applies, result.matches, result.matchedJurisdictions, result.matchedPersonIds]).toEqual([true, true, ['KP'], []]);
    expect(result.reasons[0]).toBe("Measure SM-1 applies: the account may not be opened, or only on the measure's conditions.");
  });

  it('applies to a named foreign person wherever it is', () => {
    const result = specialMeasureApplies(measure, { jurisdictions: ['FR'], personIds: ['person-42'] }, at('2024-08-01T00:00:00.000Z'), context);
    expect([result.applies, result.matchedPersonIds]).toEqual([true, ['person-42']]);
  });

  it('matches but does not apply during the phase-in, or after expiry', () => {
    const phaseIn = specialMeasureApplies(measure, { jurisdictions: ['KP'] }, at('2024-03-01T00:00:00.000Z'), context);
    expect([phaseIn.applies, phaseIn.matches, phaseIn.state]).toEqual([false, true, 'phase-in']);
    const expired = specialMeasureApplies(measure, { jurisdictions: ['KP'] }, at('2025-03-01T00:00:00.000Z'), context);
    expect([expired.applies, expired.state]).toEqual([false, 'expired']);
  });

  it('does not apply to an unrelated customer', () => {
    const result = specialMeasureApplies(measure, { jurisdictions: ['CA'] }, at('2024-08-01T00:00:00.000Z'), context);
    expect([result.applies, result.matches]).toEqual([false, false]);
  });

  it('rejects malformed jurisdictions and empty measures with the field', () => {
    expect(() => specialMeasureApplies(measure, { jurisdictions: ['North Korea'] }, at('2024-08-01T00:00:00.000Z'), context)).toThrow(
      expect.objectContaining({ field: 'customer.jurisdictions[0]' }),
    );
    expect(() => specialMeasureApplies({ id: 'SM-0', issuedAt: measure.issuedAt }, { jurisdictions: ['KP'] }, at('2024-08-01T00:00:00.000Z'), context)).toThrow(
      expect.objectContaining({ field: 'measure' }),
    );
  });
});
