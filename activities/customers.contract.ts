// The contract between the customer-identification workflows and the activities that touch
// customer records. Workflows import these types only; activities/customers.ts
// implements them over PostgreSQL. Payloads carry IDs and non-personal facts, never personal
// data: that stays in the identity vault tables.
import type { AccountStatusValue, BeneficialOwnerBasis, BeneficialOwnerDetermination } from '../db/schema/customers.js';

export type { BeneficialOwnerBasis, BeneficialOwnerDetermination };

export type PartyRole = 'customer' | 'beneficial-owner';
export type UsPersonStatus = 'us' | 'foreign' | 'unknown';
/** An account's status: the one list is ACCOUNT_STATUSES beside the accounts table. */
export type AccountStatus = AccountStatusValue;

export interface ClassifyCustomerResult {
  /** The customer's own status; 'unknown' is treated as foreign until the facts are complete. */
  customerStatus: UsPersonStatus;
  /** True when the customer or any beneficial owner is foreign or unknown (REGULATION.md). */
  trackingRequired: boolean;
  /**
   * `tracked`: the party must be identified and verified (foreign or unknown, and for a notified
   * beneficial owner, one on the recorded facts). Absent in results recorded before it existed.
   */
  parties: {
    partyId: string;
    role: PartyRole;
    status: UsPersonStatus;
    tracked?: boolean;
    /** For a notified beneficial owner: whether the rules found it to be one, and on which basis. */
    beneficialOwner?: boolean;
    basis?: BeneficialOwnerBasis[];
  }[];
  /** Plain-language reasons from rules/classification, for the case history. */
  reasons: string[];
}

/** One measure's effect on the customer (see rules/ `specialMeasureEffect`). */
export interface SpecialMeasureFindingSummary {
  measureId: string;
  /** refuse | conditions | warn (phase-in) | review (near match on name) */
  effect: 'refuse' | 'conditions' | 'warn' | 'review';
  state: string;
  kind: 'prohibition' | 'conditions';
  federalRegisterCitation: string;
  /** The measure's conditions (effect 'conditions'), to become tasks on the case. */
  conditions: string[];
  implementationDueAt: string;
  expiresAt: string;
  matchedBy: string[];
}

export interface SpecialMeasuresCheck {
  /** Measures that bind the opening at `at` (a prohibition or conditions in force that match). */
  measureIds: string[];
  /** True when a measure in force prohibits opening the account. */
  prohibited: boolean;
  reasons: string[];
  /** Every measure with an effect, binding or not (absent in results recorded before findings existed). */
  findings?: SpecialMeasureFindingSummary[];
}

export interface VerificationSummary {
  /** Every party that must be verified (foreign or unknown), with whether it is verified. */
  trackedParties: {
    partyId: string;
    role: PartyRole;
    verified: boolean;
    openDiscrepancies: number;
    /** When the verification that stands was performed (ISO); null when the party is not verified. */
    verifiedAt?: string | null;
  }[];
  /** All tracked parties verified and no discrepancy left unresolved. */
  allVerified: boolean;
}

export interface CustomerActivities {
  /** Classifies the customer and its beneficial owners from the recorded facts; stores the result. */
  classifyCustomer(input: { customerId: string; ruleSetId: string }): Promise<ClassifyCustomerResult>;
  /** The special measures that apply to the customer at an instant. */
  checkSpecialMeasures(input: {
    customerId: string;
    at: string;
    /** Rule set of the case (phase-in and expiry periods); defaults to the customer's last classification's. */
    ruleSetId?: string;
    /** Provider's IANA zone for counting the measure's calendar days; defaults to America/New_York. */
    timeZone?: string;
  }): Promise<SpecialMeasuresCheck>;
  /** What the verification records say now (the source of truth; signals only wake the workflow). */
  verificationSummary(input: { customerId: string }): Promise<VerificationSummary>;
  /** Idempotent account status change, with its restrictions and review deadline. */
  setAccountStatus(input: {
    accountId: string;
    status: AccountStatus;
    restrictions?: string[];
    reviewDueAt?: string | null;
    at: string;
    actor: string;
  }): Promise<void>;
  /** Later of the account's closure and its last recorded access (ISO), for record retention. */
  accountRetentionAnchor(input: { accountId: string }): Promise<{ closedAt: string | null; lastAccessAt: string | null }>;
  /**
   * Removes the personal data of the customer and its parties (names, addresses, payment,
   * contact, IP addresses, verification materials) while ids, roles and the case history keep
   * their shape. Idempotent; refuses (throws a non-retryable failure) while a legal hold is on.
   */
  disposePersonalData(input: { customerId: string; accountId: string; at: string }): Promise<{ disposedParties: number }>;
}
