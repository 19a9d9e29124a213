import type { CaseEventRow, CaseRow } from '../../../db/schema/cases.js';
import { decisionsIn } from '../../../workflows/kit/case-type.js';
import { caseTypeOf } from '../../../workflows/obligations.js';
import type { CaseDto } from './cases.schemas.js';

/** What the case accepts in its status, by its type's declaration (the workflow's validator reads the same). */
function decisionsNow(row: CaseRow): string[] {
  const caseType = caseTypeOf(row.type);
  return caseType && !row.closedAt ? decisionsIn(caseType, row.status) : [];
}

export function toCaseDto(row: CaseRow): CaseDto {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    subject: { type: row.subjectType, id: row.subjectId },
    ruleSetId: row.ruleSetId,
    workflowId: row.workflowId,
    openedAt: row.openedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    assignee: row.assignee,
    details: row.details,
    decisionsNow: decisionsNow(row),
    pendingApproval: row.pendingApproval ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCaseEventDto(row: CaseEventRow) {
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    actor: row.actor,
    data: row.data,
  };
}
