// A read without a stated purpose answers with the personal fields left out. The response says
// so, field by field with the reason, so that nobody takes a withheld field for an empty one
// (an address not shown is not an address missing from the file).
import { Type } from '@sinclair/typebox';
import { PERSONAL_DATA_PURPOSES } from '../../../rules/personal-data-purposes.js';
import type { Principal } from '../../plugins/auth.js';
import type { Role } from '../../../workflows/kit/actors.js';

export const WithheldSchema = Type.Array(
  Type.Object({
    field: Type.String({ description: 'where the field would be in this response, e.g. personal.parties[].name' }),
    reason: Type.String({ description: 'why it was left out, and how to read it lawfully' }),
  }),
  { description: 'personal fields left out of this response and why; empty when nothing was withheld' },
);

/** Roles that may read personal fields (always with a stated purpose). */
export const PERSONAL_DATA_READERS: readonly Role[] = ['case_handler', 'reviewer', 'legal', 'admin'];

export interface WithheldField {
  field: string;
  reason: string;
}

/** The fields left out of a read, with the reason; none when a purpose was stated (and recorded). */
export function withheldFields(principal: Principal, purpose: string | undefined, fields: readonly string[]): WithheldField[] {
  if (purpose !== undefined) return [];
  const reason = PERSONAL_DATA_READERS.includes(principal.role)
    ? `personal data, shown only for a stated purpose: repeat the request with ?purpose= one of ${PERSONAL_DATA_PURPOSES.join(', ')} (the read is recorded)`
    : `personal data; role ${principal.role} may not read it (allowed: ${PERSONAL_DATA_READERS.join(', ')}, with a stated purpose)`;
  return fields.map((field) => ({ field, reason }));
}
