// A citation to a single section of the proposed rule is a reading (the sections are known as a
// range only): wherever rules/ cites one, in what a lawyer reads or in its own comments, the
// caveat stands next to it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../test/helpers/source-files.js';
import { classifyUsPerson, NPRM_2024, type PersonFacts } from './index.js';
import { proposedSectionReading } from './citations.js';

/** Single-section pinpoints (not the ends of the range 7.300-7.310) cited without the caveat soon after. */
function unflaggedPinpoints(text: string): string[] {
  return [...text.matchAll(/(?<![-\d.])7\.3\d\d(?![-\d])/g)]
    .filter((m) => !/a reading,? within 7\.300-7\.310/.test(text.slice(m.index, m.index + 140)))
    .map((m) => text.slice(Math.max(0, m.index - 40), m.index + 60));
}

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];

const root = fileURLToPath(new URL('.', import.meta.url));

describe('citations of a single section of the proposed rule', () => {
  it('carry the caveat in the helper every pinpoint is built with', () => {
    expect(proposedSectionReading('7.300', 'definition of U.S. person')).toBe(
      '89 FR 5698 (Jan. 29, 2024), proposed 15 CFR 7.300 (definition of U.S. person; the section is a reading, within 7.300-7.310)',
    );
    expect(unflaggedPinpoints('89 FR 5698, proposed 15 CFR 7.300 (definition of U.S. person)')).toHaveLength(1);
    expect(unflaggedPinpoints('proposed 15 CFR 7.300-7.310')).toEqual([]);
  });

  it('carry it in every value, citation and explanation of the rule set', () => {
    const texts = stringsOf(NPRM_2024);
    expect(texts.filter((t) => /7\.3\d\d/.test(t)).length).toBeGreaterThan(10);
    expect(texts.flatMap(unflaggedPinpoints)).toEqual([]);
  });

  it.each<[string, PersonFacts]>([
    ['a U.S. person', { kind: 'entity', organizedUnderUsLaw: true }],
    ['a foreign person', { kind: 'individual', usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false }],
    ['not yet known', { kind: 'individual', usCitizen: false }],
  ])('carry it in the reasons a person is %s', (_name, facts) => {
    const reasons = classifyUsPerson(facts).reasons.join(' ');
    expect(reasons).toContain('proposed 15 CFR 7.300 (definition of U.S. person; the section is a reading, within 7.300-7.310)');
    expect(unflaggedPinpoints(reasons)).toEqual([]);
  });

  it.each(sourceFiles(root))('carry it in the source of %s, comments included', (_name, path) => {
    // A section handed to the helper gets the caveat from it (the first test).
    const text = readFileSync(path, 'utf8').replace(/\s*\n\s*(\*\s*)?/g, ' ').replace(/\b(pinpoint|proposedSectionReading)\('7\.3\d\d'/g, '$1(');
    expect(unflaggedPinpoints(text)).toEqual([]);
  });
});
