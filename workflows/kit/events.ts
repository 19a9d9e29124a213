// Case event types the kit writes for every case workflow, whatever its obligation. Audit
// views and notifications key on these; a workflow may write more specific events beside them
// (e.g. `cip.transmitted` together with `decision.accepted`).

/** The case exists: written once, when its workflow opens it. */
export const CASE_OPENED = 'case.opened';
/** A reminder before the due instant (data: dueAt, dueDate, daysBefore). */
export const DEADLINE_REMINDER = 'deadline.reminder';
/** The due instant passed without the case being settled (data: dueAt, dueDate). */
export const DEADLINE_MISSED = 'deadline.missed';
/** A four-eyes proposal awaits a second person (data: decision, proposedBy, reason). */
export const APPROVAL_REQUESTED = 'approval.requested';
/** A decision was accepted (data: decision, by, reason); written for every accepted `decide` Update but a four-eyes proposal. */
export const DECISION_ACCEPTED = 'decision.accepted';

export const GENERIC_CASE_EVENTS = [CASE_OPENED, DEADLINE_REMINDER, DEADLINE_MISSED, APPROVAL_REQUESTED, DECISION_ACCEPTED] as const;
export type GenericCaseEvent = (typeof GENERIC_CASE_EVENTS)[number];

/** The rules refused what the case was started with; the case is on record, closed, with the field and why (data: field, message). */
export const CASE_INPUT_REFUSED = 'case.input-refused';
/** The rules refused a fact the case heard; the case goes on as it was (data: fact, field, message, the fact's payload). */
export const FACT_REFUSED = 'fact.refused';
