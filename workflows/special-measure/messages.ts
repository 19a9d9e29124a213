import { defineQuery } from '@temporalio/workflow';

/** The extension facts a measure was recorded with (a measure recorded late), or an accepted decision. */
export interface SpecialMeasureExtensionFact {
  federalRegisterCitation: string;
  publishedAt: string;
  newEndDate?: string;
}

/**
 * Starts a measure's case. The measure's facts are public (published in the Federal Register)
 * and few; its target's names and identifiers stay in PostgreSQL.
 */
export interface SpecialMeasureInput {
  caseId: string;
  measureId: string;
  federalRegisterCitation: string;
  issuedAt: string;
  kind: 'prohibition' | 'conditions';
  /** The jurisdiction, when the measure targets one (a designated person is matched by the activities). */
  jurisdiction: string | null;
  expiresOn?: string;
  extensions: SpecialMeasureExtensionFact[];
  /** Revoked before its workflow started (recorded so). */
  revokedAt?: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

export type SpecialMeasureCaseStatus = 'phase-in' | 'in-force' | 'expired' | 'revoked';

export interface SpecialMeasureState {
  caseId: string;
  measureId: string;
  status: SpecialMeasureCaseStatus;
  implementationDueAt: string;
  implementationDate: string;
  expiresAt: string;
  expiryDate: string;
  extensions: SpecialMeasureExtensionFact[];
  remindersSent: string[];
  /** Impact-review cases started (workflow ids) once the measure entered force. */
  impactReviews: string[];
}

export const specialMeasureStateQuery = defineQuery<SpecialMeasureState>('specialMeasureState');
