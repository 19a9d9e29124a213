// Every workflow the worker runs (its workflowsPath). One folder per obligation.
export { aiTrainingReportWorkflow } from './ai-training-report/workflow.js';
export { beneficialOwnerReverificationWorkflow } from './beneficial-owner-reverification/workflow.js';
export { cipCertificationWorkflow } from './cip-certification/workflow.js';
export { cipCertificationScheduleWorkflow } from './cip-certification/scheduled.js';
export { cipTransmissionWorkflow } from './cip-transmission/workflow.js';
export { customerIdentificationWorkflow } from './customer-identification/workflow.js';
export { interimAccountReviewWorkflow } from './interim-account-review/workflow.js';
export { recordRetentionWorkflow } from './record-retention/workflow.js';
export { notificationDispatcherWorkflow } from './notifications/dispatcher.js';
export { notificationDeliveryWorkflow } from './notifications/delivery.js';
export { dailyDigestWorkflow } from './notifications/digest.js';
export { specialMeasureWorkflow } from './special-measure/workflow.js';
export { specialMeasureImpactReviewWorkflow } from './special-measure-impact-review/workflow.js';
export { resellerTerminationWorkflow } from './reseller-termination/workflow.js';
export { exemptionWorkflow } from './exemption/workflow.js';
export { cipDutyResumptionWorkflow } from './cip-duty-resumption/workflow.js';
export { complianceAssessmentWorkflow } from './compliance-assessment/workflow.js';
