// Temporal search attributes on every case workflow, so that `temporal workflow list --query`
// and the Temporal UI find cases by type, status, due instant and subject without PostgreSQL:
//   temporal workflow list --query "CaseStatus='overdue'"
//   temporal workflow list --query "CaseType='cip-transmission' AND CaseDueAt < '2026-12-01T00:00:00Z'"
// The recorder keeps them in step with the case row. They must be registered on the server:
// the launcher's dev server and the test servers do it (scripts/temporal-dev-server.ts,
// test/helpers/workflow-env.ts), docker-compose's `temporal-namespace` job on a cluster.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CASE_TYPE_ATTRIBUTE = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const CASE_STATUS_ATTRIBUTE = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CASE_DUE_AT_ATTRIBUTE = defineSearchAttributeKey('CaseDueAt', SearchAttributeType.DATETIME);
/** `<subjectType>:<subjectId>`, e.g. `customer:6f1c…` (ids only, never personal data). */
export const CASE_SUBJECT_ATTRIBUTE = defineSearchAttributeKey('CaseSubject', SearchAttributeType.KEYWORD);

/** Names and types as the Temporal CLI spells them (`--search-attribute CaseStatus=Keyword`). */
export const CASE_SEARCH_ATTRIBUTES = [
  { name: 'CaseType', type: 'Keyword' },
  { name: 'CaseStatus', type: 'Keyword' },
  { name: 'CaseDueAt', type: 'Datetime' },
  { name: 'CaseSubject', type: 'Keyword' },
] as const;
