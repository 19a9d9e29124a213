// One case: what it is about, when it is due and why, who has it, what happened so far, and the
// decisions it accepts now, as forms built from the registry's JSON Schemas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Case } from '../api';
import { useCaseTypes, type CaseType, type PendingApproval } from '../case-types';
import { DecisionForm } from '../components/DecisionForm';
import { dueLine, type DueLine } from '../due';
import { describeValue, formatDate, formatInstant, shortId } from '../format';
import { Link } from '../router';
import { ASSIGNING_ROLES, useSession } from '../session';

type DeskCase = Case & { decisionsNow?: string[]; pendingApproval?: PendingApproval | null };

const isLines = (value: unknown): value is string[] => Array.isArray(value) && value.length > 1 && value.every((line) => typeof line === 'string');
/** An object inside an event's data that holds a list of sentences (a deadline with its explanation) somewhere within. */
const holdsLines = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).some((v) => isLines(v) || holdsLines(v));

/**
 * An event's data, field by field. An explanation is a list of sentences: one line each, as in the
 * case header, not a run-on paragraph; also where it sits inside another field (the filing
 * deadline of an AI-training report, with its own explanation).
 */
function EventData({ data }: { data: Record<string, unknown> }) {
  return (
    <dl className="event-data">
      {Object.entries(data).map(([k, v]) => (
        <div key={k} className={isLines(v) || holdsLines(v) ? 'block' : undefined}>
          <dt>{k}</dt>
          {isLines(v) ? (
            <dd>
              <ul className="lines">
                {v.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </dd>
          ) : holdsLines(v) ? (
            <dd>
              <EventData data={v} />
            </dd>
          ) : (
            <dd>{describeValue(v)}</dd>
          )}
        </div>
      ))}
    </dl>
  );
}

function explanationOf(details: Record<string, unknown>): { lines: string[]; citation?: string } {
  const deadline = (details.deadline ?? {}) as Record<string, unknown>;
  const raw = details.deadlineExplanation ?? deadline.explanation ?? details.explanation;
  const lines = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  const citation = details.citation ?? deadline.citation;
  return { lines, ...(typeof citation === 'string' ? { citation } : {}) };
}

/** What the case says about a decision now (`details.decisionNotes`: its workflow writes them, e.g. under a special measure). */
function decisionNote(c: DeskCase, decision: string): string | undefined {
  const notes = c.details.decisionNotes;
  if (!notes || typeof notes !== 'object') return undefined;
  const note = (notes as Record<string, unknown>)[decision];
  return typeof note === 'string' ? note : undefined;
}

/** The decisions this case takes in its present state that the signed-in role may make. */
function decisionsNow(c: DeskCase, type: CaseType | undefined, role: string) {
  if (!type || c.closedAt) return [];
  const now = c.decisionsNow ?? type.decisions.filter((d) => d.allowedInStatuses.includes(c.status)).map((d) => d.name);
  return type.decisions.filter((d) => now.includes(d.name) && (d.roles.length === 0 || d.roles.includes(role)));
}

/** The due date and, once the deadline was met or the case closed, what became of it (web/src/due.ts). */
function DueHeader({ due, status }: { due: DueLine; status: string }) {
  if (due.kind === 'none') return <span className="muted">no due date</span>;
  const date = (iso: string) => `${formatDate(iso)} (${formatInstant(iso)})`;
  switch (due.kind) {
    case 'open':
      return (
        <>
          {date(due.dueAt)}
          <span className={due.daysLeft < 0 ? 'badge overdue' : 'badge'}>{due.daysLeft < 0 ? `overdue by ${-due.daysLeft} days` : `${due.daysLeft} days left`}</span>
        </>
      );
    case 'met':
      return (
        <>
          {due.dueAt ? date(due.dueAt) : <span className="muted">no due date</span>}
          {due.onTime !== null && (
            <span className={due.onTime ? 'badge met' : 'badge overdue'}>{due.onTime ? `${due.verb} on time` : `${due.verb} late, by ${due.daysLate} ${due.daysLate === 1 ? 'day' : 'days'}`}</span>
          )}
          <span className="met-at">
            {' '}
            {due.verb} {formatInstant(due.metAt)}
          </span>
        </>
      );
    case 'closed':
      return (
        <>
          {date(due.dueAt)}
          <span className="muted"> {due.verb ? `not ${due.verb}: the case closed, status ${status}` : `the case closed, status ${status}`}</span>
        </>
      );
  }
}

function Assignment({ c }: { c: DeskCase }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const assign = useMutation({
    mutationFn: async (assignee: string | null) =>
      unwrap(await api.POST('/v1/cases/{id}/assignment', { params: { path: { id: c.id } }, body: { assignee } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', c.id] }),
  });
  const canAssign = ASSIGNING_ROLES.includes(session.role) && !c.closedAt;
  return (
    <div>
      <dt>Assignee</dt>
      <dd>
        {c.assignee ?? <span className="muted">unassigned</span>}
        {canAssign && c.assignee !== session.subject && (
          <button type="button" className="secondary small" onClick={() => assign.mutate(session.subject)}>
            Assign to me
          </button>
        )}
        {canAssign && c.assignee && (
          <button type="button" className="secondary small" onClick={() => assign.mutate(null)}>
            Unassign
          </button>
        )}
        {assign.isError && <span role="alert"> {assign.error.message}</span>}
      </dd>
    </div>
  );
}

export function CasePage({ id }: { id: string }) {
  const session = useSession();
  const caseTypes = useCaseTypes();
  const caseQuery = useQuery({
    queryKey: ['case', id],
    queryFn: async () => unwrap(await api.GET('/v1/cases/{id}', { params: { path: { id } } })) as DeskCase,
    // Timers move cases on their own (reminders, missed deadlines): keep the page current.
    refetchInterval: 5000,
  });
  const events = useQuery({
    queryKey: ['case', id, 'events'],
    queryFn: async () => unwrap(await api.GET('/v1/cases/{id}/events', { params: { path: { id }, query: { limit: 500 } } })),
    refetchInterval: 5000,
  });
  if (caseQuery.isPending) return <p className="loading">Loading case…</p>;
  if (caseQuery.isError) return <p role="alert">{caseQuery.error.message}</p>;
  const c = caseQuery.data;
  const type = caseTypes.data?.find((t) => t.type === c.type);
  const { lines, citation } = explanationOf(c.details);
  const decisions = decisionsNow(c, type, session.role);
  const pending = c.pendingApproval ?? (c.details.pendingProposal as PendingApproval | undefined) ?? null;

  return (
    <article aria-labelledby="case-title">
      <p>
        <Link to="/desk/">← Queue</Link>
      </p>
      <h1 id="case-title">
        {type?.title ?? c.type} <span className="id">#{shortId(c.id)}</span>
      </h1>
      {type?.description && <p className="hint">{type.description}</p>}
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className="status" data-testid="case-status">
              {c.status}
            </span>
            {c.closedAt && <span className="muted"> (closed {formatInstant(c.closedAt)})</span>}
          </dd>
        </div>
        <div>
          <dt>Subject</dt>
          <dd>
            {c.subject.type === 'customer' ? <Link to={`/desk/customers/${c.subject.id}`}>customer {c.subject.id}</Link> : `${c.subject.type} ${c.subject.id}`}
          </dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>{formatInstant(c.openedAt)}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd data-testid="case-due">
            <DueHeader due={dueLine(c, type, events.data?.items)} status={c.status} />
          </dd>
        </div>
        <Assignment c={c} />
        <div>
          <dt>Rule set</dt>
          <dd>{c.ruleSetId}</dd>
        </div>
      </dl>

      {(lines.length > 0 || citation) && (
        <section aria-labelledby="deadline-title" className="panel">
          <h2 id="deadline-title">Why this due date</h2>
          <ol>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
          {citation && <p className="citation">Citation: {citation}</p>}
        </section>
      )}

      {pending && (
        <section aria-labelledby="four-eyes-title" className="panel four-eyes" data-testid="four-eyes">
          <h2 id="four-eyes-title">Awaiting a second reviewer</h2>
          <p>
            <strong>{pending.decision}</strong> proposed by <strong>{pending.proposedBy}</strong> on {formatInstant(pending.proposedAt)}, awaiting a
            second reviewer.
          </p>
          <p>Reason: {pending.reason}</p>
          {pending.proposedBy === session.subject && <p className="hint">You proposed this: another person must approve or reject it.</p>}
        </section>
      )}

      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">Decisions</h2>
        {c.closedAt ? (
          <p className="muted">This case is closed; it takes no more decisions.</p>
        ) : decisions.length === 0 ? (
          <p className="muted">No decision this case accepts now is open to your role ({session.role.replace('_', ' ')}).</p>
        ) : (
          <div className="decisions">
            {decisions.map((d) => (
              <DecisionForm key={`${c.status}:${d.name}`} caseId={c.id} decision={d} note={decisionNote(c, d.name)} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        {events.isError && <p role="alert">{events.error.message}</p>}
        <ol className="timeline" data-testid="timeline">
          {events.data?.items.map((e) => (
            <li key={e.id}>
              <div className="when">{formatInstant(e.occurredAt)}</div>
              <div>
                <strong className="event-type">{e.type}</strong> by <span className="actor">{e.actor}</span>
                {Object.keys(e.data).length > 0 && <EventData data={e.data} />}
              </div>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
