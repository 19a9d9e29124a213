// Record retention (REGULATION.md, records): identifying information, verification materials
// and discrepancy resolutions are kept until the rule set's period after the later of account
// closure and last access. Every recorded access moves the clock. When the period has run, the
// personal data is disposed of, unless a legal hold (set and released by legal) is on.
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { computeDeadline, getRuleSet, type Deadline } from '../../rules/index.js';
import {
  accountAccessedFact,
  CaseRecorder,
  FAILURE,
  handleDecisions,
  isRuleInputError,
  legalHoldReleasedFact,
  legalHoldSetFact,
  openRefusedCase,
  recordRefusedFact,
  tryRules,
  type CaseStart,
} from '../kit/index.js';
import { customerActivities, disposalActivities } from '../shared/customer-activities.js';
import { recordRetentionCase } from './case-type.js';
import {
  recordRetentionStateQuery,
  type RecordRetentionInput,
  type RecordRetentionState,
} from './messages.js';

type Fact = { kind: 'accessed'; at: string } | { kind: 'hold-set'; holdId: string } | { kind: 'hold-released'; holdId: string };

// While a hold blocks disposal, the hold records are checked again at this interval in case a
// release was stored but its signal never arrived (a crash between the two). Operational, not
// a legal period.
const HOLD_RECHECK_INTERVAL = '24 hours';

export async function recordRetentionWorkflow(input: RecordRetentionInput): Promise<RecordRetentionState> {
  const start: CaseStart = {
    caseId: input.caseId,
    caseType: recordRetentionCase,
    subject: { type: 'account', id: input.accountId },
    ruleSetId: input.ruleSetId,
    openedBy: input.openedBy,
    ...(input.carried ? { carried: { lastSeq: input.carried.lastSeq } } : {}),
  };
  const ruleSetOrRefusal = tryRules(() => getRuleSet(input.ruleSetId));
  if (isRuleInputError(ruleSetOrRefusal)) return openRefusedCase(start, ruleSetOrRefusal);
  const ruleSet = ruleSetOrRefusal;
  const closedAt = new Date(input.closedAt);
  const holds = new Set(input.carried?.holdIds ?? []);
  const facts: Fact[] = [];
  let lastAccessAt = input.carried?.lastAccessAt ? new Date(input.carried.lastAccessAt) : undefined;

  if (!input.carried) {
    // The database knows of accesses recorded before this workflow started.
    const anchor = await customerActivities.accountRetentionAnchor({ accountId: input.accountId });
    if (anchor.lastAccessAt) lastAccessAt = new Date(anchor.lastAccessAt);
  }
  const compute = (lastAccess: Date | undefined): Deadline =>
    computeDeadline({
      obligation: 'record-retention',
      ruleSet,
      startedAt: closedAt,
      ...(lastAccess ? { lastAccessAt: lastAccess } : {}),
      timeZone: input.timeZone,
    });
  const first = tryRules(() => compute(lastAccessAt));
  if (isRuleInputError(first)) return openRefusedCase(start, first);
  let deadline = first;
  const state: RecordRetentionState = {
    caseId: input.caseId,
    status: input.carried?.status ?? 'retaining',
    disposableAt: deadline.dueAt.toISOString(),
    disposableAfterDate: deadline.dueDate,
    lastAccessAt: lastAccessAt?.toISOString() ?? null,
    legalHolds: [...holds],
    explanation: [...deadline.explanation],
  };
  const recorder = new CaseRecorder({
    caseId: input.caseId,
    caseType: recordRetentionCase,
    state,
    ...(input.carried ? { carried: { lastSeq: input.carried.lastSeq } } : {}),
    details: () => ({
      accountId: input.accountId,
      customerId: input.customerId,
      closedAt: input.closedAt,
      lastAccessAt: state.lastAccessAt,
      disposableAfterDate: state.disposableAfterDate,
      legalHolds: state.legalHolds,
      deadlineExplanation: state.explanation,
    }),
  });

  setHandler(recordRetentionStateQuery, () => state);
  setHandler(accountAccessedFact.signal, ({ at }) => void facts.push({ kind: 'accessed', at }));
  setHandler(legalHoldSetFact.signal, ({ holdId }) => void facts.push({ kind: 'hold-set', holdId }));
  setHandler(legalHoldReleasedFact.signal, ({ holdId }) => void facts.push({ kind: 'hold-released', holdId }));
  // Retention takes no handler decisions (every one is refused as unknown): legal holds are
  // facts stored by the API and signalled.
  handleDecisions(recordRetentionCase, recorder, { apply: async () => {} });

  if (!input.carried) {
    await recorder.open({
      subject: { type: 'account', id: input.accountId },
      ruleSetId: ruleSet.id,
      workflowId: workflowInfo().workflowId,
      openedAt: new Date(),
      dueAt: deadline.dueAt,
      openedBy: input.openedBy,
      data: { customerId: input.customerId, disposableAt: state.disposableAt },
      also: [
        {
          type: 'retention.started',
          actor: input.openedBy,
          data: { closedAt: input.closedAt, lastAccessAt: state.lastAccessAt, disposableAt: state.disposableAt, explanation: state.explanation },
        },
      ],
    });
  }

  async function applyFacts() {
    while (facts.length > 0) {
      const fact = facts.shift()!;
      const at = new Date();
      if (fact.kind === 'accessed') {
        const accessedAt = new Date(fact.at);
        if (Number.isNaN(accessedAt.getTime()) || (lastAccessAt && accessedAt <= lastAccessAt)) continue;
        const moved = tryRules(() => compute(accessedAt));
        if (isRuleInputError(moved)) {
          // An access the rules cannot count from (the API refuses those) leaves the clock where it was.
          await recordRefusedFact(recorder, { name: accountAccessedFact.name, payload: { at: fact.at } }, moved);
          continue;
        }
        lastAccessAt = accessedAt;
        deadline = moved;
        state.lastAccessAt = lastAccessAt.toISOString();
        state.disposableAt = deadline.dueAt.toISOString();
        state.disposableAfterDate = deadline.dueDate;
        state.explanation = [...deadline.explanation];
        await recorder.transition({
          dueAt: deadline.dueAt,
          events: { type: 'retention.clock-moved', occurredAt: at, actor: 'system', data: { lastAccessAt: state.lastAccessAt, disposableAt: state.disposableAt } },
        });
      } else {
        const changed = fact.kind === 'hold-set' ? !holds.has(fact.holdId) && !!holds.add(fact.holdId) : holds.delete(fact.holdId);
        if (!changed) continue;
        state.legalHolds = [...holds];
        await recorder.transition({
          events: { type: fact.kind === 'hold-set' ? 'legal-hold.set' : 'legal-hold.released', occurredAt: at, actor: 'system', data: { holdId: fact.holdId } },
        });
      }
    }
  }

  async function setStatus(status: RecordRetentionState['status'], eventType: string, data: Record<string, unknown>) {
    await recorder.transition({ status, events: { type: eventType, actor: 'system', data } });
  }

  // Set when a hold has blocked disposal for a whole re-check interval without news: the next
  // pass tries disposal anyway, and the database (the source of truth on holds) decides.
  let recheckDue = false;
  const waitForFacts = async (timeout: string) => !(await condition(() => facts.length > 0, timeout));
  for (;;) {
    if (workflowInfo().continueAsNewSuggested) {
      // Years of recorded accesses would grow the history without bound; start afresh.
      await condition(allHandlersFinished);
      await continueAsNew<typeof recordRetentionWorkflow>({
        ...input,
        carried: { lastSeq: recorder.lastSeq, lastAccessAt: state.lastAccessAt, holdIds: [...holds], status: state.status },
      });
    }
    await applyFacts();
    const untilDisposable = deadline.dueAt.getTime() - Date.now();
    if (untilDisposable >= 0) {
      // dueAt is the last millisecond of the retention period; disposal may happen after it.
      await condition(() => facts.length > 0, untilDisposable + 1);
      continue;
    }
    if (holds.size > 0 && !recheckDue) {
      if (state.status !== 'on-legal-hold') await setStatus('on-legal-hold', 'retention.disposal-held', { legalHolds: [...holds] });
      recheckDue = await waitForFacts(HOLD_RECHECK_INTERVAL);
      continue;
    }
    recheckDue = false;
    try {
      const result = await disposalActivities.disposePersonalData({ customerId: input.customerId, accountId: input.accountId, at: new Date().toISOString() });
      await setStatus('disposed', 'retention.personal-data-disposed', { disposedParties: result.disposedParties });
      break;
    } catch (err) {
      const held = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === FAILURE.legalHold;
      if (!held) throw err;
      if (state.status !== 'on-legal-hold') await setStatus('on-legal-hold', 'retention.disposal-held', { reason: err.cause?.message ?? 'legal hold' });
      recheckDue = await waitForFacts(HOLD_RECHECK_INTERVAL);
    }
  }
  await condition(allHandlersFinished);
  return state;
}
