// The printable certification: what the provider attests, as stored in one version (the filed
// one, or an assembled draft marked as such), with the SHA-256 of its JSON so a printed copy can
// be checked against the record. Rendered with pdfkit and laid out by the same lines and headings
// as the legal dossier (api/pdf/wrapped-text.ts).
import PDFDocument from 'pdfkit';
import { recordWriter } from '../../pdf/wrapped-text.js';
import type { CertificationContent } from '../../../activities/certifications.js';
import type { CipCertificationVersionRow } from '../../../db/schema/certifications.js';

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

const PROCEDURE_TITLES: Record<string, string> = {
  'identity-verification-mechanisms': 'Mechanisms and tools used to verify identity',
  'ownership-change-procedures': 'Procedures for customers to notify ownership changes',
  'ongoing-verification': 'Process for ongoing verification',
  'malicious-activity-detection': 'Tools used to detect malicious cyber-enabled activity',
  'reseller-cip-procedures': 'Procedures requiring foreign resellers to keep a CIP',
  'ai-training-identification': 'Procedures for identifying foreign customers training large AI models',
};

/** What the customer-base figures count, printed above them (db/queries/certifications.ts computes them). */
export const CUSTOMER_BASE_NOTE =
  'Foreign customers served: customers other than U.S. persons (an unsettled status counts as foreign) with an account open, interim-restricted or monitored; an applicant whose account is still in identification is not yet one. ' +
  'Foreign accounts whose identity is not yet verified: accounts not closed or refused, applications not yet opened included, of customers whose identification is tracked, where the customer or a foreign beneficial owner has no verified identity.';

export async function renderCertificationPdf(version: CipCertificationVersionRow, meta: { caseId: string; generatedAt: Date; generatedBy: string }): Promise<Buffer> {
  const content = version.content as unknown as CertificationContent;
  const c = content.certification;
  const title = c.kind === 'initial' ? 'Initial CIP certification' : `Annual CIP certification, period ${c.period}`;
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: title, Author: 'cipdesk', Subject: `CIP certification, case ${meta.caseId}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Every line is laid out by writeRuns, as in the legal dossier: it breaks only at spaces, so a
  // hyphenated word, a time zone or a digest reads back whole from the PDF's text; a heading is
  // kept with its first lines, never left alone at the foot of a page.
  const { write, para, line, heading } = recordWriter(doc, { regular: REGULAR, bold: BOLD }, { size: 13, bodySize: 10 });
  /** A procedure's title, kept with the first lines of its text like a heading. */
  const subheading = (text: string) => heading(text, { size: 10, spaceBefore: 0, spaceAfter: 0 });
  const indented = (text: string) => para(text, 20);

  doc.fontSize(18);
  write([{ text: title, font: BOLD }]);
  doc.fontSize(9);
  para(`Generated ${meta.generatedAt.toISOString()} by ${meta.generatedBy} from cipdesk. Times are UTC.`);
  if (version.kind !== 'filed') {
    doc.moveDown(0.5).fontSize(12).fillColor('red');
    write([{ text: 'DRAFT: assembled, not attested, not filed', font: BOLD }]);
    doc.fillColor('black');
  }
  doc.fontSize(10);

  heading('The certification');
  line('Case', meta.caseId);
  line('Version', `${version.version} (${version.kind})`);
  line('SHA-256 of its JSON', version.sha256);
  if (c.periodStartsOn) line('Period starts', c.periodStartsOn);
  line('Due', c.dueDate);
  line('Rule set', c.ruleSetId);
  line('Assembled', c.assembledAt);

  heading('Written CIP');
  const cip = content.provider.writtenCip;
  para(cip ? `Version ${cip.version}${cip.label ? ` (${cip.label})` : ''}, effective ${cip.effectiveAt}, SHA-256 ${cip.sha256}` : 'No written CIP on file.');
  heading('Procedures');
  for (const [part, entry] of Object.entries(content.provider.procedures)) {
    subheading(PROCEDURE_TITLES[part] ?? part);
    para(entry ? ('text' in entry ? entry.text : `${entry.statement} (supplied on the case by ${entry.by}, ${entry.at})`) : 'MISSING');
    doc.moveDown(0.3);
  }
  heading('Person responsible for the CIP');
  const contact = content.provider.cipContact;
  para(contact ? [contact.name, contact.title, contact.email, contact.telephone].filter(Boolean).join(', ') : 'MISSING');

  heading('Customer base in foreign jurisdictions');
  const base = content.customerBase;
  // The two counts answer different questions; printed bare, "Foreign customers: 0" beside one
  // unverified foreign account reads as a contradiction to whoever signs it.
  doc.fontSize(9);
  para(CUSTOMER_BASE_NOTE);
  doc.fontSize(10).moveDown(0.3);
  line('Foreign customers served', String(base.foreignCustomers.total));
  for (const r of base.foreignCustomers.byCountry) indented(`${r.country}: ${r.count}`);
  line('Foreign beneficial owners', String(base.foreignBeneficialOwners.total));
  for (const r of base.foreignBeneficialOwners.byCountry) indented(`${r.country}: ${r.count}`);
  line('Foreign accounts whose identity is not yet verified', String(base.unverifiedForeignAccounts));
  const pending = base.unverifiedPendingApplications;
  if (pending === undefined) {
    indented('(applications not yet opened are included; their applicants are not among the foreign customers served)');
  } else {
    indented(`accounts in use: ${base.unverifiedForeignAccounts - pending}`);
    indented(`applications not yet opened: ${pending} (their applicants are not among the foreign customers served)`);
  }

  heading('Foreign resellers');
  if (content.foreignResellers.length === 0) para('None.');
  for (const r of content.foreignResellers) {
    const cipText = r.cip ? `CIP version ${r.cip.version} on file (SHA-256 ${r.cip.sha256})` : r.part.supplied ? `no CIP on file; statement: ${r.part.supplied.statement}` : 'no CIP on file';
    para(`${r.legalName} (${r.jurisdiction}), ${r.status}, ${r.accounts} account(s): ${cipText}; part ${r.part.status}`);
  }
  if (content.missingParts.length > 0) {
    heading('Missing parts');
    for (const m of content.missingParts) para(`${m.part}: ${m.description}`);
  }
  heading('Attestation');
  if (content.attestation) {
    line('Attested by the CIP contact', `${content.attestation.cipContact} at ${content.attestation.attestedAt}`);
    line('Approved by the reviewer', `${content.attestation.reviewer} at ${content.attestation.reviewedAt}`);
    line('Filed', content.attestation.filedAt);
  } else {
    para('Not attested.');
  }
  doc.end();
  return done;
}
