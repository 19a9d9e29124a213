// Delivering a fact about a subject (a customer, an account, a reseller) to the open cases of
// that subject whose case type listens to it (`listensTo` in the registry), found through the
// cases table. The fact is stored before it is delivered: a signal only wakes a workflow up, so a
// lost one delays, never corrupts.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.js';
import { listOpenCasesOfSubject } from '../db/queries/cases.js';
import type { FactDefinition } from '../workflows/kit/index.js';
import { caseTypesListeningTo } from '../workflows/obligations.js';
import type { FactName } from '../workflows/kit/index.js';

export async function deliverFact<P>(
  deps: { db: { db: Database }; temporal: { client: Client } },
  log: FastifyBaseLogger,
  fact: FactDefinition<FactName, P>,
  subjectId: string,
  payload: P,
): Promise<string[]> {
  const listening = await listOpenCasesOfSubject(deps.db.db, { subjectType: fact.subjectType, subjectId, types: caseTypesListeningTo(fact.name) });
  const delivered: string[] = [];
  for (const kase of listening) {
    try {
      await deps.temporal.client.workflow.getHandle(kase.workflowId).signal(fact.signal, payload);
      delivered.push(kase.id);
    } catch (err) {
      // A case that ended since the query has nothing more to hear.
      if (!(err instanceof WorkflowNotFoundError)) log.warn({ err, workflowId: kase.workflowId, fact: fact.name }, 'fact not delivered');
    }
  }
  return delivered;
}
