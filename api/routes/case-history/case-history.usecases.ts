// One case's history for legal: the workflow's Temporal history (what the clocks and decisions
// did) merged with the case's own append-only event log (what the desk recorded), each entry
// with its time and actor and, where a deadline is involved, the rule set, the citation and the
// explanation. Generic over case types: it reads the case row, its events, its workflow and the
// rule set, never a particular obligation's code.
import { clientPayloadCodec } from '../../../data-converter.js';
import type { Payload } from '@temporalio/common';
import { asc, eq } from 'drizzle-orm';
import { verifyCaseEventChains } from '../../../db/queries/audit.js';
import { caseOrNotFound } from '../cases/case-or-not-found.js';
import { caseEvents, type CaseEventRow, type CaseRow } from '../../../db/schema/cases.js';
import type { DbOrTx } from '../../../db/client.js';
import { getRuleSet, isObligationId, isRuleSetId, passedRemindersSentence, readClockInstant, type CaseClock, type ObligationId, type RuleSet } from '../../../rules/index.js';
import type { AppDeps } from '../../deps.js';
import type { RuleSetStandingDto } from '../rules/rules.schemas.js';
import { fetchWorkflowHistory, type DueInstantChange, type WorkflowHistoryEntry } from './temporal-history.js';
import { caseTypeOf } from '../../../workflows/obligations.js';
import { ruleSetObligationsOfCase, type SupersedingStep } from '../../../workflows/kit/case-type.js';

export interface DeadlineContext {
  ruleSetId: string;
  obligation: string | null;
  obligationTitle: string | null;
  citation: string | null;
  dueAt: string | null;
  explanation: string[];
  /** A later step of the case took this deadline away (a measure's revocation): it no longer governs from `at` on. */
  supersededBy?: Supersession;
}

/** What took a deadline away, when, and what that instant is, in sentences a lawyer reads. */
export interface Supersession {
  /** The case event that recorded the step (`special-measure.revoked`). */
  kind: string;
  /** When the step was recorded: from then on the deadline no longer governs. */
  at: string;
  explanation: string[];
}

export interface TimelineEntry {
  at: string;
  source: 'case-event' | 'workflow';
  kind: string;
  summary: string;
  actor: string;
  /** case_events row id and chain position (source case-event), Temporal event id (source workflow). */
  ref: { caseEventId?: number; chainPosition?: number; hash?: string; temporalEventId?: number };
  deadline?: DeadlineContext;
  data?: Record<string, unknown>;
}

export interface CaseHistory {
  case: {
    id: string;
    type: string;
    status: string;
    subject: { type: string; id: string };
    workflowId: string;
    openedAt: string;
    dueAt: string | null;
    closedAt: string | null;
    assignee: string | null;
  };
  ruleSet: { id: string; title: string; status: string; citation: string; standing: RuleSetStandingDto } | { id: string; unknown: true };
  deadlines: DeadlineContext[];
  workflowHistory: { available: boolean; note: string };
  integrity: { intact: boolean; entries: number; headHash: string | null; breaks: { kind: string; position: number }[] };
  entries: TimelineEntry[];
}

/** The rule-set obligations whose periods a case runs on, as its case type in the registry says for it. */
export function ruleSetObligationsOf(row: Pick<CaseRow, 'type' | 'details'>): readonly ObligationId[] {
  const caseType = caseTypeOf(row.type);
  if (caseType) return ruleSetObligationsOfCase(caseType, row.details);
  return isObligationId(row.type) ? [row.type] : [];
}

const DUE_KEYS = ['dueAt', 'reviewDueAt', 'nextDueAt', 'disposableAt'] as const;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function deadlineContext(row: CaseRow, ruleSet: RuleSet | undefined, dueAt: string | null, explanation: string[], obligationOnRecord?: ObligationId): DeadlineContext {
  // A case on several clocks names the obligation on the event. Without that, the case type's
  // obligation is named only when it has one: a guess would show a lawyer the wrong citation.
  const obligations = ruleSetObligationsOf(row);
  const obligation = obligationOnRecord ?? (obligations.length === 1 ? obligations[0] : undefined);
  const definition = obligation && ruleSet ? ruleSet.obligations[obligation] : undefined;
  return {
    ruleSetId: row.ruleSetId,
    obligation: obligation ?? null,
    obligationTitle: definition?.title ?? null,
    citation: definition?.citation ?? null,
    dueAt,
    explanation: explanation.length ? explanation : strings(row.details['deadlineExplanation']),
  };
}

/** Where a case event involves a deadline: a deadline event, or one that sets or moves a due instant. */
function deadlineOfEvent(row: CaseRow, ruleSet: RuleSet | undefined, e: CaseEventRow): DeadlineContext | undefined {
  const dueKey = DUE_KEYS.find((k) => typeof e.data[k] === 'string');
  if (!dueKey && !e.type.startsWith('deadline.')) return undefined;
  const dueAt = dueKey ? (e.data[dueKey] as string) : (row.dueAt?.toISOString() ?? null);
  const named = e.data['obligation'];
  return deadlineContext(row, ruleSet, dueAt, [...strings(e.data['explanation']), ...strings(e.data['policy'])], typeof named === 'string' && isObligationId(named) ? named : undefined);
}

/**
 * The reason recorded with a step: the one a handler gave with a decision or proposal, or, for a
 * refused decision, why the case refused it. Every export of the history shows it.
 */
export function reasonOf(e: Pick<TimelineEntry, 'data'>): string | undefined {
  const reason = e.data?.['reason'];
  return typeof reason === 'string' && reason.trim() !== '' ? reason : undefined;
}

const quoted = (v: unknown) => (typeof v === 'string' ? `"${v}"` : '');

/** One sentence per event; the generic event types every case workflow writes get their own. */
export function describeCaseEvent(e: Pick<CaseEventRow, 'type' | 'data' | 'actor'>): string {
  const d = e.data;
  switch (e.type) {
    case 'case.opened':
      return 'Case opened';
    case 'deadline.reminder':
      return `Reminder sent: the case is due at ${String(d['dueAt'] ?? '?')}${d['daysBefore'] !== undefined ? ` (${String(d['daysBefore'])} days before)` : ''}`;
    case 'deadline.missed':
      return `Deadline reached without the case being settled (due ${String(d['dueAt'] ?? '?')}); escalated`;
    case 'deadline.escalated':
      return 'Escalated after the deadline passed';
    case 'case.escalated':
      return `Escalated${d['to'] ? ` to ${String(d['to'])}` : ''}${d['reason'] ? `: ${String(d['reason'])}` : ''}`;
    case 'approval.requested':
      return `Four-eyes approval requested for ${quoted(d['decision'])} (proposed by ${String(d['proposedBy'] ?? e.actor)})`;
    case 'decision.accepted':
      // The workflow's entries say it was received and carried out; the case record's says it was recorded.
      return `Decision ${quoted(d['decision'])} recorded in the case record (by ${String(d['by'] ?? e.actor)})`;
    case 'decision.refused':
      return `Decision ${quoted(d['decision'])} refused: ${String(d['reason'] ?? '')}`;
    default:
      // A case on several clocks (a reseller's own deadline, say) records `<party>.reminder` and
      // `<party>.deadline-missed`; its deadline context names the obligation.
      if (e.type.endsWith('.reminder') && d['dueAt'] !== undefined) {
        return `Reminder sent (${e.type.slice(0, -'.reminder'.length)}): due at ${String(d['dueAt'])}${d['daysBefore'] !== undefined ? ` (${String(d['daysBefore'])} days before)` : ''}`;
      }
      if (e.type.endsWith('.deadline-missed') && d['dueAt'] !== undefined) {
        return `Deadline reached without what was due (${e.type.slice(0, -'.deadline-missed'.length)}, due ${String(d['dueAt'])})`;
      }
      return `${sentenceOfKind(e.type)} (recorded in the case record)`;
  }
}

const ACRONYMS: Readonly<Record<string, string>> = { cip: 'CIP', ai: 'AI', cips: 'CIPs', id: 'ID' };

/** "request.withdrawn" as words a reader takes in: "Request withdrawn"; "cip.transmitted": "CIP transmitted". */
export function sentenceOfKind(kind: string): string {
  const words = kind.split(/[.\-_]+/).filter(Boolean).map((w) => ACRONYMS[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Every due instant the case ran on, with its obligation: its deadlines, and every due instant
 * its events recorded (a deadline that moved).
 */
function caseClocks(deadlines: DeadlineContext[], events: CaseEventRow[]): CaseClock[] {
  const clocks = new Map<string, CaseClock>();
  const add = (obligation: string | null, dueAt: unknown) => {
    if (typeof dueAt !== 'string' || Number.isNaN(Date.parse(dueAt))) return;
    const named = obligation !== null && isObligationId(obligation) ? obligation : null;
    clocks.set(`${named}|${new Date(dueAt).toISOString()}`, { obligation: named, dueAt: new Date(dueAt) });
  };
  for (const d of deadlines) add(d.obligation, d.dueAt);
  const single = deadlines.length === 1 ? deadlines[0]!.obligation : null;
  for (const e of events) for (const key of DUE_KEYS) add(typeof e.data['obligation'] === 'string' ? e.data['obligation'] : single, e.data[key]);
  return [...clocks.values()];
}

/**
 * Under which obligation, provision and rule set the case took a step: a decision, and what its
 * workflow did by itself (opened, withdrew, cancelled a clock, reminded, escalated, closed,
 * completed). The case's one obligation; on a case of several clocks, the clock the case was due
 * on when the step was taken, as its workflow set the due instant (Temporal's record of the
 * case's CaseDueAt), or, where that record is not available, the clock it is due on now. None
 * rather than a guess.
 */
function stepDeadlineReader(row: CaseRow, ruleSet: RuleSet | undefined, deadlines: DeadlineContext[], clocks: CaseClock[], dueChanges: DueInstantChange[] | undefined) {
  const contextOf = (obligation: ObligationId, dueAt: string | null) =>
    deadlineContext(row, ruleSet, dueAt, deadlines.find((d) => d.obligation === obligation)?.explanation ?? [], obligation);
  const set = (dueChanges ?? []).filter((c): c is { at: string; dueAt: string } => c.dueAt !== null);
  /** The obligation of a due instant; one the workflow moved takes the obligation of the instant it moved to. */
  const obligationOfDue = (dueAt: string, moves = 0): ObligationId | undefined => {
    const named = new Set(clocks.filter((c) => c.dueAt.toISOString() === dueAt).map((c) => c.obligation));
    if (named.size === 1) return [...named][0] ?? undefined;
    if (named.size > 1 || moves > set.length) return undefined;
    const lastSet = set.findLastIndex((c) => c.dueAt === dueAt);
    const next = lastSet >= 0 ? set[lastSet + 1] : undefined;
    return next ? obligationOfDue(next.dueAt, moves + 1) : undefined;
  };
  return (at: string): DeadlineContext | undefined => {
    const only = deadlines.length === 1 ? deadlines[0]!.obligation : null;
    if (only !== null && isObligationId(only)) return contextOf(only, deadlines[0]!.dueAt);
    // The due instant set before the step (a step that changes it acts on the clock it leaves),
    // else the first one set (the steps that open the case).
    const dueAt = set.findLast((c) => c.at < at)?.dueAt ?? set.find((c) => c.at >= at)?.dueAt ?? row.dueAt?.toISOString() ?? null;
    const obligation = dueAt === null ? undefined : obligationOfDue(dueAt);
    return obligation ? contextOf(obligation, dueAt) : undefined;
  };
}

/**
 * A step recorded in one change with a step that names its clock (a reseller's deadline missed,
 * and the escalation it caused) is taken under that clock.
 */
function deadlineOfChange(events: CaseEventRow[], own: (DeadlineContext | undefined)[], index: number): DeadlineContext | undefined {
  const at = events[index]!.occurredAt.getTime();
  const named = events
    .map((e, i) => (writtenByTheWorkflow(e) && e.occurredAt.getTime() === at && typeof e.data['obligation'] === 'string' ? own[i] : undefined))
    .filter((d): d is DeadlineContext => d?.obligation != null);
  return named.length > 0 && named.every((d) => d.obligation === named[0]!.obligation) ? named[0] : undefined;
}

/** What the case workflow writes in the case record itself (the recorder's keys), as opposed to what a route recorded. */
const writtenByTheWorkflow = (e: CaseEventRow) => e.eventKey.startsWith('wf:');

/**
 * Temporal's entries that are steps of the case (not how the worker ran, not a fact arriving
 * from outside, not a decision the case refused): they name the obligation they are taken under.
 */
const CASE_STEPS: ReadonlySet<WorkflowHistoryEntry['kind']> = new Set([
  'workflow.started',
  'workflow.completed',
  'workflow.continued-as-new',
  'decision.received',
  'decision.accepted',
  'child-case.started',
] as const);

/**
 * Reads a workflow's timer as the clock of the case it is: which reminder of which deadline, or
 * the due instant (rules/clock-reading.ts), from the case's clocks. A deadline's reminders
 * already past when its first clock was set are named once, on that clock. A timer that fired or
 * was cancelled says which clock it was.
 */
function clockReader(row: CaseRow, ruleSet: RuleSet | undefined, deadlines: DeadlineContext[], clocks: CaseClock[], timeZone: string) {
  const explained = new Set<string>();
  const byTimer = new Map<string, { summary: string; deadline: DeadlineContext }>();
  return (w: WorkflowHistoryEntry): { summary: string; deadline: DeadlineContext } | undefined => {
    const timerId = String(w.data?.['timerId'] ?? '');
    if (w.kind === 'timer.fired' || w.kind === 'timer.cancelled') {
      const started = byTimer.get(timerId);
      if (!started) return undefined;
      const which = started.summary.replace(/^Clock set: /, '').replace(/\. No reminder .*$/, '');
      return { summary: w.kind === 'timer.fired' ? `Clock fired: ${which}` : `Clock cancelled (the case moved before it fired): ${which}`, deadline: started.deadline };
    }
    const firesAt = w.data?.['firesAt'];
    if (!ruleSet || typeof firesAt !== 'string') return undefined;
    const reading = readClockInstant({ firesAt: new Date(firesAt), setAt: new Date(w.at), clocks, ruleSet, timeZone });
    if (!reading) return undefined;
    const key = `${reading.obligation}|${reading.dueDate}`;
    const passed = explained.has(key) ? undefined : passedRemindersSentence(reading.passed);
    explained.add(key);
    const clock = {
      summary: `Clock set: ${reading.sentence}${passed ? `. ${passed}` : ''}`,
      deadline: deadlineContext(row, ruleSet, reading.dueAt, deadlines.find((d) => d.obligation === reading.obligation)?.explanation ?? [], reading.obligation ?? undefined),
    };
    byTimer.set(timerId, clock);
    return clock;
  };
}

/** The first recorded step of the case that takes away the deadlines still ahead of it, as its case type declares. */
function supersessionOf(declared: Readonly<Record<string, (step: SupersedingStep) => readonly string[]>> | undefined, events: CaseEventRow[]): Supersession | undefined {
  if (!declared) return undefined;
  const step = events.find((e) => Object.hasOwn(declared, e.type));
  if (!step) return undefined;
  const at = step.occurredAt.toISOString();
  return { kind: step.type, at, explanation: [...declared[step.type]!({ at, actor: step.actor, data: step.data })] };
}

export async function allCaseEvents(db: DbOrTx, caseId: string): Promise<CaseEventRow[]> {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.chainSeq));
}

export async function buildCaseHistory(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'providerTimeZone'>,
  caseId: string,
  decode?: (payloads: Payload[]) => Promise<Payload[]>,
): Promise<CaseHistory> {
  const db = deps.db.db;
  const row = await caseOrNotFound(db, caseId);
  const ruleSet = isRuleSetId(row.ruleSetId) ? getRuleSet(row.ruleSetId) : undefined;
  const [events, workflow, integrity] = await Promise.all([
    allCaseEvents(db, caseId),
    // Payloads are stored encrypted: opened with the codecs of the API's own client.
    fetchWorkflowHistory(deps.temporal.client, row.workflowId, decode ?? ((p) => clientPayloadCodec(deps.temporal.client).decode(p))),
    verifyCaseEventChains(db, { caseId, maxBreaks: 20 }),
  ]);

  const caseType = caseTypeOf(row.type);
  const recorded = { opened: events.find((e) => e.type === 'case.opened')?.data, ruleSet, timeZone: deps.providerTimeZone };
  const deadlines: DeadlineContext[] = ruleSetObligationsOf(row).map((obligation) => {
    const definition = ruleSet?.obligations[obligation];
    const own = caseType?.deadlineOfCase?.(row.details, obligation, recorded);
    return {
      ruleSetId: row.ruleSetId,
      obligation,
      obligationTitle: definition?.title ?? null,
      citation: definition?.citation ?? null,
      dueAt: own ? own.dueAt : (row.dueAt?.toISOString() ?? null),
      explanation: own ? [...own.explanation] : strings(row.details['deadlineExplanation']),
    };
  });

  const supersession = supersessionOf(caseType?.deadlinesSupersededBy, events);
  for (const d of deadlines) {
    if (supersession && d.dueAt !== null && d.dueAt > supersession.at) d.supersededBy = supersession;
  }
  const superseded = new Set(deadlines.filter((d) => d.supersededBy).map((d) => d.obligation));

  const clocks = caseClocks(deadlines, events);
  const stepDeadline = stepDeadlineReader(row, ruleSet, deadlines, clocks, workflow.available ? workflow.dueChanges : undefined);

  const ownDeadlines = events.map((e) => deadlineOfEvent(row, ruleSet, e));
  const fromCase: TimelineEntry[] = events.map((e, i) => {
    const at = e.occurredAt.toISOString();
    const deadline = ownDeadlines[i] ?? (writtenByTheWorkflow(e) ? (deadlineOfChange(events, ownDeadlines, i) ?? stepDeadline(at)) : undefined);
    return {
      at,
      source: 'case-event',
      kind: e.type,
      summary: describeCaseEvent(e),
      actor: e.actor,
      ref: { caseEventId: e.id, chainPosition: e.chainSeq, hash: e.hash },
      ...(deadline ? { deadline } : {}),
      data: e.data,
    };
  });
  const readClock = clockReader(row, ruleSet, deadlines, clocks, deps.providerTimeZone);
  const fromWorkflow: TimelineEntry[] = workflow.available
    ? workflow.entries.map((w: WorkflowHistoryEntry) => {
        const timer = w.kind.startsWith('timer.');
        const clock = timer ? readClock(w) : undefined;
        // A timer that is none of the case's clocks is the workflow's own: on a case of one
        // obligation it runs under that one; on a case of several, naming one would be a guess.
        const deadline = clock ? clock.deadline : (timer ? deadlines.length === 1 : CASE_STEPS.has(w.kind)) ? stepDeadline(w.at) : undefined;
        return {
          at: w.at,
          source: 'workflow' as const,
          kind: w.kind,
          summary: clock?.summary ?? w.summary,
          actor: w.actor,
          ref: { temporalEventId: w.temporalEventId },
          ...(deadline ? { deadline } : {}),
          ...(w.data ? { data: w.data } : {}),
        };
      })
    : [];
  // From the step that took them away on, the deadlines it superseded say so wherever they are named.
  if (supersession && superseded.size > 0) {
    for (const entry of [...fromWorkflow, ...fromCase]) {
      if (entry.deadline && entry.at >= supersession.at && superseded.has(entry.deadline.obligation)) entry.deadline = { ...entry.deadline, supersededBy: supersession };
      if (entry.source === 'case-event' && entry.kind === supersession.kind && entry.at === supersession.at) {
        const named = deadlines.filter((d) => d.supersededBy).map((d) => `the ${d.obligation} deadline (due ${d.dueAt})`);
        entry.summary += `${entry.summary.endsWith('.') ? '' : '.'} From then on ${named.join(' and ')} no longer ${named.length === 1 ? 'governs' : 'govern'} the case.`;
      }
    }
  }
  // Time first; at the same instant the workflow's own step comes before what it recorded. So one
  // decision reads: received by the case workflow, recorded in the case record (with what it
  // changed), carried out by the case workflow.
  const entries = [...fromWorkflow, ...fromCase].sort(
    (a, b) => a.at.localeCompare(b.at) || (a.source === b.source ? 0 : a.source === 'workflow' ? -1 : 1) ||
      (a.ref.temporalEventId ?? a.ref.chainPosition ?? 0) - (b.ref.temporalEventId ?? b.ref.chainPosition ?? 0),
  );

  return {
    case: {
      id: row.id,
      type: row.type,
      status: row.status,
      subject: { type: row.subjectType, id: row.subjectId },
      workflowId: row.workflowId,
      openedAt: row.openedAt.toISOString(),
      dueAt: row.dueAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      assignee: row.assignee,
    },
    ruleSet: ruleSet
      ? { id: ruleSet.id, title: ruleSet.title, status: ruleSet.status, citation: ruleSet.source.citation, standing: { ...ruleSet.standing, instruments: ruleSet.standing.instruments.map((i) => ({ ...i, sources: [...i.sources] })) } }
      : { id: row.ruleSetId, unknown: true },
    deadlines,
    workflowHistory: workflow.available
      ? { available: true, note: "Merged with Temporal's event history of the case workflow (its current run)." }
      : { available: false, note: workflow.reason },
    integrity: {
      intact: integrity.intact,
      entries: integrity.entries,
      headHash: events[events.length - 1]?.hash ?? null,
      breaks: integrity.breaks.map((b) => ({ kind: b.kind, position: b.position })),
    },
    entries,
  };
}
