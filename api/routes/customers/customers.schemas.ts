// Customers, beneficial owners, verifications, accounts and legal holds: request and response
// schemas. Personal fields (name, address, payment, contact, IP addresses, verification
// materials, discrepancy texts) appear in a response only when the caller stated a purpose.
import { CaseSchema } from '../cases/cases.schemas.js';
import { ClosureProposalSchema } from './account-closure.schemas.js';
import { WithheldSchema } from './withheld.js';
import { PERSONAL_DATA_PURPOSES, PERSONAL_DATA_PURPOSE_TEXT } from '../../../rules/personal-data-purposes.js';
import { Type, type Static } from '@sinclair/typebox';
import { ClockInstant, IpAddress, PageQuery, PastInstant } from '../../schemas.js';
import { IDENTITY_DOCUMENT_TYPES, PARTY_CHANGE_KINDS } from '../../../db/schema/customers.js';
import { StringEnum } from '../rules/rules.schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Fact = (description: string) => Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: `${description}; absent or null: not known` }));

const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code' });

export const IndividualFacts = {
  usCitizen: Fact('a U.S. citizen (derived from citizenships when they are given)'),
  citizenships: Type.Optional(
    Type.Union([Type.Array(Country, { maxItems: 10 }), Type.Null()], {
      description: "the individual's citizenships, ISO 3166-1 alpha-2 ('US' makes a U.S. citizen); absent or null: not known",
    }),
  ),
  usLawfulPermanentResident: Fact('a lawful permanent resident of the United States'),
  locatedInUnitedStates: Fact('located in the United States'),
};
export const EntityFacts = {
  organizedUnderUsLaw: Fact('organized under the laws of the United States or a U.S. jurisdiction (derived from organizedIn when it is given)'),
  organizedIn: Type.Optional(Type.Union([Country, Type.Null()], { description: "the jurisdiction the entity is organized in, ISO 3166-1 alpha-2 ('US': under U.S. law)" })),
  foreignBranchOfUsEntity: Fact('a foreign branch of an entity organized under U.S. law'),
};

export const AddressSchema = Type.Object(
  {
    lines: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 5 }),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    postalCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  },
  { additionalProperties: false },
);

export const PaymentMethodSchema = Type.Object(
  {
    type: Type.Union([Type.Literal('card'), Type.Literal('bank-account'), Type.Literal('wallet'), Type.Literal('other')]),
    identifier: Type.String({ minLength: 1, maxLength: 200, description: 'card, account or wallet identifier' }),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'source of the funds' })),
  },
  { additionalProperties: false },
);

export const IpAccessSchema = Type.Object(
  {
    ip: IpAddress,
    accessedAt: PastInstant('when the party accessed or administered the service from this address'),
    kind: Type.Union([Type.Literal('access'), Type.Literal('administration')], { default: 'access' }),
  },
  { additionalProperties: false },
);

/** The personal fields the rule requires for a foreign customer or beneficial owner. */
const PersonalFields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  address: Type.Optional(AddressSchema),
  paymentMethods: Type.Optional(Type.Array(PaymentMethodSchema, { maxItems: 20 })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
  telephone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()./-]{4,40}$' })),
  ipAccesses: Type.Optional(Type.Array(IpAccessSchema, { maxItems: 200 })),
};

const SubstantialControlInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 4000, description: 'why the individual exercises substantial control' }) },
  { additionalProperties: false },
);

const OwnershipPercent = Type.Union(
        [
          // multipleOf with the validator's multipleOfPrecision (api/app.ts): at most 6 decimals.
          Type.Number({ exclusiveMinimum: 0, maximum: 100, multipleOf: 0.000001 }),
          Type.String({ pattern: '^(?!0*(\\.0*)?$)(100(\\.0{1,6})?|[0-9]{1,2}(\\.[0-9]{1,6})?)$' }),
        ],
        {
          description:
            "direct share of the customer's ownership interests, in percent: more than 0, at most 100, at most 6 decimals " +
            '(a number, or a decimal string to keep it exact); the recorded owners together hold at most 100',
        },
      );

export const BeneficialOwnerInput = Type.Object(
  {
    kind: Type.Literal('individual', { default: 'individual', description: 'a beneficial owner is an individual' }),
    ...IndividualFacts,
    ...PersonalFields,
    ownershipPercent: Type.Optional(OwnershipPercent),
    substantialControl: Type.Optional(SubstantialControlInput),
  },
  { additionalProperties: false },
);
export type BeneficialOwnerInputT = Static<typeof BeneficialOwnerInput>;

export const CreateCustomerBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('individual'), Type.Literal('entity')]),
    externalReference: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._\\-/:]{0,127}$',
      description: "the provider's own customer id; repeating an application with it returns the first one",
    }),
    ...IndividualFacts,
    ...EntityFacts,
    ...PersonalFields,
    beneficialOwners: Type.Array(BeneficialOwnerInput, { default: [], maxItems: 50 }),
    account: Type.Object({}, { additionalProperties: false, default: {}, description: 'the account applied for (no options yet)' }),
  },
  { additionalProperties: false },
);
export type CreateCustomerBodyT = Static<typeof CreateCustomerBody>;

export const CustomerIdParams = Type.Object({ id: Uuid });
export const PartyParams = Type.Object({ id: Uuid, partyId: Uuid });
export const DiscrepancyParams = Type.Object({ id: Uuid, attemptId: Uuid, discrepancyId: Uuid });
export const AccountIdParams = Type.Object({ id: Uuid });
export const HoldParams = Type.Object({ id: Uuid, holdId: Uuid });

export const PurposeQuery = Type.Object(
  {
    purpose: Type.Optional(
      Type.Union(
        PERSONAL_DATA_PURPOSES.map((p) => Type.Literal(p)),
        {
          description:
            'why the personal fields are read, from a fixed list of lawful purposes; the read is recorded with it:\n' +
            PERSONAL_DATA_PURPOSES.map((p) => `- \`${p}\`: ${PERSONAL_DATA_PURPOSE_TEXT[p]}`).join('\n'),
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const Facts = Type.Object({
  usCitizen: Type.Union([Type.Boolean(), Type.Null()]),
  usLawfulPermanentResident: Type.Union([Type.Boolean(), Type.Null()]),
  locatedInUnitedStates: Type.Union([Type.Boolean(), Type.Null()]),
  organizedUnderUsLaw: Type.Union([Type.Boolean(), Type.Null()]),
  foreignBranchOfUsEntity: Type.Union([Type.Boolean(), Type.Null()]),
});

export const BeneficialOwnerDeterminationSchema = Type.Object({
  beneficialOwner: Type.Boolean(),
  basis: Type.Array(Type.Union([Type.Literal('ownership'), Type.Literal('substantial-control')]), {
    description: 'ownership: at least the rule set threshold of the ownership interests; substantial-control: a handler determination with its reason',
  }),
  ownershipPercent: Nullable(Type.String()),
  thresholdPercent: Type.Number(),
  substantialControl: Type.Union([Type.Object({ reason: Type.String(), determinedBy: Nullable(Type.String()) }), Type.Null()]),
  tracked: Type.Boolean(),
  explanation: Type.Array(Type.String()),
});

export const PartySchema = Type.Object(
  {
    id: Uuid,
    role: Type.String(),
    kind: Type.String(),
    ownershipPercent: Nullable(Type.String()),
    substantialControl: Type.Object({
      determined: Type.Boolean(),
      reason: Nullable(Type.String()),
      determinedBy: Nullable(Type.String()),
      determinedAt: Nullable(Instant),
    }),
    facts: Facts,
    citizenships: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'ISO 3166-1 alpha-2; null: not known' }),
    organizedIn: Type.Union([Type.String(), Type.Null()], { description: 'ISO 3166-1 alpha-2; null: not known' }),
    usPersonStatus: Type.String({ description: 'as last classified: us, foreign or unknown (treated as foreign)' }),
    tracked: Type.Union([Type.Boolean(), Type.Null()], { description: 'as last classified: identified and verified under the CIP (null until classified)' }),
    determination: Type.Union([BeneficialOwnerDeterminationSchema, Type.Null()], {
      description: 'for a notified beneficial owner, as last classified: whether it is one and on which basis (null for the customer itself, or until classified)',
    }),
    addedAt: Instant,
    addedBy: Type.String(),
    removedAt: Nullable(Instant),
  }
);

export const AccountSchema = Type.Object(
  {
    id: Uuid,
    customerId: Uuid,
    identificationCaseId: Uuid,
    status: Type.String(),
    restrictions: Type.Array(Type.String()),
    reviewDueAt: Nullable(Instant),
    openedAt: Nullable(Instant),
    closedAt: Nullable(Instant),
    lastAccessedAt: Nullable(Instant),
    statusChangedAt: Nullable(Instant),
    createdAt: Instant,
  }
);

const PersonalPartySchema = Type.Object({
  partyId: Uuid,
  name: Nullable(Type.String()),
  address: Type.Union([AddressSchema, Type.Null()]),
  paymentMethods: Type.Union([Type.Array(PaymentMethodSchema), Type.Null()]),
  email: Nullable(Type.String()),
  telephone: Nullable(Type.String()),
  ipAccesses: Type.Array(Type.Object({ ip: Type.String(), accessedAt: Instant, kind: Type.String() })),
  identityDocuments: Type.Array(
    Type.Object({
      id: Uuid,
      documentType: StringEnum(IDENTITY_DOCUMENT_TYPES),
      number: Nullable(Type.String()),
      issuingCountry: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2' })),
      expiresOn: Nullable(Type.String({ format: 'date' })),
      recordedBy: Type.String(),
      recordedAt: Instant,
      disposedAt: Nullable(Instant),
    }),
    { description: 'identity documents seen for documentary verification (number, issuing country and expiry are null once disposed of)' },
  ),
  disposedAt: Nullable(Instant),
});

export const CustomerSummarySchema = Type.Object(
  {
    id: Uuid,
    kind: Type.String(),
    externalReference: Type.String(),
    usPersonStatus: Type.String(),
    trackingRequired: Type.Boolean(),
    classifiedAt: Nullable(Instant),
    createdAt: Instant,
    createdBy: Type.String(),
    personalDataDisposedAt: Nullable(Instant),
  },
  { description: 'a customer without its parties, accounts or any personal data' },
);

export const CustomerSchema = Type.Composite([
  CustomerSummarySchema,
  Type.Object({
    parties: Type.Array(PartySchema),
    accounts: Type.Array(AccountSchema),
    personal: Type.Optional(
      Type.Object(
        { readId: Type.Integer(), purpose: Type.String(), parties: Type.Array(PersonalPartySchema) },
        { description: 'present only when the request stated a purpose; the read is recorded' },
      ),
    ),
    withheld: Type.Optional(WithheldSchema),
  }),
]);

export const SubstantialControlBody = Type.Object(
  {
    substantialControl: Type.Boolean({ description: 'whether the individual exercises substantial control over the customer' }),
    reason: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
  },
  { additionalProperties: false },
);

export const DiscrepancyInput = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    resolution: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, description: 'when resolved on the spot' })),
  },
  { additionalProperties: false },
);

export const VerificationBody = Type.Object(
  {
    partyId: Uuid,
    method: Type.Union([Type.Literal('documentary'), Type.Literal('non-documentary')]),
    methodDetail: Type.String({ minLength: 1, maxLength: 500, description: 'what was checked, without personal data' }),
    result: Type.Union([Type.Literal('verified'), Type.Literal('failed'), Type.Literal('inconclusive')]),
    performedAt: Type.Optional(PastInstant('when the verification was performed (default: now)')),
    materials: Type.Optional(
      Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 2000 }), { description: 'verification materials (personal; disposed of with the rest)' }),
    ),
    discrepancies: Type.Array(DiscrepancyInput, { default: [], maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const ResolutionBody = Type.Object(
  { resolution: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const DiscrepancySchema = Type.Object({
  id: Uuid,
  resolved: Type.Boolean(),
  resolvedAt: Nullable(Instant),
  resolvedBy: Nullable(Type.String()),
  description: Type.Optional(Nullable(Type.String())),
  resolution: Type.Optional(Nullable(Type.String())),
});

export const VerificationSchema = Type.Object(
  {
    id: Uuid,
    partyId: Uuid,
    method: Type.String(),
    methodDetail: Type.String(),
    result: Type.String(),
    performedBy: Type.String(),
    performedAt: Instant,
    recordedAt: Instant,
    discrepancies: Type.Array(DiscrepancySchema),
    materials: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
  }
);

export const AccessBody = Type.Object(
  {
    accessedAt: ClockInstant('when the account was accessed; the record-retention clock runs from the last access'),
    kind: Type.Union([Type.Literal('access'), Type.Literal('administration')], { default: 'access' }),
  },
  { additionalProperties: false },
);

export const LegalHoldBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const LegalHoldSchema = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    customerId: Uuid,
    reason: Type.String(),
    setBy: Type.String(),
    setAt: Instant,
    releasedBy: Nullable(Type.String()),
    releasedAt: Nullable(Instant),
  }
);

export const AccountDetailSchema = Type.Intersect([
  AccountSchema,
  Type.Object({
    legalHolds: Type.Array(LegalHoldSchema),
    pendingClosure: Type.Union([ClosureProposalSchema, Type.Null()], {
      description: 'a proposed closure waiting for a reviewer (see POST /v1/accounts/{id}/closure), or null',
    }),
  }),
]);

export const IpAccessesBody = Type.Object(
  { partyId: Uuid, accesses: Type.Array(IpAccessSchema, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);

export const ListCustomersQuery = Type.Object({
  usPersonStatus: Type.Optional(Type.Union([Type.Literal('us'), Type.Literal('foreign'), Type.Literal('unknown')])),
  trackingRequired: Type.Optional(Type.Boolean()),
  externalReference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  ...PageQuery,
});

export const ClosureBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'why the provider closes the account (no personal data)' }),
    closedAt: Type.Optional(ClockInstant('when the account was closed (default: now); not before it was opened')),
  },
  { additionalProperties: false },
);

export const ClosureProposalResult = Type.Object({ account: AccountSchema, proposal: ClosureProposalSchema });

export const ClosureApprovalResult = Type.Object({
  account: AccountSchema,
  proposal: ClosureProposalSchema,
  retentionCase: Type.Union([CaseSchema, Type.Null()], { description: 'the record-retention case (null while it is being opened)' }),
});

export const BeneficialOwnersList = Type.Object({
  items: Type.Array(PartySchema, { description: 'the beneficial owners on the recorded facts (and parties notified but not yet classified)' }),
  notBeneficialOwners: Type.Array(PartySchema, { description: 'parties notified as owners that are not beneficial owners on the recorded facts (determination says why)' }),
  removed: Type.Array(PartySchema, { description: 'former beneficial owners, with the date their removal took effect' }),
});

const Reason = (description: string) => Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description });

export const PartyFactsCorrectionBody = Type.Object(
  {
    facts: Type.Object(
      {
        ...IndividualFacts,
        ...EntityFacts,
        ownershipPercent: Type.Optional(
          Type.Union([OwnershipPercent, Type.Null()], {
            description:
              "a beneficial owner's stake as it should have been recorded (a recording error, corrected from the start; null: no stake). " +
              'A stake that changed in the world is a stake change (POST .../beneficial-owners/{partyId}/stake) with the date it took effect.',
          }),
        ),
      },
      { additionalProperties: false, minProperties: 1, description: 'the facts to correct or complete (null: not known); the others stay as they are' },
    ),
    reason: Reason('why the facts change (e.g. the passport seen shows a second citizenship)'),
    effectiveAt: Type.Optional(ClockInstant('when the corrected facts became true (default: now)')),
  },
  { additionalProperties: false },
);
export const StakeChangeBody = Type.Object(
  {
    ownershipPercent: OwnershipPercent,
    reason: Reason('why the stake changed (e.g. the share transfer deed)'),
    effectiveAt: ClockInstant('when the change took effect'),
  },
  { additionalProperties: false },
);
export const RemovalBody = Type.Object(
  {
    reason: Reason('why the owner is no longer one (e.g. sold its stake)'),
    effectiveAt: ClockInstant('when the removal took effect; not before the owner was recorded'),
  },
  { additionalProperties: false },
);
export const ListPartyChangesQuery = Type.Object({
  partyId: Type.Optional(Uuid),
  kind: Type.Optional(StringEnum(PARTY_CHANGE_KINDS, { description: 'only changes of this kind' })),
  limit: PageQuery.limit,
  cursor: PageQuery.cursor,
});
export const PartyChangeSchema = Type.Object({
  id: Uuid,
  partyId: Uuid,
  kind: StringEnum(PARTY_CHANGE_KINDS, { description: 'a substantial-control determination, a correction of facts, a change of stake, or the removal of a beneficial owner' }),
  changes: Type.Array(Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() })),
  reason: Type.String({ description: 'why, as the person who made the change gave it' }),
  effectiveAt: Type.String({ format: 'date-time', description: 'when the change took effect in the world (a correction: when the corrected facts became true)' }),
  changedBy: Type.String({ description: 'who recorded the change' }),
  changedAt: Instant,
});
export const PartyChangeResult = Type.Object({ change: PartyChangeSchema, party: PartySchema });

export type PartyFactsCorrectionBodyT = Static<typeof PartyFactsCorrectionBody>;
export type ListPartyChangesQueryT = Static<typeof ListPartyChangesQuery>;

export const IdentityDocumentBody = Type.Object(
  {
    documentType: StringEnum(IDENTITY_DOCUMENT_TYPES, { description: 'the kind of document seen' }),
    number: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9 ./-]*$', description: 'the document number as printed (letters, digits, spaces, . / -)' }),
    issuingCountry: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'the issuing country, ISO 3166-1 alpha-2' }),
    expiresOn: Type.Optional(Type.String({ format: 'date', pattern: '^[1-9][0-9]{3}-', description: 'the expiry date printed on the document (absent: none printed)' })),
  },
  { additionalProperties: false },
);
export type IdentityDocumentBodyT = Static<typeof IdentityDocumentBody>;
export const IdentityDocumentReceipt = Type.Object(
  { id: Uuid, partyId: Uuid, documentType: Type.String(), recordedBy: Type.String(), recordedAt: Instant },
  { description: 'the recorded document, without its personal fields (read them on GET /v1/customers/{id}?purpose=…)' },
);
