// Opening, or adding to, the oversight case of a foreign reseller. One case at a time per
// reseller: evidence recorded while a case is open (the reseller under review or being
// terminated) goes to that case as a fact; otherwise it opens a new one. The evidence and the
// reseller's status are stored first, in one transaction that locks the reseller (so two
// concurrent reports cannot open two cases); the workflow is started after, and started again
// by the next report if a crash came in between (starting is idempotent on the workflow id).
// Other obligations (an AI-training report about a failing reseller) open or find the case
// through `openResellerOversightCase` and `findOpenResellerOversightCase`.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../../db/client.js';
import { getCaseByWorkflowId } from '../../../db/queries/cases.js';
import {
  getResellerById,
  latestOversightEvidence,
  openingEvidenceOf,
  recordOversightEvidence,
  RESELLER_STATUSES_UNDER_OVERSIGHT,
} from '../../../db/queries/resellers.js';
import type { CaseRow } from '../../../db/schema/cases.js';
import type { NoncomplianceEvidenceRow } from '../../../db/schema/resellers.js';
import { CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import { parseWorkflowId, resellerOversightWorkflowId } from '../../../workflows/ids.js';
import { isCaseTypeName } from '../../../workflows/obligations.js';
import { oversightCaseInput } from '../../../workflows/reseller-termination/messages.js';
import { noncomplianceEvidenceAddedFact } from '../../../workflows/kit/index.js';
import { AppError, notFound } from '../../errors.js';
import { deliverFactToSubjectCases, factAbout } from '../../facts/deliver.js';
import { startWorkflowOnce, waitForCase, type CaseStartDeps } from '../start-case.js';

const UNDER_OVERSIGHT = RESELLER_STATUSES_UNDER_OVERSIGHT;

export interface NoncomplianceEvidenceInput {
  resellerId: string;
  /** What was found, without personal data. */
  description: string;
  /** Where it came from: an audit, a complaint, a Commerce notice, an AI-training report case. */
  source: string;
  observedAt: Date;
  /** Token subject of the person, or the case, that recorded it. */
  recordedBy: string;
}

export interface OversightCaseRef {
  evidence: NoncomplianceEvidenceRow;
  caseId: string;
  workflowId: string;
  /** True when this evidence opened the case; false when it was added to the open one. */
  opened: boolean;
  /** The case row (null while the workflow has not written it yet). */
  case: CaseRow | null;
}

/** Starts the case the opening evidence names; a repeat finds it started and is not an error. */
async function ensureStarted(deps: CaseStartDeps, opening: NoncomplianceEvidenceRow): Promise<void> {
  await startWorkflowOnce(deps.temporal.client, {
    caseType: 'reseller-termination',
    businessId: parseWorkflowId(opening.caseWorkflowId!, isCaseTypeName).businessId,
    taskQueue: deps.temporal.taskQueue,
    args: [oversightCaseInput(opening, { ruleSetId: CURRENT_RULE_SET_ID, timeZone: deps.providerTimeZone })],
  });
}

/** Records evidence of non-compliance; opens the reseller's oversight case or adds to the open one. */
export async function openResellerOversightCase(deps: CaseStartDeps & { now: () => Date }, log: FastifyBaseLogger, input: NoncomplianceEvidenceInput): Promise<OversightCaseRef> {
  const at = deps.now();
  const id = randomUUID();
  const recorded = await deps.db.db.transaction((tx) =>
    recordOversightEvidence(tx, { ...input, id, at, newCase: { caseId: randomUUID(), workflowId: resellerOversightWorkflowId(input.resellerId, id) } }),
  );
  if (recorded.outcome === 'unknown-reseller') throw notFound('reseller', input.resellerId);
  if (recorded.outcome === 'reseller-terminated') {
    const { statusChangedAt } = recorded.reseller;
    throw new AppError('reseller.terminated', 409, `reseller ${input.resellerId} was terminated${statusChangedAt ? ` on ${statusChangedAt.toISOString()}` : ''}; there is no relationship left to oversee`);
  }
  const { evidence, opened } = recorded;
  const workflowId = evidence.caseWorkflowId!;
  const opening = opened ? evidence : ((await openingEvidenceOf(deps.db.db, { caseWorkflowId: workflowId })) ?? evidence);
  await ensureStarted(deps, opening);
  if (!opened) {
    await deliverFactToSubjectCases({ ...deps, log }, factAbout(noncomplianceEvidenceAddedFact, input.resellerId, {
      evidenceId: evidence.id,
      recordedAt: evidence.recordedAt.toISOString(),
      recordedBy: evidence.recordedBy,
    }));
  }
  const row = await waitForCase(() => getCaseByWorkflowId(deps.db.db, { workflowId }), opened ? 5000 : 1000);
  return { evidence, caseId: evidence.caseId!, workflowId, opened, case: row ?? null };
}

/** The reseller's open oversight case, if any (its workflow id and case id). */
export async function findOpenResellerOversightCase(db: Database, resellerId: string): Promise<{ caseId: string; workflowId: string } | undefined> {
  const reseller = await getResellerById(db, { id: resellerId });
  if (!reseller || !UNDER_OVERSIGHT.includes(reseller.status)) return undefined;
  const latest = await latestOversightEvidence(db, { resellerId });
  return latest?.caseWorkflowId && latest.caseId ? { caseId: latest.caseId, workflowId: latest.caseWorkflowId } : undefined;
}
