// Messages of the CIP transmission workflow, imported by the workflow and by api/. Its
// decisions and statuses are declared in case-type.ts.
import { defineQuery } from '@temporalio/workflow';
import { cipTransmissionCase } from './case-type.js';

export const CIP_TRANSMISSION_DECISIONS = Object.keys(cipTransmissionCase.decisions) as (keyof typeof cipTransmissionCase.decisions)[];
export type CipTransmissionDecision = keyof typeof cipTransmissionCase.decisions;

export type CipTransmissionStatus = (typeof cipTransmissionCase.statuses)[number];

export interface CipTransmissionInput {
  caseId: string;
  /** Commerce's reference for the request; the workflow's business id. */
  requestReference: string;
  /** Whose CIP Commerce asked for: the provider's own, or one foreign reseller's. */
  cipOwner: { type: 'provider' } | { type: 'foreign-reseller'; resellerId: string };
  /** When the provider received the request (ISO 8601): the clock starts here. */
  requestReceivedAt: string;
  ruleSetId: string;
  timeZone: string;
  openedBy: string;
}

export interface CipTransmissionState {
  caseId: string;
  status: CipTransmissionStatus;
  dueAt: string;
  dueDate: string;
  deadlineExplanation: string[];
  remindersSent: string[];
  transmittedAt?: string;
  transmittedOnTime?: boolean;
  /** The version on file that was transmitted: its document and SHA-256. */
  transmittedDocument?: { version: number; documentId: string; sha256: string };
  /** When the reseller's current CIP was not on file: the request to the reseller and its answer. */
  resellerCip?: { requestedAt: string; dueAt: string; dueDate: string; receivedAt?: string; late?: boolean };
  /** The reseller's status, when it changed while the case was open. */
  resellerStatus?: string;
}

export const cipTransmissionStateQuery = defineQuery<CipTransmissionState>('state');
