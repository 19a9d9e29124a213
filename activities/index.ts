import { createAiTrainingReportActivities } from './ai-training.js';
import { createCaseActivities } from './cases.js';
import { createCertificationActivities } from './certifications.js';
import { createCustomerActivities } from './customers.js';
import type { ActivityDeps } from './deps.js';
import { createExemptionActivities } from './exemptions.js';
import { createComplianceAssessmentActivities } from './compliance-assessments.js';
import { createNotificationActivities } from './notifications.js';
import { createFactActivities } from './facts.js';
import { createResellerActivities } from './resellers.js';
import { createSpecialMeasureActivities } from './special-measures.js';

/** Every activity the worker registers, built from injected dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseActivities(deps),
    ...createCertificationActivities(deps),
    ...createAiTrainingReportActivities(deps),
    ...createCustomerActivities(deps),
    ...createResellerActivities(deps),
    ...createNotificationActivities(deps, deps.notifications),
    ...createSpecialMeasureActivities(deps),
    ...createFactActivities(deps),
    ...createExemptionActivities(deps),
    ...createComplianceAssessmentActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps.js';
