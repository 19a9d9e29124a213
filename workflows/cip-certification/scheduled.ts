// What the provider's certification Schedule starts each year: a short workflow that computes
// the certification period from its scheduled instant (the rules' anniversary calendar) and
// starts that period's certification case under its business id, once. A scheduler's request
// for the same period (POST /v1/certifications) names the same workflow id, so the Schedule's
// run, a backfill and the API converge on one case per period, whoever comes first.
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';
import { certificationPeriodAt, parseAnniversary } from '../../rules/index.js';
import { certificationBusinessId, workflowIdFor } from '../ids.js';
import { newCaseId, startChildOnce } from '../kit/index.js';
import type { CertificationScheduleInput, CertificationScheduleResult } from './messages.js';
import { cipCertificationWorkflow } from './workflow.js';

/** Set by Temporal on every workflow a Schedule starts: the instant it was scheduled for (a backfill's too). */
const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);
/** A Schedule names each run `<action workflow id>-<scheduled time, RFC 3339>`. */
const SCHEDULED_SUFFIX = /-(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/;

function scheduledInstant(): Date {
  const info = workflowInfo();
  const typed = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  if (typed) return typed;
  const suffix = SCHEDULED_SUFFIX.exec(info.workflowId)?.[1];
  if (suffix) return new Date(suffix);
  return info.runStartTime;
}

export async function cipCertificationScheduleWorkflow(input: CertificationScheduleInput): Promise<CertificationScheduleResult> {
  const at = input.at ? new Date(input.at) : scheduledInstant();
  const period = certificationPeriodAt(parseAnniversary(input.anniversary), at, input.timeZone);
  const workflowId = workflowIdFor('cip-certification', certificationBusinessId(input.providerId, period.period));
  const outcome = await startChildOnce(cipCertificationWorkflow, {
    workflowId,
    alreadyStartedIncludes: 'closed-too',
    args: [
      {
        caseId: newCaseId(),
        providerId: input.providerId,
        kind: 'annual',
        period: period.period,
        clockStartsAt: period.startsAt.toISOString(),
        periodStartsOn: period.startsOn,
        ruleSetId: input.ruleSetId,
        timeZone: input.timeZone,
        openedBy: 'system:certification-schedule',
      },
    ],
  });
  return { period: period.period, workflowId, outcome };
}
