// Rows to API shapes. Personal fields are mapped only by the functions named *Personal*.
import { normalizePercent } from '../../../rules/decimal.js';
import type { PartyIdentityView, VerificationAttemptView } from '../../../db/queries/customers.js';
import type { AccountRow, CustomerRow, LegalHoldRow, PartyChangeRow, PartyIdentityDocumentRow, PartyRow } from '../../../db/schema/customers.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toPartyDto(p: PartyRow) {
  return {
    id: p.id,
    role: p.role,
    kind: p.kind,
    ownershipPercent: p.ownershipPercent === null ? null : normalizePercent(p.ownershipPercent),
    substantialControl: {
      determined: p.substantialControl,
      reason: p.substantialControlReason,
      determinedBy: p.substantialControlDeterminedBy,
      determinedAt: iso(p.substantialControlDeterminedAt),
    },
    facts: {
      usCitizen: p.usCitizen,
      usLawfulPermanentResident: p.usLawfulPermanentResident,
      locatedInUnitedStates: p.locatedInUnitedStates,
      organizedUnderUsLaw: p.organizedUnderUsLaw,
      foreignBranchOfUsEntity: p.foreignBranchOfUsEntity,
    },
    citizenships: p.citizenships,
    organizedIn: p.organizedIn,
    usPersonStatus: p.usPersonStatus,
    tracked: p.tracked,
    determination: p.role === 'beneficial-owner' ? p.beneficialOwnerDetermination : null,
    addedAt: p.addedAt.toISOString(),
    addedBy: p.addedBy,
    removedAt: iso(p.removedAt),
  };
}

export { normalizePercent };

export function toAccountDto(a: AccountRow) {
  return {
    id: a.id,
    customerId: a.customerId,
    identificationCaseId: a.identificationCaseId,
    status: a.status,
    restrictions: a.restrictions,
    reviewDueAt: iso(a.reviewDueAt),
    openedAt: iso(a.openedAt),
    closedAt: iso(a.closedAt),
    lastAccessedAt: iso(a.lastAccessedAt),
    statusChangedAt: iso(a.statusChangedAt),
    createdAt: a.createdAt.toISOString(),
  };
}

export function toCustomerSummaryDto(c: CustomerRow) {
  return {
    id: c.id,
    kind: c.kind,
    externalReference: c.externalReference,
    usPersonStatus: c.usPersonStatus,
    trackingRequired: c.trackingRequired,
    classifiedAt: iso(c.classifiedAt),
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
    personalDataDisposedAt: iso(c.personalDataDisposedAt),
  };
}

export function toCustomerDto(c: CustomerRow, parties: PartyRow[], accounts: AccountRow[]) {
  return { ...toCustomerSummaryDto(c), parties: parties.map(toPartyDto), accounts: accounts.map(toAccountDto) };
}

export const PERSONAL_FIELDS = ['name', 'address', 'paymentMethods', 'email', 'telephone', 'ipAccesses', 'identityDocuments'] as const;

export function toPersonalPartyDto(i: PartyIdentityView, documents: PartyIdentityDocumentRow[] = []) {
  return {
    partyId: i.partyId,
    name: i.name,
    address: i.address,
    paymentMethods: i.paymentMethods,
    email: i.email,
    telephone: i.telephone,
    ipAccesses: i.ipAccesses.map((a) => ({ ip: a.ip!, accessedAt: a.accessedAt.toISOString(), kind: a.kind })),
    identityDocuments: documents.filter((d) => d.partyId === i.partyId).map(toIdentityDocumentDto),
    disposedAt: iso(i.disposedAt),
  };
}

export const VERIFICATION_PERSONAL_FIELDS = ['verification.materials', 'discrepancy.description', 'discrepancy.resolution'] as const;

export function toVerificationDto(v: VerificationAttemptView, withPersonal: boolean) {
  return {
    id: v.id,
    partyId: v.partyId,
    method: v.method,
    methodDetail: v.methodDetail,
    result: v.result,
    performedBy: v.performedBy,
    performedAt: v.performedAt.toISOString(),
    recordedAt: v.recordedAt.toISOString(),
    discrepancies: v.discrepancies.map((d) => ({
      id: d.id,
      resolved: d.resolvedAt !== null,
      resolvedAt: iso(d.resolvedAt),
      resolvedBy: d.resolvedBy,
      ...(withPersonal ? { description: d.description, resolution: d.resolution } : {}),
    })),
    ...(withPersonal ? { materials: v.materials } : {}),
  };
}

export function toLegalHoldDto(h: LegalHoldRow) {
  return {
    id: h.id,
    accountId: h.accountId!,
    customerId: h.customerId,
    reason: h.reason,
    setBy: h.setBy,
    setAt: h.setAt.toISOString(),
    releasedBy: h.releasedBy,
    releasedAt: iso(h.releasedAt),
  };
}

export function toPartyChangeDto(c: PartyChangeRow) {
  return {
    id: c.id,
    partyId: c.partyId,
    kind: c.kind,
    changes: c.changes,
    reason: c.reason,
    effectiveAt: c.effectiveAt.toISOString(),
    changedBy: c.changedBy,
    changedAt: c.changedAt.toISOString(),
  };
}

/** An identity document with its personal fields: only in a read with a stated purpose (logged). */
export function toIdentityDocumentDto(d: PartyIdentityDocumentRow) {
  return {
    id: d.id,
    documentType: d.documentType,
    number: d.number,
    issuingCountry: d.issuingCountry,
    expiresOn: d.expiresOn,
    recordedBy: d.recordedBy,
    recordedAt: d.recordedAt.toISOString(),
    disposedAt: iso(d.disposedAt),
  };
}

/** What a recording answers: the document's id and type, none of its personal fields. */
export function toIdentityDocumentReceiptDto(d: PartyIdentityDocumentRow) {
  return { id: d.id, partyId: d.partyId, documentType: d.documentType, recordedBy: d.recordedBy, recordedAt: d.recordedAt.toISOString() };
}
