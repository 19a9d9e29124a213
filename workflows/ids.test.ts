import { describe, expect, it } from 'vitest';
import { OBLIGATIONS, parseWorkflowId, workflowIdFor, WorkflowIdError } from './ids.js';

describe('workflow ids', () => {
  it('builds <obligation>:<businessId> and parses it back for every obligation', () => {
    for (const obligation of OBLIGATIONS) {
      const id = workflowIdFor(obligation, 'REQ-2026/0042');
      expect(id).toBe(`${obligation}:REQ-2026/0042`);
      expect(parseWorkflowId(id)).toEqual({ obligation, businessId: 'REQ-2026/0042' });
    }
  });

  it('refuses business ids outside the safe alphabet', () => {
    expect(() => workflowIdFor('cip-transmission', '')).toThrow(WorkflowIdError);
    expect(() => workflowIdFor('cip-transmission', 'has space')).toThrow(/business id/);
    expect(() => workflowIdFor('cip-transmission', '-leading-dash')).toThrow(WorkflowIdError);
    expect(() => workflowIdFor('cip-transmission', 'x'.repeat(129))).toThrow(WorkflowIdError);
  });

  it('refuses ids that are not ours', () => {
    expect(() => parseWorkflowId('order:123')).toThrow(/not a cipdesk workflow id/);
    expect(() => parseWorkflowId('cip-transmission')).toThrow(WorkflowIdError);
    expect(() => parseWorkflowId('cip-transmission:')).toThrow(WorkflowIdError);
  });
});
