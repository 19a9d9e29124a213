// Dates as a handler reads them, in the provider's zone (where a deadline's days are counted:
// a case due at the end of 2026-12-15 in New York is due on Dec 15 for a handler in Berlin too).
// Days left are counted in whole days to the due instant.
const MS_PER_DAY = 24 * 60 * 60 * 1000;

// Set from the session once signed in; until then the browser's own zone.
let deskTimeZone: string | undefined;

export function setDeskTimeZone(zone: string): void {
  deskTimeZone = zone;
}

export function formatInstant(iso: string): string {
  // The fields of dateStyle 'medium' and timeStyle 'short', spelt out: those styles take no zone name.
  return new Date(iso).toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: deskTimeZone, timeZoneName: 'short' });
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: deskTimeZone });
}

/** The wall-clock fields of an instant in a zone, read as if they were UTC (milliseconds). */
function wallClockAsUtc(at: number, zone: string | undefined): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) + (at % 1000);
}

/**
 * The last millisecond of a calendar day (YYYY-MM-DD) in the provider's zone: the instant a
 * deadline on that day falls due, so that "due by" that day includes it.
 */
export function endOfDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const nextMidnightAsUtc = Date.UTC(y, m - 1, d + 1);
  // The zone's offset at that midnight, read twice in case the first guess crossed a clock change.
  let guess = nextMidnightAsUtc;
  for (let i = 0; i < 2; i += 1) guess = nextMidnightAsUtc - (wallClockAsUtc(guess, deskTimeZone) - guess);
  return new Date(guess - 1);
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
