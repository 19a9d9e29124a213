import { describe, expect, it } from 'vitest';
import { parseWorkflowId, workflowIdFor, WorkflowIdError } from './ids.js';
import { CASE_TYPE_NAMES, isCaseTypeName } from './obligations.js';

describe('business workflow ids', () => {
  it('builds and parses <caseType>:<businessId> for every registered case type', () => {
    for (const caseType of CASE_TYPE_NAMES) {
      const id = workflowIdFor(caseType, 'REQ-2026/0042');
      expect(id).toBe(`${caseType}:REQ-2026/0042`);
      expect(parseWorkflowId(id, isCaseTypeName)).toEqual({ caseType, businessId: 'REQ-2026/0042' });
    }
  });

  it('refuses business ids outside the safe alphabet', () => {
    expect(() => workflowIdFor('cip-transmission', '')).toThrow(WorkflowIdError);
    expect(() => workflowIdFor('cip-transmission', 'has space')).toThrow(/business id/);
    expect(() => workflowIdFor('cip-transmission', '-leading-dash')).toThrow(WorkflowIdError);
    expect(() => workflowIdFor('cip-transmission', 'x'.repeat(129))).toThrow(WorkflowIdError);
  });

  it('refuses ids of unregistered case types or without a business id', () => {
    expect(() => parseWorkflowId('order:123', isCaseTypeName)).toThrow(/not a cipdesk workflow id/);
    expect(() => parseWorkflowId('cip-transmission', isCaseTypeName)).toThrow(WorkflowIdError);
    expect(() => parseWorkflowId('cip-transmission:', isCaseTypeName)).toThrow(WorkflowIdError);
  });
});
