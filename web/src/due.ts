// The due line of a case's header, the same for every case type: the due instant that governs
// now; or, once the case met its deadline (the event its type declares in `deadlineMet`), the
// due instant that governed it, when it was met and whether that was on time; or, for a case
// closed without meeting it, the due instant it had. The date shown is always the one the
// "Why this due date" panel explains.
import type { Case, CaseEvent } from './api';
import type { CaseType } from './case-types';
import { daysLeft } from './format';

export type DueLine =
  | { kind: 'none' }
  | { kind: 'open'; dueAt: string; daysLeft: number }
  | { kind: 'met'; dueAt: string | null; metAt: string; onTime: boolean | null; verb: string; daysLate: number }
  | { kind: 'closed'; dueAt: string; verb: string | null };

const instant = (value: unknown): string | undefined => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined);

/** "report.filed" → "filed": the event's last word says what was done. */
const verbOf = (eventType: string) => eventType.slice(eventType.lastIndexOf('.') + 1).replace(/-/g, ' ');

export function dueLine(c: Case, type: CaseType | undefined, events: readonly CaseEvent[] | undefined, now = new Date()): DueLine {
  const met = type?.deadlineMet;
  // Once the case's own due instant is cleared (a filed report), the detail its type names keeps the one that governed.
  const governing = (met?.dueAtDetail ? instant(c.details[met.dueAtDetail]) : undefined) ?? c.dueAt ?? undefined;
  const metBy = met ? events?.filter((e) => e.type === met.event).at(-1) : undefined;
  if (met && metBy) {
    const metAt = (met.metAtField ? instant(metBy.data[met.metAtField]) : undefined) ?? metBy.occurredAt;
    const onTime = typeof metBy.data.onTime === 'boolean' && governing ? metBy.data.onTime : null;
    const daysLate = governing && onTime === false ? Math.max(1, -daysLeft(governing, new Date(metAt))) : 0;
    return { kind: 'met', dueAt: governing ?? null, metAt, onTime, verb: verbOf(met.event), daysLate };
  }
  if (c.closedAt) return governing ? { kind: 'closed', dueAt: governing, verb: met ? verbOf(met.event) : null } : { kind: 'none' };
  if (c.dueAt) return { kind: 'open', dueAt: c.dueAt, daysLeft: daysLeft(c.dueAt, now) };
  return { kind: 'none' };
}
