// Facts: things that happen on their own to a case's subject (a customer, an account, a
// reseller) and that open cases of that subject may need to hear. The API stores the fact,
// then delivers it as a Signal to every open case of the subject whose case type lists the
// fact in `listensTo` (api/facts.ts, found through the cases table). No module names another
// obligation's workflow to tell it something; a new listener declares the fact in its
// case type and handles the signal in its workflow.
import { defineSignal, type SignalDefinition } from '@temporalio/workflow';
import { RuleInputError } from '../../rules/errors.js';

export interface FactDefinition<N extends string = string, P = unknown> {
  name: N;
  /** The subject type whose open cases hear it. */
  subjectType: string;
  signal: SignalDefinition<[P]>;
}

/** Declares a fact: `defineFact<Payload>()(name, subjectType, signalName)`. */
export function defineFact<P>() {
  return <const N extends string>(name: N, subjectType: string, signalName: string): FactDefinition<N, P> => ({
    name,
    subjectType,
    signal: defineSignal<[P]>(signalName),
  });
}

export interface VerificationRecorded {
  attemptId: string;
  partyId: string;
  result: 'verified' | 'failed' | 'inconclusive';
}
export interface BeneficialOwnerAdded {
  partyId: string;
}

/**
 * A recorded fact of the customer or of a party changed without a new owner being added: a
 * substantial-control determination, a correction of the classification facts, a change of
 * stake or the removal of a beneficial owner. Who, when and why are in PostgreSQL (the change
 * record `changeId`); the signal carries ids only.
 */
export interface CustomerFactsChanged {
  changeId: string;
  partyId: string;
  change: 'substantial-control-determined' | 'facts-corrected' | 'stake-changed' | 'beneficial-owner-removed';
  actor: string;
}

// Signal names are those the first workflows were built with: running workflows keep hearing them.
export const verificationRecordedFact = defineFact<VerificationRecorded>()('verification-recorded', 'customer', 'verificationRecorded');
export const beneficialOwnerAddedFact = defineFact<BeneficialOwnerAdded>()('beneficial-owner-added', 'customer', 'beneficialOwnerAdded');
export const customerFactsChangedFact = defineFact<CustomerFactsChanged>()('customer-facts-changed', 'customer', 'customerFactsChanged');
export const accountAccessedFact = defineFact<{ at: string }>()('account-accessed', 'account', 'accountAccessed');
export const legalHoldSetFact = defineFact<{ holdId: string }>()('legal-hold-set', 'account', 'legalHoldSet');
export const legalHoldReleasedFact = defineFact<{ holdId: string }>()('legal-hold-released', 'account', 'legalHoldReleased');

/** The provider closed one of the customer's accounts in use (its re-verification stops). */
export interface AccountClosed {
  accountId: string;
  reason: string;
  closedBy: string;
}
export const accountClosedFact = defineFact<AccountClosed>()('account-closed', 'customer', 'accountClosed');

export interface NoncomplianceEvidenceAdded {
  evidenceId: string;
  recordedAt: string;
  recordedBy: string;
}
export interface ResellerAnswered {
  answerId: string;
  issueId: string;
  claimsCured: boolean;
  receivedAt: string;
  recordedBy: string;
}
export interface ResellerCipRecorded {
  version: number;
  receivedAt: string;
  effectiveAt: string;
  recordedBy: string;
}
export interface ProviderCipRecorded {
  version: number;
  receivedAt: string;
  effectiveAt: string;
  recordedBy: string;
}
/**
 * A foreign reseller's CIP was recorded, told to the provider's own CIP cases (the certification
 * whose reseller part it may supply): the reseller's cases hear `reseller-cip-recorded`.
 */
export interface ProviderResellerCipRecorded extends ResellerCipRecorded {
  resellerId: string;
}
export interface ResellerStatusChanged {
  status: string;
  reason: string | null;
  at: string;
}

/** The provider's certification settings changed (CIP contact, procedures, anniversary). */
export interface ProviderSettingsRecorded {
  settingsVersion: number;
  changed: string[];
  recordedBy: string;
}

export const noncomplianceEvidenceAddedFact = defineFact<NoncomplianceEvidenceAdded>()('noncompliance-evidence-added', 'foreign-reseller', 'noncomplianceEvidenceAdded');
export const resellerAnsweredFact = defineFact<ResellerAnswered>()('reseller-answered', 'foreign-reseller', 'resellerAnswered');
export const resellerCipRecordedFact = defineFact<ResellerCipRecorded>()('reseller-cip-recorded', 'foreign-reseller', 'resellerCipRecorded');
export const providerCipRecordedFact = defineFact<ProviderCipRecorded>()('provider-cip-recorded', 'provider-cip', 'providerCipRecorded');
export const providerResellerCipRecordedFact = defineFact<ProviderResellerCipRecorded>()('provider-reseller-cip-recorded', 'provider-cip', 'providerResellerCipRecorded');
export const resellerStatusChangedFact = defineFact<ResellerStatusChanged>()('reseller-status-changed', 'foreign-reseller', 'resellerStatusChanged');
export const providerSettingsRecordedFact = defineFact<ProviderSettingsRecorded>()('provider-settings-recorded', 'provider-cip', 'providerSettingsRecorded');

/** A condition of a special measure that an account may be opened on only (public: the measure's Federal Register text). */
export interface SpecialMeasureCondition {
  measureId: string;
  federalRegisterCitation: string;
  condition: string;
}

/**
 * A special measure entered force (or was recorded already in force) and its impact scan found
 * the customer's application still pending: the measure binds the opening it waits for. A fact,
 * not a decision: the identification case records it and the handler decides. Public facts of
 * the measure and ids only.
 */
export interface SpecialMeasureApplies {
  measureId: string;
  federalRegisterCitation: string;
  /** What the measure does to the opening: a prohibition refuses it; a conditions-measure sets its conditions. */
  effect: 'refuse' | 'conditions';
  /** How the customer matched, without personal data (`jurisdiction KP`, `identifier (email)`). */
  matchedBy: string[];
  /** When the measure entered force (ISO instant). */
  inForceSince: string;
  /** A conditions-measure's conditions (empty for a prohibition). */
  conditions: SpecialMeasureCondition[];
  /** The impact-review case the measure opened for this customer. */
  impactReviewCaseId: string;
}

/** A special measure that bound a pending application ended before the opening: revoked or expired. */
export interface SpecialMeasureEnded {
  measureId: string;
  federalRegisterCitation: string;
  ended: 'revoked' | 'expired';
  /** When it stopped binding (ISO instant). */
  at: string;
}

export const specialMeasureAppliesFact = defineFact<SpecialMeasureApplies>()('special-measure-applies', 'customer', 'specialMeasureApplies');
export const specialMeasureEndedFact = defineFact<SpecialMeasureEnded>()('special-measure-ended', 'customer', 'specialMeasureEnded');

// The measure an impact review was opened for ended (revoked or expired): its workflow tells the
// open review cases of every subject it was reviewed on, customer or reseller. One fact per subject
// type (a fact has one), both on the same signal, so the review hears either with one handler.
const IMPACT_REVIEW_MEASURE_ENDED_SIGNAL = 'impactReviewMeasureEnded';
export const measureEndedForCustomerReviewFact = defineFact<SpecialMeasureEnded>()('special-measure-ended-for-customer-review', 'customer', IMPACT_REVIEW_MEASURE_ENDED_SIGNAL);
export const measureEndedForResellerReviewFact = defineFact<SpecialMeasureEnded>()('special-measure-ended-for-reseller-review', 'reseller', IMPACT_REVIEW_MEASURE_ENDED_SIGNAL);

/** Refuses (RuleInputError naming the field) a told end of a measure a case cannot act on. */
export function checkSpecialMeasureEnded(fact: SpecialMeasureEnded): void {
  if (fact.ended !== 'revoked' && fact.ended !== 'expired') throw new RuleInputError('ended', `must be revoked or expired, not ${String(fact.ended)}`);
  if (typeof fact.at !== 'string' || Number.isNaN(Date.parse(fact.at))) throw new RuleInputError('at', 'must be an instant');
}

/** Every fact a case can listen to. A new fact is added here, beside its payload type. */
export const FACTS = [
  verificationRecordedFact,
  beneficialOwnerAddedFact,
  customerFactsChangedFact,
  accountAccessedFact,
  legalHoldSetFact,
  legalHoldReleasedFact,
  accountClosedFact,
  noncomplianceEvidenceAddedFact,
  resellerAnsweredFact,
  resellerCipRecordedFact,
  providerCipRecordedFact,
  providerResellerCipRecordedFact,
  resellerStatusChangedFact,
  providerSettingsRecordedFact,
  specialMeasureAppliesFact,
  specialMeasureEndedFact,
  measureEndedForCustomerReviewFact,
  measureEndedForResellerReviewFact,
] as const;
export type FactName = (typeof FACTS)[number]['name'];
