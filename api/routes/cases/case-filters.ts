// The case lists' filters name things the registry knows: a case type, one of its statuses, a
// subject type. A value nobody could have recorded (a typo, `reseller` for `foreign-reseller`) is
// refused naming the field and the values it may take, instead of answering an empty page that
// reads as "no such cases".
import { CASE_TYPES, caseTypeOf } from '../../../workflows/obligations.js';
import { badInput } from '../../errors.js';

const unique = (values: Iterable<string>) => [...new Set(values)].sort();

export function refuseUnknownCaseFilters(query: { type?: string | undefined; status?: string | undefined; subjectType?: string | undefined }): void {
  const caseType = query.type === undefined ? undefined : caseTypeOf(query.type);
  if (query.type !== undefined && !caseType) {
    throw badInput('querystring.type', `is not a case type; one of ${unique(CASE_TYPES.map((t) => t.type)).join(', ')}`);
  }
  if (query.status !== undefined) {
    const statuses = unique((caseType ? [caseType] : CASE_TYPES).flatMap((t) => t.statuses));
    if (!statuses.includes(query.status)) {
      throw badInput('querystring.status', `is not a status of ${caseType ? `case type ${caseType.type}` : 'any case type'}; one of ${statuses.join(', ')}`);
    }
  }
  if (query.subjectType !== undefined) {
    const subjectTypes = unique(CASE_TYPES.map((t) => t.subjectType));
    if (!subjectTypes.includes(query.subjectType)) throw badInput('querystring.subjectType', `is not a subject type of any case; one of ${subjectTypes.join(', ')}`);
  }
}
