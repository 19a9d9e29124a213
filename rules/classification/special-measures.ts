/**
 * Special measures: whether a measure binds a prospective customer at an instant.
 *
 * States, at instant `at` (extensions count only once published, i.e. publishedAt <= at):
 * - 'not-issued': before issuance;
 * - 'revoked': at or after revocation (takes precedence);
 * - 'expired': after the end of the measure's last day (365 days from issuance or latest extension);
 * - 'phase-in': issued, but implementation not yet required (through the end of day 180);
 * - 'in-force': implementation required (from the start of day 181) and not expired.
 * A measure matches a customer by jurisdiction (ISO 3166-1 alpha-2) or by named foreign person.
 */
import { assertInstant, assertTimeZone } from '../calendar.js';
import { computeDeadline, type Deadline, type SpecialMeasureExtension } from '../deadlines.js';
import { RuleInputError } from '../errors.js';
import type { RuleSet } from '../rule-set.js';

export interface SpecialMeasure {
  readonly id: string;
  readonly issuedAt: Date;
  /** Jurisdictions named by the measure (ISO 3166-1 alpha-2, e.g. "KP"). */
  readonly jurisdictions?: readonly string[];
  /** Foreign persons named by the measure (the desk's person ids). */
  readonly foreignPersonIds?: readonly string[];
  readonly extensions?: readonly SpecialMeasureExtension[];
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

export interface ProspectiveCustomer {
  /** Jurisdictions connected to the customer (location, place of organization, ...), ISO alpha-2. */
  readonly jurisdictions: readonly string[];
  /** Ids of the customer and of its beneficial owners, to match persons named by a measure. */
  readonly personIds?: readonly string[];
}

export interface SpecialMeasureApplicability extends SpecialMeasureStatus {
  /** True when the measure is in force and matches the customer. */
  readonly applies: boolean;
  /** Matches the customer, whatever the state (useful during phase-in). */
  readonly matches: boolean;
  readonly matchedJurisdictions: readonly string[];
  readonly matchedPersonIds: readonly string[];
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
  const implementation: Deadline = computeDeadline({
    obligation: 'special-measure-implementation',
    ruleSet: context.ruleSet,
    startedAt: issuedAt,
    timeZone,
  });
  const expiry: Deadline = computeDeadline({
    obligation: 'special-measure-expiry',
    ruleSet: context.ruleSet,
    startedAt: issuedAt,
    timeZone,
    extensions: published,
  });
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
      ...implementation.explanation.slice(1),
      ...expiry.explanation.slice(1),
    ],
  };
}

export function specialMeasureApplies(
  measure: SpecialMeasure,
  customer: ProspectiveCustomer,
  at: Date,
  context: MeasureContext,
): SpecialMeasureApplicability {
  const status = specialMeasureStatus(measure, at, context);
  if (customer === null || typeof customer !== 'object') throw new RuleInputError('customer', 'must be an object');
  const measureCountries = new Set(countryCodes(measure.jurisdictions, 'measure.jurisdictions'));
  const measurePersons = new Set(ids(measure.foreignPersonIds, 'measure.foreignPersonIds'));
  if (measureCountries.size === 0 && measurePersons.size === 0) {
    throw new RuleInputError('measure', 'a special measure names at least one jurisdiction or foreign person');
  }
  const matchedJurisdictions = [...new Set(countryCodes(customer.jurisdictions, 'customer.jurisdictions'))].filter((c) => measureCountries.has(c));
  const matchedPersonIds = [...new Set(ids(customer.personIds, 'customer.personIds'))].filter((p) => measurePersons.has(p));
  const matches = matchedJurisdictions.length > 0 || matchedPersonIds.length > 0;
  const applies = matches && status.state === 'in-force';
  const matchText = matches
    ? `The customer matches the measure${matchedJurisdictions.length > 0 ? ` by jurisdiction ${matchedJurisdictions.join(', ')}` : ''}${matchedJurisdictions.length > 0 && matchedPersonIds.length > 0 ? ' and' : ''}${matchedPersonIds.length > 0 ? ` by named foreign person ${matchedPersonIds.join(', ')}` : ''}.`
    : 'The customer matches neither a jurisdiction nor a foreign person named by the measure.';
  const verdict = applies
    ? `Measure ${measure.id} applies: the account may not be opened, or only on the measure's conditions.`
    : `Measure ${measure.id} does not apply at this instant (state: ${status.state}${matches ? '' : ', no match'}).`;
  return {
    ...status,
    applies,
    matches,
    matchedJurisdictions,
    matchedPersonIds,
    reasons: [verdict, matchText, ...status.reasons],
  };
}
