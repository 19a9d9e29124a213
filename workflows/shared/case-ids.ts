import { uuid4 } from '@temporalio/workflow';

/** Case ids of cases a workflow opens for another obligation (deterministic in workflow code). */
export const newCaseId = (): string => uuid4();
