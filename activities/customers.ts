// Customer activities for the customer-identification, interim-review, beneficial-owner and
// record-retention workflows (contract: customers.contract.ts). The database is the source of
// truth; every activity is idempotent, so a retry after a crash of the worker or the database
// changes nothing more. Classification and special measures are decided by rules/ (pure).
import type { PersonalDataPurpose } from '../rules/personal-data-purposes.js';
import { ApplicationFailure } from '@temporalio/common';
import {
  classifyUsPerson,
  CURRENT_RULE_SET_ID,
  findBeneficialOwners,
  getRuleSet,
  mustTrackCustomer,
  RuleInputError,
  isJurisdictionCode,
  type PersonFacts,
  type PersonIdentifier,
  type SpecialMeasureSubject,
  type RuleSet,
} from '../rules/index.js';
import {
  disposeCustomerPersonalData,
  getAccountById,
  getCustomerById,
  listActiveLegalHolds,
  listParties,
  listPartyIdentities,
  listVerificationAttempts,
  lockCustomer,
  recordPersonalDataRead,
  setAccountStatus as setAccountStatusRow,
  storeClassification,
  type PartyIdentityView,
} from '../db/queries/customers.js';
import { anySpecialMeasureIssuedBy, specialMeasuresFor } from '../db/queries/special-measures.js';
import type { PartyRow } from '../db/schema/customers.js';
import type { ActivityDeps } from './deps.js';
import { matchedBy, specialMeasureSubjectOf } from './special-measures.js';
import { normalizePercent } from '../rules/decimal.js';
import type {
  BeneficialOwnerBasis,
  BeneficialOwnerDetermination,
  ClassifyCustomerResult,
  CustomerActivities,
  PartyRole,
  SpecialMeasureFindingSummary,
  SpecialMeasuresCheck,
  UsPersonStatus,
  VerificationSummary,
} from './customers.contract.js';
import { FAILURE } from '../workflows/kit/failures.js';

/** Failure types the workflows can tell apart (all non-retryable: a retry would not help). */
export const CUSTOMER_FAILURE = {
  legalHold: FAILURE.legalHold,
  notFound: FAILURE.customerNotFound,
  invalidFacts: FAILURE.invalidCustomerFacts,
} as const;

/** The configuration's default zone, for callers of checkSpecialMeasures that do not pass one. */
const DEFAULT_TIME_ZONE = 'America/New_York';

/** The identity fields a special-measures check reads (recorded in the personal-data read log). */
const SPECIAL_MEASURE_FIELDS = ['name', 'address.country', 'email', 'telephone', 'paymentMethods'];


const notFound = (what: string, id: string) =>
  ApplicationFailure.create({ type: CUSTOMER_FAILURE.notFound, message: `${what} ${id} does not exist`, nonRetryable: true });

/** What classification reads of a party: its role, kind, stake, control and U.S.-person facts. */
export type ClassifiableParty = Pick<
  PartyRow,
  | 'id'
  | 'role'
  | 'kind'
  | 'ownershipPercent'
  | 'substantialControl'
  | 'substantialControlReason'
  | 'substantialControlDeterminedBy'
  | 'usCitizen'
  | 'usLawfulPermanentResident'
  | 'locatedInUnitedStates'
  | 'organizedUnderUsLaw'
  | 'foreignBranchOfUsEntity'
>;

function factsOf(p: ClassifiableParty): PersonFacts {
  const v = (b: boolean | null) => (b === null ? undefined : b);
  return p.kind === 'individual'
    ? { kind: 'individual', usCitizen: v(p.usCitizen), usLawfulPermanentResident: v(p.usLawfulPermanentResident), locatedInUnitedStates: v(p.locatedInUnitedStates) }
    : { kind: 'entity', organizedUnderUsLaw: v(p.organizedUnderUsLaw), foreignBranchOfUsEntity: v(p.foreignBranchOfUsEntity), locatedInUnitedStates: v(p.locatedInUnitedStates) };
}

interface PartyAssessment {
  partyId: string;
  role: PartyRole;
  status: UsPersonStatus;
  /** Tracked by the CIP: the customer or a beneficial owner, not established as a U.S. person. */
  tracked: boolean;
  /** For a notified beneficial owner: whether it is one, and on which basis. */
  determination?: BeneficialOwnerDetermination;
}

/**
 * Classifies the customer and every recorded beneficial owner from the stored facts. A party
 * recorded as a beneficial owner counts as one only when rules/ say so (the rule set's
 * ownership threshold, or a handler's substantial-control determination); the others are
 * classified but not tracked.
 */
export function assessParties(all: readonly ClassifiableParty[], ruleSet: RuleSet) {
  const customer = all.find((p) => p.role === 'customer');
  if (!customer) throw new RuleInputError('parties', 'the customer has no party of its own');
  const owners = all.filter((p) => p.role === 'beneficial-owner');
  const ownership = findBeneficialOwners(
    {
      customerId: customer.id,
      parties: all.map((p) => ({ id: p.id, kind: p.kind })),
      stakes: owners.filter((o) => o.ownershipPercent !== null).map((o) => ({ ownerId: o.id, ownedId: customer.id, percent: o.ownershipPercent! })),
      substantialControl: owners
        .filter((o) => o.substantialControl)
        .map((o) => ({
          individualId: o.id,
          reason: o.substantialControlReason ?? '',
          ...(o.substantialControlDeterminedBy ? { determinedBy: o.substantialControlDeterminedBy } : {}),
        })),
    },
    ruleSet,
  );
  const qualifying = new Set(ownership.owners.map((o) => o.individualId));
  const byId = new Map(ownership.owners.map((o) => [o.individualId, o]));
  const decision = mustTrackCustomer({
    customer: factsOf(customer),
    beneficialOwners: owners.filter((o) => qualifying.has(o.id)).map((o) => ({ ...factsOf(o), id: o.id })),
  });
  const parties: PartyAssessment[] = [
    { partyId: customer.id, role: 'customer', status: decision.customer.status, tracked: decision.customer.treatAsForeign },
    ...owners.map((o): PartyAssessment => {
      const c = decision.beneficialOwners.find((b) => b.id === o.id) ?? classifyUsPerson(factsOf(o), `beneficialOwners.${o.id}`);
      const tracked = qualifying.has(o.id) && c.treatAsForeign;
      return { partyId: o.id, role: 'beneficial-owner', status: c.status, tracked, determination: determinationOf(o, byId.get(o.id), ownership.thresholdPercent, tracked, c.status) };
    }),
  ];
  const notOwners = owners.filter((o) => !qualifying.has(o.id));
  const reasons = [
    ...decision.reasons,
    ...ownership.explanation,
    ...notOwners.map((o) => `Party ${o.id} was notified as a beneficial owner but is not one on the recorded facts, so it is not tracked.`),
  ];
  return { customerStatus: decision.customer.status, trackingRequired: decision.mustTrack, parties, reasons };
}

/**
 * Why a notified party is, or is not, a beneficial owner: the bases the rules found (ownership at
 * or above the rule set's threshold, a handler's substantial-control determination with its
 * reason) and whether the CIP tracks it. Non-personal: ids, percentages, the handler's reason.
 */
function determinationOf(
  party: ClassifiableParty,
  owner: ReturnType<typeof findBeneficialOwners>['owners'][number] | undefined,
  thresholdPercent: number,
  tracked: boolean,
  status: UsPersonStatus,
): BeneficialOwnerDetermination {
  const basis: BeneficialOwnerBasis[] = [];
  if (owner?.byOwnership) basis.push('ownership');
  if (owner?.bySubstantialControl) basis.push('substantial-control');
  const percent = party.ownershipPercent === null ? null : normalizePercent(party.ownershipPercent);
  const explanation: string[] = [];
  if (basis.length === 0) {
    explanation.push(
      `Not a beneficial owner: ${percent === null ? 'no ownership interest is recorded' : `its ${percent}% is below the ${thresholdPercent}% threshold`} and no substantial control is determined.`,
    );
  } else {
    if (owner?.byOwnership) explanation.push(`A beneficial owner by ownership: ${owner.ownershipPercentExact}% is at least the ${thresholdPercent}% threshold.`);
    if (owner?.bySubstantialControl) explanation.push(`A beneficial owner by substantial control: ${party.substantialControlReason ?? ''}`);
    explanation.push(tracked ? `Tracked: its U.S.-person status is ${status === 'unknown' ? 'not yet known' : 'foreign'}.` : 'Not tracked: it is a U.S. person.');
  }
  return {
    beneficialOwner: basis.length > 0,
    basis,
    ownershipPercent: owner ? owner.ownershipPercentExact : percent,
    thresholdPercent,
    substantialControl: party.substantialControl
      ? { reason: party.substantialControlReason ?? '', determinedBy: party.substantialControlDeterminedBy ?? null }
      : null,
    tracked,
    explanation,
  };
}

function invalidFacts(err: unknown): never {
  if (err instanceof RuleInputError) {
    throw ApplicationFailure.create({ type: CUSTOMER_FAILURE.invalidFacts, message: err.message, details: [{ field: err.field }], nonRetryable: true });
  }
  throw err;
}

export function createCustomerActivities({ db, clock = () => new Date() }: ActivityDeps): CustomerActivities {
  async function loadParties(customerId: string) {
    const customer = await getCustomerById(db, { id: customerId });
    if (!customer) throw notFound('customer', customerId);
    return { customer, parties: await listParties(db, { customerId }) };
  }

  return {
    async classifyCustomer({ customerId, ruleSetId }): Promise<ClassifyCustomerResult> {
      const { parties } = await loadParties(customerId);
      let assessed: ReturnType<typeof assessParties>;
      try {
        assessed = assessParties(parties, getRuleSet(ruleSetId));
      } catch (err) {
        invalidFacts(err);
      }
      // Storing the same classification twice is harmless: a retry writes the same values.
      await db.transaction(async (tx) =>
        storeClassification(tx, {
          customerId,
          status: assessed.customerStatus,
          trackingRequired: assessed.trackingRequired,
          ruleSetId,
          at: clock(),
          parties: assessed.parties.map((p) => ({ partyId: p.partyId, status: p.status, tracked: p.tracked, determination: p.determination ?? null })),
        }),
      );
      return {
        customerStatus: assessed.customerStatus,
        trackingRequired: assessed.trackingRequired,
        parties: assessed.parties.map(({ partyId, role, status, tracked, determination }) => ({
          partyId,
          role,
          status,
          tracked,
          ...(determination ? { beneficialOwner: determination.beneficialOwner, basis: determination.basis } : {}),
        })),
        reasons: assessed.reasons,
      };
    },

    async checkSpecialMeasures(input: { customerId: string; at: string; ruleSetId?: string; timeZone?: string }): Promise<SpecialMeasuresCheck> {
      const at = new Date(input.at);
      if (!(await anySpecialMeasureIssuedBy(db, { at }))) {
        return { measureIds: [], prohibited: false, reasons: [`No special measure is recorded as issued and not revoked at ${at.toISOString()}.`], findings: [] };
      }
      const { customer } = await loadParties(input.customerId);
      // Jurisdictions, names and identifiers come from the parties' identities: a personal read, logged like any other.
      const identities = await db.transaction(async (tx) => {
        await recordPersonalDataRead(tx, { customerId: customer.id, actor: 'system', purpose: 'special-measures-check' satisfies PersonalDataPurpose, fields: SPECIAL_MEASURE_FIELDS });
        return listPartyIdentities(tx, { customerId: customer.id });
      });
      const findings = await specialMeasuresFor(db, { subject: specialMeasureSubjectOf(identities), at, purpose: 'opening' });
      const binding = findings.filter((f) => f.effect === 'refuse' || f.effect === 'conditions');
      return {
        measureIds: binding.map((f) => f.measureId),
        prohibited: binding.some((f) => f.effect === 'refuse'),
        reasons: findings.length ? findings.flatMap((f) => f.reasons) : [`None of the special measures issued by ${at.toISOString()} matches this customer.`],
        findings: findings.map((f) => ({
          measureId: f.measureId,
          effect: f.effect as SpecialMeasureFindingSummary['effect'],
          state: f.state,
          kind: f.kind,
          federalRegisterCitation: f.federalRegisterCitation,
          conditions: [...f.conditions],
          implementationDueAt: f.implementationDueAt.toISOString(),
          expiresAt: f.expiresAt.toISOString(),
          matchedBy: matchedBy(f),
        })),
      };
    },

    async verificationSummary({ customerId }): Promise<VerificationSummary> {
      const { customer, parties } = await loadParties(customerId);
      let assessed: ReturnType<typeof assessParties>;
      try {
        assessed = assessParties(parties, getRuleSet(customer.classifiedRuleSetId ?? CURRENT_RULE_SET_ID));
      } catch (err) {
        invalidFacts(err);
      }
      const attempts = await listVerificationAttempts(db, { customerId });
      const trackedParties = assessed.parties
        .filter((p) => p.tracked)
        .map((p) => {
          const mine = attempts.filter((a) => a.partyId === p.partyId);
          // The latest attempt decides: a failure after a success means the party is not verified now.
          const latest = mine.at(-1);
          const openDiscrepancies = mine.flatMap((a) => a.discrepancies).filter((d) => d.resolvedAt === null).length;
          const verified = latest?.result === 'verified';
          return { partyId: p.partyId, role: p.role, verified, openDiscrepancies, verifiedAt: verified ? latest.performedAt.toISOString() : null };
        });
      return { trackedParties, allVerified: trackedParties.every((p) => p.verified && p.openDiscrepancies === 0) };
    },

    async setAccountStatus(input): Promise<void> {
      const row = await setAccountStatusRow(db, {
        accountId: input.accountId,
        status: input.status,
        ...(input.restrictions !== undefined ? { restrictions: input.restrictions } : {}),
        ...(input.reviewDueAt !== undefined ? { reviewDueAt: input.reviewDueAt === null ? null : new Date(input.reviewDueAt) } : {}),
        at: new Date(input.at),
        actor: input.actor,
      });
      if (!row) throw notFound('account', input.accountId);
    },

    async accountRetentionAnchor({ accountId }) {
      const account = await getAccountById(db, { id: accountId });
      if (!account) throw notFound('account', accountId);
      return { closedAt: account.closedAt?.toISOString() ?? null, lastAccessAt: account.lastAccessedAt?.toISOString() ?? null };
    },

    async disposePersonalData({ customerId, accountId, at }) {
      // One transaction under the customer's row lock: a legal hold set concurrently (it takes
      // the same lock) is either seen here or set after the disposal, never lost in between.
      return db.transaction(async (tx) => {
        const customer = await lockCustomer(tx, { customerId });
        if (!customer) throw notFound('customer', customerId);
        const account = await getAccountById(tx, { id: accountId });
        if (!account || account.customerId !== customerId) throw notFound(`account of customer ${customerId}`, accountId);
        const holds = await listActiveLegalHolds(tx, { customerId });
        if (holds.length > 0) {
          throw ApplicationFailure.create({
            type: CUSTOMER_FAILURE.legalHold,
            message: `personal data of customer ${customerId} is under legal hold (${holds.map((h) => h.id).join(', ')}); not disposed of`,
            details: [{ holdIds: holds.map((h) => h.id) }],
            nonRetryable: true,
          });
        }
        return disposeCustomerPersonalData(tx, { customerId, at: new Date(at) });
      });
    },
  };
}
