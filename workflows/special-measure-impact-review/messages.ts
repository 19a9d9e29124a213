/** One matching subject of a measure in force (IDs and non-personal facts only). */
export interface SpecialMeasureImpactReviewInput {
  caseId: string;
  measureId: string;
  federalRegisterCitation: string;
  subjectType: 'customer' | 'reseller';
  subjectId: string;
  /**
   * The measure's effect on the subject (rules/ `specialMeasureEffect`): purpose 'maintaining' for
   * an account already open or a reseller; 'opening' for an application not yet opened.
   */
  effect: 'refuse' | 'conditions' | 'warn' | 'review';
  /** The customer's application is still pending: the measure's opening effect applies (absent: an account or reseller in place). */
  pendingApplication?: boolean;
  /** How it matched: `jurisdiction KP`, `identifier (email)`, `near name match (similarity 0.9)`. */
  matchedBy: string[];
  /** Matched only nearly by name: flagged for review, never refused. */
  nearMatchOnly: boolean;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
  /** A conditions-measure's conditions, as tasks for the handler (a reseller registered, or an application pending, under the measure). */
  tasks?: { measureId: string; federalRegisterCitation: string; condition: string }[];
}
