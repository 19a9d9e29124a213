// Input the rules refuse must never fail a case workflow's task: Temporal would retry that task
// for ever, and the case would sit RUNNING with a problem marker, invisible to every handler.
// The API refuses such input before anything starts or is signalled (it runs the same rules);
// these are the workflow's own guards for whatever still gets through (another client, an
// older API, a rule set that changed between the API's check and the workflow's):
// - at start: the case is opened as `input-refused` (closed, with the field and the reason) and
//   the workflow ends with a non-retryable failure that says why;
// - a decision: refused like any malformed decision (400 naming the field), nothing changes;
// - a fact: recorded on the case as `fact.refused` with the reason; the case goes on as it was.
// None of these paths changes the commands of a history that completed its workflow tasks: the
// code they replace failed the task and recorded nothing.
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { RuleInputError } from '../../rules/index.js';
import { INPUT_REFUSED, type CaseTypeDefinition } from './case-type.js';
import { CASE_INPUT_REFUSED, FACT_REFUSED } from './events.js';
import { FAILURE } from './failures.js';
import { CaseRecorder } from './recorder.js';

/**
 * True for the rules' refusal of their input (RuleInputError and its kinds). Judged by shape,
 * not class: the rules' errors carry a dotted `rules.` code and the field they refuse.
 */
export function isRuleInputError(err: unknown): err is RuleInputError {
  if (!(err instanceof Error)) return false;
  const { code, field } = err as Partial<RuleInputError>;
  return typeof code === 'string' && code.startsWith('rules.') && typeof field === 'string';
}

/** The rules' message without the field it starts with (`startedAt: year 164 is …`). */
const reasonOf = (err: RuleInputError) => (err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message);

/** What a refused case is opened with: the same facts its workflow would have opened it with. */
export interface CaseStart {
  caseId: string;
  caseType: CaseTypeDefinition;
  subject: { type: string; id: string };
  /** As the start named it (it may be the very thing refused). */
  ruleSetId: string;
  openedBy: string;
  /** A workflow that continued as new writes to its open case (see CaseRecorder). */
  carried?: { lastSeq: number };
}

/**
 * Runs a computation of the rules and returns the rules' refusal instead of throwing it, so that
 * a workflow can tell a refused input from a bug (which still fails the task, to be fixed).
 */
export function tryRules<T>(compute: () => T): T | RuleInputError {
  try {
    return compute();
  } catch (err) {
    if (isRuleInputError(err)) return err;
    throw err;
  }
}

/**
 * The rules refused what the case was started with: opens the case as `input-refused` with the
 * field and the reason, and ends the workflow with a non-retryable failure that says why.
 */
export async function openRefusedCase(start: CaseStart, err: RuleInputError): Promise<never> {
  const refusal = { field: err.field, code: err.code, message: reasonOf(err) };
  const event = { type: CASE_INPUT_REFUSED, actor: 'system', data: refusal };
  if (start.carried) {
    // The case is open already: it closes as refused.
    const state = { status: '' };
    const recorder = new CaseRecorder<string>({ caseId: start.caseId, caseType: start.caseType, state, details: () => ({ refusedInput: refusal }), carried: start.carried });
    await recorder.transition({ status: INPUT_REFUSED, dueAt: null, events: event });
  } else {
    const recorder = new CaseRecorder<string>({
      caseId: start.caseId,
      caseType: start.caseType,
      state: { status: INPUT_REFUSED },
      details: () => ({ refusedInput: refusal }),
    });
    await recorder.open({
      subject: start.subject,
      ruleSetId: start.ruleSetId,
      workflowId: workflowInfo().workflowId,
      openedAt: new Date(),
      dueAt: null,
      openedBy: start.openedBy,
      data: { refusedInput: refusal },
      also: [event],
    });
  }
  throw ApplicationFailure.create({
    type: FAILURE.caseInputRefused,
    message: `the rules refuse this case's input: ${err.message}`,
    details: [refusal],
    nonRetryable: true,
  });
}

/**
 * The rules refused a fact the case heard (compute its effect with `tryRules` first): the
 * refusal is written on the case (`fact.refused`, with the fact and the reason) and the case goes
 * on as it was.
 */
export async function recordRefusedFact<S extends string>(
  recorder: CaseRecorder<S>,
  fact: { name: string; payload: Record<string, unknown> },
  err: RuleInputError,
): Promise<void> {
  await recorder.transition({
    events: { type: FACT_REFUSED, actor: 'system', data: { fact: fact.name, payload: fact.payload, field: err.field, code: err.code, message: reasonOf(err) } },
  });
}

/** A decision's input the rules refuse, as the kit refuses a malformed decision (400 naming the field). */
export function asDecisionRefusal(err: unknown): unknown {
  if (!isRuleInputError(err)) return err;
  // The rules name their own input (`startedAt`); a decision's fields live under `params`.
  const field = err.field.startsWith('params') ? err.field : 'params';
  const message = field === err.field ? reasonOf(err) : err.message;
  return ApplicationFailure.create({ type: FAILURE.decisionInvalid, message: `${field} ${message}`, details: [{ field, message }], nonRetryable: true });
}
