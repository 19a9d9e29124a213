// Four-eyes (maker-checker): a decision such as refusing or closing an account is proposed by
// one person and takes effect only when a second person, a reviewer who is not the proposer,
// approves it; a rejection restores the status the case had before the proposal. The pending
// proposal lives in the recorder, so the case row shows it (`pendingApproval`).
import type { CaseEventDraft, CaseRecorder, PendingApproval } from './recorder.js';
import { secondPersonRefusal } from './duties.js';
import { refuseForbidden, refuseWrongState, type DecisionRequest } from './decisions.js';

export class FourEyes<S extends string> {
  private statusBefore: S | undefined;

  constructor(
    private readonly recorder: CaseRecorder<S>,
    /** The status a case waits in for the second person. */
    private readonly approvalStatus: S,
  ) {}

  get pending(): PendingApproval | null {
    return this.recorder.pendingApproval;
  }

  /** For `approve` and `reject`: a pending proposal, reviewed by someone other than its proposer. */
  validateReview(request: DecisionRequest): void {
    const pending = this.pending;
    if (!pending) refuseWrongState('no proposal is waiting for approval');
    const refusal = secondPersonRefusal(pending, request.actor);
    if (refusal) refuseForbidden(refusal);
  }

  /** Records the proposal and puts the case in the approval status. */
  async propose(request: DecisionRequest, at: Date, event: CaseEventDraft): Promise<PendingApproval> {
    const pending: PendingApproval = {
      decision: request.decision,
      proposedBy: request.actor.subject,
      proposedAt: at.toISOString(),
      reason: request.reason ?? '',
    };
    this.statusBefore = this.recorder.status;
    this.recorder.setPendingApproval(pending);
    await this.recorder.transition({ status: this.approvalStatus, events: event });
    return pending;
  }

  /** The approved proposal; it is cleared with the change the caller records next. */
  approve(): PendingApproval {
    const pending = this.pending;
    if (!pending) throw new Error('no proposal to approve');
    this.recorder.setPendingApproval(null);
    return pending;
  }

  /** Drops the proposal and restores the status the case had before it. */
  async reject(event: (rejected: PendingApproval) => CaseEventDraft): Promise<PendingApproval> {
    const rejected = this.approve();
    await this.recorder.transition({ status: this.statusBefore ?? this.recorder.status, events: event(rejected) });
    return rejected;
  }
}
