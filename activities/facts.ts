// Facts a workflow tells other cases: which open cases of a subject listen to a fact (the
// registry's `listensTo`), found through the cases table. The workflow then signals them
// itself, so the delivery is part of its history.
import { listCasesOfSubject } from '../db/queries/cases.js';
import { FACTS, type FactName } from '../workflows/kit/index.js';
import { caseTypesListeningTo } from '../workflows/obligations.js';
import type { ActivityDeps } from './deps.js';

export function createFactActivities({ db }: ActivityDeps) {
  return {
    /** Workflow ids of the open cases of the fact's subject that listen to it, but the asking case. */
    async openCasesListeningTo(input: { fact: FactName; subjectId: string; exceptCaseId?: string }): Promise<string[]> {
      const fact = FACTS.find((f) => f.name === input.fact)!;
      const rows = await listCasesOfSubject(db, { subjectType: fact.subjectType, subjectId: input.subjectId, types: caseTypesListeningTo(input.fact), open: true });
      return rows.filter((r) => r.id !== input.exceptCaseId).map((r) => r.workflowId);
    },
  };
}

export type FactActivities = ReturnType<typeof createFactActivities>;
