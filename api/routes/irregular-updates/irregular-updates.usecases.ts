// Opening an irregular-update case: by a handler recording a significant change, or on its own
// when the API records a change of a CIP contact (the provider's settings, a reseller's
// contacts). One case per change reference: a repeat finds the case already opened.
import { randomUUID } from 'node:crypto';
import { getCaseByWorkflowId } from '../../../db/queries/cases.js';
import { PROVIDER_ID } from '../../../db/queries/certifications.js';
import type { CaseRow } from '../../../db/schema/cases.js';
import { CURRENT_RULE_SET_ID, computeDeadline, getRuleSet } from '../../../rules/index.js';
import { workflowIdFor } from '../../../workflows/ids.js';
import type { IrregularChangeKind } from '../../../workflows/irregular-update/case-type.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { refuseWhatTheRulesRefuse } from '../rule-input.js';
import { startWorkflowOnce, waitForCase, waitForCaseRow } from '../start-case.js';

export interface IrregularChange {
  changeKind: IrregularChangeKind;
  /** The caller's reference for the change; one case per reference and subject. */
  changeReference?: string;
  occurredAt: string;
  description: string;
  resellerId?: string;
}

export async function openIrregularUpdate(
  deps: Required<AppDeps>,
  principal: Principal,
  change: IrregularChange,
): Promise<{ created: boolean; caseId: string; case: CaseRow | undefined }> {
  refuseWhatTheRulesRefuse(
    () => computeDeadline({ obligation: 'irregular-update', ruleSet: getRuleSet(CURRENT_RULE_SET_ID), startedAt: new Date(change.occurredAt), timeZone: deps.providerTimeZone }),
    { startedAt: 'body.occurredAt' },
  );
  const subject = change.resellerId ? { type: 'foreign-reseller' as const, id: change.resellerId } : { type: 'provider-cip' as const, id: PROVIDER_ID };
  const businessId = `${subject.id}/${change.changeReference ?? randomUUID()}`;
  const caseId = randomUUID();
  const outcome = await startWorkflowOnce(deps.temporal.client, {
    caseType: 'irregular-update',
    businessId,
    taskQueue: deps.temporal.taskQueue,
    args: [
      {
        caseId,
        changeKind: change.changeKind,
        subject,
        occurredAt: new Date(change.occurredAt).toISOString(),
        description: change.description,
        ruleSetId: CURRENT_RULE_SET_ID,
        timeZone: deps.providerTimeZone,
        openedBy: principal.subject,
      },
    ],
  });
  if (outcome === 'started') return { created: true, caseId, case: await waitForCaseRow(deps.db.db, caseId) };
  const existing = await waitForCase(() => getCaseByWorkflowId(deps.db.db, { workflowId: workflowIdFor('irregular-update', businessId) }));
  // The first request under a change reference fixes the change, and with it the case's clock:
  // a repeat that says something else is refused, never answered with the first case as if taken.
  const recorded = existing?.details as { changeKind?: string; occurredAt?: string; description?: string } | undefined;
  if (
    recorded &&
    (recorded.changeKind !== change.changeKind ||
      recorded.occurredAt !== new Date(change.occurredAt).toISOString() ||
      recorded.description !== change.description)
  ) {
    throw new AppError(
      'irregular_update.reference_conflict',
      409,
      `changeReference ${change.changeReference} belongs to case ${existing!.id}, opened for another change (${recorded.changeKind} at ${recorded.occurredAt}); use a new reference for a new change`,
      [{ field: 'body.changeReference', message: `was used for another change (case ${existing!.id})` }],
    );
  }
  return { created: false, caseId: existing?.id ?? caseId, case: existing };
}
