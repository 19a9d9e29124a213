// Decisions: the one `decide` Update every case workflow answers. Decisions are Updates, not
// Signals, because the caller must know whether the decision was accepted: the validator
// refuses a malformed or wrong-state decision before anything is written to history, so a
// refused decision changes nothing. What a decision needs (statuses, roles, reason, the JSON
// Schema of its parameters) is read from the case type's declaration, the same one the API
// documents.
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import type { Actor } from './actors.js';
import { decisionsIn, type CaseTypeDefinition, type DecisionDefinition } from './case-type.js';
import { APPROVING_ROLES, PREPARING_ROLES, SEGREGATION_OF_DUTIES } from './duties.js';
import { APPROVAL_REQUESTED, DECISION_ACCEPTED } from './events.js';
import { FAILURE } from './failures.js';
import { DECISION_FORMATS } from './formats.js';
import type { FourEyes } from './four-eyes.js';
import { asDecisionRefusal } from './refused-input.js';
import type { CaseRecorder } from './recorder.js';

export type { Actor, ActorRole } from './actors.js';

export interface DecisionRequest {
  decision: string;
  /** Why the handler decided so; required by some decisions. */
  reason?: string;
  /** Decision-specific parameters (IDs and non-personal facts only), as the case type's schema says. */
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

/** Failure types the API maps to HTTP statuses (api/routes/cases/decisions.ts). */
export const DECISION_FAILURE = {
  wrongState: FAILURE.decisionWrongState, // 409
  invalid: FAILURE.decisionInvalid, // 400, names the field
  forbidden: FAILURE.decisionForbidden, // 403
  unknown: FAILURE.decisionUnknown, // 400
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
  const list = allowed.length ? allowed.join(', ') : '(none: this case type takes no decisions)';
  throw ApplicationFailure.create({
    type: DECISION_FAILURE.unknown,
    message: `decision "${decision}" is not one of ${list}`,
    details: [{ field: 'decision', message: `must be one of ${list}` }],
    nonRetryable: true,
  });
}

function describe(schema: TSchema): string {
  if (schema.type === 'string' && typeof schema.format === 'string' && Object.hasOwn(DECISION_FORMATS, schema.format)) return DECISION_FORMATS[schema.format]!.description;
  if (schema.type === 'string') return 'a non-empty string';
  if (schema.type === 'array') return `a list of at least ${schema.minItems ?? 0} ${schema.description ?? 'items'}`;
  if (schema.type === 'boolean') return 'true or false';
  if (schema.type === 'integer') return 'a whole number';
  return schema.description ?? 'a valid value';
}

/** One refusal message per kind of schema error, naming the parameter. */
function paramsRefusal(error: ValueError): { field: string; message: string } {
  const field = `params${error.path.replaceAll('/', '.')}`;
  const schema = error.schema;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return { field, message: 'is not a parameter of this decision' };
    case ValueErrorType.ObjectRequiredProperty:
      return { field, message: `is required (${describe(schema)})` };
    case ValueErrorType.StringMaxLength:
      return { field, message: `must be at most ${schema.maxLength} characters` };
    case ValueErrorType.StringPattern:
      // "\\S" only says "not blank"; any other pattern is a form the value must have, which the
      // refusal states (with what the parameter is), so "abc" for a version number is not told it is empty.
      if (schema.pattern === '\\S') return { field, message: `must be ${describe(schema)}` };
      return { field, message: `must match ${schema.pattern}${schema.description ? ` (${schema.description})` : ''}` };
    default:
      return { field, message: error.value === undefined ? `is required (${describe(schema)})` : `must be ${describe(schema)}` };
  }
}

/** The checks that need no case state: known decision, role, reason, parameters. Used by the workflow and by the API. */
export function checkDecisionRequest(caseType: CaseTypeDefinition, request: DecisionRequest): DecisionDefinition {
  const decisions = caseType.decisions as Readonly<Record<string, DecisionDefinition>>;
  const definition = Object.hasOwn(decisions, request.decision) ? decisions[request.decision] : undefined;
  if (!definition) refuseUnknownDecision(request.decision, Object.keys(decisions));
  if (!definition.roles.includes(request.actor.role)) {
    // Refused by the split between preparing and approving: say which rule.
    const within = (roles: readonly string[]) => definition.roles.every((role) => roles.includes(role));
    const duties = definition.fourEyes || within(PREPARING_ROLES) || within(APPROVING_ROLES) ? ` (${SEGREGATION_OF_DUTIES})` : '';
    refuseForbidden(`role ${request.actor.role} may not ${request.decision} a case of type ${caseType.type}; allowed: ${definition.roles.join(', ')}${duties}`);
  }
  if (definition.requiresReason && (typeof request.reason !== 'string' || request.reason.trim() === '')) {
    refuseInvalid('reason', 'is required for this decision');
  }
  const params = request.params ?? {};
  const first = Value.Errors(definition.params, params).First();
  if (first) {
    const { field, message } = paramsRefusal(first);
    refuseInvalid(field, message);
  }
  return definition;
}

/** What a decision's apply step gets: the decision as validated, and the instant it was accepted. */
export type DecisionOf<D extends string> = DecisionRequest & { decision: D };

/**
 * Registers the case workflow's `decide` Update. The validator refuses, in this order, an
 * unknown decision, one arriving while another is being applied (retry it; it is then judged on
 * the state the first left), one the case's status does not accept, a role that may not take it,
 * a missing reason, parameters that do not fit the schema, a four-eyes review by the proposer,
 * and last whatever `validate` refuses on the workflow's own state; then `prepare` makes the
 * checks that need an activity. `apply` changes the case through the recorder; the kit writes `decision.accepted` (or `approval.requested` for a
 * four-eyes proposal) with that change and builds the result from the recorder.
 */
export function handleDecisions<S extends string, D extends string>(
  caseType: CaseTypeDefinition<string, S, D>,
  recorder: CaseRecorder<S>,
  handlers: {
    validate?: (request: DecisionOf<D>) => void;
    /**
     * Checks that need an activity (what the records say now), made before the decision is
     * accepted: a refusal thrown here is refused like the validator's and leaves no
     * `decision.accepted`. (Staged before the checks, that event would be written by whatever
     * change another handler makes while they wait, and the log would show a refused decision
     * as accepted.) Commands as if made at the start of `apply`.
     */
    prepare?: (request: DecisionOf<D>) => Promise<void>;
    apply: (request: DecisionOf<D>, at: Date) => Promise<void>;
    /** Validates `approve` / `reject` against the pending proposal. */
    fourEyes?: FourEyes<S>;
  },
): void {
  let applying = false;
  const names = Object.keys(caseType.decisions);
  setHandler(
    decideUpdate,
    async (request: DecisionRequest): Promise<DecisionResult> => {
      applying = true;
      const at = new Date();
      const decision = request as DecisionOf<D>;
      const definition = (caseType.decisions as Readonly<Record<string, DecisionDefinition>>)[decision.decision]!;
      const proposal = definition.fourEyes;
      if (handlers.prepare) {
        try {
          await handlers.prepare(decision);
        } catch (err) {
          applying = false;
          throw asDecisionRefusal(err);
        }
      }
      recorder.stage(
        proposal
          ? { type: APPROVAL_REQUESTED, actor: request.actor.subject, occurredAt: at, data: { decision: decision.decision, proposedBy: request.actor.subject, reason: request.reason ?? null } }
          : { type: DECISION_ACCEPTED, actor: request.actor.subject, occurredAt: at, data: { decision: decision.decision, by: request.actor.subject, reason: request.reason ?? null } },
      );
      try {
        await handlers.apply(decision, at);
        // A decision that changed nothing else is still on record.
        if (recorder.hasStaged) await recorder.transition({ events: [] });
      } catch (err) {
        recorder.unstage();
        // Parameters the rules refuse are a malformed decision, never a failed workflow task.
        throw asDecisionRefusal(err);
      } finally {
        applying = false;
      }
      return { caseId: recorder.caseId, decision: decision.decision, status: recorder.status, acceptedAt: at.toISOString() };
    },
    {
      validator: (request: DecisionRequest) => {
        if (!names.includes(request.decision)) refuseUnknownDecision(request.decision, names);
        if (applying) refuseWrongState('another decision on this case is being applied; retry in a moment');
        const accepted = decisionsIn(caseType, recorder.status);
        if (!accepted.includes(request.decision)) {
          const note = caseType.statusNotes?.[recorder.status];
          refuseWrongState(`the case is ${recorder.status}; it accepts ${accepted.length ? accepted.join(', ') : 'no decision'}${note ? ` (${note})` : ''}`);
        }
        checkDecisionRequest(caseType, request);
        if (handlers.fourEyes && (request.decision === 'approve' || request.decision === 'reject')) handlers.fourEyes.validateReview(request);
        try {
          handlers.validate?.(request as DecisionOf<D>);
        } catch (err) {
          throw asDecisionRefusal(err);
        }
      },
    },
  );
}
