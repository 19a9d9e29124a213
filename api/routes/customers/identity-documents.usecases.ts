// Identity documents seen for a party's documentary verification: its type, number, issuing
// country and expiry. The number, issuing country and expiry are personal data: stored beside
// the identity vault, read only with a stated purpose (GET /v1/customers/{id}?purpose=, logged),
// disposed of with the rest at the end of retention, and never put in a workflow payload or a
// case event (the event names the document's id and type only).
import { randomUUID } from 'node:crypto';
import { getParty, insertIdentityDocument, lockCustomer } from '../../../db/queries/customers.js';
import { RuleInputError, assertJurisdiction } from '../../../rules/index.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput, notFound } from '../../errors.js';
import { appendToCasesOfSubject } from '../../facts/deliver.js';
import type { Principal } from '../../plugins/auth.js';
import { toIdentityDocumentReceiptDto } from './customer-dto.js';
import type { IdentityDocumentBodyT } from './customers.schemas.js';

type Deps = Required<AppDeps>;

const ENTITY_DOCUMENTS = new Set(['commercial-register-extract', 'certificate-of-incorporation']);

/** A real calendar date (the schema's `date` format checks the shape; 2026-02-30 is refused here). */
function calendarDate(value: string, field: string): string {
  const at = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value) throw badInput(field, `${value} is not a calendar date`);
  return value;
}

export async function recordIdentityDocument(deps: Deps, principal: Principal, params: { customerId: string; partyId: string }, body: IdentityDocumentBodyT) {
  let issuingCountry: string;
  try {
    issuingCountry = assertJurisdiction(body.issuingCountry, 'body.issuingCountry');
  } catch (err) {
    if (err instanceof RuleInputError) throw badInput('body.issuingCountry', `"${body.issuingCountry}" is not an assigned ISO 3166-1 alpha-2 country code`);
    throw err;
  }
  const expiresOn = body.expiresOn === undefined ? null : calendarDate(body.expiresOn, 'body.expiresOn');
  const now = deps.now();
  return deps.db.db.transaction(async (tx) => {
    // Locked: a disposal of the customer's personal data and a new document do not interleave.
    const customer = await lockCustomer(tx, { customerId: params.customerId });
    if (!customer) throw notFound('customer', params.customerId);
    if (customer.personalDataDisposedAt) {
      throw new AppError('customer.personal_data_disposed', 409, `the customer's personal data was disposed of on ${customer.personalDataDisposedAt.toISOString()}; no new personal data is recorded`);
    }
    const party = await getParty(tx, params);
    if (!party) throw notFound('party', params.partyId);
    if (party.removedAt) throw new AppError('party.removed', 409, `party ${party.id} was removed with effect from ${party.removedAt.toISOString()}`);
    if (ENTITY_DOCUMENTS.has(body.documentType) !== (party.kind === 'entity') && body.documentType !== 'other') {
      throw badInput('body.documentType', `a ${body.documentType} does not identify ${party.kind === 'entity' ? 'an entity' : 'an individual'}`);
    }
    const document = await insertIdentityDocument(tx, {
      id: randomUUID(),
      customerId: params.customerId,
      partyId: party.id,
      documentType: body.documentType,
      number: body.number,
      issuingCountry,
      expiresOn,
      recordedBy: principal.subject,
      recordedAt: now,
    });
    await appendToCasesOfSubject(tx, { type: 'customer', id: params.customerId }, {
      type: 'customer.identity-document-recorded',
      occurredAt: now,
      actor: principal.subject,
      data: { documentId: document.id, partyId: party.id, documentType: document.documentType },
    });
    return toIdentityDocumentReceiptDto(document);
  });
}
