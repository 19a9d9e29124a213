// Failure types shared by workflows, activities and the API: each names one refusal the API
// maps to an HTTP status or a workflow handles. Written once here, so a rename cannot leave one
// side behind.
export const FAILURE = {
  decisionWrongState: 'cipdesk.decision.wrong_state',
  decisionInvalid: 'cipdesk.decision.invalid',
  decisionForbidden: 'cipdesk.decision.forbidden',
  decisionUnknown: 'cipdesk.decision.unknown',
  /** A decision that would open an account a special measure in force prohibits (409, naming the measure). */
  specialMeasureProhibits: 'cipdesk.special_measure.prohibited',
  /** Disposal refused while a legal hold is on (record retention waits for the release). */
  legalHold: 'cipdesk.retention.legal_hold',
  /** The recorded facts of a customer cannot be classified (identification waits for corrected facts). */
  invalidCustomerFacts: 'cipdesk.customers.invalid_facts',
  /** A customer, party or account an activity was asked about does not exist. */
  customerNotFound: 'cipdesk.customers.not_found',
  /** The rules refused a case's start input: the case is on record as `input-refused` and its workflow ends. */
  caseInputRefused: 'cipdesk.case.input_refused',
} as const;
export type FailureType = (typeof FAILURE)[keyof typeof FAILURE];
