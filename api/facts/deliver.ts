// Facts reach cases by subject. A route stores a fact about a customer, an account or a
// reseller, then tells the cases of that subject whose case type listens to the fact (the
// registry's `listensTo`), found through the cases table: the route never names another
// obligation's workflow. The database is the source of truth; a signal only wakes a workflow,
// so a lost signal delays, never corrupts.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { appendCaseEvent, listCasesOfSubject } from '../../db/queries/cases.js';
import type { FactDefinition } from '../../workflows/kit/facts.js';
import { CASE_TYPE_NAMES, caseTypesListeningTo } from '../../workflows/obligations.js';

/** One fact about one subject: which fact, whose (the subject id), and its payload (ids and non-personal facts). */
export interface SubjectFact<P = unknown> {
  fact: FactDefinition<string, P>;
  subjectId: string;
  payload: P;
}

export const factAbout = <P>(fact: FactDefinition<string, P>, subjectId: string, payload: P): SubjectFact<P> => ({ fact, subjectId, payload });

export interface FactDeliveryDeps {
  db: { db: DbOrTx };
  temporal: { client: Client };
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

const listeners = (fact: SubjectFact, open: boolean) => (db: DbOrTx) =>
  listCasesOfSubject(db, { subjectType: fact.fact.subjectType, subjectId: fact.subjectId, types: caseTypesListeningTo(fact.fact.name), open });

/**
 * Appends an event (IDs and non-personal facts) to every case of a subject, or of some case
 * types of it: a record of something done to the subject that its cases' histories should show
 * (e.g. a read of its personal data).
 */
export async function appendToCasesOfSubject(
  tx: DbOrTx,
  subject: { type: string; id: string },
  event: { type: string; occurredAt: Date; actor: string; data: Record<string, unknown> },
  types: readonly string[] = CASE_TYPE_NAMES,
): Promise<string[]> {
  const rows = await listCasesOfSubject(tx, { subjectType: subject.type, subjectId: subject.id, types });
  for (const row of rows) await appendCaseEvent(tx, { caseId: row.id, eventKey: `api:${randomUUID()}`, ...event });
  return rows.map((r) => r.id);
}

/**
 * Appends the fact's event to the history of every case of its subject that listens to it, in
 * the caller's transaction (with the fact itself). IDs and non-personal facts only.
 */
export async function recordFactOnSubjectCases(
  tx: DbOrTx,
  fact: SubjectFact,
  event: { type: string; occurredAt: Date; actor: string; data: Record<string, unknown> },
): Promise<string[]> {
  return appendToCasesOfSubject(tx, { type: fact.fact.subjectType, id: fact.subjectId }, event, caseTypesListeningTo(fact.fact.name));
}

/**
 * After the fact is committed: signals every open case of its subject whose case type listens
 * to it. A case whose workflow has finished is skipped; a failed delivery is logged, not thrown
 * (the workflow reads the database when it next wakes). Returns the workflow ids signalled.
 */
export async function deliverFactToSubjectCases<P>(deps: FactDeliveryDeps, fact: SubjectFact<P>): Promise<string[]> {
  const delivered: string[] = [];
  for (const row of await listeners(fact as SubjectFact, true)(deps.db.db)) {
    try {
      await deps.temporal.client.workflow.getHandle(row.workflowId).signal(fact.fact.signal, fact.payload);
      delivered.push(row.workflowId);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) continue;
      deps.log?.warn({ err, workflowId: row.workflowId, fact: fact.fact.name }, 'fact not delivered');
    }
  }
  return delivered;
}
