// Business workflow IDs, built and parsed only here: `<caseType>:<businessId>`. The case type
// names are the registry's (obligations.ts). A business ID names the thing the obligation is
// about (Commerce's request reference, an account id), so that starting the same obligation
// twice for it is refused by Temporal.
import type { CaseTypeName } from './obligations.js';

// Business IDs are caller-supplied references; keep them to a safe, readable alphabet.
const BUSINESS_ID = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,127}$/;
const CASE_TYPE = /^[a-z][a-z0-9-]{0,63}$/;

export class WorkflowIdError extends Error {
  override name = 'WorkflowIdError';
}

export function isValidBusinessId(businessId: string): boolean {
  return BUSINESS_ID.test(businessId);
}

export function workflowIdFor(caseType: CaseTypeName, businessId: string): string {
  if (!CASE_TYPE.test(caseType)) throw new WorkflowIdError(`"${caseType}" is not a case type name`);
  if (!isValidBusinessId(businessId)) {
    throw new WorkflowIdError(
      `business id "${businessId}" must be 1-128 characters of letters, digits, '.', '_', '-' or '/', starting with a letter or digit`,
    );
  }
  return `${caseType}:${businessId}`;
}

/** A reseller's oversight case is named by the reseller and the evidence that opened it. */
export function resellerOversightWorkflowId(resellerId: string, openingEvidenceId: string): string {
  return workflowIdFor('reseller-termination', `${resellerId}/${openingEvidenceId}`);
}

/**
 * Splits a workflow id into its case type and business id. `isCaseType` says which names are
 * registered (pass `isCaseTypeName` from obligations.ts); kept as a parameter so that workflow
 * code importing this file does not import the whole registry.
 */
export function parseWorkflowId(
  workflowId: string,
  isCaseType: (name: string) => name is CaseTypeName,
): { caseType: CaseTypeName; businessId: string } {
  const colon = workflowId.indexOf(':');
  const caseType = colon > 0 ? workflowId.slice(0, colon) : '';
  const businessId = colon > 0 ? workflowId.slice(colon + 1) : '';
  if (!isCaseType(caseType) || !isValidBusinessId(businessId)) {
    throw new WorkflowIdError(`"${workflowId}" is not a cipdesk workflow id (<caseType>:<businessId>)`);
  }
  return { caseType, businessId };
}

/**
 * The business id of a provider's CIP certification: one per annual period (`<provider>/<year>`)
 * and one initial certification (`<provider>/initial`). The Schedule's runs and a scheduler's
 * request for the same period name the same case.
 */
export function certificationBusinessId(providerId: string, period: number | 'initial'): string {
  return `${providerId}/${period}`;
}

// The product's own long-running workflows (not obligations): one notification dispatcher and
// one daily-digest schedule per task queue, one delivery workflow per planned delivery.
export const systemWorkflowIds = {
  notificationDispatcher: (taskQueue: string) => `notification-dispatcher:${taskQueue}`,
  notificationDelivery: (deliveryId: string) => `notification-delivery:${deliveryId}`,
  dailyDigestSchedule: (taskQueue: string) => `daily-digest:${taskQueue}`,
  /** The provider's annual certification Schedule; each run it starts is `<this id>-<scheduled time>`. */
  certificationSchedule: (providerId: string) => `cip-certification-schedule:${providerId}`,
} as const;
