// Writes of large-AI-model training report versions, for the report workflow. The workflow
// chooses each version's id, so a retried write is a no-op; a version's contents never change,
// approval and filing are added once.
import {
  insertReportVersion,
  recordReportVersionApproval,
  recordReportVersionFiling,
} from '../db/queries/ai-training.js';
import { randomUUID } from 'node:crypto';
import { openingEvidenceOf, recordOversightEvidence } from '../db/queries/resellers.js';
import type { AiReportContentsRecord, AiReportVersionKind } from '../db/schema/ai-training.js';
import { resellerOversightWorkflowId } from '../workflows/ids.js';
import { oversightCaseInput, type ResellerTerminationInput } from '../workflows/reseller-termination/messages.js';
import type { ActivityDeps } from './deps.js';

/** What referring a reseller from a report case did (ids only). */
export type ResellerReferralResult =
  | { outcome: 'unknown-reseller' | 'reseller-terminated' }
  | {
      /** `opened`: the referral opened the oversight case; `added`: it was added to the open one. */
      outcome: 'opened' | 'added';
      evidenceId: string;
      caseId: string;
      workflowId: string;
      /** The oversight case's start: the workflow starts it once (a no-op when it runs already). */
      start: ResellerTerminationInput;
    };

/** Dates travel through Temporal as ISO strings. */
export interface ReportVersionInput {
  id: string;
  transactionId: string;
  caseId: string;
  version: number;
  kind: AiReportVersionKind;
  source: 'provider-records' | 'reseller-report';
  contents: AiReportContentsRecord;
  complete: boolean;
  completeness: { missing: { item: string; field: string; reason: string }[]; explanation: string[] };
  amendsVersionId: string | null;
  createdAt: string;
  createdBy: string;
}

export interface AiTrainingReportActivities {
  recordReportVersion(input: ReportVersionInput): Promise<void>;
  recordReportApproval(input: { versionId: string; approvedAt: string; approvedBy: string }): Promise<void>;
  /** `filedOnTime` is absent for an amendment, which has no deadline of its own. */
  recordReportFiling(input: { versionId: string; filedAt: string; filedBy: string; filingReceipt: string; filedOnTime?: boolean }): Promise<void>;
  /**
   * A handler sends the reseller into its oversight and termination case: the referral is
   * recorded as evidence of non-compliance (id `referralId`, so a retry records it once) on the
   * reseller's open oversight case, or opens one.
   */
  referResellerToOversight(input: {
    referralId: string;
    resellerId: string;
    reportCaseId: string;
    transactionReference: string;
    reason: string;
    referredBy: string;
    referredAt: string;
    ruleSetId: string;
    timeZone: string;
  }): Promise<ResellerReferralResult>;
}

export function createAiTrainingReportActivities(deps: ActivityDeps): AiTrainingReportActivities {
  return {
    async recordReportVersion(input) {
      await insertReportVersion(deps.db, { version: { ...input, createdAt: new Date(input.createdAt) } });
    },
    async recordReportApproval(input) {
      await recordReportVersionApproval(deps.db, { versionId: input.versionId, approvedAt: new Date(input.approvedAt), approvedBy: input.approvedBy });
    },
    async recordReportFiling(input) {
      await recordReportVersionFiling(deps.db, { ...input, filedAt: new Date(input.filedAt), filedOnTime: input.filedOnTime ?? null });
    },
    async referResellerToOversight(input) {
      const at = new Date(input.referredAt);
      const recorded = await deps.db.transaction((tx) =>
        recordOversightEvidence(tx, {
          id: input.referralId,
          resellerId: input.resellerId,
          description: `Referred from the AI-training report case of transaction ${input.transactionReference}: ${input.reason}`,
          source: `ai-training-report case ${input.reportCaseId}`,
          observedAt: at,
          recordedBy: input.referredBy,
          at,
          newCase: { caseId: randomUUID(), workflowId: resellerOversightWorkflowId(input.resellerId, input.referralId) },
        }),
      );
      if (recorded.outcome !== 'recorded') return { outcome: recorded.outcome };
      const { evidence, opened } = recorded;
      const opening = opened ? evidence : ((await openingEvidenceOf(deps.db, { caseWorkflowId: evidence.caseWorkflowId! })) ?? evidence);
      return {
        outcome: opened ? 'opened' : 'added',
        evidenceId: evidence.id,
        caseId: evidence.caseId!,
        workflowId: evidence.caseWorkflowId!,
        start: oversightCaseInput(opening, { ruleSetId: input.ruleSetId, timeZone: input.timeZone }),
      };
    },
  };
}
