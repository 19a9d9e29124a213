/**
 * Special measures: whether a measure binds a prospective customer at an instant.
 *
 * States, at instant `at` (extensions count only once published, i.e. publishedAt <= at):
 * - 'not-issued': before issuance;
 * - 'revoked': at or after revocation (takes precedence);
 * - 'expired': after the end of the measure's last day (365 days from issuance or latest extension);
 * - 'phase-in': issued, but implementation not yet required (through the end of day 180);
 * - 'in-force': implementation required (from the start of day 181) and not expired.
 * A measure matches a subject (a prospective customer with its beneficial owners, or a reseller) by
 * jurisdiction (ISO 3166-1 alpha-2), by named foreign person or by a designated person's
 * identifiers; a name that only nearly matches a designated person is flagged, never refused.
 */
import { assertInstant, assertTimeZone, daysBetween, endOfLocalDay, formatDate, localDateOf, parseDate } from '../calendar.js';
import { computeDeadline, type Deadline, type SpecialMeasureExtension } from '../deadlines.js';
import { RuleInputError } from '../errors.js';
import { assertJurisdiction } from '../jurisdictions.js';
import type { RuleSet } from '../rule-set.js';

/** An extension as Commerce publishes it: the Federal Register citation and, usually, the new end. */
export interface SpecialMeasureExtensionRecord extends SpecialMeasureExtension {
  /** The last day of the extended measure ('YYYY-MM-DD' in the provider's zone), as published; absent: the rule set's duration from publication. */
  readonly newEndDate?: string;
  readonly federalRegisterCitation?: string;
}

export const SPECIAL_MEASURE_KINDS = ['prohibition', 'conditions'] as const;
export type SpecialMeasureKind = (typeof SPECIAL_MEASURE_KINDS)[number];

/** Kinds of identifier a designated person can be named by, as they appear on a customer's records. */
export const PERSON_IDENTIFIER_TYPES = ['email', 'telephone', 'payment-identifier', 'registration-number', 'passport-number', 'ip-address', 'other'] as const;
export type PersonIdentifierType = (typeof PERSON_IDENTIFIER_TYPES)[number];
export interface PersonIdentifier {
  readonly type: PersonIdentifierType;
  readonly value: string;
}

/** A foreign person designated by a measure: matched by identifiers; its name and aliases only give near matches. */
export interface DesignatedPerson {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly identifiers?: readonly PersonIdentifier[];
}

export interface SpecialMeasure {
  readonly id: string;
  readonly issuedAt: Date;
  /** Jurisdictions named by the measure (ISO 3166-1 alpha-2, e.g. "KP"). */
  readonly jurisdictions?: readonly string[];
  /** Foreign persons named by the measure (the desk's person ids). */
  readonly foreignPersonIds?: readonly string[];
  /** A designated foreign person (with identifiers and aliases). */
  readonly designatedPerson?: DesignatedPerson;
  /** Prohibition, or conditions on opening (absent: prohibition). */
  readonly kind?: SpecialMeasureKind;
  /** Conditions the provider must apply (kind 'conditions'). */
  readonly conditions?: readonly string[];
  /** The last day of effect the measure itself states, when shorter than the rule set's maximum ('YYYY-MM-DD' in the provider's zone). */
  readonly expiresOn?: string;
  readonly extensions?: readonly SpecialMeasureExtensionRecord[];
  readonly revokedAt?: Date;
}

export type SpecialMeasureState = 'not-issued' | 'phase-in' | 'in-force' | 'expired' | 'revoked';

export interface SpecialMeasureStatus {
  readonly measureId: string;
  readonly state: SpecialMeasureState;
  /** End of the phase-in: implementation required after this instant. */
  readonly implementationDueAt: Date;
  /** End of the measure's effect, counting extensions published by `at`. */
  readonly expiresAt: Date;
  readonly reasons: readonly string[];
}

export interface MeasureContext {
  readonly ruleSet: RuleSet;
  readonly timeZone: string;
}

function countryCodes(values: unknown, field: string): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) throw new RuleInputError(field, 'must be a list of ISO 3166-1 alpha-2 codes');
  return values.map((v, i) => {
    if (typeof v !== 'string' || !/^[A-Za-z]{2}$/.test(v)) {
      throw new RuleInputError(`${field}[${i}]`, `"${String(v)}" is not an ISO 3166-1 alpha-2 country code`);
    }
    return v.toUpperCase();
  });
}

function ids(values: unknown, field: string): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' && v !== '')) {
    throw new RuleInputError(field, 'must be a list of non-empty ids');
  }
  return values as string[];
}

/**
 * When a measure must be implemented and when it ends, with the explanations a lawyer reads:
 * the implementation deadline is the rule set's phase-in from issuance; the end is the rule
 * set's duration from issuance (or the shorter end the measure states), moved by each extension
 * to the new end it publishes (or, when it states none, to the rule set's duration from its
 * publication). Every extension given counts: the caller passes those published by the instant
 * it asks about.
 */
export function specialMeasureTimeline(measure: SpecialMeasure, context: MeasureContext): { implementation: Deadline; expiry: Deadline } {
  const issuedAt = assertInstant(measure.issuedAt, 'measure.issuedAt');
  const timeZone = assertTimeZone(context.timeZone);
  const implementation = computeDeadline({ obligation: 'special-measure-implementation', ruleSet: context.ruleSet, startedAt: issuedAt, timeZone });
  const extensions = (measure.extensions ?? []).map((e, i): SpecialMeasureExtension => {
    const publishedAt = assertInstant(e?.publishedAt, `measure.extensions[${i}].publishedAt`);
    if (e.newEndDate === undefined) return e.duration === undefined ? { publishedAt } : { publishedAt, duration: e.duration };
    const end = parseDate(e.newEndDate, `measure.extensions[${i}].newEndDate`);
    const days = daysBetween(localDateOf(publishedAt, timeZone), end);
    if (days < 1) throw new RuleInputError(`measure.extensions[${i}].newEndDate`, `the new end (${e.newEndDate}) must be after the extension's publication date`);
    return { publishedAt, duration: { days } };
  });
  let expiry = computeDeadline({
    obligation: 'special-measure-expiry',
    ruleSet: context.ruleSet,
    startedAt: issuedAt,
    timeZone,
    ...(extensions.length > 0 ? { extensions } : {}),
  });
  const stated = (measure.extensions ?? []).filter((e) => e.newEndDate !== undefined);
  if (stated.length > 0) {
    const latest = [...(measure.extensions ?? [])].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime()).at(-1)!;
    if (latest.newEndDate !== undefined) {
      expiry = {
        ...expiry,
        explanation: [
          ...expiry.explanation,
          `The latest extension${latest.federalRegisterCitation ? ` (${latest.federalRegisterCitation})` : ''} states its new end, ${latest.newEndDate}; the period above is counted to that date.`,
        ],
      };
    }
  }
  if (measure.expiresOn !== undefined && extensions.length === 0) {
    const end = parseDate(measure.expiresOn, 'measure.expiresOn');
    const issuedOn = localDateOf(issuedAt, timeZone);
    if (daysBetween(issuedOn, end) < 0) {
      throw new RuleInputError('measure.expiresOn', `the measure cannot end (${measure.expiresOn}) before it was issued (${formatDate(issuedOn)} in ${timeZone})`);
    }
    if (expiry.dueDate < measure.expiresOn) {
      throw new RuleInputError(
        'measure.expiresOn',
        `${measure.expiresOn} is after the longest effect the rule set allows without an extension (${expiry.dueDate}): ${context.ruleSet.regulatory.periods.specialMeasureDuration.explanation}`,
      );
    }
    if (expiry.dueDate !== measure.expiresOn) {
      const dueAt = endOfLocalDay(end, timeZone);
      expiry = {
        ...expiry,
        dueDate: measure.expiresOn,
        dueAt,
        explanation: [
          ...expiry.explanation,
          `The measure itself states a shorter effect: it ends at the end of ${measure.expiresOn} in ${timeZone} (${dueAt.toISOString()}), before the rule set's longest effect (${expiry.dueDate}).`,
        ],
      };
    }
  }
  return { implementation, expiry };
}

/**
 * An extension prolongs a measure: the end it publishes must come after the end it extends
 * (the measure's end counting every extension published before it). A measure that is to stop
 * earlier is revoked, not extended; an "extension" that shortened it would quietly end a
 * prohibition before Commerce did. Checked when an extension is recorded, never on a read.
 */
export function assertExtensionsProlong(measure: SpecialMeasure, context: MeasureContext): void {
  const byPublication = (measure.extensions ?? []).map((e, i) => ({ e, i })).sort((a, b) => a.e.publishedAt.getTime() - b.e.publishedAt.getTime());
  let before = specialMeasureTimeline({ ...measure, extensions: [] }, context).expiry;
  byPublication.forEach(({ e, i }, k) => {
    const after = specialMeasureTimeline({ ...measure, extensions: byPublication.slice(0, k + 1).map((x) => x.e) }, context).expiry;
    // Ending on the day it already ended extends nothing: the record would say it was extended.
    if (after.dueAt.getTime() <= before.dueAt.getTime()) {
      const relation = after.dueAt.getTime() < before.dueAt.getTime() ? 'before' : 'the same day as';
      throw new RuleInputError(
        `measure.extensions[${i}].${e.newEndDate !== undefined ? 'newEndDate' : 'publishedAt'}`,
        `an extension must end the measure later than the end it extends: it would end on ${after.dueDate}, ${relation} ${before.dueDate} (its end before this extension); a measure that stops earlier is revoked`,
      );
    }
    before = after;
  });
}

export function specialMeasureStatus(measure: SpecialMeasure, at: Date, context: MeasureContext): SpecialMeasureStatus {
  if (measure === null || typeof measure !== 'object') throw new RuleInputError('measure', 'must be an object');
  const issuedAt = assertInstant(measure.issuedAt, 'measure.issuedAt');
  const when = assertInstant(at, 'at');
  const timeZone = assertTimeZone(context.timeZone);
  const revokedAt = measure.revokedAt === undefined ? undefined : assertInstant(measure.revokedAt, 'measure.revokedAt');
  if (revokedAt !== undefined && revokedAt.getTime() < issuedAt.getTime()) {
    throw new RuleInputError('measure.revokedAt', 'cannot precede the issuance');
  }
  if (measure.extensions !== undefined && !Array.isArray(measure.extensions)) {
    throw new RuleInputError('measure.extensions', 'must be a list');
  }
  (measure.extensions ?? []).forEach((e, i) => assertInstant(e?.publishedAt, `measure.extensions[${i}].publishedAt`));
  const published = (measure.extensions ?? []).filter((e) => e.publishedAt.getTime() <= when.getTime());
  const { implementation, expiry } = specialMeasureTimeline({ ...measure, extensions: published }, { ruleSet: context.ruleSet, timeZone });
  const t = when.getTime();
  const inForceRule = context.ruleSet.interpretations.specialMeasureInForce;
  let state: SpecialMeasureState;
  let reason: string;
  if (t < issuedAt.getTime()) {
    state = 'not-issued';
    reason = `At ${when.toISOString()} the measure had not been issued yet (issued ${issuedAt.toISOString()}).`;
  } else if (revokedAt !== undefined && t >= revokedAt.getTime()) {
    state = 'revoked';
    reason = `The measure was revoked at ${revokedAt.toISOString()}; it no longer binds from then on.`;
  } else if (t > expiry.dueAt.getTime()) {
    state = 'expired';
    reason = `The measure expired at ${expiry.dueAt.toISOString()} (${expiry.dueDate} in ${timeZone}) and no extension published by ${when.toISOString()} prolongs it.`;
  } else if (t <= implementation.dueAt.getTime()) {
    state = 'phase-in';
    reason = `The measure is issued but in its phase-in: implementation is not required until the end of ${implementation.dueDate} in ${timeZone} (${implementation.dueAt.toISOString()}).`;
  } else {
    state = 'in-force';
    reason = `The phase-in ended at ${implementation.dueAt.toISOString()} and the measure is effective until ${expiry.dueAt.toISOString()}: it must be applied. ${inForceRule.explanation}`;
  }
  const ignored = (measure.extensions ?? []).length - published.length;
  return {
    measureId: measure.id,
    state,
    implementationDueAt: implementation.dueAt,
    expiresAt: expiry.dueAt,
    reasons: [
      reason,
      ...(ignored > 0 ? [`${ignored} extension(s) published after ${when.toISOString()} are not counted at this instant.`] : []),
      // Both counts end with the rule set's standing: said once, at the end.
      ...implementation.explanation.slice(1, -1),
      ...expiry.explanation.slice(1),
    ],
  };
}

/** Who a measure is checked against: a prospective (or existing) customer with its beneficial owners, or a reseller. */
export interface SpecialMeasureSubject {
  /** Jurisdictions of location or organisation (ISO 3166-1 alpha-2) of the subject and of its beneficial owners. */
  readonly jurisdictions: readonly string[];
  /** Ids the desk gives persons (a measure may name them directly). */
  readonly personIds?: readonly string[];
  /** Names on the subject's records (the customer's and its owners'), compared with a designated person's name and aliases. */
  readonly names?: readonly string[];
  /** Identifiers on the subject's records (email, telephone, payment identifiers, ...). */
  readonly identifiers?: readonly PersonIdentifier[];
}

/**
 * What a measure does to a subject at an instant:
 * - 'refuse': a prohibition in force matched by jurisdiction or identifier: the account may not be opened;
 * - 'conditions': a conditions-measure in force: the account may be opened only on its conditions;
 * - 'warn': a matching measure still in its phase-in: not yet binding, the handler is told;
 * - 'review': a near match on name only, or an account already open under a rule set whose
 *   measures reach only the opening of accounts: a handler looks, nothing is refused;
 * - 'none': no match, or the measure is not issued, expired or revoked at the instant.
 */
export type SpecialMeasureEffect = 'refuse' | 'conditions' | 'warn' | 'review' | 'none';

export interface NearNameMatch {
  readonly designatedName: string;
  readonly subjectName: string;
  /** 1 for names equal after normalisation; otherwise edit-distance similarity. */
  readonly similarity: number;
}

export interface SpecialMeasureFinding extends SpecialMeasureStatus {
  readonly effect: SpecialMeasureEffect;
  readonly kind: SpecialMeasureKind;
  readonly conditions: readonly string[];
  readonly matchedJurisdictions: readonly string[];
  readonly matchedPersonIds: readonly string[];
  readonly matchedIdentifiers: readonly PersonIdentifier[];
  readonly nearNameMatches: readonly NearNameMatch[];
}

/** Names compared without case, accents, punctuation or word order ("Ivanov, Ivan" = "ivan IVANOV"). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Similarity of two names after normalisation: 1 when equal, else 1 - edit distance / longer length. */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  return 1 - editDistance(x, y) / Math.max(x.length, y.length);
}

function normalizeIdentifier(identifier: PersonIdentifier): string {
  const value = identifier.value.trim().toLowerCase();
  return identifier.type === 'telephone' || identifier.type === 'payment-identifier' || identifier.type === 'passport-number' || identifier.type === 'registration-number'
    ? value.replace(/[^a-z0-9]/g, '')
    : value;
}

/**
 * The effect of one measure on one subject at an instant, with the reasons. `purpose` says
 * whether an account is being opened or one already open is being reviewed: the rule set's
 * `specialMeasureReach` says whether a measure in force binds the latter.
 */
export function specialMeasureEffect(
  measure: SpecialMeasure,
  subject: SpecialMeasureSubject,
  at: Date,
  context: MeasureContext,
  purpose: 'opening' | 'maintaining' = 'opening',
): SpecialMeasureFinding {
  const status = specialMeasureStatus(measure, at, context);
  if (subject === null || typeof subject !== 'object') throw new RuleInputError('subject', 'must be an object');
  const kind: SpecialMeasureKind = measure.kind ?? 'prohibition';
  const measureCountries = new Set(countryCodes(measure.jurisdictions, 'measure.jurisdictions'));
  const measurePersons = new Set(ids(measure.foreignPersonIds, 'measure.foreignPersonIds'));
  const person = measure.designatedPerson;
  if (measureCountries.size === 0 && measurePersons.size === 0 && person === undefined) {
    throw new RuleInputError('measure', 'a special measure names at least one jurisdiction or foreign person');
  }
  const subjectCountries = [...new Set((subject.jurisdictions ?? []).map((c, i) => assertJurisdiction(c, `subject.jurisdictions[${i}]`)))];
  const matchedJurisdictions = subjectCountries.filter((c) => measureCountries.has(c));
  const matchedPersonIds = [...new Set(ids(subject.personIds, 'subject.personIds'))].filter((p) => measurePersons.has(p));
  const designatedIdentifiers = new Set((person?.identifiers ?? []).map((i) => `${i.type}:${normalizeIdentifier(i)}`));
  const matchedIdentifiers = (subject.identifiers ?? []).filter((i) => designatedIdentifiers.has(`${i.type}:${normalizeIdentifier(i)}`));
  const threshold = context.ruleSet.interpretations.specialMeasureNameMatch.value.nearMatchSimilarity;
  const nearNameMatches: NearNameMatch[] = [];
  for (const designatedName of person ? [person.name, ...(person.aliases ?? [])] : []) {
    for (const subjectName of subject.names ?? []) {
      const similarity = nameSimilarity(designatedName, subjectName);
      if (similarity >= threshold) nearNameMatches.push({ designatedName, subjectName, similarity: Math.round(similarity * 1000) / 1000 });
    }
  }
  const strong = matchedJurisdictions.length > 0 || matchedPersonIds.length > 0 || matchedIdentifiers.length > 0;
  const near = nearNameMatches.length > 0;
  const live = status.state === 'phase-in' || status.state === 'in-force';
  const reach = context.ruleSet.interpretations.specialMeasureReach;
  let effect: SpecialMeasureEffect;
  let verdict: string;
  if (!live || (!strong && !near)) {
    effect = 'none';
    verdict = `Measure ${measure.id} has no effect at this instant (state: ${status.state}${strong || near ? '' : ', no match'}).`;
  } else if (!strong) {
    effect = 'review';
    verdict = `Measure ${measure.id}: the name matches the designated person only nearly; flagged for a handler's review, not refused. ${context.ruleSet.interpretations.specialMeasureNameMatch.explanation}`;
  } else if (status.state === 'phase-in') {
    effect = 'warn';
    verdict = `Measure ${measure.id} matches but is in its phase-in until ${status.implementationDueAt.toISOString()}: not yet binding; the handler is warned.`;
  } else if (purpose === 'maintaining' && reach.value === 'opening') {
    effect = 'review';
    verdict = `Measure ${measure.id} is in force and matches an account already open; under rule set ${context.ruleSet.id} a measure binds the opening of accounts, so the account is listed for a handler's review. ${reach.explanation}`;
  } else if (kind === 'prohibition') {
    effect = 'refuse';
    verdict = `Measure ${measure.id} is in force and prohibits ${purpose === 'opening' ? 'opening' : 'maintaining'} this account.`;
  } else {
    effect = 'conditions';
    verdict = `Measure ${measure.id} is in force: the account may be ${purpose === 'opening' ? 'opened' : 'kept'} only on the measure's conditions.`;
  }
  const matchText: string[] = [];
  if (matchedJurisdictions.length) matchText.push(`by jurisdiction ${matchedJurisdictions.join(', ')}`);
  if (matchedPersonIds.length) matchText.push(`by named foreign person ${matchedPersonIds.join(', ')}`);
  if (matchedIdentifiers.length) matchText.push(`by the designated person's identifiers (${matchedIdentifiers.map((i) => i.type).join(', ')})`);
  if (near) matchText.push(`nearly by name (${nearNameMatches.map((n) => `similarity ${n.similarity}`).join(', ')})`);
  return {
    ...status,
    effect,
    kind,
    conditions: kind === 'conditions' ? [...(measure.conditions ?? [])] : [],
    matchedJurisdictions,
    matchedPersonIds,
    matchedIdentifiers,
    nearNameMatches,
    reasons: [verdict, matchText.length ? `The subject matches the measure ${matchText.join(' and ')}.` : 'The subject matches nothing the measure names.', ...status.reasons],
  };
}
