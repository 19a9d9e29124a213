// Exemption activities: project an exemption's workflow (Commerce's decision, each annual
// notification, a missed one, the revocation) into its rows. Each write is idempotent, so a
// retried activity changes nothing the first did not.
import {
  markExemptionNotificationBreached,
  recordExemptionDecision,
  recordExemptionNotification,
  revokeExemption,
} from '../db/queries/exemptions.js';
import type { ActivityDeps } from './deps.js';

export interface ExemptionActivities {
  recordExemptionDecision(input: {
    exemptionId: string;
    status: 'granted' | 'denied' | 'withdrawn';
    commerceReference: string | null;
    decidedAt: string;
    recordedBy: string;
    approvedBy: string | null;
    reason: string | null;
    notificationDueAt: string | null;
  }): Promise<void>;
  recordExemptionNotification(input: {
    notificationId: string;
    exemptionId: string;
    reference: string;
    notifiedAt: string;
    dueAt: string;
    late: boolean;
    recordedBy: string;
    nextDueAt: string;
  }): Promise<void>;
  recordExemptionNotificationMissed(input: { exemptionId: string; at: string }): Promise<void>;
  recordExemptionRevocation(input: { exemptionId: string; revokedAt: string; revokedBy: string; reason: string; commerceReference: string | null }): Promise<void>;
}

export function createExemptionActivities({ db }: ActivityDeps): ExemptionActivities {
  return {
    async recordExemptionDecision(input) {
      await recordExemptionDecision(db, {
        id: input.exemptionId,
        status: input.status,
        commerceReference: input.commerceReference,
        decidedAt: new Date(input.decidedAt),
        recordedBy: input.recordedBy,
        approvedBy: input.approvedBy,
        reason: input.reason,
        notificationDueAt: input.notificationDueAt ? new Date(input.notificationDueAt) : null,
      });
    },
    async recordExemptionNotification(input) {
      await recordExemptionNotification(db, {
        id: input.notificationId,
        exemptionId: input.exemptionId,
        reference: input.reference,
        notifiedAt: new Date(input.notifiedAt),
        dueAt: new Date(input.dueAt),
        late: input.late,
        recordedBy: input.recordedBy,
        nextDueAt: new Date(input.nextDueAt),
      });
    },
    async recordExemptionNotificationMissed(input) {
      await markExemptionNotificationBreached(db, { id: input.exemptionId, at: new Date(input.at) });
    },
    async recordExemptionRevocation(input) {
      await revokeExemption(db, {
        id: input.exemptionId,
        revokedAt: new Date(input.revokedAt),
        revokedBy: input.revokedBy,
        reason: input.reason,
        commerceReference: input.commerceReference,
      });
    },
  };
}
