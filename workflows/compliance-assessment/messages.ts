import { defineQuery } from '@temporalio/workflow';

/** Starts an assessment's case: IDs and non-personal facts. */
export interface ComplianceAssessmentInput {
  caseId: string;
  assessmentId: string;
  kind: 'assessment' | 'audit' | 'transaction-review';
  commerceReference: string;
  /** Whose CIP is assessed. */
  cipOwner: { type: 'provider' } | { type: 'foreign-reseller'; resellerId: string };
  noticeReceivedAt: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

// `input-refused`: every case type's status for a start the rules refuse (workflows/kit/refused-input.ts).
export type ComplianceAssessmentStatus = 'under-assessment' | 'remediating' | 'remediation-overdue' | 'remediated' | 'closed-without-findings' | 'input-refused';

export interface RecommendationState {
  id: string;
  position: number;
  description: string;
  status: 'open' | 'implemented' | 'not-implemented';
  evidence?: string;
  evidenceDocumentId?: string;
  notImplementedReason?: string;
  resolvedBy?: string;
  resolvedAt?: string;
}

export interface ComplianceAssessmentState {
  caseId: string;
  assessmentId: string;
  status: ComplianceAssessmentStatus;
  findingsReceivedAt?: string;
  remediationDueAt?: string;
  remediationDueDate?: string;
  remediationExplanation?: string[];
  deficiencies: { id: string; description: string }[];
  recommendations: RecommendationState[];
  resubmission?: { cipVersion: number; documentId: string; sha256: string; resubmittedAt: string; reference: string | null; by: string };
  /** The remediation deadline passed unmet (a breach that stays). */
  breached: boolean;
  remindersSent: string[];
}

export const complianceAssessmentStateQuery = defineQuery<ComplianceAssessmentState>('complianceAssessmentState');
