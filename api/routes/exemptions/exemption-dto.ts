// What the API answers about an exemption: its application, Commerce's decision, its
// notification standing and its revocation, with links to its case and its program document.
import type { ExemptionDetail } from '../../../db/queries/exemptions.js';
import type { DocumentMeta } from '../../../db/schema/documents.js';
import type { ExemptionRow } from '../../../db/schema/exemptions.js';
import type { ExemptionSubject } from '../../../workflows/exemption/messages.js';

/** The case subject an exemption covers; fact delivery and the case list find it by this. */
export function exemptionSubject(row: Pick<ExemptionRow, 'scope' | 'accountType' | 'customerId' | 'resellerId'>): ExemptionSubject {
  switch (row.scope) {
    case 'provider':
      return { type: 'provider-cip', id: 'provider' };
    case 'account-type':
      return { type: 'account-type', id: row.accountType! };
    case 'lessee':
      return { type: 'customer', id: row.customerId! };
    case 'foreign-reseller':
      return { type: 'foreign-reseller', id: row.resellerId! };
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toExemptionDto(row: ExemptionRow) {
  return {
    id: row.id,
    applicationReference: row.applicationReference,
    scope: row.scope,
    subject: exemptionSubject(row),
    accountType: row.accountType,
    customerId: row.customerId,
    resellerId: row.resellerId,
    summary: row.summary,
    submittedAt: row.submittedAt.toISOString(),
    status: row.status,
    programDocumentId: row.programDocumentId,
    programDocumentUrl: `/v1/exemptions/${row.id}/program-document`,
    decision:
      row.decidedAt && row.decisionRecordedBy
        ? { commerceReference: row.commerceReference, decidedAt: row.decidedAt.toISOString(), recordedBy: row.decisionRecordedBy, approvedBy: row.decisionApprovedBy, reason: row.decisionReason }
        : null,
    notification: { lastNotifiedAt: iso(row.lastNotifiedAt), dueAt: iso(row.notificationDueAt), breached: row.notificationBreachedAt !== null, breachedAt: iso(row.notificationBreachedAt) },
    revocation: row.revokedAt && row.revokedBy ? { revokedAt: row.revokedAt.toISOString(), revokedBy: row.revokedBy, reason: row.revocationReason } : null,
    caseId: row.caseId,
    caseUrl: `/v1/cases/${row.caseId}`,
    ruleSetId: row.ruleSetId,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

export function toExemptionDetailDto(detail: ExemptionDetail, document: DocumentMeta) {
  return {
    ...toExemptionDto(detail.exemption),
    programDocument: { id: document.id, contentType: document.contentType, filename: document.filename, sizeBytes: document.sizeBytes, sha256: document.sha256 },
    notifications: detail.notifications.map((n) => ({
      id: n.id,
      reference: n.reference,
      notifiedAt: n.notifiedAt.toISOString(),
      dueAt: n.dueAt.toISOString(),
      late: n.late,
      recordedBy: n.recordedBy,
    })),
  };
}
