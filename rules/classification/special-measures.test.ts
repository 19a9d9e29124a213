import { describe, expect, it } from 'vitest';
import { NPRM_2024 } from '../rule-sets/nprm-2024.js';
import { standingLine } from '../deadlines.js';
import { assertExtensionsProlong, nameSimilarity, normalizeName, specialMeasureEffect, specialMeasureStatus, specialMeasureTimeline, type SpecialMeasure } from './special-measures.js';

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

describe('assertExtensionsProlong', () => {
  // Issued 2024-01-29: without an extension the measure ends with 2025-01-28.
  const extendedTo = (newEndDate: string): SpecialMeasure => ({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate }] });

  it('accepts an extension that ends the measure later than it would have ended', () => {
    expect(() => assertExtensionsProlong(extendedTo('2025-01-29'), context)).not.toThrow();
  });

  it('refuses one that ends it earlier, or on the day it already ended, naming the new end', () => {
    expect(() => assertExtensionsProlong(extendedTo('2025-01-27'), context)).toThrow(
      expect.objectContaining({ field: 'measure.extensions[0].newEndDate', message: expect.stringContaining('it would end on 2025-01-27, before 2025-01-28') }),
    );
    expect(() => assertExtensionsProlong(extendedTo('2025-01-28'), context)).toThrow(
      expect.objectContaining({ field: 'measure.extensions[0].newEndDate', message: expect.stringContaining('it would end on 2025-01-28, the same day as 2025-01-28') }),
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

describe('what a handler reads about a measure', () => {
  const inForce = at('2024-08-01T00:00:00.000Z');
  const phaseIn = at('2024-03-01T00:00:00.000Z');
  const timelineReasons = (status: { reasons: readonly string[] }) => status.reasons.slice(1);

  it('opens with the state at the instant, then the implementation and expiry counts', () => {
    expect(specialMeasureStatus(measure, at('2024-01-29T14:59:59.999Z'), context).reasons[0]).toBe(
      'At 2024-01-29T14:59:59.999Z the measure had not been issued yet (issued 2024-01-29T15:00:00.000Z).',
    );
    expect(specialMeasureStatus(measure, phaseIn, context).reasons[0]).toBe(
      'The measure is issued but in its phase-in: implementation is not required until the end of 2024-07-27 in America/New_York (2024-07-28T03:59:59.999Z).',
    );
    expect(specialMeasureStatus(measure, inForce, context).reasons[0]).toBe(
      `The phase-in ended at 2024-07-28T03:59:59.999Z and the measure is effective until 2025-01-29T04:59:59.999Z: it must be applied. ${NPRM_2024.interpretations.specialMeasureInForce.explanation}`,
    );
    expect(specialMeasureStatus(measure, at('2025-03-01T00:00:00.000Z'), context).reasons[0]).toBe(
      'The measure expired at 2025-01-29T04:59:59.999Z (2025-01-28 in America/New_York) and no extension published by 2025-03-01T00:00:00.000Z prolongs it.',
    );
    expect(specialMeasureStatus({ ...measure, revokedAt: at('2024-03-01T00:00:00.000Z') }, at('2024-04-01T00:00:00.000Z'), context).reasons[0]).toBe(
      'The measure was revoked at 2024-03-01T00:00:00.000Z; it no longer binds from then on.',
    );
    const rest = timelineReasons(specialMeasureStatus(measure, inForce, context));
    // The implementation count (without its heading), then the expiry count (without its heading),
    // then the rule set's standing, once.
    expect(rest).toHaveLength(12);
    expect(rest[11]).toBe(standingLine(NPRM_2024));
    expect(rest.filter((r) => r.startsWith('Standing of rule set'))).toHaveLength(1);
    expect(rest[0]).toBe('The clock starts when the special measure is issued: 2024-01-29T15:00:00.000Z (2024-01-29 10:00:00.000 in America/New_York).');
    expect(rest[1]).toContain('Period: 180 calendar days.');
    expect(rest[4]).toContain('2024-07-28T03:59:59.999Z, the last millisecond before local midnight; the measure must be implemented by this instant');
    expect(rest[5]).toBe('The measure was issued at 2024-01-29T15:00:00.000Z (2024-01-29 10:00:00.000 in America/New_York).');
    expect(rest[7]).toContain('Period: 365 calendar days.');
    expect(rest[10]).toContain('2025-01-29T04:59:59.999Z, the last millisecond before local midnight; the measure stops being effective after this instant');
    expect(rest.join(' ')).not.toMatch(/^Obligation "/m);
  });

  it('says how many extensions were published after the instant', () => {
    const extended: SpecialMeasure = {
      ...measure,
      extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z') }, { publishedAt: at('2025-06-01T15:00:00.000Z') }],
    };
    const status = specialMeasureStatus(extended, at('2024-11-01T12:00:00.000Z'), context);
    expect(status.reasons[1]).toBe('2 extension(s) published after 2024-11-01T12:00:00.000Z are not counted at this instant.');
    expect(status.reasons).toHaveLength(14);
  });

  it('takes a revocation at the issuance instant, and refuses a malformed measure', () => {
    const revokedAtOnce = specialMeasureStatus({ ...measure, revokedAt: measure.issuedAt }, measure.issuedAt, context);
    expect(revokedAtOnce.state).toBe('revoked');
    expect(() => specialMeasureStatus(null as unknown as SpecialMeasure, inForce, context)).toThrow(expect.objectContaining({ field: 'measure', message: 'measure: must be an object' }));
    expect(() => specialMeasureStatus({ ...measure, extensions: {} } as unknown as SpecialMeasure, inForce, context)).toThrow(
      expect.objectContaining({ field: 'measure.extensions', message: 'measure.extensions: must be a list' }),
    );
    expect(() => specialMeasureStatus({ ...measure, revokedAt: at('2023-01-01T00:00:00.000Z') }, inForce, context)).toThrow(
      'measure.revokedAt: cannot precede the issuance',
    );
  });

  it('states each effect in one sentence, then what matched', () => {
    const subject = { jurisdictions: ['KP'], personIds: ['person-42'] };
    expect(specialMeasureEffect(measure, subject, inForce, context).reasons.slice(0, 2)).toEqual([
      'Measure SM-1 is in force and prohibits opening this account.',
      'The subject matches the measure by jurisdiction KP and by named foreign person person-42.',
    ]);
    expect(specialMeasureEffect(measure, subject, phaseIn, context).reasons[0]).toBe(
      'Measure SM-1 matches but is in its phase-in until 2024-07-28T03:59:59.999Z: not yet binding; the handler is warned.',
    );
    expect(specialMeasureEffect(measure, { jurisdictions: ['CA'] }, inForce, context).reasons.slice(0, 2)).toEqual([
      'Measure SM-1 has no effect at this instant (state: in-force, no match).',
      'The subject matches nothing the measure names.',
    ]);
    expect(specialMeasureEffect(measure, subject, at('2025-03-01T00:00:00.000Z'), context).reasons[0]).toBe(
      'Measure SM-1 has no effect at this instant (state: expired).',
    );
    expect(specialMeasureEffect(measure, subject, at('2024-01-01T00:00:00.000Z'), context)).toMatchObject({ effect: 'none', state: 'not-issued' });
    expect(specialMeasureEffect({ ...measure, revokedAt: at('2024-08-01T00:00:00.000Z') }, subject, inForce, context)).toMatchObject({ effect: 'none', state: 'revoked' });
    const conditions: SpecialMeasure = { ...measure, kind: 'conditions', conditions: ['no GPU rental'] };
    expect(specialMeasureEffect(conditions, { jurisdictions: ['KP'] }, inForce, context).reasons[0]).toBe(
      "Measure SM-1 is in force: the account may be opened only on the measure's conditions.",
    );
    expect(specialMeasureEffect(conditions, { jurisdictions: ['KP'] }, inForce, context, 'maintaining').reasons[0]).toBe(
      `Measure SM-1 is in force and matches an account already open; under rule set NPRM-2024 a measure binds the opening of accounts, so the account is listed for a handler's review. ${NPRM_2024.interpretations.specialMeasureReach.explanation}`,
    );
    // a prohibition carries no conditions, even if some were given
    expect(specialMeasureEffect({ ...measure, conditions: ['ignored'] }, { jurisdictions: ['KP'] }, inForce, context)).toMatchObject({ kind: 'prohibition', conditions: [] });
  });

  it('under a rule set whose measures reach open accounts, refuses or conditions keeping one', () => {
    const reachesOpen = {
      ...NPRM_2024,
      interpretations: {
        ...NPRM_2024.interpretations,
        specialMeasureReach: { ...NPRM_2024.interpretations.specialMeasureReach, value: 'opening-or-maintaining' as const },
      },
    };
    const wider = { ruleSet: reachesOpen, timeZone: 'America/New_York' };
    expect(specialMeasureEffect(measure, { jurisdictions: ['KP'] }, inForce, wider, 'maintaining')).toMatchObject({ effect: 'refuse' });
    expect(specialMeasureEffect(measure, { jurisdictions: ['KP'] }, inForce, wider, 'maintaining').reasons[0]).toBe(
      'Measure SM-1 is in force and prohibits maintaining this account.',
    );
    const conditions: SpecialMeasure = { ...measure, kind: 'conditions', conditions: ['no GPU rental'] };
    expect(specialMeasureEffect(conditions, { jurisdictions: ['KP'] }, inForce, wider, 'maintaining')).toMatchObject({ effect: 'conditions', conditions: ['no GPU rental'] });
    expect(specialMeasureEffect(conditions, { jurisdictions: ['KP'] }, inForce, wider, 'maintaining').reasons[0]).toBe(
      "Measure SM-1 is in force: the account may be kept only on the measure's conditions.",
    );
  });

  const designated: SpecialMeasure = {
    id: 'SM-2',
    issuedAt: measure.issuedAt,
    designatedPerson: {
      name: 'Ivan Petrovich Sidorov',
      aliases: ['Vanya Sidorov'],
      identifiers: [
        { type: 'email', value: 'Ivan.S@Example.test' },
        { type: 'telephone', value: '+7 495 000-00-00' },
        { type: 'payment-identifier', value: 'DE89 3704 0044 0532 0130 00' },
        { type: 'passport-number', value: '72 1234567' },
        { type: 'registration-number', value: 'OGRN-102-773' },
        { type: 'ip-address', value: '203.0.113.7' },
      ],
    },
  };

  it.each<[string, { type: 'email' | 'telephone' | 'payment-identifier' | 'passport-number' | 'registration-number' | 'ip-address'; value: string }, boolean]>([
    ['an email in other case, trimmed', { type: 'email', value: '  ivan.s@example.TEST ' }, true],
    ['an email without its punctuation', { type: 'email', value: 'ivansexampletest' }, false],
    ['a telephone written differently', { type: 'telephone', value: '+7 (495) 000 00 00' }, true],
    ['an IBAN without spaces', { type: 'payment-identifier', value: 'de89370400440532013000' }, true],
    ['a passport number without its space', { type: 'passport-number', value: '721234567' }, true],
    ['a registration number without its dashes', { type: 'registration-number', value: 'ogrn102773' }, true],
    ['an IP address', { type: 'ip-address', value: '203.0.113.7' }, true],
    ['an IP address without its dots', { type: 'ip-address', value: '20301137' }, false],
    ['the right value under another type', { type: 'passport-number', value: '+7 495 000-00-00' }, false],
  ])('matches identifiers by type and normalised value: %s', (_name, identifier, matches) => {
    const finding = specialMeasureEffect(designated, { jurisdictions: ['FR'], identifiers: [identifier] }, inForce, context);
    expect(finding.effect).toBe(matches ? 'refuse' : 'none');
    expect(finding.matchedIdentifiers).toEqual(matches ? [identifier] : []);
  });

  it('explains an identifier match and a near name match', () => {
    const byIdentifier = specialMeasureEffect(
      designated,
      { jurisdictions: ['FR'], identifiers: [{ type: 'telephone', value: '+74950000000' }, { type: 'email', value: 'ivan.s@example.test' }] },
      inForce,
      context,
    );
    expect(byIdentifier.reasons[1]).toBe("The subject matches the measure by the designated person's identifiers (telephone, email).");
    const near = specialMeasureEffect(designated, { jurisdictions: ['FR'], names: ['Vanya SIDOROV', 'Ivan Petrovitch Sidorov'] }, inForce, context);
    expect(near.nearNameMatches).toEqual([
      { designatedName: 'Ivan Petrovich Sidorov', subjectName: 'Ivan Petrovitch Sidorov', similarity: 0.957 },
      { designatedName: 'Vanya Sidorov', subjectName: 'Vanya SIDOROV', similarity: 1 },
    ]);
    expect(near.reasons.slice(0, 2)).toEqual([
      `Measure SM-2: the name matches the designated person only nearly; flagged for a handler's review, not refused. ${NPRM_2024.interpretations.specialMeasureNameMatch.explanation}`,
      'The subject matches the measure nearly by name (similarity 0.957, similarity 1).',
    ]);
    // a near match during the phase-in is still only a near match: reviewed, never refused
    expect(specialMeasureEffect(designated, { jurisdictions: ['FR'], names: ['Vanya Sidorov'] }, phaseIn, context).effect).toBe('review');
    // a near match after expiry has no effect, and the sentence does not claim "no match"
    expect(specialMeasureEffect(designated, { jurisdictions: ['FR'], names: ['Vanya Sidorov'] }, at('2025-03-01T00:00:00.000Z'), context).reasons[0]).toBe(
      'Measure SM-2 has no effect at this instant (state: expired).',
    );
    // a designated person without aliases or identifiers is matched by name only
    const bare = specialMeasureEffect({ id: 'SM-3', issuedAt: measure.issuedAt, designatedPerson: { name: 'Ivan Sidorov' } }, { jurisdictions: ['FR'], names: ['Ivan Sidorov'], identifiers: [{ type: 'other', value: 'x' }] }, inForce, context);
    expect(bare).toMatchObject({ effect: 'review', matchedIdentifiers: [], nearNameMatches: [{ similarity: 1 }] });
  });

  it('flags a name at the rule set similarity threshold and not one just below it', () => {
    // "abcdefghijklmnopqrst" (20 letters): 3 substitutions give 0.85, 4 give 0.8.
    const person: SpecialMeasure = { id: 'SM-4', issuedAt: measure.issuedAt, designatedPerson: { name: 'abcdefghijklmnopqrst' } };
    expect(nameSimilarity('abcdefghijklmnopqrst', 'xyzdefghijklmnopqrst')).toBeCloseTo(0.85, 10);
    expect(specialMeasureEffect(person, { jurisdictions: [], names: ['xyzdefghijklmnopqrst'] }, inForce, context).effect).toBe('review');
    expect(specialMeasureEffect(person, { jurisdictions: [], names: ['wxyzefghijklmnopqrst'] }, inForce, context).effect).toBe('none');
  });

  it('measures name similarity by edit distance over the longer name', () => {
    expect(nameSimilarity('abc', 'abd')).toBeCloseTo(2 / 3, 10);
    expect(nameSimilarity('abcd', 'abc')).toBeCloseTo(3 / 4, 10);
    expect(nameSimilarity('abc', 'abcd')).toBeCloseTo(3 / 4, 10);
    expect(nameSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 10);
    expect(nameSimilarity('ab', 'ba')).toBe(0); // word order is ignored between words, never within one
    expect(nameSimilarity('a b', 'b a')).toBe(1);
    expect(nameSimilarity('abcd', 'acbd')).toBeCloseTo(0.5, 10);
    expect(nameSimilarity('', 'Ivan')).toBe(0);
    expect(nameSimilarity('Ivan', '--')).toBe(0);
  });

  it('refuses malformed lists in a measure or subject, naming the field', () => {
    const when = inForce;
    const cases: [SpecialMeasure, unknown, string, string][] = [
      [{ ...measure, jurisdictions: 'KP' as unknown as string[] }, { jurisdictions: ['KP'] }, 'measure.jurisdictions', 'must be a list of ISO 3166-1 alpha-2 codes'],
      [{ ...measure, jurisdictions: ['KP', 'PRK'] }, { jurisdictions: ['KP'] }, 'measure.jurisdictions[1]', '"PRK" is not an ISO 3166-1 alpha-2 country code'],
      [{ ...measure, jurisdictions: ['K1'] }, { jurisdictions: ['KP'] }, 'measure.jurisdictions[0]', '"K1" is not an ISO 3166-1 alpha-2 country code'],
      [{ ...measure, jurisdictions: [7 as unknown as string] }, { jurisdictions: ['KP'] }, 'measure.jurisdictions[0]', '"7" is not an ISO 3166-1 alpha-2 country code'],
      [{ ...measure, foreignPersonIds: 'person-42' as unknown as string[] }, { jurisdictions: ['KP'] }, 'measure.foreignPersonIds', 'must be a list of non-empty ids'],
      [{ ...measure, foreignPersonIds: ['person-42', ''] }, { jurisdictions: ['KP'] }, 'measure.foreignPersonIds', 'must be a list of non-empty ids'],
      [{ ...measure, foreignPersonIds: [42 as unknown as string] }, { jurisdictions: ['KP'] }, 'measure.foreignPersonIds', 'must be a list of non-empty ids'],
      [measure, { jurisdictions: ['KP'], personIds: [''] }, 'subject.personIds', 'must be a list of non-empty ids'],
      [measure, null, 'subject', 'must be an object'],
      [measure, 'KP', 'subject', 'must be an object'],
    ];
    for (const [m, subject, field, message] of cases) {
      expect(() => specialMeasureEffect(m, subject as { jurisdictions: string[] }, when, context)).toThrow(expect.objectContaining({ field, message: `${field}: ${message}` }));
    }
    // lower-case codes in the measure are read as the codes they name
    expect(specialMeasureEffect({ ...measure, jurisdictions: ['kp'] }, { jurisdictions: ['KP'] }, when, context).matchedJurisdictions).toEqual(['KP']);
    // each matched jurisdiction and person once
    expect(specialMeasureEffect(measure, { jurisdictions: ['KP', 'kp'], personIds: ['person-42', 'person-42'] }, when, context)).toMatchObject({
      matchedJurisdictions: ['KP'],
      matchedPersonIds: ['person-42'],
    });
    // a subject that gives no jurisdictions at all matches by person only
    expect(specialMeasureEffect(measure, { personIds: ['person-42'] } as unknown as { jurisdictions: string[] }, when, context).matchedPersonIds).toEqual(['person-42']);
  });
});

describe('the timeline a measure states', () => {
  it('counts an extension that states no new end from its publication, with its own duration if it gives one', () => {
    const plain = specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z') }] }, context);
    expect(plain.expiry.dueDate).toBe('2025-12-01');
    expect(plain.expiry.explanation.join(' ')).not.toContain('states its new end');
    const withDuration = specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), duration: { days: 90 } }] }, context);
    expect(withDuration.expiry.dueDate).toBe('2025-03-01');
  });

  it('says which extension stated the new end, with its Federal Register citation when given', () => {
    const cited = specialMeasureTimeline(
      { ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2025-06-30', federalRegisterCitation: '89 FR 90001' }] },
      context,
    );
    expect(cited.expiry.dueAt.toISOString()).toBe('2025-07-01T03:59:59.999Z');
    expect(cited.expiry.explanation.at(-1)).toBe('The latest extension (89 FR 90001) states its new end, 2025-06-30; the period above is counted to that date.');
    const uncited = specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2025-06-30' }] }, context);
    expect(uncited.expiry.explanation.at(-1)).toBe('The latest extension states its new end, 2025-06-30; the period above is counted to that date.');
    // the day after publication is the earliest new end
    expect(specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2024-12-02' }] }, context).expiry.dueDate).toBe('2024-12-02');
    expect(() => specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2024-12-01' }] }, context)).toThrow(
      "measure.extensions[0].newEndDate: the new end (2024-12-01) must be after the extension's publication date",
    );
  });

  it('adds no stated-end sentence when the latest extension states none', () => {
    const mixed = specialMeasureTimeline(
      {
        ...measure,
        extensions: [
          { publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2025-06-30' },
          { publishedAt: at('2025-06-01T15:00:00.000Z') },
        ],
      },
      context,
    );
    expect(mixed.expiry.dueDate).toBe('2026-06-01');
    expect(mixed.expiry.explanation.join(' ')).not.toContain('states its new end');
  });

  it('takes a stated end on the issuance day, leaves a stated end equal to the longest effect unexplained, and ignores it once extended', () => {
    const sameDay = specialMeasureTimeline({ ...measure, expiresOn: '2024-01-29' }, context);
    expect(sameDay.expiry.dueDate).toBe('2024-01-29');
    expect(sameDay.expiry.dueAt.toISOString()).toBe('2024-01-30T04:59:59.999Z');
    expect(sameDay.expiry.explanation.at(-1)).toBe(
      "The measure itself states a shorter effect: it ends at the end of 2024-01-29 in America/New_York (2024-01-30T04:59:59.999Z), before the rule set's longest effect (2025-01-28).",
    );
    const full = specialMeasureTimeline({ ...measure, expiresOn: '2025-01-28' }, context);
    expect(full.expiry.dueDate).toBe('2025-01-28');
    expect(full.expiry.explanation.join(' ')).not.toContain('shorter effect');
    const extended = specialMeasureTimeline({ ...measure, expiresOn: '2024-06-30', extensions: [{ publishedAt: at('2024-05-01T15:00:00.000Z') }] }, context);
    expect(extended.expiry.dueDate).toBe('2025-05-01');
    expect(() => specialMeasureTimeline({ ...measure, expiresOn: '2024-01-28' }, context)).toThrow(
      'measure.expiresOn: the measure cannot end (2024-01-28) before it was issued (2024-01-29 in America/New_York)',
    );
    expect(() => specialMeasureTimeline({ ...measure, expiresOn: '2025-01-29' }, context)).toThrow(
      `measure.expiresOn: 2025-01-29 is after the longest effect the rule set allows without an extension (2025-01-28): ${NPRM_2024.regulatory.periods.specialMeasureDuration.explanation}`,
    );
  });
});

describe('inputs a mutation run showed untried', () => {
  const inForce = at('2024-08-01T00:00:00.000Z');
  it('names the field of each malformed instant, date and extension', () => {
    const cases: [() => unknown, string][] = [
      [() => specialMeasureStatus({ ...measure, issuedAt: new Date('bad') }, inForce, context), 'measure.issuedAt'],
      [() => specialMeasureTimeline({ ...measure, issuedAt: new Date('bad') }, context), 'measure.issuedAt'],
      [() => specialMeasureStatus(measure, new Date('bad'), context), 'at'],
      [() => specialMeasureStatus({ ...measure, revokedAt: new Date('bad') }, inForce, context), 'measure.revokedAt'],
      [() => specialMeasureStatus({ ...measure, extensions: [null as unknown as { publishedAt: Date }] }, inForce, context), 'measure.extensions[0].publishedAt'],
      [() => specialMeasureTimeline({ ...measure, extensions: [null as unknown as { publishedAt: Date }] }, context), 'measure.extensions[0].publishedAt'],
      [() => specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: new Date('bad') }] }, context), 'measure.extensions[0].publishedAt'],
      [() => specialMeasureTimeline({ ...measure, extensions: [{ publishedAt: at('2024-12-01T15:00:00.000Z'), newEndDate: '2025-13-01' }] }, context), 'measure.extensions[0].newEndDate'],
      [() => specialMeasureTimeline({ ...measure, expiresOn: '31/12/2024' }, context), 'measure.expiresOn'],
      [() => specialMeasureEffect({ ...measure, jurisdictions: [['KP'] as unknown as string] }, { jurisdictions: ['KP'] }, inForce, context), 'measure.jurisdictions[0]'],
    ];
    for (const [run, field] of cases) expect(run).toThrow(expect.objectContaining({ field }));
  });

  it('decides the stated-end sentence by the latest published extension, in whatever order they are given', () => {
    const outOfOrder = specialMeasureTimeline(
      { ...measure, extensions: [{ publishedAt: at('2025-06-01T15:00:00.000Z'), newEndDate: '2025-12-31' }, { publishedAt: at('2024-12-01T15:00:00.000Z') }] },
      context,
    );
    expect(outOfOrder.expiry.dueDate).toBe('2025-12-31');
    expect(outOfOrder.expiry.explanation.at(-1)).toBe('The latest extension states its new end, 2025-12-31; the period above is counted to that date.');
  });

  it('lists only the persons and jurisdictions the measure names, all of them, and no conditions it does not state', () => {
    const two: SpecialMeasure = { ...measure, jurisdictions: ['KP', 'IR'], foreignPersonIds: ['person-42', 'person-43'] };
    const finding = specialMeasureEffect(two, { jurisdictions: ['IR', 'FR', 'KP'], personIds: ['person-7', 'person-43', 'person-42'] }, inForce, context);
    expect(finding).toMatchObject({ matchedJurisdictions: ['IR', 'KP'], matchedPersonIds: ['person-43', 'person-42'] });
    expect(finding.reasons[1]).toBe('The subject matches the measure by jurisdiction IR, KP and by named foreign person person-43, person-42.');
    expect(specialMeasureEffect({ ...measure, kind: 'conditions' }, { jurisdictions: ['KP'] }, inForce, context)).toMatchObject({ effect: 'conditions', conditions: [] });
  });

  it('compares identifiers with their letters, not only their digits', () => {
    const designated: SpecialMeasure = { id: 'SM-5', issuedAt: measure.issuedAt, designatedPerson: { name: 'X', identifiers: [{ type: 'registration-number', value: 'AB-123' }] } };
    expect(specialMeasureEffect(designated, { jurisdictions: [], identifiers: [{ type: 'registration-number', value: 'CD-123' }] }, inForce, context).effect).toBe('none');
    expect(specialMeasureEffect(designated, { jurisdictions: [], identifiers: [{ type: 'registration-number', value: 'ab 123' }] }, inForce, context).effect).toBe('refuse');
  });

  it('normalises names to sorted lower-case words, and never finds two empty names alike', () => {
    expect(normalizeName('  IVANOV,  Ivan  Petróvich ')).toBe('ivan ivanov petrovich');
    expect(normalizeName('Zoë-Ann  O\'Neil')).toBe('ann neil o zoe');
    expect(normalizeName('--')).toBe('');
    expect(nameSimilarity('', '')).toBe(0);
    expect(nameSimilarity('--', '..')).toBe(0);
  });
});
