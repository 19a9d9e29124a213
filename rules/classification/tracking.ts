/**
 * Whether a customer must be tracked under the CIP: if the customer and all of its beneficial
 * owners are U.S. persons, nothing more is tracked; otherwise (any foreign, or any not yet
 * known) the customer is tracked, and treated as foreign until settled.
 */
import { RuleInputError } from '../errors.js';
import { classifyUsPerson, type PersonFacts, type UsPersonClassification } from './us-person.js';

export interface TrackingInput {
  readonly customer: PersonFacts;
  readonly beneficialOwners: readonly (PersonFacts & { readonly id: string })[];
}

export interface TrackingDecision {
  readonly mustTrack: boolean;
  readonly customer: UsPersonClassification;
  readonly beneficialOwners: readonly (UsPersonClassification & { readonly id: string })[];
  readonly reasons: readonly string[];
}

/** How a status reads in an explanation. */
const STATUS_WORDS: Record<UsPersonClassification['status'], string> = {
  us: 'a U.S. person',
  foreign: 'a foreign person',
  unknown: 'U.S.-person status not yet known',
};

export function mustTrackCustomer(input: TrackingInput): TrackingDecision {
  if (input === null || typeof input !== 'object') throw new RuleInputError('input', 'must be an object');
  if (!Array.isArray(input.beneficialOwners)) throw new RuleInputError('beneficialOwners', 'must be a list (empty if none)');
  const customer = classifyUsPerson(input.customer, 'customer');
  const owners = input.beneficialOwners.map((owner, i) => ({
    id: owner.id,
    ...classifyUsPerson(owner, `beneficialOwners[${i}]`),
  }));
  const notUs = owners.filter((o) => o.treatAsForeign);
  const reasons: string[] = [];
  reasons.push(`Customer: ${STATUS_WORDS[customer.status]}. ${customer.reasons.join(' ')}`);
  for (const o of owners) reasons.push(`Beneficial owner ${o.id}: ${STATUS_WORDS[o.status]}. ${o.reasons.join(' ')}`);
  const mustTrack = customer.treatAsForeign || notUs.length > 0;
  if (mustTrack) {
    const who = [
      ...(customer.treatAsForeign ? [`the customer (${STATUS_WORDS[customer.status]})`] : []),
      ...notUs.map((o) => `beneficial owner ${o.id} (${STATUS_WORDS[o.status]})`),
    ];
    reasons.push(
      `Tracked: ${who.join(', ')} ${who.length === 1 ? 'is not established as a U.S. person' : 'are not established as U.S. persons'}, so the CIP's identification and verification apply.`,
    );
  } else {
    reasons.push('Not tracked: the customer and all of its beneficial owners are U.S. persons, so nothing more is tracked.');
  }
  return { mustTrack, customer, beneficialOwners: owners, reasons };
}
