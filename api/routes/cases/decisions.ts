// Routes a handler's decision to the case workflow's `decide` Update and turns the workflow's
// refusal into an HTTP answer. A refused Update leaves no trace in the workflow's history, so
// a refused decision changes nothing in the case; the attempt itself goes to the case's event
// log (`decision.refused`, who, what, why), because legal must see refused decisions too.
// One refusal is followed by a change the workflow makes on its own: an opening decision that a
// special measure in force prohibits (409 `special_measure.prohibited`) ends the customer's
// identification case as prohibited, as the measure requires.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { CaseTypeDefinition } from '../../../workflows/kit/case-type.js';
import { FAILURE } from '../../../workflows/kit/failures.js';
import { DECISION_FAILURE, checkDecisionRequest, decideUpdate, type DecisionRequest, type DecisionResult } from '../../../workflows/kit/decisions.js';
import type { DbOrTx } from '../../../db/client.js';
import { appendCaseEvent } from '../../../db/queries/cases.js';
import { claimIdempotencyKey } from '../../../db/queries/idempotency.js';
import { AppError, type FieldError } from '../../errors.js';

const SPECIAL_MEASURE_PROHIBITED = 'special_measure.prohibited';

const STATUS_BY_FAILURE: Record<string, { status: number; code: string }> = {
  [DECISION_FAILURE.wrongState]: { status: 409, code: 'decision.wrong_state' },
  [DECISION_FAILURE.invalid]: { status: 400, code: 'decision.invalid' },
  [DECISION_FAILURE.unknown]: { status: 400, code: 'decision.unknown' },
  [DECISION_FAILURE.forbidden]: { status: 403, code: 'decision.forbidden' },
  // The same code a reseller's registration is refused with under a prohibition in force.
  [FAILURE.specialMeasureProhibits]: { status: 409, code: SPECIAL_MEASURE_PROHIBITED },
};

function fieldErrorsOf(failure: ApplicationFailure): FieldError[] {
  return (failure.details ?? [])
    .filter((d): d is FieldError => typeof d === 'object' && d !== null && 'field' in d && 'message' in d)
    .map((d) => ({ field: `body.${d.field}`, message: d.message }));
}

function toAppError(failure: ApplicationFailure): AppError | undefined {
  const mapped = failure.type ? STATUS_BY_FAILURE[failure.type] : undefined;
  return mapped ? new AppError(mapped.code, mapped.status, failure.message, fieldErrorsOf(failure)) : undefined;
}

/**
 * The checks that need no case state (known decision, role, reason, parameters), made here with
 * the workflow's own code so that a malformed decision is refused with the same answer without
 * a round trip to the workflow. The workflow checks again, with its state.
 */
export function precheckDecision(caseType: CaseTypeDefinition, request: DecisionRequest): void {
  try {
    checkDecisionRequest(caseType, request);
  } catch (err) {
    const mapped = err instanceof ApplicationFailure ? toAppError(err) : undefined;
    throw mapped ?? err;
  }
}

export async function sendDecision(
  client: Client,
  workflowId: string,
  request: DecisionRequest,
  idempotencyKey: string | undefined,
): Promise<DecisionResult> {
  try {
    return await client.workflow.getHandle(workflowId).executeUpdate(decideUpdate, {
      args: [request],
      // Temporal accepts an Update id once per run: a retried request with the same
      // Idempotency-Key gets the first answer instead of deciding twice.
      updateId: idempotencyKey ?? randomUUID(),
    });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const mapped = toAppError(err.cause);
      if (mapped) throw mapped;
    }
    if (err instanceof WorkflowNotFoundError) {
      throw new AppError('decision.case_closed', 409, 'the case workflow has finished; it accepts no more decisions');
    }
    throw err;
  }
}

/**
 * Runs `decide`; when the case refuses a well-formed decision (wrong state 409, four-eyes or role
 * 403), records the refusal and rethrows. Malformed input (400) is answered and leaves no trace.
 */
export async function recordingRefusals<T>(
  db: DbOrTx,
  caseId: string,
  actor: string,
  decision: string,
  now: () => Date,
  decide: () => Promise<T>,
): Promise<T> {
  try {
    return await decide();
  } catch (err) {
    if (err instanceof AppError && (err.code.startsWith('decision.') || err.code === SPECIAL_MEASURE_PROHIBITED) && (err.status === 409 || err.status === 403)) {
      await appendCaseEvent(db, {
        caseId,
        eventKey: `api:refused:${randomUUID()}`,
        type: 'decision.refused',
        occurredAt: now(),
        actor,
        data: { decision, code: err.code, reason: err.message, ...(err.errors.length ? { fields: err.errors.map((e) => e.field) } : {}) },
      });
    }
    throw err;
  }
}

/**
 * Temporal answers a repeated Update id with the first result whatever the repeat carried; a
 * client that reused a key for another decision would believe its second decision was taken.
 * The key is claimed for the request it first came with, and any other request under it refused.
 */
export async function refuseReusedIdempotencyKey(db: DbOrTx, caseId: string, key: string, request: DecisionRequest): Promise<'first' | 'same'> {
  const claim = await claimIdempotencyKey(db, { scope: `case-decision:${caseId}`, key, request, actor: request.actor.subject });
  if (claim === 'different') {
    throw new AppError(
      'idempotency.key_reused',
      409,
      `Idempotency-Key ${JSON.stringify(key)} was used on this case for a different decision request; send a new key for a new decision`,
      [{ field: 'headers.idempotency-key', message: 'was used for a different request' }],
    );
  }
  return claim;
}
