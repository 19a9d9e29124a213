// Temporal finds cases by their search attributes, without PostgreSQL: the query the README
// gives (`temporal workflow list --query "CaseStatus='overdue'"`) returns an overdue case of a
// running system, and the subject and due instant are searchable too.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uploadProviderCip } from '../helpers/provider-cip.js';
import { bearer } from '../helpers/tokens.js';
import { eventually, useTestSystem } from '../helpers/system.js';

const system = useTestSystem();

async function workflowIdsWhere(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of system.client.workflow.list({ query })) ids.push(execution.workflowId);
  return ids;
}

describe('case search attributes', () => {
  it("lists an overdue case with CaseStatus='overdue', and follows it when it closes", async () => {
    // Entered late: the transmission deadline has already passed, so the case is overdue at once.
    const reference = `BIS-CIP-${randomUUID()}`;
    const cipVersion = await uploadProviderCip(system.app, reference);
    const created = await system.app.inject({
      method: 'POST',
      url: '/v1/cip-transmission-requests',
      headers: bearer('case_handler'),
      payload: { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt: '2025-01-06T10:00:00-05:00' },
    });
    expect(created.statusCode).toBeLessThan(300);
    const workflowId = `cip-transmission:${reference}`;
    const overdue = await eventually(async () => {
      const ids = await workflowIdsWhere(`CaseStatus='overdue' AND CaseType='cip-transmission'`);
      return ids.includes(workflowId) ? ids : undefined;
    });
    expect(overdue).toContain(workflowId);
    expect(await workflowIdsWhere(`CaseSubject='provider-cip:provider' AND CaseDueAt < '2025-02-01T00:00:00Z' AND WorkflowId='${workflowId}'`)).toEqual([workflowId]);

    const caseId = created.json().id ?? created.json().caseId;
    const decided = await system.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/decisions`,
      headers: bearer('case_handler'),
      payload: { decision: 'transmit', params: { cipVersion } },
    });
    expect(decided.statusCode).toBe(200);
    await eventually(async () => ((await workflowIdsWhere(`CaseStatus='transmitted' AND WorkflowId='${workflowId}'`)).length === 1 ? true : undefined));
    expect(await workflowIdsWhere(`CaseStatus='overdue' AND WorkflowId='${workflowId}'`)).toEqual([]);
  });
});
