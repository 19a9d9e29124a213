// A scheduler's request for a certification: the same business id the Schedule's run uses
// (`cip-certification:<provider>/<period>`, or `/initial`), so a request for a period that the
// Schedule (or an earlier request) already opened answers with that case.
import { randomUUID } from 'node:crypto';
import { getCaseById, getCaseByWorkflowId } from '../../../db/queries/cases.js';
import { PROVIDER_ID, getProviderSettings, listCertificationVersions } from '../../../db/queries/certifications.js';
import type { CaseRow } from '../../../db/schema/cases.js';
import type { CipCertificationVersionRow } from '../../../db/schema/certifications.js';
import { CURRENT_RULE_SET_ID, certificationPeriod, certificationPeriodAt, computeDeadline, getRuleSet, parseAnniversary } from '../../../rules/index.js';
import { certificationBusinessId, workflowIdFor } from '../../../workflows/ids.js';
import type { CipCertificationInput } from '../../../workflows/cip-certification/messages.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput, notFound } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { startWorkflowOnce, waitForCase, waitForCaseRow } from '../start-case.js';
import { recordedInstant } from '../rule-input.js';

export interface TriggerRequest {
  kind?: string;
  period?: number;
}

export async function triggerCertification(
  deps: Required<AppDeps>,
  principal: Principal,
  body: TriggerRequest,
): Promise<{ created: boolean; caseId: string; case: CaseRow | undefined }> {
  const settings = await getProviderSettings(deps.db.db, { providerId: PROVIDER_ID });
  const now = deps.now();
  const zone = deps.providerTimeZone;
  let input: Omit<CipCertificationInput, 'caseId'>;
  if (body.kind === 'initial') {
    if (body.period !== undefined) throw badInput('body.period', 'is for annual certifications only');
    if (!settings?.programStartedAt) {
      throw new AppError('certification.program_start_missing', 409, "the start of the provider's program is not recorded: PATCH /v1/provider/settings with programStartedAt first");
    }
    input = { providerId: PROVIDER_ID, kind: 'initial', period: null, periodStartsOn: null, clockStartsAt: settings.programStartedAt.toISOString(), ruleSetId: CURRENT_RULE_SET_ID, timeZone: zone, openedBy: principal.subject };
  } else {
    if (!settings?.certificationAnniversary) {
      throw new AppError('certification.anniversary_missing', 409, 'no certification anniversary is recorded: PATCH /v1/provider/settings with certificationAnniversary first');
    }
    const anniversary = parseAnniversary(settings.certificationAnniversary);
    const period = body.period === undefined ? certificationPeriodAt(anniversary, now, zone) : certificationPeriod(anniversary, body.period, zone);
    if (period.startsAt.getTime() > now.getTime()) throw badInput('body.period', `has not started: period ${period.period} starts on ${period.startsOn}`);
    recordedInstant(deps, period.startsAt, 'body.period');
    // The initial certification covers the program's start; annual periods follow it. A period
    // that began before the program did was never owed, and its case would only record a breach.
    if (settings.programStartedAt && period.startsAt.getTime() < settings.programStartedAt.getTime()) {
      throw badInput('body.period', `began on ${period.startsOn}, before the provider's program under the rule set started (${settings.programStartedAt.toISOString()}): the initial certification covers that start (kind "initial")`);
    }
    input = {
      providerId: PROVIDER_ID,
      kind: 'annual',
      period: period.period,
      periodStartsOn: period.startsOn,
      clockStartsAt: period.startsAt.toISOString(),
      ruleSetId: CURRENT_RULE_SET_ID,
      timeZone: zone,
      openedBy: principal.subject,
    };
  }
  // The deadline the workflow computes first: input the rules refuse never reaches it.
  computeDeadline({
    obligation: input.kind === 'initial' ? 'cip-initial-certification' : 'cip-certification',
    ruleSet: getRuleSet(input.ruleSetId),
    startedAt: new Date(input.clockStartsAt),
    timeZone: zone,
  });
  const businessId = certificationBusinessId(PROVIDER_ID, input.period ?? 'initial');
  const caseId = randomUUID();
  const outcome = await startWorkflowOnce(deps.temporal.client, { caseType: 'cip-certification', businessId, taskQueue: deps.temporal.taskQueue, args: [{ caseId, ...input }] });
  if (outcome === 'started') return { created: true, caseId, case: await waitForCaseRow(deps.db.db, caseId) };
  const existing = await waitForCase(() => getCaseByWorkflowId(deps.db.db, { workflowId: workflowIdFor('cip-certification', businessId) }));
  if (!existing) throw new AppError('certification.starting', 409, `the certification ${businessId} is being opened; read it again in a moment`);
  return { created: false, caseId: existing.id, case: existing };
}

export function toVersionDto(v: CipCertificationVersionRow) {
  return {
    id: v.id,
    version: v.version,
    kind: v.kind,
    sha256: v.sha256,
    missingParts: v.missingParts,
    recordedAt: v.recordedAt.toISOString(),
    recordedBy: v.recordedBy,
    attestedBy: v.attestedBy,
    attestedAt: v.attestedAt?.toISOString() ?? null,
    reviewedBy: v.reviewedBy,
    reviewedAt: v.reviewedAt?.toISOString() ?? null,
  };
}

/** A certification case with its versions; 404 unless the case is a certification. */
export async function readCertification(deps: Required<AppDeps>, caseId: string) {
  const row = await getCaseById(deps.db.db, { id: caseId });
  if (!row || row.type !== 'cip-certification') throw notFound('certification', caseId);
  const versions = await listCertificationVersions(deps.db.db, { caseId });
  return { row, versions };
}

/** The version a document shows: the one asked for, else the filed one, else the latest assembled. */
export function pickVersion(versions: CipCertificationVersionRow[], wanted?: number): CipCertificationVersionRow | undefined {
  if (wanted !== undefined) return versions.find((v) => v.version === wanted);
  return versions.filter((v) => v.kind === 'filed').at(-1) ?? versions.at(-1);
}
