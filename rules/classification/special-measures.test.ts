import { describe, expect, it } from 'vitest';
import { NPRM_2024 } from '../rule-sets/nprm-2024.js';
import { nameSimilarity, specialMeasureEffect, specialMeasureStatus, specialMeasureTimeline, type SpecialMeasure } from './special-measures.js';

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

describe('specialMeasureTimeline', () => {
  it('honours a shorter end the measure states, and refuses one before issuance or beyond the rule set', () => {
    const { expiry } = specialMeasureTimeline({ ...measure, expiresOn: '2024-12-31' }, context);
    expect(expiry.dueDate).toBe('2024-12-31');
    expect(expiry.dueAt.toISOString()).toBe('2025-01-01T04:59:59.999Z');
    expect(expiry.explanation.at(-1)).toContain('states a shorter effect');
    expect(() => specialMeasureTimeline({ ...measure, expiresOn: '2024-01-28' }, context)).toThrow(expect.objectContaining({ field: 'measure.expiresOn' }));
    expect(() => specialMeasureTimeline({ ...measure, expiresOn: '2025-01-29' }, context)).toThrow(expect.objectContaining({ field: 'measure.expiresOn' }));
  });

  it('moves the end to the new end each extension publishes, the latest deciding', () => {
    const once = specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2025-06-30', federalRegisterCitation: '89 FR 90001' }] }, context);
    expect(once.expiry.dueDate).toBe('2025-06-30');
    expect(once.expiry.explanation.join(' ')).toContain('89 FR 90001');
    const twice = specialMeasureTimeline(
      {
        ...measure,
        extensions: [
          { publishedAt: at('2025-06-01T15:00:00.000Z'), newEndDate: '2025-12-31' },
          { publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2025-06-30' },
        ],
      },
      context,
    );
    expect(twice.expiry.dueDate).toBe('2025-12-31');
    expect(() => specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2024-12-01' }] }, context)).toThrow(
      expect.objectContaining({ field: 'measure.extensions[0].newEndDate' }),
    );
  });
});

describe('specialMeasureEffect', () => {
  const inForce = at('2024-08-01T00:00:00.000Z');
  const phaseIn = at('2024-03-01T00:00:00.000Z');

  it('refuses in force, warns during the phase-in, and does nothing after expiry, for a jurisdiction match', () => {
    expect(specialMeasureEffect(measure, { jurisdictions: ['de', 'kp'] }, inForce, context)).toMatchObject({ effect: 'refuse', matchedJurisdictions: ['KP'] });
    expect(specialMeasureEffect(measure, { jurisdictions: ['KP'] }, phaseIn, context)).toMatchObject({ effect: 'warn', state: 'phase-in' });
    expect(specialMeasureEffect(measure, { jurisdictions: ['KP'] }, at('2025-03-01T00:00:00.000Z'), context)).toMatchObject({ effect: 'none', state: 'expired' });
    expect(specialMeasureEffect(measure, { jurisdictions: ['CA'] }, inForce, context).effect).toBe('none');
  });

  it('gives a conditions-measure its conditions', () => {
    const conditions: SpecialMeasure = { ...measure, kind: 'conditions', conditions: ['enhanced monitoring of administrative access'] };
    expect(specialMeasureEffect(conditions, { jurisdictions: ['KP'] }, inForce, context)).toMatchObject({
      effect: 'conditions',
      conditions: ['enhanced monitoring of administrative access'],
    });
  });

  it("matches a designated person by identifiers, and only flags a near match on name", () => {
    const designated: SpecialMeasure = {
      id: 'SM-2',
      issuedAt: measure.issuedAt,
      designatedPerson: { name: 'Ivan Petrovich Sidorov', aliases: ['Vanya Sidorov'], identifiers: [{ type: 'email', value: 'Ivan@Example.test' }, { type: 'telephone', value: '+7 495 000-00-00' }] },
    };
    expect(specialMeasureEffect(designated, { jurisdictions: ['FR'], identifiers: [{ type: 'telephone', value: '+74950000000' }] }, inForce, context)).toMatchObject({
      effect: 'refuse',
      matchedIdentifiers: [{ type: 'telephone', value: '+74950000000' }],
    });
    const near = specialMeasureEffect(designated, { jurisdictions: ['FR'], names: ['SIDOROV, Ivan Petrovitch'] }, inForce, context);
    expect(near.effect).toBe('review');
    expect(near.nearNameMatches[0]).toMatchObject({ designatedName: 'Ivan Petrovich Sidorov', subjectName: 'SIDOROV, Ivan Petrovitch' });
    expect(specialMeasureEffect(designated, { jurisdictions: ['FR'], names: ['Jane Doe'] }, inForce, context).effect).toBe('none');
  });

  it('lists an account already open for review under a rule set whose measures reach only openings', () => {
    expect(NPRM_2024.interpretations.specialMeasureReach.value).toBe('opening');
    expect(specialMeasureEffect(measure, { jurisdictions: ['KP'] }, inForce, context, 'maintaining').effect).toBe('review');
  });

  it('refuses malformed subjects and empty measures with the field', () => {
    expect(() => specialMeasureEffect(measure, { jurisdictions: ['North Korea'] }, inForce, context)).toThrow(expect.objectContaining({ field: 'subject.jurisdictions[0]' }));
    expect(() => specialMeasureEffect({ id: 'SM-0', issuedAt: measure.issuedAt }, { jurisdictions: ['KP'] }, inForce, context)).toThrow(expect.objectContaining({ field: 'measure' }));
  });

  it('compares names without case, accents, punctuation or word order', () => {
    expect(nameSimilarity('José  Álvarez-Núñez', 'alvarez nunez, JOSE')).toBe(1);
    expect(nameSimilarity('Ivan Sidorov', 'Maria Lopez')).toBeLessThan(0.5);
  });
});

describe('edges a mutation run found untested', () => {
  it('counts an extension published at exactly the queried instant', () => {
    const publishedAt = at('2024-12-01T15:00:00.000Z');
    const extended: SpecialMeasure = { ...measure, extensions: [{ publishedAt }] };
    const atPublication = specialMeasureStatus(extended, publishedAt, context);
    expect(atPublication.expiresAt.toISOString()).toBe('2025-12-02T04:59:59.999Z');
    expect(atPublication.reasons.some((r) => r.includes('are not counted at this instant'))).toBe(false);
    const justBefore = specialMeasureStatus(extended, new Date(publishedAt.getTime() - 1), context);
    expect(justBefore.expiresAt.toISOString()).toBe('2025-01-29T04:59:59.999Z');
  });

  it('takes a measure that names only a jurisdiction, or only a person, and refuses one that names neither', () => {
    const when = at('2024-08-01T12:00:00.000Z');
    expect(specialMeasureEffect({ id: 'SM-C', issuedAt: measure.issuedAt, jurisdictions: ['KP'] }, { jurisdictions: ['KP'] }, when, context)).toMatchObject({
      effect: 'refuse',
      matchedJurisdictions: ['KP'],
      matchedPersonIds: [],
    });
    expect(
      specialMeasureEffect({ id: 'SM-P', issuedAt: measure.issuedAt, foreignPersonIds: ['person-42'] }, { jurisdictions: ['FR'], personIds: ['person-42'] }, when, context),
    ).toMatchObject({ effect: 'refuse', matchedJurisdictions: [], matchedPersonIds: ['person-42'] });
    expect(() => specialMeasureEffect({ id: 'SM-0', issuedAt: measure.issuedAt, jurisdictions: [], foreignPersonIds: [] }, { jurisdictions: ['KP'] }, when, context)).toThrow(
      'measure: a special measure names at least one jurisdiction or foreign person',
    );
  });
});
