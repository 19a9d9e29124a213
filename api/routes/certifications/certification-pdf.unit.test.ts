// The printed certification's customer base: the examiner read "Foreign customers: 0" beside
// "Foreign accounts whose identity is not yet verified: 1" (a pending application is an
// unverified foreign account but not yet a customer served). The PDF says what each figure
// counts and splits the unverified accounts into accounts in use and applications not yet opened.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CertificationContent } from '../../../activities/certifications.js';
import type { CertificationFigures } from '../../../db/queries/certifications.js';
import type { CipCertificationVersionRow } from '../../../db/schema/certifications.js';
import { PDFTOTEXT_MODES, pageFootLines, pdfText } from '../../../test/helpers/pdf-text.js';
import { CUSTOMER_BASE_NOTE, renderCertificationPdf } from './certification-pdf.js';

function version(customerBase: CertificationFigures, more: Partial<CertificationContent> = {}): CipCertificationVersionRow {
  const content: CertificationContent = {
    certification: { kind: 'annual', period: 2026, periodStartsOn: '2026-01-15', dueDate: '2027-01-15', ruleSetId: 'NPRM-2024', assembledAt: '2026-11-29T01:00:00.000Z' },
    provider: {
      providerId: 'provider',
      settingsVersion: 1,
      writtenCip: null,
      procedures: {} as CertificationContent['provider']['procedures'],
      cipContact: null,
    },
    customerBase,
    foreignResellers: [],
    missingParts: [],
    ...more,
  };
  return {
    id: 'version-1',
    caseId: 'case-1',
    version: 1,
    kind: 'assembled',
    certificationKind: 'annual',
    period: 2026,
    content: content as unknown as Record<string, unknown>,
    sha256: 'abc',
    missingParts: [],
    assembledVersionId: null,
    attestedBy: null,
    attestedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    recordedAt: new Date('2026-11-29T01:00:00Z'),
    recordedBy: 'system',
  };
}

async function customerBaseText(customerBase: CertificationFigures): Promise<string> {
  const pdf = await renderCertificationPdf(version(customerBase), { caseId: 'case-1', generatedAt: new Date('2026-11-29T01:05:00Z'), generatedBy: 'dev-legal' });
  const file = join(mkdtempSync(join(tmpdir(), 'certification-unit-')), 'certification.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return text.slice(text.indexOf('Customer base in foreign jurisdictions'), text.indexOf('Foreign resellers'));
}

const none = { total: 0, byCountry: [] };

describe('certification PDF, customer base', () => {
  it('says that an application not yet opened is an unverified foreign account but not a customer served', async () => {
    const text = await customerBaseText({ foreignCustomers: none, foreignBeneficialOwners: none, unverifiedForeignAccounts: 1, unverifiedPendingApplications: 1 });
    expect(text).toContain(CUSTOMER_BASE_NOTE.replace(/\s+/g, ' '));
    expect(text).toContain('Foreign customers served: 0');
    expect(text).toContain('Foreign accounts whose identity is not yet verified: 1');
    expect(text).toContain('accounts in use: 0');
    expect(text).toContain('applications not yet opened: 1 (their applicants are not among the foreign customers served)');
  });

  it('splits the unverified accounts into accounts in use and applications', async () => {
    const text = await customerBaseText({
      foreignCustomers: { total: 3, byCountry: [{ country: 'DE', count: 3 }] },
      foreignBeneficialOwners: none,
      unverifiedForeignAccounts: 5,
      unverifiedPendingApplications: 2,
    });
    expect(text).toContain('Foreign customers served: 3');
    expect(text).toContain('accounts in use: 3');
    expect(text).toContain('applications not yet opened: 2');
  });

  it('still explains the figure in a version assembled before applications were counted apart', async () => {
    const text = await customerBaseText({ foreignCustomers: none, foreignBeneficialOwners: none, unverifiedForeignAccounts: 1 });
    expect(text).toContain('Foreign accounts whose identity is not yet verified: 1');
    expect(text).toContain('(applications not yet opened are included; their applicants are not among the foreign customers served)');
    expect(text).not.toContain('accounts in use');
  });
});

const COMPOUNDS = ['customer-identification', 'foreign-reseller-termination', 'obligation-specific', 'America/New_York', 'cross-border', 'AI-training'];
/** A sentence shifted by a few letters, so that over many of them every compound meets a line end somewhere. */
const shifted = (shift: number) =>
  `${'n'.repeat(1 + (shift % 10))} ${'so '.repeat(Math.floor(shift / 10))}Reviewed at the start of the day in America/New_York under the customer-identification provisions and the foreign-reseller-termination obligation-specific cross-border AI-training arrangements.`;
const PROCEDURES = ['identity-verification-mechanisms', 'ownership-change-procedures', 'ongoing-verification', 'malicious-activity-detection', 'reseller-cip-procedures', 'ai-training-identification'] as const;
const HEADINGS = [
  'The certification',
  'Written CIP',
  'Procedures',
  'Person responsible for the CIP',
  'Customer base in foreign jurisdictions',
  'Foreign resellers',
  'Missing parts',
  'Attestation',
  'Mechanisms and tools used to verify identity',
  'Procedures for customers to notify ownership changes',
  'Process for ongoing verification',
  'Tools used to detect malicious cyber-enabled activity',
  'Procedures requiring foreign resellers to keep a CIP',
  'Procedures for identifying foreign customers training large AI models',
];

/** A certification whose procedures, resellers and missing parts run over pages; `padding` lengthens the first procedure by lines. */
function longCertification(sentences: number, padding = 0): CipCertificationVersionRow {
  const text = (from: number, n: number) => Array.from({ length: n }, (_, i) => shifted(from + i)).join(' ');
  const procedures = Object.fromEntries(
    PROCEDURES.map((part, i) => [part, { text: `${i === 0 ? 'word '.repeat(padding * 14) : ''}${text(i * sentences, sentences)}`, source: 'provider-settings' as const }]),
  ) as CertificationContent['provider']['procedures'];
  const base = version({ foreignCustomers: none, foreignBeneficialOwners: none, unverifiedForeignAccounts: 0, unverifiedPendingApplications: 0 });
  const content = base.content as unknown as CertificationContent;
  return {
    ...base,
    content: {
      ...content,
      provider: { ...content.provider, procedures },
      foreignResellers: Array.from({ length: 8 }, (_, i) => ({
        resellerId: `r${i}`,
        legalName: `Cross-border AI-training Reseller ${i}`,
        jurisdiction: 'DE',
        status: 'active',
        cip: null,
        accounts: i,
        part: { status: 'missing' as const },
      })),
      missingParts: Array.from({ length: 6 }, (_, i) => ({ part: `reseller:r${i}`, description: shifted(i * 7) })),
    } as unknown as Record<string, unknown>,
  };
}

const render = (row: CipCertificationVersionRow) => renderCertificationPdf(row, { caseId: 'case-1', generatedAt: new Date('2026-11-29T01:05:00Z'), generatedBy: 'dev-legal' });

describe('certification PDF, lines and headings', () => {
  it('keeps hyphenated words and time zones whole wherever a line ends, as pdftotext reads them back in both modes', async () => {
    const pdf = await render(longCertification(8));
    for (const mode of PDFTOTEXT_MODES) {
      const text = pdfText(pdf, mode).replace(/\s+/g, ' ');
      for (let i = 0; i < PROCEDURES.length * 8; i++) expect(text, `${mode.join(' ')} sentence ${i}`).toContain(shifted(i));
      for (const word of COMPOUNDS) expect(text.split(word.replace(/[-/]/g, '')).length, `${mode.join(' ')}: ${word} glued`).toBe(1);
      expect(text).toContain('Cross-border AI-training Reseller 7 (DE), active, 7 account(s): no CIP on file; part missing');
    }
  }, 60_000); // dozens of PDFs rendered and read back by pdftotext: seconds on a busy machine

  it('never leaves a heading alone at the foot of a page, however long the text above it', async () => {
    let pages = 0;
    for (let padding = 0; padding < 24; padding++) {
      const text = pdfText(await render(longCertification(3, padding)), ['-layout']);
      const feet = pageFootLines(text);
      pages = Math.max(pages, feet.length + 1);
      for (const foot of feet) expect(HEADINGS, `padding ${padding}: a page ends with "${foot}"`).not.toContain(foot);
    }
    expect(pages).toBeGreaterThan(1);
  }, 60_000);
});
