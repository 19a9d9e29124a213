import type { CaseEventRow, CaseRow } from '../../../db/schema/cases.js';
import type { CaseDto } from './cases.schemas.js';

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
