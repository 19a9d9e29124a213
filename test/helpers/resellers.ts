import { randomUUID } from 'node:crypto';
import type { App } from '../../api/app.js';
import { bearer } from './tokens.js';

/** Registers a foreign reseller through the API; its id. */
export async function registerReseller(app: App, jurisdiction = 'DE'): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/resellers',
    headers: bearer('case_handler'),
    payload: { legalName: `Nordwind Cloud ${randomUUID()}`, jurisdiction },
  });
  if (res.statusCode !== 201) throw new Error(`registering a reseller failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
