// Messages of the CIP certification workflows, imported by the workflows and by api/. Its
// decisions and statuses are declared in case-type.ts.
import { defineQuery } from '@temporalio/workflow';
import type { CertificationSummary, MissingPart } from '../../activities/certifications.js';
import type { cipCertificationCase } from './case-type.js';

export type CipCertificationStatus = (typeof cipCertificationCase.statuses)[number];

export type CertificationKind = 'initial' | 'annual';

export interface CipCertificationInput {
  caseId: string;
  providerId: string;
  kind: CertificationKind;
  /** Annual: the period's year (it starts on the anniversary in that year). Initial: null. */
  period: number | null;
  /**
   * When the clock starts (ISO 8601): the period's start (annual; the previous certification's
   * anniversary), or the start of the provider's program under the rule set (initial).
   */
  clockStartsAt: string;
  /** 'YYYY-MM-DD' of the period's anniversary (annual), else null. */
  periodStartsOn: string | null;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

export interface CertificationTask {
  part: string;
  description: string;
  status: 'open' | 'done';
  /** How it was done: recorded at its source, or supplied on the case. */
  doneBy?: 'record' | 'statement';
  /** When the assembly that found it done ran. */
  doneAt?: string;
  /** The record that closed it, as the case heard of it (a CIP version or a settings version, and who recorded it). */
  doneThrough?: RecordThatClosedPart;
}

/** The part of one foreign reseller, as the case's tasks name it. */
export const resellerPart = (resellerId: string) => `reseller:${resellerId}`;

/** A record the case heard of: what it is, its version, who recorded it (and, for a CIP, when the provider received it). */
export interface RecordThatClosedPart {
  record: 'provider-cip' | 'reseller-cip' | 'provider-settings';
  version: number;
  recordedBy: string;
  receivedAt?: string;
  resellerId?: string;
}

export interface AssemblyRef {
  versionId: string;
  version: number;
  sha256: string;
  assembledAt: string;
}

export interface CipCertificationState {
  caseId: string;
  status: CipCertificationStatus;
  kind: CertificationKind;
  period: number | null;
  dueAt: string;
  dueDate: string;
  deadlineExplanation: string[];
  remindersSent: string[];
  overdue: boolean;
  tasks: CertificationTask[];
  assembly?: AssemblyRef;
  summary?: CertificationSummary;
  cipContactSubject: string | null;
  filed?: { versionId: string; version: number; sha256: string; filedAt: string; attestedBy: string; reviewedBy: string; onTime: boolean };
}

export const cipCertificationStateQuery = defineQuery<CipCertificationState>('state');

export type { MissingPart };

/** What the provider's certification Schedule passes to each run it starts. */
export interface CertificationScheduleInput {
  providerId: string;
  /** `MM-DD` */
  anniversary: string;
  timeZone: string;
  ruleSetId: string;
  /** For a run started by hand (tests): the instant to compute the period from; default the scheduled time. */
  at?: string;
}

export interface CertificationScheduleResult {
  period: number;
  workflowId: string;
  outcome: 'started' | 'already-started';
}
