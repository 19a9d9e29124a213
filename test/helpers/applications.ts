// The customer the tests apply with: a German company (Nordlicht Compute GmbH, Berlin), foreign
// on every count, with the facts a CIP collects of a foreign customer. A test gives the owners
// and anything else it is about.
import { randomUUID } from 'node:crypto';

/** The applicant's personal data as it is sent: what no case, payload or history may show. */
export const GERMAN_ENTITY = {
  name: 'Nordlicht Compute GmbH',
  address: { lines: ['Friedrichstrasse 1'], city: 'Berlin', postalCode: '10117', country: 'DE' },
  paymentMethods: [{ type: 'bank-account', identifier: 'DE89370400440532013000', source: 'company funds' }],
  email: 'ops@nordlicht.example',
  telephone: '+49 30 1234567',
} as const;

/** A beneficial owner who is foreign on every count (not a U.S. citizen, permanent resident or located in the U.S.). */
export function foreignOwner(name: string, ownershipPercent: number, more: Record<string, unknown> = {}) {
  return { usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false, ownershipPercent, name, ...more };
}

/** The German entity's application for an account (`POST /v1/customers`), with no beneficial owners unless given. */
export function germanEntityApplication(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'entity',
    externalReference: `cust-${randomUUID()}`,
    organizedUnderUsLaw: false,
    foreignBranchOfUsEntity: false,
    locatedInUnitedStates: false,
    ...GERMAN_ENTITY,
    beneficialOwners: [] as object[],
    account: {},
    ...overrides,
  };
}
