// The one Update every case workflow answers: `decide`. Decisions are Updates, not Signals,
// because the caller must know whether the decision was accepted: the validator refuses a
// malformed or wrong-state decision before anything is written to history.
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';

export type ActorRole = 'case_handler' | 'reviewer' | 'legal' | 'admin' | 'scheduler';

export interface Actor {
  subject: string;
  role: ActorRole;
}

export interface DecisionRequest {
  decision: string;
  /** Why the handler decided so; required by some decisions. */
  reason?: string;
  /** Decision-specific parameters (IDs and non-personal facts only). */
  params?: Record<string, unknown>;
  actor: Actor;
}

export interface DecisionResult {
  caseId: string;
  decision: string;
  status: string;
  acceptedAt: string;
}

export const decideUpdate = defineUpdate<DecisionResult, [DecisionRequest]>('decide');

/** Failure types the API maps to HTTP statuses (see api/routes/cases/decisions.ts). */
export const DECISION_FAILURE = {
  wrongState: 'cipdesk.decision.wrong_state', // 409
  invalid: 'cipdesk.decision.invalid', // 400, names the field
  forbidden: 'cipdesk.decision.forbidden', // 403
  unknown: 'cipdesk.decision.unknown', // 400
} as const;

export function refuseWrongState(message: string): never {
  throw ApplicationFailure.create({ type: DECISION_FAILURE.wrongState, message, nonRetryable: true });
}

export function refuseInvalid(field: string, message: string): never {
  throw ApplicationFailure.create({
    type: DECISION_FAILURE.invalid,
    message: `${field} ${message}`,
    details: [{ field, message }],
    nonRetryable: true,
  });
}

export function refuseForbidden(message: string): never {
  throw ApplicationFailure.create({ type: DECISION_FAILURE.forbidden, message, nonRetryable: true });
}

export function refuseUnknownDecision(decision: string, allowed: readonly string[]): never {
  throw ApplicationFailure.create({
    type: DECISION_FAILURE.unknown,
    message: `decision "${decision}" is not one of ${allowed.join(', ')}`,
    details: [{ field: 'decision', message: `must be one of ${allowed.join(', ')}` }],
    nonRetryable: true,
  });
}

/** Validators' helpers for decision parameters: each names the field it checks. */
export function requireString(request: DecisionRequest, name: string, maxLength = 500): string {
  const value = request.params?.[name];
  if (typeof value !== 'string' || value.trim() === '') refuseInvalid(`params.${name}`, 'is required (a non-empty string)');
  if (value.length > maxLength) refuseInvalid(`params.${name}`, `must be at most ${maxLength} characters`);
  return value;
}

export function requireReason(request: DecisionRequest): string {
  if (typeof request.reason !== 'string' || request.reason.trim() === '') refuseInvalid('reason', 'is required for this decision');
  return request.reason;
}

export function optionalInstant(request: DecisionRequest, name: string): Date | undefined {
  const value = request.params?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    refuseInvalid(`params.${name}`, 'must be an ISO 8601 date-time');
  }
  return new Date(value);
}

/**
 * Registers a case workflow's `decide` Update. Unknown decisions are refused; one decision is
 * applied at a time (one arriving while another is being applied is refused and can be
 * retried, then judged on the state the first left); `validate` judges the rest against the
 * workflow's current state without changing it.
 */
export function handleDecisions<D extends string>(options: {
  decisions: readonly D[];
  validate: (request: DecisionRequest & { decision: D }) => void;
  apply: (request: DecisionRequest & { decision: D }) => Promise<DecisionResult>;
}): void {
  let applying = false;
  const isKnown = (request: DecisionRequest): request is DecisionRequest & { decision: D } =>
    (options.decisions as readonly string[]).includes(request.decision);
  setHandler(
    decideUpdate,
    async (request: DecisionRequest) => {
      applying = true;
      try {
        return await options.apply(request as DecisionRequest & { decision: D });
      } finally {
        applying = false;
      }
    },
    {
      validator: (request: DecisionRequest) => {
        if (!isKnown(request)) refuseUnknownDecision(request.decision, options.decisions);
        if (applying) refuseWrongState('another decision on this case is being applied; retry in a moment');
        options.validate(request);
      },
    },
  );
}
