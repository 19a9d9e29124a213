// The impact scan of a special measure against the real PostgreSQL of test/global-setup.ts:
// existing customers (through their beneficial owners too) and resellers matching the target
// are found; a near match on a designated person's name is only flagged; an application not yet
// opened is judged as an opening. Venezuela (VE), Bhutan (BT) and Myanmar (MM) are this file's
// own jurisdictions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { recordSpecialMeasure } from '../api/routes/special-measures/special-measures.usecases.js';
import { createDb, type DbHandle } from '../db/client.js';
import { insertCustomerApplication, setAccountStatus } from '../db/queries/customers.js';
import { insertReseller } from '../db/queries/resellers.js';
import { NPRM_2024 } from '../rules/index.js';
import { issuedInForce } from '../test/helpers/special-measures.js';
import { createSpecialMeasureActivities } from './special-measures.js';

const ZONE = 'America/New_York';
let handle: DbHandle;
beforeAll(() => {
  handle = createDb(inject('databaseUrl'), { max: 3 });
});
afterAll(async () => {
  await handle?.close();
});

const now = new Date();
const record = (body: Parameters<typeof recordSpecialMeasure>[2]) =>
  recordSpecialMeasure({ db: handle, now: () => now, providerTimeZone: ZONE }, { subject: 'lena.legal', role: 'legal' }, body);

async function customer(parties: { role: 'customer' | 'beneficial-owner'; country: string; name: string; email?: string }[], accountStatus?: 'closed' | 'open') {
  const customerId = randomUUID();
  const accountId = randomUUID();
  await handle.db.transaction((tx) =>
    insertCustomerApplication(tx, {
      customer: { id: customerId, kind: 'entity', externalReference: `sm-${customerId}`, createdBy: 'test', createdAt: now },
      parties: parties.map((p) => ({
        id: randomUUID(),
        role: p.role,
        kind: p.role === 'customer' ? ('entity' as const) : ('individual' as const),
        addedBy: 'test',
        ...(p.role === 'beneficial-owner' ? { ownershipPercent: '50' } : {}),
        identity: { name: p.name, address: { lines: ['1 Street'], country: p.country }, ...(p.email ? { email: p.email } : {}) },
      })),
      account: { id: accountId, identificationCaseId: randomUUID() },
    }),
  );
  if (accountStatus) await setAccountStatus(handle.db, { accountId, status: accountStatus, at: now, actor: 'test' });
  return customerId;
}

describe('findSpecialMeasureImpact', () => {
  it('finds the customers located in the jurisdiction, through a beneficial owner too, and the resellers organised there; not closed accounts', async () => {
    const direct = await customer([{ role: 'customer', country: 'VE', name: 'Caracas Cloud SA' }]);
    const throughOwner = await customer(
      [
        { role: 'customer', country: 'PA', name: 'Panama Holding SA' },
        { role: 'beneficial-owner', country: 'VE', name: 'Owner In Venezuela' },
      ],
      'open',
    );
    const closed = await customer([{ role: 'customer', country: 'VE', name: 'Closed Co' }], 'closed');
    const elsewhere = await customer([{ role: 'customer', country: 'PA', name: 'Elsewhere SA' }]);
    const reseller = await insertReseller(handle.db, { id: randomUUID(), legalName: 'Reventa de Nube CA', jurisdiction: 'VE', contacts: [], createdBy: 'test', createdAt: now });
    const { record: measure } = await record({ target: { jurisdiction: 'VE' }, kind: 'prohibition', issuedAt: issuedInForce(now, NPRM_2024, ZONE).toISOString(), federalRegisterCitation: `91 FR ve-${randomUUID()}` });

    const found = await createSpecialMeasureActivities({ db: handle.db }).findSpecialMeasureImpact({ measureId: measure.measure.id, at: now.toISOString() });
    const ids = found.map((f) => f.subjectId);
    expect(ids).toEqual(expect.arrayContaining([direct, throughOwner, reseller.id]));
    expect(ids).not.toContain(closed);
    expect(ids).not.toContain(elsewhere);
    // NPRM-2024's measures bind openings: accounts already open are listed for review ...
    expect(found.find((f) => f.subjectId === throughOwner)).toMatchObject({ subjectType: 'customer', effect: 'review', matchedBy: ['jurisdiction VE'], nearMatchOnly: false, pendingApplication: false });
    // ... and an application not yet opened is the opening the prohibition forbids.
    expect(found.find((f) => f.subjectId === direct)).toMatchObject({ subjectType: 'customer', effect: 'refuse', matchedBy: ['jurisdiction VE'], pendingApplication: true });
    expect(found.find((f) => f.subjectId === reseller.id)).toMatchObject({ subjectType: 'reseller', effect: 'review', matchedBy: ['jurisdiction VE'] });
    const [reads] = await handle.sql`select count(*)::int as n from personal_data_reads where customer_id = ${direct} and purpose like 'special-measure impact review%'`;
    expect(reads!.n).toBe(1);
  });

  it("gives a pending application under a conditions-measure the measure's conditions as tasks, and an open account a review", async () => {
    const pending = await customer([{ role: 'customer', country: 'BT', name: 'Thimphu Compute' }]);
    const opened = await customer([{ role: 'customer', country: 'BT', name: 'Paro Hosting' }], 'open');
    const conditions = ['no GPU quota above the default', 'quarterly attestation of end users'];
    const citation = `91 FR bt-${randomUUID()}`;
    const { record: measure } = await record({ target: { jurisdiction: 'BT' }, kind: 'conditions', conditions, issuedAt: issuedInForce(now, NPRM_2024, ZONE).toISOString(), federalRegisterCitation: citation });
    const found = await createSpecialMeasureActivities({ db: handle.db }).findSpecialMeasureImpact({ measureId: measure.measure.id, at: now.toISOString() });
    expect(found.find((f) => f.subjectId === pending)).toEqual({
      subjectType: 'customer',
      subjectId: pending,
      effect: 'conditions',
      matchedBy: ['jurisdiction BT'],
      nearMatchOnly: false,
      pendingApplication: true,
      tasks: conditions.map((condition) => ({ measureId: measure.measure.id, federalRegisterCitation: citation, condition })),
    });
    expect(found.find((f) => f.subjectId === opened)).toEqual({ subjectType: 'customer', subjectId: opened, effect: 'review', matchedBy: ['jurisdiction BT'], nearMatchOnly: false, pendingApplication: false });
  });

  it("matches a designated person's identifiers, and flags a near match on name only", async () => {
    const email = `designated-${randomUUID()}@example.test`;
    const byEmail = await customer([{ role: 'customer', country: 'MM', name: 'Unrelated Name Ltd', email }]);
    const byName = await customer([{ role: 'customer', country: 'MM', name: 'Thant Zin Oo Designated' }]);
    const { record: measure } = await record({
      target: { designatedPerson: { name: 'Oo Thant Zin Designate', identifiers: [{ type: 'email', value: email.toUpperCase() }] } },
      kind: 'prohibition',
      issuedAt: issuedInForce(now, NPRM_2024, ZONE).toISOString(),
      federalRegisterCitation: `91 FR mm-${randomUUID()}`,
    });
    const found = await createSpecialMeasureActivities({ db: handle.db }).findSpecialMeasureImpact({ measureId: measure.measure.id, at: now.toISOString() });
    expect(found.find((f) => f.subjectId === byEmail)).toMatchObject({ matchedBy: ['identifier (email)'], nearMatchOnly: false });
    expect(found.find((f) => f.subjectId === byName)).toMatchObject({ effect: 'review', nearMatchOnly: true });
  });
});
