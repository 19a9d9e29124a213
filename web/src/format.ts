// Dates as a handler reads them. Days left are counted in whole days to the due instant.
const MS_PER_DAY = 24 * 60 * 60 * 1000;

export function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { dateStyle: 'medium' });
}

/** Whole days until the due instant (a part day counts as a day); negative once it has passed. */
export function daysLeft(dueAt: string, now = new Date()): number {
  const ms = new Date(dueAt).getTime() - now.getTime();
  return ms >= 0 ? Math.ceil(ms / MS_PER_DAY) : -Math.ceil(-ms / MS_PER_DAY);
}

export function addDays(now: Date, days: number): Date {
  return new Date(now.getTime() + days * MS_PER_DAY);
}

export const shortId = (id: string) => id.slice(0, 8);

/** A value of an event's data or a case's details, as one line of text. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${describeValue(v)}`)
    .join('; ');
}
