// Starting a child case once: a business id names one obligation instance for good, so a second
// start of the same child (a replayed path, a repeated decision) is not an error. The child
// outlives its parent by default: each case ends on its own terms.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild, type ChildWorkflowOptions, type Workflow } from '@temporalio/workflow';

export async function startChildOnce<T extends Workflow>(
  workflow: T,
  options: { workflowId: string; args: Parameters<T>; parentClosePolicy?: ChildWorkflowOptions['parentClosePolicy'] },
): Promise<'started' | 'already-started'> {
  try {
    // The caller's types already tie args to the workflow; the SDK's overloads cannot see that generically.
    const start = startChild as (workflow: Workflow, options: ChildWorkflowOptions & { args: unknown[] }) => Promise<unknown>;
    await start(workflow, {
      workflowId: options.workflowId,
      parentClosePolicy: options.parentClosePolicy ?? ParentClosePolicy.ABANDON,
      args: options.args,
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw err;
  }
}
