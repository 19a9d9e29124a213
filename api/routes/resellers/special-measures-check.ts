// A new foreign reseller is checked against special measures before it is registered, through the
// same answer customer identification uses (`specialMeasuresFor`, purpose `opening`): a
// prohibition in force refuses the registration (nothing stored, the measure and its Federal
// Register citation named); a conditions-measure in force registers it with the conditions as
// tasks on a review case for a handler; a measure in its phase-in, or a near match on a
// designated person's name, is a warning (the near match also a review case). A review case is
// the one the measure's own impact scan would open for the reseller (same workflow id), so the
// two never duplicate.
import { randomUUID } from 'node:crypto';
import { specialMeasureSubjectOfReseller, matchedBy } from '../../../activities/special-measures.js';
import { specialMeasuresFor, type SpecialMeasureApplication } from '../../../db/queries/special-measures.js';
import { CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import { workflowIdFor } from '../../../workflows/ids.js';
import { AppError } from '../../errors.js';
import { startWorkflowOnce, type CaseStartDeps } from '../start-case.js';

export interface ResellerMeasureFinding {
  measureId: string;
  effect: 'conditions' | 'warn' | 'review';
  state: string;
  federalRegisterCitation: string;
  implementationDueAt: string;
  conditions: string[];
  matchedBy: string[];
  reasons: string[];
}

const summary = (f: SpecialMeasureApplication): ResellerMeasureFinding => ({
  measureId: f.measureId,
  effect: f.effect as ResellerMeasureFinding['effect'],
  state: f.state,
  federalRegisterCitation: f.federalRegisterCitation,
  implementationDueAt: f.implementationDueAt.toISOString(),
  conditions: [...f.conditions],
  matchedBy: matchedBy(f),
  reasons: [...f.reasons],
});

/** The measures that apply to the prospective reseller now; refuses (409) when one prohibits it. */
export async function checkResellerAgainstSpecialMeasures(
  deps: { db: CaseStartDeps['db'] },
  reseller: Parameters<typeof specialMeasureSubjectOfReseller>[0],
  at: Date,
): Promise<SpecialMeasureApplication[]> {
  const findings = await specialMeasuresFor(deps.db.db, { subject: specialMeasureSubjectOfReseller(reseller), at, purpose: 'opening' });
  const prohibiting = findings.filter((f) => f.effect === 'refuse');
  if (prohibiting.length) {
    const named = prohibiting.map((f) => `${f.measureId} (${f.federalRegisterCitation})`).join(', ');
    throw new AppError(
      'special_measure.prohibited',
      409,
      `a special measure in force prohibits a reseller account for this reseller: ${named}. ${prohibiting.flatMap((f) => f.reasons).join(' ')}`,
      prohibiting.map((f) => ({ field: 'body', message: `prohibited by special measure ${f.measureId} (${f.federalRegisterCitation}), matched by ${matchedBy(f).join(', ')}` })),
    );
  }
  return findings;
}

/**
 * After the reseller is stored: a review case for each conditions-measure (its conditions as
 * tasks) and each near name match. Returns what the registration answers with.
 */
export async function openResellerMeasureReviews(
  deps: CaseStartDeps,
  resellerId: string,
  findings: readonly SpecialMeasureApplication[],
  openedBy: string,
): Promise<{ findings: ResellerMeasureFinding[]; reviewWorkflowIds: string[] }> {
  const reviewWorkflowIds: string[] = [];
  for (const f of findings) {
    if (f.effect !== 'conditions' && f.effect !== 'review') continue;
    const businessId = `${f.measureId}/reseller/${resellerId}`;
    const strong = f.matchedJurisdictions.length > 0 || f.matchedIdentifiers.length > 0 || f.matchedPersonIds.length > 0;
    await startWorkflowOnce(deps.temporal.client, {
      caseType: 'special-measure-impact-review',
      businessId,
      taskQueue: deps.temporal.taskQueue,
      args: [
        {
          caseId: randomUUID(),
          measureId: f.measureId,
          federalRegisterCitation: f.federalRegisterCitation,
          subjectType: 'reseller',
          subjectId: resellerId,
          effect: f.effect,
          matchedBy: matchedBy(f),
          nearMatchOnly: !strong,
          ruleSetId: CURRENT_RULE_SET_ID,
          timeZone: deps.providerTimeZone,
          openedBy,
          ...(f.effect === 'conditions' ? { tasks: f.conditions.map((condition) => ({ measureId: f.measureId, federalRegisterCitation: f.federalRegisterCitation, condition })) } : {}),
        },
      ],
    });
    reviewWorkflowIds.push(workflowIdFor('special-measure-impact-review', businessId));
  }
  return { findings: findings.filter((f) => f.effect !== 'refuse').map(summary), reviewWorkflowIds };
}
