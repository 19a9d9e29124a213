import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseHistory } from './case-history.usecases.js';
import { renderDossierPdf } from './dossier-pdf.js';

const REASON = 'Commerce withdrew the request by its letter of 2026-11-27';

const history: CaseHistory = {
  case: {
    id: 'case-1',
    type: 'cip-transmission',
    status: 'withdrawn',
    subject: { type: 'provider-cip', id: 'provider' },
    workflowId: 'cip-transmission:BIS-1',
    openedAt: '2026-11-25T03:30:00.000Z',
    dueAt: '2026-12-05T04:59:59.999Z',
    closedAt: '2026-11-28T23:37:19.476Z',
    assignee: null,
  },
  ruleSet: { id: 'NPRM-2024', unknown: true },
  deadlines: [],
  workflowHistory: { available: false, note: 'not read in this test' },
  integrity: { intact: true, entries: 2, headHash: 'abc', breaks: [] },
  entries: [
    {
      at: '2026-11-28T23:37:19.476Z',
      source: 'case-event',
      kind: 'decision.accepted',
      summary: 'Decision "withdraw" recorded in the case record (by dev-case-handler)',
      actor: 'dev-case-handler',
      ref: { caseEventId: 2 },
      data: { by: 'dev-case-handler', reason: REASON, decision: 'withdraw' },
    },
  ],
};

describe('case dossier PDF', () => {
  it('prints the reason a decision was taken, as the JSON history holds it', async () => {
    const pdf = await renderDossierPdf(history, { generatedAt: new Date('2026-11-28T23:40:00Z'), generatedBy: 'dev-legal' });
    const file = join(mkdtempSync(join(tmpdir(), 'dossier-unit-')), 'dossier.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const decisions = text.slice(text.indexOf('Decisions'), text.indexOf('Evidence on record'));
    const timeline = text.slice(text.indexOf('Timeline'));
    expect(decisions).toContain(`Reason: ${REASON}`);
    expect(timeline).toContain(`Reason: ${REASON}`);
  });
});
