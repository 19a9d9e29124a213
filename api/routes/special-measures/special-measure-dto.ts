import { getRuleSet, specialMeasureStatus } from '../../../rules/index.js';
import { toRuleMeasure, type SpecialMeasureDetail, type SpecialMeasureRecord } from '../../../db/queries/special-measures.js';

/** A measure as the API shows it, with what rules/ say of it at `now`. */
export function toSpecialMeasureDto(record: SpecialMeasureRecord, now: Date) {
  const { measure, extensions } = record;
  const person = measure.designatedPerson;
  const status = specialMeasureStatus(toRuleMeasure(record), now, { ruleSet: getRuleSet(measure.ruleSetId), timeZone: measure.timeZone });
  return {
    id: measure.id,
    target: { type: measure.targetType, jurisdiction: measure.jurisdiction, designatedPerson: person ? { name: person.name, aliases: [...(person.aliases ?? [])], identifiers: (person.identifiers ?? []).map((i) => ({ ...i })) } : null },
    kind: measure.kind,
    conditions: measure.conditions,
    issuedAt: measure.issuedAt.toISOString(),
    federalRegisterCitation: measure.federalRegisterCitation,
    expiresOn: measure.expiresOn,
    ruleSetId: measure.ruleSetId,
    timeZone: measure.timeZone,
    implementation: { dueAt: measure.implementationDueAt.toISOString(), date: measure.implementationDate, explanation: measure.implementationExplanation },
    expiry: { dueAt: measure.expiresAt.toISOString(), date: measure.expiryDate, explanation: measure.expiryExplanation },
    extensions: extensions.map((e) => ({
      id: e.id,
      federalRegisterCitation: e.federalRegisterCitation,
      publishedAt: e.publishedAt.toISOString(),
      newEndDate: e.newEndDate,
      expiresAt: e.expiresAt.toISOString(),
      expiryDate: e.expiryDate,
      explanation: e.explanation,
      recordedBy: e.recordedBy,
    })),
    revocation: measure.revokedAt
      ? { revokedAt: measure.revokedAt.toISOString(), federalRegisterCitation: measure.revocationCitation, reason: measure.revocationReason, revokedBy: measure.revokedBy }
      : null,
    status: measure.status,
    now: { at: now.toISOString(), state: status.state, reasons: [...status.reasons] },
    caseId: measure.caseId,
    notes: measure.notes,
    createdAt: measure.createdAt.toISOString(),
    createdBy: measure.createdBy,
  };
}

export function toSpecialMeasureDetailDto(detail: SpecialMeasureDetail, now: Date) {
  return {
    ...toSpecialMeasureDto(detail, now),
    history: detail.history.map((h) => ({ status: h.status, occurredAt: h.occurredAt.toISOString(), actor: h.actor, data: h.data })),
  };
}
