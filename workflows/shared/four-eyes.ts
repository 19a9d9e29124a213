// Refusing or closing an account needs a second person: a handler proposes, and a reviewer who
// is not the proposer approves or rejects (maker-checker). Used by every workflow that can
// refuse or close an account.
import { refuseForbidden, refuseWrongState, requireReason, type DecisionRequest } from './decisions.js';

export interface PendingProposal<D extends string = string> {
  decision: D;
  proposedBy: string;
  reason: string;
  proposedAt: string;
}

export function propose<D extends string>(request: DecisionRequest & { decision: D }, at: Date): PendingProposal<D> {
  return { decision: request.decision, proposedBy: request.actor.subject, reason: requireReason(request), proposedAt: at.toISOString() };
}

/** Validator for `approve` and `reject`: a pending proposal, a reviewer, and not the proposer. */
export function validateReview(request: DecisionRequest, pending: PendingProposal | undefined): void {
  if (!pending) refuseWrongState('no refusal or closure is waiting for approval');
  if (request.actor.role !== 'reviewer') refuseForbidden(`only a reviewer may ${request.decision} a proposed ${pending.decision}`);
  if (request.actor.subject === pending.proposedBy) {
    refuseForbidden(`${request.actor.subject} proposed this ${pending.decision}; a second person must review it (four-eyes rule)`);
  }
  if (request.decision === 'reject') requireReason(request);
}
