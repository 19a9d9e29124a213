// Messages of the large-AI-model training report workflow, imported by the workflow and by
// api/. Decisions arrive through the kit's `decide` Update; the reseller's report is a fact that
// arrives on its own, so it is a Signal.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { AiTrainingReportContents } from '../../rules/index.js';

export type AiTrainingReportStatus =
  | 'awaiting-reseller-report'
  | 'reseller-overdue'
  | 'preparing-from-own-records'
  | 'drafting'
  | 'awaiting-approval'
  | 'approved'
  | 'filed'
  | 'closed'
  | 'withdrawn';

/** Report contents in workflow payloads: references and non-personal facts only. */
export type ReportContents = { -readonly [K in keyof AiTrainingReportContents]?: NonNullable<AiTrainingReportContents[K]> };

export interface AiTrainingReportInput {
  caseId: string;
  transactionId: string;
  /** The provider's reference for the transaction; the workflow's business id. */
  transactionReference: string;
  route: 'direct' | 'through-reseller';
  resellerId?: string;
  /** ISO instants. */
  transactionAt: string;
  /** The provider's (direct) or the reseller's knowledge, if later than the transaction. */
  knowledgeAt?: string;
  /** What the provider's own records hold for the report (the transaction as recorded). */
  providerRecords: ReportContents;
  covered: boolean;
  /** Why a handler opened the case for a run the rules found not covered. */
  belowThresholdReason?: string;
  changedArrangement: boolean;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

/** The reseller's report, delivered to the provider (a fact). */
export interface ResellerReportDelivered {
  /** The reseller's own reference for its report: a repeat delivery with it is ignored. */
  resellerReportReference: string;
  /** When the provider received it (ISO). */
  receivedAt: string;
  contents: ReportContents;
  /** Who recorded the delivery at the provider. */
  recordedBy: string;
}

export const resellerReportDeliveredSignal = defineSignal<[ResellerReportDelivered]>('resellerReportDelivered');

export interface ReportVersionSummary {
  id: string;
  version: number;
  kind: 'provider-draft' | 'reseller-submission' | 'amendment';
  source: 'provider-records' | 'reseller-report';
  contents: ReportContents;
  complete: boolean;
  missing: { item: string; field: string; reason: string }[];
  completenessExplanation: string[];
  amendsVersionId: string | null;
  createdAt: string;
  createdBy: string;
  resellerReportReference?: string;
  approvedAt?: string;
  approvedBy?: string;
  filedAt?: string;
  filedBy?: string;
  filingReceipt?: string;
  filedOnTime?: boolean;
}

export interface DeadlineSummary {
  dueAt: string;
  dueDate: string;
  explanation: string[];
}

export interface AiTrainingReportState {
  caseId: string;
  status: AiTrainingReportStatus;
  route: 'direct' | 'through-reseller';
  /** The provider's filing with Commerce. */
  filing: DeadlineSummary;
  /** Through a reseller: the reseller's report to the provider. */
  resellerReport?: DeadlineSummary & { receivedAt?: string; onTime?: boolean; remindersSent: string[] };
  /** Through a reseller: when the provider stops waiting and files from its own records. */
  ownRecordsFrom?: { at: string; date: string; explanation: string[] };
  escalatedTo?: 'compliance-lead';
  versions: ReportVersionSummary[];
  /** The version being prepared, awaiting approval or approved. */
  currentVersionId?: string;
  /** The last version filed with Commerce. */
  filedVersionId?: string;
  /** The filing deadline passed before a filing: stays true once set. */
  breached: boolean;
  breachedAt?: string;
  remindersSent: string[];
  referredForTermination?: {
    at: string;
    by: string;
    reason: string;
    terminationCaseStarted: boolean;
    /** What the referral did: opened the reseller's oversight case, added to the open one, or could not (a terminated or unknown reseller). */
    outcome?: 'opened' | 'added' | 'reseller-terminated' | 'unknown-reseller';
    /** The reseller's oversight and termination case the referral went to. */
    terminationCaseId?: string;
    terminationWorkflowId?: string;
  };
}

export const aiTrainingReportStateQuery = defineQuery<AiTrainingReportState>('state');
