// Writes of large-AI-model training report versions, for the report workflow. The workflow
// chooses each version's id, so a retried write is a no-op; a version's contents never change,
// approval and filing are added once.
import {
  insertReportVersion,
  recordReportVersionApproval,
  recordReportVersionFiling,
} from '../db/queries/ai-training.js';
import type { AiReportContentsRecord, AiReportVersionKind } from '../db/schema/ai-training.js';
import type { ActivityDeps } from './deps.js';

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
  };
}
