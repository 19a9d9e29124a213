// A case's timeline as CSV (RFC 4180), one row per entry, for spreadsheets and e-discovery tools.
// `reason` beside the summary: a decision without the reason given for it is an incomplete record.
// `superseded` beside the explanation: a deadline a later step took away (a revoked measure's
// expiry) must not read as if it still governed.
import { reasonOf, type CaseHistory } from './case-history.usecases.js';

const COLUMNS = ['at', 'source', 'kind', 'actor', 'summary', 'reason', 'rule_set', 'obligation', 'due_at', 'citation', 'explanation', 'superseded', 'ref'] as const;

/** Quotes every cell; a cell that a spreadsheet would run as a formula is prefixed with `'`. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function historyToCsv(history: CaseHistory): string {
  const rows = history.entries.map((e) =>
    [
      e.at,
      e.source,
      e.kind,
      e.actor,
      e.summary,
      reasonOf(e) ?? '',
      e.deadline?.ruleSetId ?? '',
      e.deadline?.obligation ?? '',
      e.deadline?.dueAt ?? '',
      e.deadline?.citation ?? '',
      e.deadline?.explanation.join(' ') ?? '',
      e.deadline?.supersededBy ? `No longer governs since ${e.deadline.supersededBy.at} (${e.deadline.supersededBy.kind}). ${e.deadline.supersededBy.explanation.join(' ')}` : '',
      e.ref.caseEventId !== undefined ? `case-event #${e.ref.caseEventId} (chain position ${e.ref.chainPosition})` : `temporal event #${e.ref.temporalEventId}`,
    ].map(csvCell).join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
