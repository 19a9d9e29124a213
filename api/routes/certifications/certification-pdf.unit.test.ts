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
import { CUSTOMER_BASE_NOTE, renderCertificationPdf } from './certification-pdf.js';

function version(customerBase: CertificationFigures): CipCertificationVersionRow {
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
