// Mock customer activities for workflow tests: each behaves as the real one would for the
// facts the test sets, and keeps what the workflow asked for.
import { ApplicationFailure } from '@temporalio/common';
import { FAILURE } from '../../workflows/kit/failures.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type {
  AccountStatus,
  ClassifyCustomerResult,
  CustomerActivities,
  SpecialMeasuresCheck,
  VerificationSummary,
} from '../../activities/customers.contract.js';
import { caseProjectionRecorder, createTestWorker } from './workflow-env.js';

export function customerMocks(options: { classification: ClassifyCustomerResult; prohibited?: boolean; specialMeasures?: SpecialMeasuresCheck }) {
  const world = {
    classification: options.classification,
    verified: new Set<string>(),
    /** When each verified party's standing verification was performed (ISO); none unless a test sets it. */
    verifiedAt: new Map<string, string>(),
    legalHold: false,
    lastAccessAt: null as string | null,
    accountStatuses: [] as { status: AccountStatus; restrictions?: string[]; actor: string }[],
    classifyCalls: 0,
    /** When set, classification fails as the rules refuse these facts (the message). */
    invalidFacts: undefined as string | undefined,
    disposals: [] as string[],
    /** What checkSpecialMeasures answers; a test changes it to have a measure enter force while the case waits. */
    specialMeasures: options.specialMeasures as SpecialMeasuresCheck | undefined,
    specialMeasureChecks: 0,
    /** When set, checkSpecialMeasures waits for it: a test changes the case while a decision's check is under way. */
    specialMeasureGate: undefined as Promise<void> | undefined,
  };
  const activities: CustomerActivities = {
    async classifyCustomer() {
      world.classifyCalls += 1;
      if (world.invalidFacts) {
        throw ApplicationFailure.create({ type: FAILURE.invalidCustomerFacts, message: world.invalidFacts, details: [{ field: 'stakes[0].ownedId' }], nonRetryable: true });
      }
      return world.classification;
    },
    async checkSpecialMeasures(): Promise<SpecialMeasuresCheck> {
      world.specialMeasureChecks += 1;
      if (world.specialMeasureGate) await world.specialMeasureGate;
      if (world.specialMeasures) return world.specialMeasures;
      return options.prohibited
        ? { measureIds: ['sm-1'], prohibited: true, reasons: ['special measure sm-1 prohibits opening accounts for this jurisdiction'] }
        : { measureIds: [], prohibited: false, reasons: [] };
    },
    async verificationSummary(): Promise<VerificationSummary> {
      const trackedParties = world.classification.parties
        .filter((p) => p.tracked ?? p.status !== 'us')
        .map((p) => ({
          partyId: p.partyId,
          role: p.role,
          verified: world.verified.has(p.partyId),
          openDiscrepancies: 0,
          verifiedAt: world.verified.has(p.partyId) ? (world.verifiedAt.get(p.partyId) ?? null) : null,
        }));
      return { trackedParties, allVerified: trackedParties.every((p) => p.verified) };
    },
    async setAccountStatus(input) {
      world.accountStatuses.push({ status: input.status, ...(input.restrictions ? { restrictions: input.restrictions } : {}), actor: input.actor });
    },
    async accountRetentionAnchor() {
      return { closedAt: null, lastAccessAt: world.lastAccessAt };
    },
    async disposePersonalData({ at }) {
      if (world.legalHold) throw ApplicationFailure.create({ type: FAILURE.legalHold, message: 'a legal hold is on', nonRetryable: true });
      world.disposals.push(at);
      return { disposedParties: world.classification.parties.length };
    },
  };
  return { world, activities };
}

export const foreignEntityWithTwoOwners: ClassifyCustomerResult = {
  customerStatus: 'foreign',
  trackingRequired: true,
  parties: [
    { partyId: 'party-customer', role: 'customer', status: 'foreign' },
    { partyId: 'party-owner-1', role: 'beneficial-owner', status: 'foreign' },
    { partyId: 'party-owner-2', role: 'beneficial-owner', status: 'us' },
    // Notified as an owner, but below the threshold with no substantial control: not tracked.
    { partyId: 'party-minor-holder', role: 'beneficial-owner', status: 'foreign', tracked: false },
  ],
  reasons: ['The entity is not organized under U.S. law ...'],
};

export const allUsPersons: ClassifyCustomerResult = {
  customerStatus: 'us',
  trackingRequired: false,
  parties: [{ partyId: 'party-customer', role: 'customer', status: 'us' }],
  reasons: ['The entity is organized under the laws of the United States ...'],
};

/**
 * A test worker for the customer workflows: mock case projection and mock customer records,
 * both kept for the test to assert on.
 */
export async function customerWorkflowWorker(env: TestWorkflowEnvironment, options: Parameters<typeof customerMocks>[0] = { classification: foreignEntityWithTwoOwners }) {
  const cases = caseProjectionRecorder();
  const customers = customerMocks(options);
  const { worker, taskQueue } = await createTestWorker(env, { ...cases.activities, ...customers.activities });
  return { cases, customers, worker, taskQueue };
}
