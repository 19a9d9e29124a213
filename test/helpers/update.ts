import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { decideUpdate, type Actor, type DecisionRequest } from '../../workflows/kit/decisions.js';

export const HANDLER: Actor = { subject: 'hana.handler', role: 'case_handler' };
export const OTHER_HANDLER: Actor = { subject: 'henrik.handler', role: 'case_handler' };
export const REVIEWER: Actor = { subject: 'rita.reviewer', role: 'reviewer' };

export function decide(handle: WorkflowHandle, decision: string, actor: Actor, extra: Omit<DecisionRequest, 'decision' | 'actor'> = {}) {
  return handle.executeUpdate(decideUpdate, { args: [{ decision, actor, ...extra }] });
}

/** The refusal of a decision: its failure type and message. Fails the test if it was accepted. */
export async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError)) throw err;
    const cause = err.cause as Error & { type?: string };
    return { type: cause.type, message: cause.message };
  }
  throw new Error('the decision was accepted, expected a refusal');
}
