// Special-measure activities: project a measure's workflow into its rows (status history,
// extensions, revocation) idempotently, and find the existing customers and resellers a
// measure in force reaches (an application not yet opened is judged as an opening). Matching is rules/ `specialMeasureEffect` through the one answer
// of db/queries/special-measures.ts; the parties' identities it reads are logged as personal reads.
import { ApplicationFailure } from '@temporalio/common';
import { listPartyIdentities, recordPersonalDataRead, type PartyIdentityView } from '../db/queries/customers.js';
import { isJurisdictionCode, type PersonIdentifier, type SpecialMeasureSubject } from '../rules/index.js';
import {
  appendSpecialMeasureStatus,
  applySpecialMeasures,
  getSpecialMeasure,
  insertSpecialMeasureExtension,
  listImpactCandidateCustomers,
  listImpactCandidateResellers,
  openImpactReviewSubjects,
  revokeSpecialMeasure,
} from '../db/queries/special-measures.js';
import type { SpecialMeasureStatusName } from '../db/schema/special-measures.js';
import type { SpecialMeasureApplication } from '../db/queries/special-measures.js';
import type { ActivityDeps } from './deps.js';

export interface ImpactedSubject {
  subjectType: 'customer' | 'reseller';
  subjectId: string;
  effect: 'refuse' | 'conditions' | 'warn' | 'review';
  matchedBy: string[];
  nearMatchOnly: boolean;
  /**
   * A customer whose application is still pending (no account opened yet): judged as an opening,
   * so a prohibition in force refuses it and a conditions-measure sets its conditions (`tasks`),
   * where an account already open is only reviewed. Absent for resellers and in scans recorded before.
   */
  pendingApplication?: boolean;
  /** A conditions-measure's conditions, as tasks for the handler (a pending application under the measure). */
  tasks?: { measureId: string; federalRegisterCitation: string; condition: string }[];
}

export interface SpecialMeasureActivities {
  recordSpecialMeasureStatus(input: { measureId: string; status: SpecialMeasureStatusName; eventKey: string; occurredAt: string; actor: string; data?: Record<string, unknown> }): Promise<void>;
  recordSpecialMeasureExtension(input: {
    measureId: string;
    federalRegisterCitation: string;
    publishedAt: string;
    newEndDate: string | null;
    expiresAt: string;
    expiryDate: string;
    explanation: string[];
    recordedBy: string;
  }): Promise<void>;
  recordSpecialMeasureRevocation(input: { measureId: string; revokedAt: string; federalRegisterCitation: string | null; reason: string; revokedBy: string }): Promise<void>;
  /** Existing customers (with their beneficial owners) and resellers the measure matches at `at`. */
  findSpecialMeasureImpact(input: { measureId: string; at: string }): Promise<ImpactedSubject[]>;
  /** The customers and resellers with an impact-review case of the measure still open (to tell them it ended). */
  openImpactReviewSubjects(input: { measureId: string }): Promise<{ subjectType: 'customer' | 'reseller'; subjectId: string }[]>;
}

/** How a finding matched, in words without personal data. */
export function matchedBy(f: SpecialMeasureApplication): string[] {
  return [
    ...f.matchedJurisdictions.map((c) => `jurisdiction ${c}`),
    ...f.matchedIdentifiers.map((i) => `identifier (${i.type})`),
    ...f.nearNameMatches.map((n) => `near name match (similarity ${n.similarity})`),
  ];
}

/** What a measure is matched against, from the identities of a customer and its beneficial owners. */
export function specialMeasureSubjectOf(identities: readonly PartyIdentityView[]): SpecialMeasureSubject {
  const jurisdictions = new Set<string>();
  const names: string[] = [];
  const identifiers: PersonIdentifier[] = [];
  for (const identity of identities) {
    if (identity.address?.country && isJurisdictionCode(identity.address.country)) jurisdictions.add(identity.address.country);
    if (identity.name) names.push(identity.name);
    if (identity.email) identifiers.push({ type: 'email', value: identity.email });
    if (identity.telephone) identifiers.push({ type: 'telephone', value: identity.telephone });
    for (const payment of identity.paymentMethods ?? []) identifiers.push({ type: 'payment-identifier', value: payment.identifier });
  }
  return { jurisdictions: [...jurisdictions], names, identifiers, personIds: identities.map((i) => i.partyId) };
}

/** What a measure is matched against for a foreign reseller: where it is organised, its name and its contacts'. */
export function specialMeasureSubjectOfReseller(reseller: {
  legalName: string;
  jurisdiction: string;
  contacts: readonly { name: string; email?: string | null | undefined; telephone?: string | null | undefined }[];
}): SpecialMeasureSubject {
  return {
    jurisdictions: [reseller.jurisdiction],
    names: [reseller.legalName, ...reseller.contacts.map((c) => c.name)],
    identifiers: reseller.contacts.flatMap((c) => [
      ...(c.email ? [{ type: 'email' as const, value: c.email }] : []),
      ...(c.telephone ? [{ type: 'telephone' as const, value: c.telephone }] : []),
    ]),
  };
}

/** Customers read per batch during an impact scan. */
const BATCH = 200;

export function createSpecialMeasureActivities({ db }: ActivityDeps): SpecialMeasureActivities {
  const measureOrFail = async (measureId: string) => {
    const detail = await getSpecialMeasure(db, { id: measureId });
    if (!detail) throw ApplicationFailure.create({ type: 'cipdesk.special_measures.not_found', message: `special measure ${measureId} does not exist`, nonRetryable: true });
    return detail;
  };

  return {
    async recordSpecialMeasureStatus(input) {
      await measureOrFail(input.measureId);
      await appendSpecialMeasureStatus(db, { ...input, occurredAt: new Date(input.occurredAt) });
    },

    async recordSpecialMeasureExtension(input) {
      await measureOrFail(input.measureId);
      await db.transaction((tx) =>
        insertSpecialMeasureExtension(tx, {
          measureId: input.measureId,
          federalRegisterCitation: input.federalRegisterCitation,
          publishedAt: new Date(input.publishedAt),
          newEndDate: input.newEndDate,
          expiresAt: new Date(input.expiresAt),
          expiryDate: input.expiryDate,
          explanation: input.explanation,
          recordedBy: input.recordedBy,
        }),
      );
    },

    async recordSpecialMeasureRevocation(input) {
      await measureOrFail(input.measureId);
      await revokeSpecialMeasure(db, { ...input, revokedAt: new Date(input.revokedAt) });
    },

    async openImpactReviewSubjects({ measureId }) {
      const subjects = await openImpactReviewSubjects(db, { measureId });
      return subjects.filter((s): s is { subjectType: 'customer' | 'reseller'; subjectId: string } => s.subjectType === 'customer' || s.subjectType === 'reseller');
    },

    async findSpecialMeasureImpact({ measureId, at }) {
      const record = await measureOrFail(measureId);
      const when = new Date(at);
      const found: ImpactedSubject[] = [];
      const keep = (subjectType: ImpactedSubject['subjectType'], subjectId: string, findings: SpecialMeasureApplication[], pendingApplication?: boolean) => {
        const f = findings[0];
        if (!f) return;
        const strong = f.matchedJurisdictions.length > 0 || f.matchedIdentifiers.length > 0 || f.matchedPersonIds.length > 0;
        const tasks = f.effect === 'conditions' ? f.conditions.map((condition) => ({ measureId: f.measureId, federalRegisterCitation: f.federalRegisterCitation, condition })) : [];
        found.push({
          subjectType,
          subjectId,
          effect: f.effect as ImpactedSubject['effect'],
          matchedBy: matchedBy(f),
          nearMatchOnly: !strong,
          ...(pendingApplication !== undefined ? { pendingApplication } : {}),
          ...(tasks.length ? { tasks } : {}),
        });
      };
      const candidates = await listImpactCandidateCustomers(db, { jurisdiction: record.measure.jurisdiction });
      for (let i = 0; i < candidates.length; i += BATCH) {
        for (const { customerId, accountOpened } of candidates.slice(i, i + BATCH)) {
          const identities = await db.transaction(async (tx) => {
            await recordPersonalDataRead(tx, { customerId, actor: 'system', purpose: `special-measure impact review (measure ${measureId})`, fields: ['name', 'address.country', 'email', 'telephone', 'paymentMethods'] });
            return listPartyIdentities(tx, { customerId });
          });
          // An application not yet opened is judged as the opening it is waiting for: its
          // identification case refuses (or conditions) the opening decision on the same answer.
          keep('customer', customerId, applySpecialMeasures([record], specialMeasureSubjectOf(identities), when, accountOpened ? 'maintaining' : 'opening'), !accountOpened);
        }
      }
      for (const reseller of await listImpactCandidateResellers(db, { jurisdiction: record.measure.jurisdiction })) {
        keep('reseller', reseller.id, applySpecialMeasures([record], specialMeasureSubjectOfReseller(reseller), when, 'maintaining'));
      }
      return found;
    },
  };
}
