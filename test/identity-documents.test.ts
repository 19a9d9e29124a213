// Identity documents of a party through the API, against real PostgreSQL: recorded by a handler
// with their type, number, issuing country (ISO 3166-1 alpha-2) and expiry; the number, country
// and expiry are personal data, shown only in a read with a stated purpose (which is logged),
// never in the answer to the recording or in a case's history, and disposed of with the rest.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { disposeCustomerPersonalData } from '../db/queries/customers.js';
import { bearer } from './helpers/tokens.js';
import { apiCaller, useTestSystem } from './helpers/system.js';

const system = useTestSystem();

type Role = Parameters<typeof bearer>[0];
const call = apiCaller(() => system);

const PASSPORT = { documentType: 'passport', number: 'C01X00T47', issuingCountry: 'de', expiresOn: '2031-05-31' };

describe('identity documents', () => {
  it('records a document without echoing its personal fields, shows them only for a stated purpose, and disposes of them', async () => {
    const created = await call('POST', '/v1/customers', {
      kind: 'entity',
      externalReference: `docs-${randomUUID()}`,
      organizedIn: 'DE',
      name: 'Rheinwerk Rechenzentrum GmbH',
      beneficialOwners: [{ name: 'Anna A', ownershipPercent: 30, citizenships: ['DE'] }],
      account: {},
    });
    expect(created.status).toBe(201);
    const customerId = created.body.customer.id as string;
    const caseId = created.body.caseId as string;
    const [entity, a] = (created.body.customer.parties as { id: string }[]).map((p) => p.id) as [string, string];
    const url = (partyId: string) => `/v1/customers/${customerId}/parties/${partyId}/identity-documents`;

    const recorded = await call('POST', url(a), PASSPORT);
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body).toMatchObject({ partyId: a, documentType: 'passport', recordedBy: 'hana.handler' });
    expect(recorded.text).not.toMatch(/C01X00T47|2031-05-31/);
    const register = await call('POST', url(entity), { documentType: 'commercial-register-extract', number: 'HRB 12345', issuingCountry: 'DE' });
    expect(register.status, register.text).toBe(201);

    // Bad input: a 400 naming the field, and nothing stored.
    const refusals: [string, object, number, string | null, Role?][] = [
      [a, { ...PASSPORT, issuingCountry: 'XX' }, 400, 'body.issuingCountry'],
      [a, { ...PASSPORT, issuingCountry: 'DEU' }, 400, 'body.issuingCountry'],
      [a, { ...PASSPORT, expiresOn: '2031-02-30' }, 400, 'body.expiresOn'],
      [a, { ...PASSPORT, expiresOn: '0031-02-01' }, 400, 'body.expiresOn'],
      [a, { ...PASSPORT, number: 'C01\nX00' }, 400, 'body.number'],
      [a, { ...PASSPORT, number: '' }, 400, 'body.number'],
      [a, { ...PASSPORT, documentType: 'birth-certificate' }, 400, 'body.documentType'],
      [entity, PASSPORT, 400, 'body.documentType'],
      [a, { ...PASSPORT, holder: 'Anna A' }, 400, null],
      [randomUUID(), PASSPORT, 404, null],
      [a, PASSPORT, 403, null, 'reviewer'],
    ];
    for (const [partyId, payload, status, field, role] of refusals) {
      const res = await call('POST', url(partyId), payload, role);
      expect(res.status, res.text).toBe(status);
      if (field) expect(res.body.errors[0].field).toBe(field);
    }

    // Without a purpose: withheld, and said so.
    const plain = await call('GET', `/v1/customers/${customerId}`);
    expect(plain.text).not.toMatch(/C01X00T47|HRB 12345/);
    expect(plain.body.withheld.map((w: { field: string }) => w.field)).toContain('personal.parties[].identityDocuments');

    // With one: shown, and the read is logged with the field.
    const read = await call('GET', `/v1/customers/${customerId}?purpose=identity-verification`, undefined, 'legal');
    expect(read.status).toBe(200);
    const [entityPersonal, aPersonal] = read.body.personal.parties;
    expect(aPersonal.identityDocuments).toEqual([
      { id: recorded.body.id, documentType: 'passport', number: 'C01X00T47', issuingCountry: 'DE', expiresOn: '2031-05-31', recordedBy: 'hana.handler', recordedAt: recorded.body.recordedAt, disposedAt: null },
    ]);
    expect(entityPersonal.identityDocuments).toMatchObject([{ documentType: 'commercial-register-extract', number: 'HRB 12345', issuingCountry: 'DE', expiresOn: null }]);
    const log = await system.db.sql`select fields from personal_data_reads where customer_id = ${customerId} and actor = 'lena.legal'`;
    expect(log.map((r) => r.fields)).toEqual([expect.arrayContaining(['identityDocuments'])]);

    // The case records that a passport was seen, never its number.
    const events = (await call('GET', `/v1/cases/${caseId}/events?limit=200`, undefined, 'legal')).body.items as { type: string; data: object }[];
    expect(events.filter((e) => e.type === 'customer.identity-document-recorded').map((e) => e.data)).toEqual([
      { documentId: recorded.body.id, partyId: a, documentType: 'passport' },
      { documentId: register.body.id, partyId: entity, documentType: 'commercial-register-extract' },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/C01X00T47|HRB 12345/);

    // Retention disposal removes the personal fields; the document's id and type remain.
    await disposeCustomerPersonalData(system.db.db, { customerId, at: new Date() });
    const after = await call('GET', `/v1/customers/${customerId}?purpose=identity-verification`, undefined, 'legal');
    expect(after.body.personal.parties[1].identityDocuments).toMatchObject([{ id: recorded.body.id, documentType: 'passport', number: null, issuingCountry: null, expiresOn: null }]);
    expect(after.body.personal.parties[1].identityDocuments[0].disposedAt).not.toBeNull();
    expect((await call('POST', url(a), PASSPORT)).status).toBe(409);
  });
});
