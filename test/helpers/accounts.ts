// An account of a fresh customer stored directly, for tests about what serves or closes an
// account (a reseller's accounts) rather than about its identification.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { insertCustomerApplication, setAccountStatus } from '../../db/queries/customers.js';

export async function seedAccount(db: Database, status: 'pending' | 'open' | 'monitored' = 'pending'): Promise<string> {
  const customerId = randomUUID();
  const accountId = randomUUID();
  await db.transaction((tx) =>
    insertCustomerApplication(tx, {
      customer: { id: customerId, kind: 'entity', externalReference: `seeded-${customerId}`, createdBy: 'test', createdAt: new Date() },
      parties: [{ id: randomUUID(), role: 'customer', kind: 'entity', addedBy: 'test', identity: {} }],
      account: { id: accountId, identificationCaseId: randomUUID() },
    }),
  );
  if (status !== 'pending') await setAccountStatus(db, { accountId, status, at: new Date(Date.now() - 86_400_000), actor: 'test' });
  return accountId;
}
