// Messages of the CIP transmission workflow, imported by the workflow and by api/.
import { defineQuery } from '@temporalio/workflow';

export const CIP_TRANSMISSION_DECISIONS = ['transmit', 'withdraw'] as const;
export type CipTransmissionDecision = (typeof CIP_TRANSMISSION_DECISIONS)[number];

export type CipTransmissionStatus = 'awaiting-transmission' | 'overdue' | 'transmitted' | 'withdrawn';

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
}

export const cipTransmissionStateQuery = defineQuery<CipTransmissionState>('state');
