// The string formats a decision's parameters may declare. The decision check (in the workflow's
// validator, and in the API's precheck, which runs the same code) is TypeBox's Value, which
// knows no format until one is registered and refuses every value of a format it does not know:
// a format a case type declares must be here, with its check and the words a refusal uses.
// Each is as strict as what the workflow goes on to do with the value: a date-time or a date is
// a day the calendar has (not 30 February, which Date.parse would roll into March), a UUID is
// the hyphenated hexadecimal form PostgreSQL and the API's ids use.
import { FormatRegistry } from '@sinclair/typebox';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 date-time with an offset, as OpenAPI's `date-time`.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isCalendarDate(match[1]!)) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4])];
  const offsetOk = match[7] === undefined || (Number(match[7]) <= 23 && Number(match[8]) <= 59);
  return hour <= 23 && minute <= 59 && second <= 59 && offsetOk && !Number.isNaN(Date.parse(value));
}

/** Each format the kit checks: the check, and what a refusal says the value must be. */
export const DECISION_FORMATS: Readonly<Record<string, { check: (value: string) => boolean; description: string }>> = {
  'date-time': { check: isDateTime, description: 'an ISO 8601 date-time' },
  date: { check: isCalendarDate, description: 'a date (YYYY-MM-DD)' },
  uuid: { check: (value) => UUID.test(value), description: 'a UUID' },
};

for (const [format, { check }] of Object.entries(DECISION_FORMATS)) {
  if (!FormatRegistry.Has(format)) FormatRegistry.Set(format, check);
}
