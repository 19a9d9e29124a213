// Citizenship and organisation recorded as countries (ISO 3166-1 alpha-2), with the U.S. yes/no
// that the rules classify derived from them: a U.S. citizen holds 'US' among its citizenships,
// an entity organized in 'US' is organized under U.S. law. A yes/no given beside a country that
// says otherwise is refused, naming the field, rather than one of them silently winning.
import { RuleInputError, assertJurisdiction } from '../../../rules/index.js';
import { badInput } from '../../errors.js';

export interface CountryFactsInput {
  usCitizen?: boolean | null | undefined;
  citizenships?: string[] | null | undefined;
  organizedUnderUsLaw?: boolean | null | undefined;
  organizedIn?: string | null | undefined;
}

function country(value: string, field: string): string {
  try {
    return assertJurisdiction(value, field);
  } catch (err) {
    if (err instanceof RuleInputError) throw badInput(field, `"${value}" is not an assigned ISO 3166-1 alpha-2 country code`);
    throw err;
  }
}

/**
 * The country facts as stored, with the derived yes/no; only the keys the input has (absent:
 * unchanged, null: not known). `field` is the request path of the object (`body`, `body.facts`).
 */
export function countryFacts(input: CountryFactsInput, field: string) {
  const out: { citizenships?: string[] | null; usCitizen?: boolean | null; organizedIn?: string | null; organizedUnderUsLaw?: boolean | null } = {};
  if (input.citizenships !== undefined) {
    out.citizenships = input.citizenships === null ? null : [...new Set(input.citizenships.map((c, i) => country(c, `${field}.citizenships.${i}`)))];
    if (out.citizenships !== null) {
      const derived = out.citizenships.includes('US');
      if (input.usCitizen !== undefined && input.usCitizen !== null && input.usCitizen !== derived) {
        throw badInput(`${field}.usCitizen`, `contradicts ${field}.citizenships (${out.citizenships.join(', ') || 'none'})`);
      }
      out.usCitizen = derived;
    }
  }
  if (input.usCitizen !== undefined && out.usCitizen === undefined) out.usCitizen = input.usCitizen;
  if (input.organizedIn !== undefined) {
    out.organizedIn = input.organizedIn === null ? null : country(input.organizedIn, `${field}.organizedIn`);
    if (out.organizedIn !== null) {
      const derived = out.organizedIn === 'US';
      if (input.organizedUnderUsLaw !== undefined && input.organizedUnderUsLaw !== null && input.organizedUnderUsLaw !== derived) {
        throw badInput(`${field}.organizedUnderUsLaw`, `contradicts ${field}.organizedIn (${out.organizedIn})`);
      }
      out.organizedUnderUsLaw = derived;
    }
  }
  if (input.organizedUnderUsLaw !== undefined && out.organizedUnderUsLaw === undefined) out.organizedUnderUsLaw = input.organizedUnderUsLaw;
  return out;
}
