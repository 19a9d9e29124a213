// A workflow tells a fact about a subject to the open cases of that subject that listen to it
// (the registry's `listensTo`), found through the cases table: the same path a route's fact
// takes (api/facts/deliver.ts), but from workflow code, so the delivery is part of the teller's
// history. The teller never names another obligation's workflow.
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import type { FactActivities } from '../../activities/facts.js';
import { databaseActivities } from './database-activities.js';
import type { FactDefinition, FactName } from './facts.js';

const factActivities = databaseActivities<FactActivities>('30 seconds');

/**
 * Signals the fact to every open case of `subjectId` that listens to it (but the teller's own
 * case); returns the workflow ids told. A case that ended since the lookup is skipped: it has
 * nothing more to hear.
 */
export async function tellOpenCases<P>(fact: FactDefinition<FactName, P>, subjectId: string, payload: P, options: { exceptCaseId?: string } = {}): Promise<string[]> {
  const listeners = await factActivities.openCasesListeningTo({ fact: fact.name, subjectId, ...(options.exceptCaseId ? { exceptCaseId: options.exceptCaseId } : {}) });
  const told: string[] = [];
  for (const workflowId of listeners) {
    try {
      await getExternalWorkflowHandle(workflowId).signal(fact.signal, payload);
      told.push(workflowId);
    } catch {
      // A case that ended since the lookup has nothing more to hear.
    }
  }
  return told;
}
