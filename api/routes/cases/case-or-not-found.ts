import type { DbOrTx } from '../../../db/client.js';
import { getCaseById } from '../../../db/queries/cases.js';
import type { CaseRow } from '../../../db/schema/cases.js';
import { notFound } from '../../errors.js';

/** The case row of a route's `:id`, or the 404 problem every case route answers for an unknown case. */
export async function caseOrNotFound(db: DbOrTx, caseId: string): Promise<CaseRow> {
  const row = await getCaseById(db, { id: caseId });
  if (!row) throw notFound('case', caseId);
  return row;
}
