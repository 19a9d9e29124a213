// Every workflow the worker runs (its workflowsPath). One folder per obligation.
export { cipTransmissionWorkflow } from './cip-transmission/workflow.js';
