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
  insertNoncomplianceEvidence,
  latestOversightEvidence,
  lockReseller,
  openingEvidenceOf,
  setResellerStatus,
} from '../../../db/queries/resellers.js';
import type { CaseRow } from '../../../db/schema/cases.js';
import type { NoncomplianceEvidenceRow, ResellerRow } from '../../../db/schema/resellers.js';
import { CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import { workflowIdFor } from '../../../workflows/ids.js';
import { noncomplianceEvidenceAddedFact } from '../../../workflows/kit/index.js';
import { AppError, notFound } from '../../errors.js';
import { deliverFactToSubjectCases, factAbout } from '../../facts/deliver.js';
import { startWorkflowOnce, waitForCase, type CaseStartDeps } from '../start-case.js';

/** Reseller statuses while an oversight case is open. */
const UNDER_OVERSIGHT: readonly ResellerRow['status'][] = ['under-review', 'terminating'];

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

const oversightBusinessId = (resellerId: string, evidenceId: string) => `${resellerId}/${evidenceId}`;

/** Starts the case the opening evidence names; a repeat finds it started and is not an error. */
async function ensureStarted(deps: CaseStartDeps, opening: NoncomplianceEvidenceRow): Promise<void> {
  await startWorkflowOnce(deps.temporal.client, {
    caseType: 'reseller-termination',
    businessId: oversightBusinessId(opening.resellerId, opening.id),
    taskQueue: deps.temporal.taskQueue,
    args: [
      {
        caseId: opening.caseId!,
        resellerId: opening.resellerId,
        evidenceId: opening.id,
        ruleSetId: CURRENT_RULE_SET_ID,
        timeZone: deps.providerTimeZone,
        openedBy: opening.recordedBy,
        openedAt: opening.recordedAt.toISOString(),
      },
    ],
  });
}

/** Records evidence of non-compliance; opens the reseller's oversight case or adds to the open one. */
export async function openResellerOversightCase(deps: CaseStartDeps & { now: () => Date }, log: FastifyBaseLogger, input: NoncomplianceEvidenceInput): Promise<OversightCaseRef> {
  const at = deps.now();
  const { evidence, opened } = await deps.db.db.transaction(async (tx) => {
    const reseller = await lockReseller(tx, { id: input.resellerId });
    if (!reseller) throw notFound('reseller', input.resellerId);
    if (reseller.status === 'terminated') {
      throw new AppError('reseller.terminated', 409, `reseller ${input.resellerId} was terminated${reseller.statusChangedAt ? ` on ${reseller.statusChangedAt.toISOString()}` : ''}; there is no relationship left to oversee`);
    }
    const open = UNDER_OVERSIGHT.includes(reseller.status) ? await latestOversightEvidence(tx, { resellerId: input.resellerId }) : undefined;
    const id = randomUUID();
    const base = { id, resellerId: input.resellerId, description: input.description, source: input.source, observedAt: input.observedAt, documentId: null, recordedBy: input.recordedBy, recordedAt: at };
    if (open?.caseWorkflowId) {
      return { evidence: await insertNoncomplianceEvidence(tx, { ...base, caseId: open.caseId, caseWorkflowId: open.caseWorkflowId }), opened: false };
    }
    const row = await insertNoncomplianceEvidence(tx, {
      ...base,
      caseId: randomUUID(),
      caseWorkflowId: workflowIdFor('reseller-termination', oversightBusinessId(input.resellerId, id)),
    });
    await setResellerStatus(tx, { id: input.resellerId, status: 'under-review', reason: 'evidence of non-compliance recorded', at, actor: input.recordedBy });
    return { evidence: row, opened: true };
  });
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
