import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NPRM_2024 } from '../../../rules/index.js';
import type { CaseHistory } from './case-history.usecases.js';
import { pageFootLines, pdfText } from '../../../test/helpers/pdf-text.js';
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

  it("reads back the rule set's standing without words glued where a hyphen met a line break, and a recorded step as a sentence", async () => {
    const r = NPRM_2024;
    const withStanding: CaseHistory = {
      ...history,
      ruleSet: { id: r.id, title: r.title, status: r.status, citation: r.source.citation, standing: { ...r.standing, instruments: r.standing.instruments.map((i) => ({ ...i, sources: [...i.sources] })) } },
      entries: [...history.entries, { at: '2026-11-28T23:37:19.476Z', source: 'case-event', kind: 'request.withdrawn', summary: 'Request withdrawn (recorded in the case record)', actor: 'dev-case-handler', ref: { caseEventId: 3 } }],
    };
    const pdf = await renderDossierPdf(withStanding, { generatedAt: new Date('2026-11-28T23:40:00Z'), generatedBy: 'dev-legal' });
    const file = join(mkdtempSync(join(tmpdir(), 'dossier-unit-')), 'dossier.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('the customer identification provisions of the proposed rule rest on it');
    expect(text).not.toMatch(/customeridentification/i);
    expect(text).toContain('Request withdrawn (recorded in the case record)');
    expect(text).not.toContain('Recorded: request.withdrawn');
  });

  it('keeps hyphenated words, time zones and long references whole wherever a line ends, as pdftotext reads them back', async () => {
    const compounds = ['customer-identification', 'foreign-reseller-termination', 'obligation-specific', 'America/New_York', 'cross-border', 'AI-training'];
    const sentence = (shift: number) =>
      `${'n'.repeat(1 + (shift % 10))} ${'so '.repeat(Math.floor(shift / 10))}The reminder at the start of the day in America/New_York for the customer-identification provisions and the foreign-reseller-termination obligation-specific cross-border AI-training arrangements.`;
    // Each sentence shifted by a few letters, so that every compound meets a line end somewhere.
    const explanation = Array.from({ length: 40 }, (_, i) => sentence(i));
    const longReference = `ref-${'0123456789abcdef-'.repeat(8)}end`;
    const withExplanation: CaseHistory = {
      ...history,
      deadlines: [{ ruleSetId: 'NPRM-2024', obligation: 'cip-transmission', obligationTitle: 'Transmit the requested CIP', citation: 'a citation', dueAt: '2026-12-05T04:59:59.999Z', explanation }],
      entries: [{ ...history.entries[0]!, data: { ...history.entries[0]!.data, documentReference: longReference } }],
    };
    const pdf = await renderDossierPdf(withExplanation, { generatedAt: new Date('2026-11-28T23:40:00Z'), generatedBy: 'dev-legal' });
    const file = join(mkdtempSync(join(tmpdir(), 'dossier-unit-')), 'dossier.pdf');
    writeFileSync(file, pdf);
    for (const mode of [[], ['-layout']]) {
      const text = execFileSync('pdftotext', [...mode, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const deadlines = text.slice(text.indexOf('Deadlines'), text.indexOf('Decisions'));
      for (let i = 0; i < explanation.length; i++) expect(deadlines, `${mode.join(' ')} sentence ${i}`).toContain(`- ${explanation[i]}`);
      for (const word of compounds) expect(text.split(word.replace(/[-/]/g, '')).length, `${word} glued`).toBe(1);
      // Longer than a line: cut where it must be, never after a hyphen (which would glue its parts).
      const evidence = text.slice(text.indexOf('Evidence on record'), text.indexOf('Timeline'));
      expect(evidence.replace(/ /g, '')).toContain(longReference);
    }
  }, 60_000); // dozens of PDFs rendered and read back by pdftotext: seconds on a busy machine

  it('never leaves a section heading alone at the foot of a page, however long the section above it', async () => {
    const headings = ['The case', 'Rule set and its legal standing', 'Deadlines', 'Decisions', 'Evidence on record', 'Timeline', 'Integrity'];
    const decision = history.entries[0]!;
    let pages = 0;
    for (let lines = 30; lines < 70; lines++) {
      const longer: CaseHistory = {
        ...history,
        deadlines: [{ ruleSetId: 'NPRM-2024', obligation: 'cip-transmission', obligationTitle: 'Transmit the requested CIP', citation: 'a citation', dueAt: '2026-12-05T04:59:59.999Z', explanation: Array.from({ length: lines }, (_, i) => `Step ${i} of the clock.`) }],
        entries: Array.from({ length: 3 }, (_, i) => ({ ...decision, ref: { caseEventId: i + 2 } })),
      };
      const feet = pageFootLines(pdfText(await renderDossierPdf(longer, { generatedAt: new Date('2026-11-28T23:40:00Z'), generatedBy: 'dev-legal' }), ['-layout']));
      pages = Math.max(pages, feet.length + 1);
      for (const foot of feet) expect(headings, `${lines} lines: a page ends with "${foot}"`).not.toContain(foot);
    }
    expect(pages).toBeGreaterThan(1);
  }, 60_000);
});
