// The queue: the cases a handler works through, in views (mine, unassigned, due soon, overdue,
// all open) with filters, a page at a time (keyset paging: the API's nextCursor).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type Case } from '../api';
import { caseTypeTitle, useCaseTypes } from '../case-types';
import { addDays, daysLeft, endOfDay, formatDate, shortId } from '../format';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';

const VIEWS = [
  { id: 'mine', label: 'My cases' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'due-soon', label: 'Due soon' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'all', label: 'All open' },
] as const;
type View = (typeof VIEWS)[number]['id'];

const FILTERS = ['type', 'status', 'subjectType', 'subjectId', 'dueBy'] as const;

function DueCell({ c, dueSoonDays }: { c: Case; dueSoonDays: number }) {
  if (!c.dueAt) return <td>—</td>;
  const left = daysLeft(c.dueAt);
  const closed = c.closedAt !== null;
  return (
    <>
      <td>{formatDate(c.dueAt)}</td>
      <td>
        {closed ? (
          '—'
        ) : left < 0 ? (
          <span className="badge overdue">Overdue by {-left} {-left === 1 ? 'day' : 'days'}</span>
        ) : (
          <span className={left <= dueSoonDays ? 'badge soon' : ''}>
            {left} {left === 1 ? 'day' : 'days'} left
          </span>
        )}
      </td>
    </>
  );
}

export function QueuePage() {
  const session = useSession();
  const { search } = useLocation();
  const caseTypes = useCaseTypes();
  const view = (VIEWS.find((v) => v.id === search.get('view'))?.id ?? 'mine') as View;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, search.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  // "Now" is fixed when the view is chosen, so that paging does not shift the window.
  const [now] = useState(() => new Date());

  // Due by a day: up to the end of that day in the provider's zone, where deadlines fall.
  const dueBy = /^\d{4}-\d{2}-\d{2}$/.test(filters.dueBy) ? endOfDay(filters.dueBy) : undefined;
  const viewDueBefore = view === 'overdue' ? now : view === 'due-soon' ? addDays(now, session.dueSoonDays) : undefined;
  const dueBefore = [dueBy, viewDueBefore].filter((d): d is Date => d !== undefined).sort((a, b) => a.getTime() - b.getTime())[0];
  const query = {
    open: true,
    limit: 25,
    ...(view === 'mine' ? { assignee: session.subject } : {}),
    ...(view === 'unassigned' ? { unassigned: true } : {}),
    ...(dueBefore ? { dueBefore: dueBefore.toISOString() } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.subjectType ? { subjectType: filters.subjectType } : {}),
    ...(filters.subjectId ? { subjectId: filters.subjectId } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const cases = useQuery({
    queryKey: ['cases', query],
    queryFn: async () => unwrap(await api.GET('/v1/cases', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const setSearch = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setCursors([]);
    navigate(`/desk/?${next.toString()}`);
  };
  const onFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setSearch(Object.fromEntries(FILTERS.map((f) => [f, String(data.get(f) ?? '').trim()])));
  };
  const selectedType = caseTypes.data?.find((t) => t.type === filters.type);
  const statuses = selectedType ? selectedType.statuses : [...new Set(caseTypes.data?.flatMap((t) => t.statuses) ?? [])].sort();

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Case queue</h1>
      <nav aria-label="Queue views" className="views">
        {VIEWS.map((v) => (
          <Link key={v.id} to={`/desk/?view=${v.id}`} aria-current={v.id === view ? 'page' : undefined} onClickCapture={() => setCursors([])}>
            {v.label}
          </Link>
        ))}
      </nav>
      {view === 'due-soon' && (
        <p className="hint">Open cases due within {session.dueSoonDays} days: the provider policy's first reminder window.</p>
      )}
      {/* Mounted again once the case types arrive, so that the selects show the filters in the address. */}
      <form className="filters" onSubmit={onFilter} aria-label="Filter cases" key={`${search.toString()}|${caseTypes.data ? 'types' : ''}`}>
        <label>
          Case type
          <select name="type" defaultValue={filters.type}>
            <option value="">Any</option>
            {caseTypes.data?.map((t) => (
              <option key={t.type} value={t.type}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Subject type
          <input name="subjectType" defaultValue={filters.subjectType} placeholder="customer" />
        </label>
        <label>
          Subject id
          <input name="subjectId" defaultValue={filters.subjectId} />
        </label>
        <label>
          Due by
          <input type="date" name="dueBy" defaultValue={filters.dueBy} />
        </label>
        <button type="submit">Apply filters</button>
      </form>

      {cases.isError && <p role="alert">{cases.error.message}</p>}
      <table className="queue">
        <caption className="visually-hidden">{VIEWS.find((v) => v.id === view)!.label}</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
            <th scope="col">Days left</th>
            <th scope="col">Assignee</th>
          </tr>
        </thead>
        <tbody>
          {cases.data?.items.map((c) => (
            <tr key={c.id} className={c.dueAt && !c.closedAt && daysLeft(c.dueAt) < 0 ? 'is-overdue' : undefined}>
              <td>
                <Link to={`/desk/cases/${c.id}`}>
                  {caseTypeTitle(caseTypes.data, c.type)} <span className="id">#{shortId(c.id)}</span>
                </Link>
              </td>
              <td>
                {c.subject.type === 'customer' ? (
                  <Link to={`/desk/customers/${c.subject.id}`}>customer {shortId(c.subject.id)}</Link>
                ) : (
                  `${c.subject.type} ${c.subject.id.length > 12 ? shortId(c.subject.id) : c.subject.id}`
                )}
              </td>
              <td>
                <span className="status">{c.status}</span>
              </td>
              <DueCell c={c} dueSoonDays={session.dueSoonDays} />
              <td>{c.assignee ?? <span className="muted">unassigned</span>}</td>
            </tr>
          ))}
          {cases.data && cases.data.items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No cases here.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <nav aria-label="Pages" className="pager">
        <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!cases.data?.nextCursor}
          onClick={() => cases.data?.nextCursor && setCursors([...cursors, cases.data.nextCursor])}
        >
          Next page
        </button>
      </nav>
    </section>
  );
}
