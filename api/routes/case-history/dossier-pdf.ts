// The case dossier a lawyer files or hands over: the case, the rule set and its legal standing,
// the deadlines with their explanations, the decisions, the evidence on record and the whole
// timeline, with the hash of the last event so the copy can be checked against the database.
import PDFDocument from 'pdfkit';
import { recordWriter } from '../../pdf/wrapped-text.js';
import { reasonOf, type CaseHistory, type DeadlineContext, type TimelineEntry } from './case-history.usecases.js';

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

const EVIDENCE_KEY = /document|cipVersion|attempt|evidence|sha256|reference|measures|restrictions/i;

const isDecision = (e: TimelineEntry) =>
  e.kind.startsWith('decision.') || e.kind.startsWith('approval.') || /\.(proposed|approved|rejected|refused)$/.test(e.kind);

function evidenceOf(history: CaseHistory): string[] {
  const items: string[] = [];
  for (const e of history.entries) {
    if (e.source !== 'case-event' || !e.data) continue;
    for (const [key, value] of Object.entries(e.data)) {
      if (!EVIDENCE_KEY.test(key) || value === null || value === undefined) continue;
      items.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)} (recorded ${e.at} by ${e.actor}, ${e.kind})`);
    }
  }
  return items;
}

/** The rule set, obligation and provision a step is taken under, as the JSON and CSV name them. */
const underProvision = (d: DeadlineContext) =>
  `Under rule set ${d.ruleSetId}, obligation ${d.obligation ?? 'not named'}${d.obligationTitle ? ` (${d.obligationTitle})` : ''}: ${d.citation}`;

export async function renderDossierPdf(history: CaseHistory, meta: { generatedAt: Date; generatedBy: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    info: { Title: `Case dossier ${history.case.id}`, Author: 'cipdesk', Subject: `${history.case.type} case history` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Every line is laid out by writeRuns: it breaks only at spaces, so a hyphenated word or a
  // time zone reads back whole from the PDF's text; a heading is kept with its first lines.
  const { write, para, line, heading } = recordWriter(doc, { regular: REGULAR, bold: BOLD }, { size: 13, bodySize: 10 });

  const c = history.case;
  doc.fontSize(18);
  write([{ text: 'Case dossier', font: BOLD }]);
  doc.fontSize(9);
  para(`Generated ${meta.generatedAt.toISOString()} by ${meta.generatedBy} from cipdesk. Times are UTC.`);
  doc.fontSize(10);

  heading('The case');
  line('Case', c.id);
  line('Type', c.type);
  line('Status', c.status);
  line('Subject', `${c.subject.type} ${c.subject.id}`);
  line('Opened', c.openedAt);
  line('Due', c.dueAt ?? 'no due instant');
  line('Closed', c.closedAt ?? 'open');
  line('Workflow', c.workflowId);

  heading('Rule set and its legal standing');
  if ('standing' in history.ruleSet) {
    const r = history.ruleSet;
    line('Rule set', `${r.id} (${r.status}): ${r.title}`);
    line('Source', r.citation);
    para(r.standing.summary);
    doc.moveDown(0.2);
    para(r.standing.howApplied);
    for (const i of r.standing.instruments) {
      para(`- ${i.instrument}: ${i.status} since ${i.since}${i.confirmedByPrimarySource ? '' : ' (not confirmed by a primary source)'}. ${i.explanation}`, 10);
    }
  } else {
    line('Rule set', `${history.ruleSet.id} (not known to this version of cipdesk)`);
  }

  heading('Deadlines');
  if (history.deadlines.length === 0) para('This case type runs on no deadline of the rule set.');
  for (const d of history.deadlines) {
    line('Obligation', `${d.obligationTitle ?? d.obligation} (rule set ${d.ruleSetId})`);
    line('Due', d.dueAt ?? 'not set');
    if (d.citation) line('Citation', d.citation);
    for (const sentence of d.explanation) para(`- ${sentence}`, 10);
    if (d.supersededBy) {
      line('No longer governs', `since ${d.supersededBy.at} (${d.supersededBy.kind})`);
      for (const sentence of d.supersededBy.explanation) para(`- ${sentence}`, 10);
    }
    doc.moveDown(0.3);
  }

  heading('Decisions');
  const decisions = history.entries.filter(isDecision);
  if (decisions.length === 0) para('No decision recorded.');
  for (const e of decisions) {
    para(`${e.at}  ${e.actor}: ${e.summary}`);
    const reason = reasonOf(e);
    if (reason !== undefined) para(`Reason: ${reason}`, 10);
  }

  heading('Evidence on record');
  const evidence = evidenceOf(history);
  if (evidence.length === 0) para('No evidence reference recorded in the case events.');
  for (const item of evidence) para(`- ${item}`);

  heading('Timeline');
  if (!history.workflowHistory.available) write([{ text: history.workflowHistory.note, font: 'Helvetica-Oblique' }]);
  for (const e of history.entries) {
    write([
      { text: `${e.at}  [${e.source === 'workflow' ? 'workflow' : 'case record'}] ${e.kind}`, font: BOLD },
      { text: `  ${e.actor}`, font: REGULAR },
    ]);
    para(e.summary, 10);
    const reason = reasonOf(e);
    if (reason !== undefined) para(`Reason: ${reason}`, 10);
    if (e.deadline?.citation) {
      doc.fontSize(8);
      para(underProvision(e.deadline), 10);
      if (e.deadline.supersededBy) para(`This deadline no longer governs since ${e.deadline.supersededBy.at} (${e.deadline.supersededBy.kind}).`, 10);
      doc.fontSize(10);
    }
  }

  heading('Integrity');
  para(
    `The case's event log holds ${history.integrity.entries} entries in a hash chain, ${history.integrity.intact ? 'verified intact' : 'found BROKEN'} when this dossier was made. ` +
      `Last hash: ${history.integrity.headHash ?? 'none'}.`,
  );
  doc.end();
  return done;
}
