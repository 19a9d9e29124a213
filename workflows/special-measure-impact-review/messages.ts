/** One matching subject of a measure in force (IDs and non-personal facts only). */
export interface SpecialMeasureImpactReviewInput {
  caseId: string;
  measureId: string;
  federalRegisterCitation: string;
  subjectType: 'customer' | 'reseller';
  subjectId: string;
  /** The measure's effect on the subject (rules/ `specialMeasureEffect`, purpose 'maintaining'). */
  effect: 'refuse' | 'conditions' | 'warn' | 'review';
  /** How it matched: `jurisdiction KP`, `identifier (email)`, `near name match (similarity 0.9)`. */
  matchedBy: string[];
  /** Matched only nearly by name: flagged for review, never refused. */
  nearMatchOnly: boolean;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
  /** A conditions-measure's conditions, as tasks for the handler (a reseller registered under the measure). */
  tasks?: { measureId: string; federalRegisterCitation: string; condition: string }[];
}
