// The registry of obligations: every case type once, with its workflow. The case list and its
// filters, the decisions endpoint and its OpenAPI document, `GET /v1/case-types`, typed
// workflow starts, fact delivery and the worker all read this table. Adding an obligation:
// its folder (case-type.ts, workflow.ts, messages.ts, workflow.test.ts), one line here, its
// export in index.ts, its routes folder and its tables; nothing else.
import type { Workflow } from '@temporalio/workflow';
import type { CaseTypeDefinition, FactName } from './kit/index.js';
import { aiTrainingReportCase } from './ai-training-report/case-type.js';
import { aiTrainingReportWorkflow } from './ai-training-report/workflow.js';
import { beneficialOwnerReverificationCase } from './beneficial-owner-reverification/case-type.js';
import { beneficialOwnerReverificationWorkflow } from './beneficial-owner-reverification/workflow.js';
import { cipCertificationCase } from './cip-certification/case-type.js';
import { cipCertificationWorkflow } from './cip-certification/workflow.js';
import { cipTransmissionCase } from './cip-transmission/case-type.js';
import { cipTransmissionWorkflow } from './cip-transmission/workflow.js';
import { customerIdentificationCase } from './customer-identification/case-type.js';
import { customerIdentificationWorkflow } from './customer-identification/workflow.js';
import { irregularUpdateCase } from './irregular-update/case-type.js';
import { irregularUpdateWorkflow } from './irregular-update/workflow.js';
import { interimAccountReviewCase } from './interim-account-review/case-type.js';
import { interimAccountReviewWorkflow } from './interim-account-review/workflow.js';
import { recordRetentionCase } from './record-retention/case-type.js';
import { recordRetentionWorkflow } from './record-retention/workflow.js';
import { specialMeasureCase } from './special-measure/case-type.js';
import { specialMeasureWorkflow } from './special-measure/workflow.js';
import { specialMeasureImpactReviewCase } from './special-measure-impact-review/case-type.js';
import { specialMeasureImpactReviewWorkflow } from './special-measure-impact-review/workflow.js';
import { resellerTerminationCase } from './reseller-termination/case-type.js';
import { resellerTerminationWorkflow } from './reseller-termination/workflow.js';
import { exemptionCase } from './exemption/case-type.js';
import { exemptionWorkflow } from './exemption/workflow.js';
import { cipDutyResumptionCase } from './cip-duty-resumption/case-type.js';
import { cipDutyResumptionWorkflow } from './cip-duty-resumption/workflow.js';
import { complianceAssessmentCase } from './compliance-assessment/case-type.js';
import { complianceAssessmentWorkflow } from './compliance-assessment/workflow.js';

export interface Obligation<C extends CaseTypeDefinition = CaseTypeDefinition, W extends Workflow = Workflow> {
  caseType: C;
  workflow: W;
}

const obligation = <C extends CaseTypeDefinition, W extends Workflow>(caseType: C, workflow: W): Obligation<C, W> => ({ caseType, workflow });

export const OBLIGATIONS = {
  'cip-transmission': obligation(cipTransmissionCase, cipTransmissionWorkflow),
  'customer-identification': obligation(customerIdentificationCase, customerIdentificationWorkflow),
  'interim-account-review': obligation(interimAccountReviewCase, interimAccountReviewWorkflow),
  'beneficial-owner-reverification': obligation(beneficialOwnerReverificationCase, beneficialOwnerReverificationWorkflow),
  'record-retention': obligation(recordRetentionCase, recordRetentionWorkflow),
  'special-measure': obligation(specialMeasureCase, specialMeasureWorkflow),
  'special-measure-impact-review': obligation(specialMeasureImpactReviewCase, specialMeasureImpactReviewWorkflow),
  'reseller-termination': obligation(resellerTerminationCase, resellerTerminationWorkflow),
  'ai-training-report': obligation(aiTrainingReportCase, aiTrainingReportWorkflow),
  exemption: obligation(exemptionCase, exemptionWorkflow),
  'cip-duty-resumption': obligation(cipDutyResumptionCase, cipDutyResumptionWorkflow),
  'compliance-assessment': obligation(complianceAssessmentCase, complianceAssessmentWorkflow),
  'cip-certification': obligation(cipCertificationCase, cipCertificationWorkflow),
  'irregular-update': obligation(irregularUpdateCase, irregularUpdateWorkflow),
} as const;

/** The one list of case type names (also the first part of every business workflow id). */
export type CaseTypeName = keyof typeof OBLIGATIONS;
export const CASE_TYPE_NAMES = Object.keys(OBLIGATIONS) as CaseTypeName[];
export type WorkflowOf<T extends CaseTypeName> = (typeof OBLIGATIONS)[T]['workflow'];

export function isCaseTypeName(value: string): value is CaseTypeName {
  return Object.hasOwn(OBLIGATIONS, value);
}

export function caseTypeOf(name: string): CaseTypeDefinition | undefined {
  return isCaseTypeName(name) ? OBLIGATIONS[name].caseType : undefined;
}

export const CASE_TYPES: readonly CaseTypeDefinition[] = CASE_TYPE_NAMES.map((name) => OBLIGATIONS[name].caseType);

/** Case types whose workflows listen to a fact. */
export function caseTypesListeningTo(fact: FactName | (string & {})): CaseTypeName[] {
  return CASE_TYPE_NAMES.filter((name) => (OBLIGATIONS[name].caseType.listensTo as readonly string[]).includes(fact));
}
