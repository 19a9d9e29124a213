// Opening a compliance assessment (stored first, its workflow started after: a repeat of the
// same kind and reference starts a workflow a crash left unstarted), reading one with its
// findings, and storing evidence documents for its remediation.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  getAssessmentEvidence,
  getComplianceAssessment,
  insertAssessmentEvidence,
  insertComplianceAssessment,
  type ComplianceAssessmentDetail,
} from '../../../db/queries/compliance-assessments.js';
import { getDocument, getDocumentMeta, insertDocument } from '../../../db/queries/documents.js';
import { getResellerById } from '../../../db/queries/resellers.js';
import type { ComplianceAssessmentRow } from '../../../db/schema/compliance-assessments.js';
import { CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import type { ComplianceAssessmentInput } from '../../../workflows/compliance-assessment/messages.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput, notFound } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { readDocumentUpload } from '../documents/upload.js';
import { openCaseOnce, waitForCaseRow } from '../start-case.js';
import { EVIDENCE_UPLOAD_FIELDS, type OpenAssessmentBodyT } from './compliance-assessments.schemas.js';
import { recordedInstant } from '../rule-input.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const cipOwnerOf = (row: ComplianceAssessmentRow): ComplianceAssessmentInput['cipOwner'] =>
  row.resellerId ? { type: 'foreign-reseller', resellerId: row.resellerId } : { type: 'provider' };

export function toAssessmentDto(row: ComplianceAssessmentRow) {
  return {
    id: row.id,
    kind: row.kind,
    commerceReference: row.commerceReference,
    cipOwner: cipOwnerOf(row),
    noticeReceivedAt: row.noticeReceivedAt.toISOString(),
    description: row.description,
    status: row.status,
    findingsReceivedAt: iso(row.findingsReceivedAt),
    remediationDueAt: iso(row.remediationDueAt),
    remediationBreached: row.remediationBreachedAt !== null,
    resubmission:
      row.resubmittedCipVersion !== null && row.resubmittedDocumentId && row.resubmittedSha256 && row.resubmittedAt && row.resubmittedBy
        ? {
            cipVersion: row.resubmittedCipVersion,
            documentId: row.resubmittedDocumentId,
            sha256: row.resubmittedSha256,
            resubmittedAt: row.resubmittedAt.toISOString(),
            reference: row.resubmissionReference,
            resubmittedBy: row.resubmittedBy,
          }
        : null,
    closedAt: iso(row.closedAt),
    caseId: row.caseId,
    caseUrl: `/v1/cases/${row.caseId}`,
    ruleSetId: row.ruleSetId,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

async function toAssessmentDetailDto(deps: Required<AppDeps>, detail: ComplianceAssessmentDetail) {
  const evidence = [];
  for (const e of detail.evidence) {
    const meta = (await getDocumentMeta(deps.db.db, { id: e.documentId }))!;
    evidence.push({
      documentId: e.documentId,
      label: e.label,
      contentType: meta.contentType,
      filename: meta.filename,
      sizeBytes: meta.sizeBytes,
      sha256: meta.sha256,
      recordedBy: e.recordedBy,
      recordedAt: e.recordedAt.toISOString(),
      contentUrl: `/v1/compliance-assessments/${detail.assessment.id}/evidence/${e.documentId}/content`,
    });
  }
  return {
    ...toAssessmentDto(detail.assessment),
    deficiencies: detail.deficiencies.map((d) => ({ id: d.id, description: d.description, recordedBy: d.recordedBy, recordedAt: d.recordedAt.toISOString() })),
    recommendations: detail.recommendations.map((r) => ({
      id: r.id,
      position: r.position,
      description: r.description,
      status: r.status,
      evidence: r.evidence,
      evidenceDocumentId: r.evidenceDocumentId,
      notImplementedReason: r.notImplementedReason,
      resolvedBy: r.resolvedBy,
      resolvedAt: iso(r.resolvedAt),
    })),
    recommendationsOpen: detail.recommendations.filter((r) => r.status === 'open').length,
    recommendationsNotImplemented: detail.recommendations.filter((r) => r.status === 'not-implemented').length,
    evidence,
  };
}

export async function openComplianceAssessment(deps: Required<AppDeps>, principal: Principal, body: OpenAssessmentBodyT) {
  const now = deps.now();
  const noticeReceivedAt = new Date(body.noticeReceivedAt);
  recordedInstant(deps, noticeReceivedAt, 'body.noticeReceivedAt');
  const resellerId = body.cipOwner.type === 'foreign-reseller' ? body.cipOwner.resellerId : null;
  if (resellerId && !(await getResellerById(deps.db.db, { id: resellerId }))) {
    throw badInput('body.cipOwner.resellerId', `no reseller ${resellerId} is registered (POST /v1/resellers first)`);
  }
  const { created, assessment } = await insertComplianceAssessment(deps.db.db, {
    id: randomUUID(),
    kind: body.kind,
    commerceReference: body.commerceReference.trim(),
    resellerId,
    noticeReceivedAt,
    description: body.description?.trim() ?? null,
    caseId: randomUUID(),
    ruleSetId: CURRENT_RULE_SET_ID,
    timeZone: deps.providerTimeZone,
    createdAt: now,
    createdBy: principal.subject,
  });
  if (!created && assessment.resellerId !== resellerId) {
    throw new AppError('compliance_assessment.conflict', 409, `${assessment.kind} ${assessment.commerceReference} is already recorded (assessment ${assessment.id}) for another CIP`, [
      { field: 'body.commerceReference', message: `already recorded for another CIP (assessment ${assessment.id})` },
    ]);
  }
  // A repeat that says the notice came at another time (or describes it otherwise) is not the
  // request recorded: answering it with the first would leave the caller believing its facts stand.
  if (!created && (assessment.noticeReceivedAt.getTime() !== noticeReceivedAt.getTime() || assessment.description !== (body.description?.trim() ?? null))) {
    throw new AppError(
      'compliance_assessment.conflict',
      409,
      `${assessment.kind} ${assessment.commerceReference} is already recorded (assessment ${assessment.id}) with its notice received at ${assessment.noticeReceivedAt.toISOString()} and its own description`,
      [{ field: 'body.commerceReference', message: `already recorded with other facts (assessment ${assessment.id})` }],
    );
  }
  const { outcome } = await openCaseOnce({ client: deps.temporal.client, db: deps.db.db }, {
    caseType: 'compliance-assessment',
    businessId: assessment.id,
    taskQueue: deps.temporal.taskQueue,
    caseId: assessment.caseId,
    args: [
      {
        caseId: assessment.caseId,
        assessmentId: assessment.id,
        kind: assessment.kind,
        commerceReference: assessment.commerceReference,
        cipOwner: cipOwnerOf(assessment),
        noticeReceivedAt: assessment.noticeReceivedAt.toISOString(),
        ruleSetId: assessment.ruleSetId,
        timeZone: assessment.timeZone,
        openedBy: assessment.createdBy,
      },
    ],
  });
  if (created && outcome === 'already-started') await waitForCaseRow(deps.db.db, assessment.caseId);
  return { created, assessment: toAssessmentDto(assessment) };
}

async function assessmentOrNotFound(deps: Required<AppDeps>, id: string) {
  const detail = await getComplianceAssessment(deps.db.db, { id });
  if (!detail) throw notFound('compliance_assessment', id);
  return detail;
}

export async function readComplianceAssessment(deps: Required<AppDeps>, id: string) {
  return toAssessmentDetailDto(deps, await assessmentOrNotFound(deps, id));
}

/** Stores an evidence document for the assessment; a `resolve-recommendation` decision may then name it. */
export async function recordAssessmentEvidence(deps: Required<AppDeps>, principal: Principal, id: string, request: FastifyRequest) {
  await assessmentOrNotFound(deps, id);
  const upload = await readDocumentUpload(request, { maxBytes: deps.documentMaxBytes, allowedFields: EVIDENCE_UPLOAD_FIELDS });
  const label = upload.fields.label?.trim() || null;
  if (label && label.length > 200) throw badInput('body.label', 'must be at most 200 characters');
  const now = deps.now();
  const documentId = await deps.db.db.transaction(async (tx) => {
    const document = await insertDocument(tx, {
      purpose: 'assessment-evidence',
      contentType: upload.file.contentType,
      filename: upload.file.filename,
      content: upload.file.content,
      uploadedBy: principal.subject,
      uploadedAt: now,
    });
    await insertAssessmentEvidence(tx, { documentId: document.id, assessmentId: id, label, recordedBy: principal.subject, recordedAt: now });
    return document.id;
  });
  const detail = await readComplianceAssessment(deps, id);
  return detail.evidence.find((e) => e.documentId === documentId)!;
}

export async function readAssessmentEvidenceContent(deps: Required<AppDeps>, id: string, documentId: string) {
  if (!(await getAssessmentEvidence(deps.db.db, { assessmentId: id, documentId }))) throw notFound('assessment_evidence', documentId);
  return (await getDocument(deps.db.db, { id: documentId }))!;
}
