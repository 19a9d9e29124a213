// Starting a child case once: a business id names one obligation instance for good, so a second
// start of the same child (a replayed path, a repeated decision) is not an error. The child
// outlives its parent by default: each case ends on its own terms.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, WorkflowIdReusePolicy, startChild, type ChildWorkflowOptions, type Workflow } from '@temporalio/workflow';

export async function startChildOnce<T extends Workflow>(
  workflow: T,
  options: {
    workflowId: string;
    args: Parameters<T>;
    parentClosePolicy?: ChildWorkflowOptions['parentClosePolicy'];
    /**
     * `'closed-too'`: a business id whose workflow has already closed is refused as well (a
     * filed case is not started again by a later trigger). By default only a running one is.
     */
    alreadyStartedIncludes?: 'running' | 'closed-too';
  },
): Promise<'started' | 'already-started'> {
  try {
    // The caller's types already tie args to the workflow; the SDK's overloads cannot see that generically.
    const start = startChild as (workflow: Workflow, options: ChildWorkflowOptions & { args: unknown[] }) => Promise<unknown>;
    await start(workflow, {
      workflowId: options.workflowId,
      parentClosePolicy: options.parentClosePolicy ?? ParentClosePolicy.ABANDON,
      ...(options.alreadyStartedIncludes === 'closed-too' ? { workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE } : {}),
      args: options.args,
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    throw err;
  }
}
