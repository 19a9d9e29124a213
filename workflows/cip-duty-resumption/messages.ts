import type { ExemptionScope, ExemptionSubject } from '../exemption/messages.js';

/** One subject an exemption covered, back under the normal CIP duties since its revocation. */
export interface CipDutyResumptionInput {
  caseId: string;
  exemptionId: string;
  scope: ExemptionScope;
  subject: ExemptionSubject;
  revokedAt: string;
  ruleSetId: string;
  openedBy: string;
}

export interface CipDutyResumptionResult {
  /** `fact`: the evidence arrived on its own (a verification, a CIP on file); `decision`: a handler confirmed it. */
  resumedBy: 'fact' | 'decision';
  by: string;
  evidence: string;
}
