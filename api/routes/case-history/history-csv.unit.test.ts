import { describe, expect, it } from 'vitest';
import type { CaseHistory, TimelineEntry } from './case-history.usecases.js';
import { historyToCsv } from './history-csv.js';

const REASON = 'Commerce withdrew the request by its letter of 2026-11-27';

const historyOf = (entries: TimelineEntry[]): CaseHistory => ({
  case: {
    id: 'case-1', type: 'cip-transmission', status: 'withdrawn', subject: { type: 'provider-cip', id: 'provider' }, workflowId: 'cip-transmission:BIS-1',
    openedAt: '2026-11-25T03:30:00.000Z', dueAt: '2026-12-05T04:59:59.999Z', closedAt: '2026-11-28T23:37:19.476Z', assignee: null,
  },
  ruleSet: { id: 'NPRM-2024', unknown: true },
  deadlines: [],
  workflowHistory: { available: false, note: 'not read in this test' },
  integrity: { intact: true, entries: 2, headHash: 'abc', breaks: [] },
  entries,
});

/** The header, then RFC 4180 rows of quoted cells, as historyToCsv writes them. */
const parse = (csv: string) => {
  const [header, ...rows] = csv.trim().split('\r\n');
  return [header!.split(','), ...rows.map((line) => line.slice(1, -1).split('","').map((cell) => cell.replace(/""/g, '"')))];
};

describe('case history as CSV', () => {
  it('has a reason column holding the reason given with a decision, empty where a step has none', () => {
    const csv = historyToCsv(historyOf([
      { at: '2026-11-28T23:37:19.476Z', source: 'case-event', kind: 'decision.accepted', summary: 'Decision "withdraw" recorded', actor: 'dev-case-handler', ref: { caseEventId: 2, chainPosition: 2 }, data: { decision: 'withdraw', by: 'dev-case-handler', reason: REASON } },
      { at: '2026-11-28T23:37:19.500Z', source: 'workflow', kind: 'workflow.completed', summary: 'Case workflow completed', actor: 'system', ref: { temporalEventId: 20 } },
    ]));
    const [header, decision, completed] = parse(csv);
    const column = header!.indexOf('reason');
    expect(column).toBeGreaterThan(header!.indexOf('summary'));
    expect(decision![column]).toBe(REASON);
    expect(completed![column]).toBe('');
    expect(new Set(parse(csv).map((row) => row.length))).toEqual(new Set([header!.length]));
  });
});
