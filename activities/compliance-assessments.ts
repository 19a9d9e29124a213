// Compliance-assessment activities: project an assessment's workflow (findings, each
// recommendation's outcome, the CIP resubmission, the status) into its rows, idempotently.
import {
  getAssessmentEvidence,
  recordAssessmentFindings,
  recordAssessmentResubmission,
  resolveAssessmentRecommendation,
  setAssessmentStatus,
} from '../db/queries/compliance-assessments.js';
import type { AssessmentStatus } from '../db/schema/compliance-assessments.js';
import type { ActivityDeps } from './deps.js';

export interface ComplianceAssessmentActivities {
  recordAssessmentFindings(input: {
    assessmentId: string;
    findingsReceivedAt: string;
    remediationDueAt: string;
    deficiencies: { id: string; description: string }[];
    recommendations: { id: string; description: string }[];
    recordedBy: string;
    /** When the handler recorded the findings (the decision's instant); absent from cases that recorded them before it was passed. */
    recordedAt?: string;
  }): Promise<void>;
  /** Whether a document was uploaded as evidence for this assessment (a decision may name only those). */
  isAssessmentEvidence(input: { assessmentId: string; documentId: string }): Promise<boolean>;
  resolveAssessmentRecommendation(input: {
    recommendationId: string;
    status: 'implemented' | 'not-implemented';
    evidence: string | null;
    evidenceDocumentId: string | null;
    notImplementedReason: string | null;
    resolvedBy: string;
    resolvedAt: string;
  }): Promise<void>;
  recordAssessmentResubmission(input: {
    assessmentId: string;
    cipVersion: number;
    documentId: string;
    sha256: string;
    resubmittedAt: string;
    reference: string | null;
    resubmittedBy: string;
  }): Promise<void>;
  recordAssessmentStatus(input: { assessmentId: string; status: AssessmentStatus; breachedAt?: string; closedAt?: string }): Promise<void>;
}

export function createComplianceAssessmentActivities({ db }: ActivityDeps): ComplianceAssessmentActivities {
  return {
    async recordAssessmentFindings(input) {
      // A decision recorded before its instant was passed here is dated by this first projection of it.
      const recordedAt = input.recordedAt ? new Date(input.recordedAt) : new Date();
      await recordAssessmentFindings(db, { ...input, findingsReceivedAt: new Date(input.findingsReceivedAt), remediationDueAt: new Date(input.remediationDueAt), recordedAt });
    },
    async isAssessmentEvidence(input) {
      return (await getAssessmentEvidence(db, input)) !== undefined;
    },
    async resolveAssessmentRecommendation(input) {
      await resolveAssessmentRecommendation(db, { ...input, resolvedAt: new Date(input.resolvedAt) });
    },
    async recordAssessmentResubmission(input) {
      await recordAssessmentResubmission(db, { ...input, resubmittedAt: new Date(input.resubmittedAt) });
    },
    async recordAssessmentStatus(input) {
      await setAssessmentStatus(db, {
        assessmentId: input.assessmentId,
        status: input.status,
        ...(input.breachedAt ? { breachedAt: new Date(input.breachedAt) } : {}),
        ...(input.closedAt ? { closedAt: new Date(input.closedAt) } : {}),
      });
    },
  };
}
