// Opening an irregular-update case: by a handler recording a significant change, or on its own
// when the API records a change of a CIP contact (the provider's settings, a reseller's
// contacts). One case per change: per change reference, or without one per kind and instant of
// the change, so that a repeat (a client retrying a lost answer) finds the case already opened
// instead of opening a second obligation for the same change.
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
  // Without a reference the change is named by its kind and instant (a readable business id).
  const occurredAt = new Date(change.occurredAt).toISOString();
  const businessId = `${subject.id}/${change.changeReference ?? `${change.changeKind}-${occurredAt.replaceAll(':', '')}`}`;
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
        occurredAt,
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
  if (recorded && !change.changeReference && recorded.description !== change.description) {
    throw new AppError(
      'irregular_update.change_conflict',
      409,
      `an irregular update for this change (${change.changeKind} at ${occurredAt}) is case ${existing!.id}, recorded with another description; give each change its own changeReference when two changes of a kind happened at the same instant`,
      [{ field: 'body.description', message: `differs from the one recorded for the same change (case ${existing!.id})` }],
    );
  }
  if (
    recorded &&
    (recorded.changeKind !== change.changeKind ||
      recorded.occurredAt !== occurredAt ||
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
