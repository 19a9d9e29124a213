// The registry as clients see it: GET /v1/case-types, the decisions endpoint's OpenAPI
// document, and what a case says it accepts now. Decisions malformed for their case type are
// refused by the API with the workflow's own checks, before any workflow is asked.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertCaseIfAbsent } from '../db/queries/cases.js';
import { CASE_TYPE_NAMES, OBLIGATIONS } from '../workflows/obligations.js';
import { GENERIC_CASE_EVENTS } from '../workflows/kit/events.js';
import { PROJECT_ROOT } from '../scripts/temporal-paths.js';
import { bearer } from './helpers/tokens.js';
import { useTestSystem } from './helpers/system.js';

const system = useTestSystem();

interface DecisionTypeBody {
  name: string;
  fourEyes: boolean;
  requiresReason: boolean;
  roles: string[];
  allowedInStatuses: string[];
  paramsSchema: { type: string; properties: Record<string, unknown>; required?: string[]; additionalProperties: boolean };
}
interface CaseTypeBody {
  type: string;
  subjectType: string;
  statuses: string[];
  closedStatuses: string[];
  decisions: DecisionTypeBody[];
  deadlineMet?: { event: string; metAtField?: string; dueAtDetail?: string };
}

async function caseOf(type: string, status: string) {
  const id = randomUUID();
  await insertCaseIfAbsent(system.db.db, {
    id,
    type,
    status,
    subjectType: 'provider-cip',
    subjectId: 'provider',
    ruleSetId: 'NPRM-2024',
    workflowId: `${type}:no-workflow-${id}`,
    openedAt: new Date(),
  });
  return id;
}

describe('GET /v1/case-types', () => {
  it('lists every registered case type with its statuses and decisions, each with its JSON Schema', async () => {
    const res = await system.app.inject({ method: 'GET', url: '/v1/case-types', headers: bearer('scheduler') });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as CaseTypeBody[];
    expect(items.map((t) => t.type)).toEqual(CASE_TYPE_NAMES);
    const cip = items.find((t) => t.type === 'cip-transmission')!;
    expect(cip.closedStatuses).toEqual(['transmitted', 'withdrawn', 'input-refused']);
    // Every case type can be put on record as refused by the rules at its start, closed.
    for (const t of items) expect([t.statuses.at(-1), t.closedStatuses.at(-1)]).toEqual(['input-refused', 'input-refused']);
    const transmit = cip.decisions.find((d) => d.name === 'transmit')!;
    expect(transmit).toMatchObject({ fourEyes: false, requiresReason: false, allowedInStatuses: ['awaiting-transmission', 'overdue'] });
    expect(transmit.paramsSchema).toMatchObject({ type: 'object', required: ['cipVersion'], additionalProperties: false });
    expect(Object.keys(transmit.paramsSchema.properties)).toEqual(['cipVersion', 'transmissionReference', 'transmittedAt']);
    const identification = items.find((t) => t.type === 'customer-identification')!;
    expect(identification.decisions.find((d) => d.name === 'refuse')).toMatchObject({ fourEyes: true, requiresReason: true });
    expect(identification.decisions.find((d) => d.name === 'approve')).toMatchObject({ roles: ['reviewer'], allowedInStatuses: ['pending-approval'] });
    // Every decision is allowed in open statuses of its own type only.
    for (const t of items) {
      for (const d of t.decisions) for (const s of d.allowedInStatuses) expect(t.statuses).toContain(s);
      expect(t.decisions.every((d) => d.allowedInStatuses.every((s) => !t.closedStatuses.includes(s)))).toBe(true);
    }
  });

  it("says how a case meets its deadline by an event its own workflow records, so that the desk's header can say when and whether on time", async () => {
    const items = (await system.app.inject({ method: 'GET', url: '/v1/case-types', headers: bearer('scheduler') })).json().items as CaseTypeBody[];
    expect(items.find((t) => t.type === 'ai-training-report')!.deadlineMet).toEqual({ event: 'report.filed', metAtField: 'filedAt', dueAtDetail: 'filingDueAt' });
    const declared = items.filter((t) => t.deadlineMet);
    expect(declared.map((t) => t.type).sort()).toEqual(['ai-training-report', 'cip-certification', 'cip-transmission', 'compliance-assessment', 'irregular-update', 'reseller-termination']);
    for (const t of declared) {
      const workflow = readFileSync(join(PROJECT_ROOT, 'workflows', t.type, 'workflow.ts'), 'utf8');
      expect(workflow, t.type).toContain(`'${t.deadlineMet!.event}'`);
      // The event records whether the deadline was met on time, and the instant it was met where that is not when it was recorded.
      expect(workflow, t.type).toMatch(/onTime/);
      if (t.deadlineMet!.metAtField) expect(workflow, t.type).toContain(t.deadlineMet!.metAtField);
      if (t.deadlineMet!.dueAtDetail) expect(workflow, t.type).toContain(`${t.deadlineMet!.dueAtDetail}:`);
    }
  });

  it('is the registry: one entry per case type, with the generic event types the kit writes', () => {
    expect(CASE_TYPE_NAMES).toEqual(Object.values(OBLIGATIONS).map((o) => o.caseType.type));
    expect(GENERIC_CASE_EVENTS).toEqual(['case.opened', 'deadline.reminder', 'deadline.missed', 'approval.requested', 'decision.accepted']);
  });
});

describe('POST /v1/cases/{id}/decisions, as documented and as checked by the API', () => {
  it('documents one request shape per case type and decision, with its parameters', async () => {
    const doc = (await system.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const body = doc.paths['/v1/cases/{id}/decisions'].post.requestBody.content['application/json'].schema;
    const titles = body.anyOf.map((a: { title: string }) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['cip-transmission: transmit', 'customer-identification: open-interim', 'interim-account-review: approve']));
    const openInterim = body.anyOf.find((a: { title: string }) => a.title === 'customer-identification: open-interim');
    expect(openInterim.properties.decision).toMatchObject({ type: 'string', enum: ['open-interim'] });
    expect(openInterim.properties.params).toMatchObject({ type: 'object', required: ['restrictions'] });
    const withdraw = body.anyOf.find((a: { title: string }) => a.title === 'cip-transmission: withdraw');
    expect(withdraw.required).toEqual(['decision', 'reason']);
  });

  it('refuses malformed and unknown decisions for the case type, naming the field, before asking the workflow', async () => {
    const id = await caseOf('cip-transmission', 'awaiting-transmission');
    const decide = (payload: object, role: 'case_handler' | 'reviewer' = 'case_handler') =>
      system.app.inject({ method: 'POST', url: `/v1/cases/${id}/decisions`, headers: bearer(role), payload });
    const missing = await decide({ decision: 'transmit', params: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'decision.invalid', errors: [{ field: 'body.params.cipVersion', message: 'is required (a non-empty string)' }] });
    const extra = await decide({ decision: 'transmit', params: { cipVersion: 'v1', colour: 'red' } });
    expect(extra.json().errors).toEqual([{ field: 'body.params.colour', message: 'is not a parameter of this decision' }]);
    const badInstant = await decide({ decision: 'transmit', params: { cipVersion: 'v1', transmittedAt: 'yesterday' } });
    expect(badInstant.json().errors).toEqual([{ field: 'body.params.transmittedAt', message: 'must be an ISO 8601 date-time' }]);
    const unknown = await decide({ decision: 'approve' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'decision.unknown', detail: 'decision "approve" is not one of transmit, withdraw' });
    const noReason = await decide({ decision: 'withdraw' });
    expect(noReason.json()).toMatchObject({ status: 400, errors: [{ field: 'body.reason', message: 'is required for this decision' }] });
  });

  it('refuses a decision to a role the case type does not give it', async () => {
    const id = await caseOf('customer-identification', 'pending-approval');
    const res = await system.app.inject({ method: 'POST', url: `/v1/cases/${id}/decisions`, headers: bearer('case_handler'), payload: { decision: 'approve' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'decision.forbidden' });
  });
});

describe('a case says what it accepts now', () => {
  it('lists the decisions its status accepts, and none once closed', async () => {
    const open = await caseOf('cip-transmission', 'overdue');
    const read = (id: string) => system.app.inject({ method: 'GET', url: `/v1/cases/${id}`, headers: bearer('legal') }).then((r) => r.json());
    expect(await read(open)).toMatchObject({ decisionsNow: ['transmit', 'withdraw'], pendingApproval: null });
    const pending = await caseOf('customer-identification', 'pending-approval');
    expect((await read(pending)).decisionsNow).toEqual(['corrective-measures', 'approve', 'reject']);
    const closed = await caseOf('cip-transmission', 'transmitted');
    expect((await read(closed)).decisionsNow).toEqual([]);
  });
});
