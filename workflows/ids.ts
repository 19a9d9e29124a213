// Business workflow IDs, built and parsed only here: `<obligation>:<businessId>`.
// A business ID names the thing the obligation is about (Commerce's request reference, an
// account id), so that starting the same obligation twice for it is refused by Temporal.

export const OBLIGATIONS = [
  'cip-transmission',
  'customer-identification',
  'interim-account-review',
  'beneficial-owner-reverification',
  'record-retention',
  'reseller-termination',
  'ai-training-report',
  'special-measure',
  'annual-certification',
  'exemption',
  'compliance-assessment',
] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

// Business IDs are caller-supplied references; keep them to a safe, readable alphabet.
const BUSINESS_ID = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,127}$/;

export class WorkflowIdError extends Error {
  override name = 'WorkflowIdError';
}

export function isObligation(value: string): value is Obligation {
  return (OBLIGATIONS as readonly string[]).includes(value);
}

export function isValidBusinessId(businessId: string): boolean {
  return BUSINESS_ID.test(businessId);
}

export function workflowIdFor(obligation: Obligation, businessId: string): string {
  if (!isObligation(obligation)) throw new WorkflowIdError(`unknown obligation "${obligation}"`);
  if (!isValidBusinessId(businessId)) {
    throw new WorkflowIdError(
      `business id "${businessId}" must be 1-128 characters of letters, digits, '.', '_', '-' or '/', starting with a letter or digit`,
    );
  }
  return `${obligation}:${businessId}`;
}

export function parseWorkflowId(workflowId: string): { obligation: Obligation; businessId: string } {
  const colon = workflowId.indexOf(':');
  const obligation = colon > 0 ? workflowId.slice(0, colon) : '';
  const businessId = colon > 0 ? workflowId.slice(colon + 1) : '';
  if (!isObligation(obligation) || !isValidBusinessId(businessId)) {
    throw new WorkflowIdError(`"${workflowId}" is not a cipdesk workflow id (<obligation>:<businessId>)`);
  }
  return { obligation, businessId };
}

// The product's own long-running workflows (not obligations): one notification dispatcher and
// one daily-digest schedule per task queue, one delivery workflow per planned delivery.
export const systemWorkflowIds = {
  notificationDispatcher: (taskQueue: string) => `notification-dispatcher:${taskQueue}`,
  notificationDelivery: (deliveryId: string) => `notification-delivery:${deliveryId}`,
  dailyDigestSchedule: (taskQueue: string) => `daily-digest:${taskQueue}`,
} as const;
