// The compliance-assessment workflow on the time-skipping test server, activities mocked: the
// findings start the rule set's remediation period with its reminders; a missed deadline is a
// breach that stays while the work goes on; each recommendation is tracked to done (implemented
// with evidence, not implemented with the reason Commerce weighs); the CIP resubmission names a
// version on file; the case is remediated when nothing is left open. Every instant comes from rules/.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { ComplianceAssessmentActivities } from '../../activities/compliance-assessments.js';
import type { CipVersionRef } from '../../activities/resellers.js';
import { computeDeadline, CURRENT_RULE_SET_ID, getRuleSet, reminderInstants } from '../../rules/index.js';
import { recordHistory } from '../../test/helpers/history.js';
import { caseProjectionRecorder, createTestWorker, useTimeSkippingEnv } from '../../test/helpers/workflow-env.js';
import { decideUpdate } from '../kit/decisions.js';
import { complianceAssessmentStateQuery, type ComplianceAssessmentInput } from './messages.js';
import { complianceAssessmentWorkflow } from './workflow.js';

const testEnv = useTimeSkippingEnv('file');
const ZONE = 'America/New_York';
const ruleSet = getRuleSet(CURRENT_RULE_SET_ID);
const handler = { subject: 'hana.handler', role: 'case_handler' as const };
const HOUR = 60 * 60 * 1000;
const EVIDENCE_DOCUMENT = randomUUID();

function assessmentActivities() {
  const calls = { findings: 0, resolutions: [] as string[], resubmissions: [] as number[], statuses: [] as string[] };
  const onFile: Record<number, CipVersionRef> = { 4: { version: 4, documentId: randomUUID(), sha256: 'ab'.repeat(32), effectiveAt: new Date(0).toISOString() } };
  const activities: ComplianceAssessmentActivities & { findCipVersion(input: { version: number }): Promise<CipVersionRef | null> } = {
    async recordAssessmentFindings() {
      calls.findings += 1;
    },
    async isAssessmentEvidence(input) {
      return input.documentId === EVIDENCE_DOCUMENT;
    },
    async resolveAssessmentRecommendation(input) {
      calls.resolutions.push(`${input.status}:${input.evidence ?? input.notImplementedReason}`);
    },
    async recordAssessmentResubmission(input) {
      calls.resubmissions.push(input.cipVersion);
    },
    async recordAssessmentStatus(input) {
      calls.statuses.push(input.status);
    },
    async findCipVersion(input) {
      return onFile[input.version] ?? null;
    },
  };
  return { calls, activities, onFile };
}

async function start() {
  const cases = caseProjectionRecorder();
  const assessment = assessmentActivities();
  const { worker, taskQueue } = await createTestWorker(testEnv(), { ...cases.activities, ...assessment.activities });
  const now = new Date(await testEnv().currentTimeMs());
  const input: ComplianceAssessmentInput = {
    caseId: randomUUID(),
    assessmentId: randomUUID(),
    kind: 'audit',
    commerceReference: `BIS-AUDIT-${randomUUID().slice(0, 8)}`,
    cipOwner: { type: 'provider' },
    noticeReceivedAt: new Date(now.getTime() - 24 * HOUR).toISOString(),
    ruleSetId: ruleSet.id,
    timeZone: ZONE,
    openedBy: handler.subject,
  };
  return { cases, assessment, worker, taskQueue, input };
}

const sleepUntil = async (instant: Date) => testEnv().sleep(Math.max(1, instant.getTime() - (await testEnv().currentTimeMs())));
const nowIso = async () => new Date(await testEnv().currentTimeMs()).toISOString();
const refusal = (err: unknown) => JSON.stringify((err as WorkflowUpdateFailedError).cause);

describe('complianceAssessmentWorkflow', () => {
  it('runs the remediation deadline from the findings, keeps a missed one as a breach, and is remediated once every recommendation is resolved and the CIP resubmitted', async () => {
    const { cases, assessment, worker, taskQueue, input } = await start();
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(complianceAssessmentWorkflow, { taskQueue, workflowId: `compliance-assessment:${input.assessmentId}`, args: [input] });
      await testEnv().sleep(HOUR);
      expect((await handle.query(complianceAssessmentStateQuery)).status).toBe('under-assessment');
      expect(cases.opened[0]).toMatchObject({ type: 'compliance-assessment', subjectType: 'provider-cip', subjectId: 'provider', dueAt: null });

      const empty = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-findings', params: { findingsReceivedAt: await nowIso(), deficiencies: [], recommendations: [] }, actor: handler }] }).catch((e: unknown) => e);
      expect(refusal(empty)).toContain('params.recommendations');
      const tooEarly = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'resolve-recommendation', params: { recommendationId: randomUUID(), outcome: 'implemented', evidence: 'x' }, actor: handler }] }).catch((e: unknown) => e);
      expect(refusal(tooEarly)).toContain('under-assessment');

      const findingsAt = await nowIso();
      await handle.executeUpdate(decideUpdate, {
        args: [
          {
            decision: 'record-findings',
            params: {
              findingsReceivedAt: findingsAt,
              deficiencies: [{ description: 'Non-documentary verification not applied to beneficial owners' }],
              recommendations: [{ description: 'Verify beneficial owners by a non-documentary method' }, { description: 'Re-train the onboarding team yearly' }],
            },
            actor: handler,
          },
        ],
      });
      const due = computeDeadline({ obligation: 'deficiency-remediation', ruleSet, startedAt: new Date(findingsAt), timeZone: ZONE });
      let state = await handle.query(complianceAssessmentStateQuery);
      expect(state).toMatchObject({ status: 'remediating', remediationDueAt: due.dueAt.toISOString(), deficiencies: [{ description: expect.stringContaining('beneficial owners') }] });
      expect(state.recommendations.map((r) => [r.position, r.status])).toEqual([[1, 'open'], [2, 'open']]);
      expect(cases.transitions.find((t) => t.status === 'remediating')?.dueAt).toBe(due.dueAt.toISOString());
      const [first, second] = state.recommendations;

      // Implemented with evidence; a document not uploaded to this assessment is refused.
      const strange = await handle
        .executeUpdate(decideUpdate, { args: [{ decision: 'resolve-recommendation', params: { recommendationId: first!.id, outcome: 'implemented', evidence: 'procedure v5', evidenceDocumentId: randomUUID() }, actor: handler }] })
        .catch((e: unknown) => e);
      expect(refusal(strange)).toContain('params.evidenceDocumentId');
      expect((await handle.query(complianceAssessmentStateQuery)).recommendations[0]!.status).toBe('open');
      await handle.executeUpdate(decideUpdate, {
        args: [{ decision: 'resolve-recommendation', params: { recommendationId: first!.id, outcome: 'implemented', evidence: 'procedure v5, section 3', evidenceDocumentId: EVIDENCE_DOCUMENT }, actor: handler }],
      });
      const twice = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'resolve-recommendation', reason: 'x', params: { recommendationId: first!.id, outcome: 'not-implemented' }, actor: handler }] }).catch((e: unknown) => e);
      expect(refusal(twice)).toContain('already resolved');

      // Reminders before the deadline; it passes with a recommendation open and no resubmission: a breach.
      await sleepUntil(new Date(due.dueAt.getTime() + HOUR));
      state = await handle.query(complianceAssessmentStateQuery);
      expect(state.status).toBe('remediation-overdue');
      expect(state.breached).toBe(true);
      expect(state.remindersSent).toEqual(reminderInstants(due, ruleSet).map((r) => r.at.toISOString()));
      expect(cases.events.find((e) => e.type === 'deadline.missed')?.data).toMatchObject({ breach: true, obligation: 'deficiency-remediation', recommendationsOpen: 1, resubmitted: false });

      // Not implemented needs the reason; it is recorded as a factor Commerce weighs, and counted on the case.
      const noReason = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'resolve-recommendation', params: { recommendationId: second!.id, outcome: 'not-implemented' }, actor: handler }] }).catch((e: unknown) => e);
      expect(refusal(noReason)).toContain('reason');
      await handle.executeUpdate(decideUpdate, {
        args: [{ decision: 'resolve-recommendation', reason: 'Yearly training is replaced by onboarding checks', params: { recommendationId: second!.id, outcome: 'not-implemented' }, actor: handler }],
      });
      expect(cases.events.find((e) => e.type === 'assessment.recommendation-not-implemented')?.data).toMatchObject({ weighedByCommerce: true, position: 2 });
      expect(cases.transitions.at(-1)?.details).toMatchObject({ recommendationsNotImplemented: 1, recommendationsOpen: 0, breached: true });
      expect((await handle.query(complianceAssessmentStateQuery)).status).toBe('remediation-overdue');

      // The resubmission names a version on file; once recorded, nothing is open: remediated (late, the breach stays).
      const missing = await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-resubmission', params: { cipVersion: '9' }, actor: handler }] }).catch((e: unknown) => e);
      expect(refusal(missing)).toContain('params.cipVersion');
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-resubmission', params: { cipVersion: '4', reference: 'BIS-RESUB-1' }, actor: handler }] });
      const final = await handle.result();
      expect(final).toMatchObject({ status: 'remediated', breached: true, resubmission: { cipVersion: 4, reference: 'BIS-RESUB-1' } });
      expect(assessment.calls).toMatchObject({ findings: 1, resubmissions: [4], statuses: ['remediation-overdue', 'remediated'] });
      expect(assessment.calls.resolutions).toEqual(['implemented:procedure v5, section 3', 'not-implemented:Yearly training is replaced by onboarding checks']);
      expect(cases.events.at(-1)).toMatchObject({ type: 'assessment.remediated', data: { onTime: false, recommendationsNotImplemented: [second!.id] } });
      expect(cases.transitions.at(-1)).toMatchObject({ status: 'remediated', dueAt: null });
      await recordHistory(handle, 'complianceAssessmentWorkflow--overdue-then-remediated');
    });
  });

  it('is remediated on time when the last recommendation is implemented before the deadline', async () => {
    const { cases, worker, taskQueue, input } = await start();
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(complianceAssessmentWorkflow, { taskQueue, workflowId: `compliance-assessment:${input.assessmentId}`, args: [input] });
      await testEnv().sleep(HOUR);
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-findings', params: { findingsReceivedAt: await nowIso(), deficiencies: [], recommendations: [{ description: 'Log every IP access' }] }, actor: handler }] });
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'record-resubmission', params: { cipVersion: '4' }, actor: handler }] });
      const { recommendations } = await handle.query(complianceAssessmentStateQuery);
      expect((await handle.query(complianceAssessmentStateQuery)).status).toBe('remediating');
      await testEnv().sleep(24 * HOUR);
      await handle.executeUpdate(decideUpdate, { args: [{ decision: 'resolve-recommendation', params: { recommendationId: recommendations[0]!.id, outcome: 'implemented', evidence: 'access log enabled on all regions' }, actor: handler }] });
      const final = await handle.result();
      expect(final).toMatchObject({ status: 'remediated', breached: false });
      expect(cases.eventTypes()).not.toContain('deadline.missed');
      expect(cases.events.at(-1)).toMatchObject({ type: 'assessment.remediated', data: { onTime: true, recommendationsImplemented: 1, recommendationsNotImplemented: [] } });
    });
  });
});
