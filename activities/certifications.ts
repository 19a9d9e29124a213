// Activities of the CIP certification: assembling a certification from what the desk records
// (the provider's settings and CIP on file, customers and beneficial owners, foreign resellers
// and their CIPs), and filing it once two people attested it. Each assembly and the filing is
// an immutable version in `cip_certification_versions`; the workflow holds only its id, its
// digest, the missing parts and the headline figures, never the contact's personal data.
import { createHash } from 'node:crypto';
import { getDocumentMeta } from '../db/queries/documents.js';
import {
  PROVIDER_ID,
  appendCertificationVersion,
  certificationFigures,
  getCertificationVersionById,
  getProviderSettings,
  resellersForCertification,
  type CertificationFigures,
  type ResellerCertificationRow,
} from '../db/queries/certifications.js';
import { currentCipVersion } from '../db/queries/resellers.js';
import { CIP_PROCEDURE_PARTS, type CertificationKind, type CipContact, type CipProcedurePart } from '../db/schema/certifications.js';
import { resellerPart } from '../workflows/cip-certification/messages.js';
import type { ActivityDeps } from './deps.js';

/** What each part of a certification is, as the case's tasks name it. */
export const CERTIFICATION_PART_TITLES: Record<CipProcedurePart | 'written-cip' | 'cip-contact', string> = {
  'written-cip': "the provider's written CIP on file (POST /v1/provider/cip-documents)",
  'identity-verification-mechanisms': 'the mechanisms and tools used to verify the identity of foreign customers and beneficial owners',
  'ownership-change-procedures': 'the procedures for customers to notify changes of beneficial ownership',
  'ongoing-verification': 'the process for ongoing (periodic) verification of customer information',
  'malicious-activity-detection': 'the tools used to detect malicious cyber-enabled activity',
  'reseller-cip-procedures': 'the procedures that require foreign resellers to keep and implement a written CIP',
  'ai-training-identification': 'the procedures for identifying foreign customers that train large AI models',
  'cip-contact': 'the contact information of the person responsible for the CIP (PATCH /v1/provider/settings, cipContact)',
};

/** Parts that only their own record can supply (a statement on the case cannot stand in for them). */
export const RECORDED_ONLY_PARTS = ['written-cip', 'cip-contact'] as const;

export interface MissingPart {
  part: string;
  description: string;
}

/** A part a handler supplied on the case (decision `supply-part`): non-personal text. */
export interface SuppliedPart {
  statement: string;
  by: string;
  at: string;
}

export interface AssembleCertificationInput {
  /** Chosen by the workflow, so that a retried activity writes its version once. */
  versionId: string;
  caseId: string;
  certificationKind: CertificationKind;
  period: number | null;
  periodStartsOn: string | null;
  dueDate: string;
  ruleSetId: string;
  supplied: Record<string, SuppliedPart>;
  /** Who asked for the assembly (the workflow's `system`, or a handler's re-assembly). */
  assembledBy: string;
}

export interface CertificationSummary {
  foreignCustomers: number;
  foreignBeneficialOwners: number;
  foreignResellers: number;
  resellersWithoutCip: number;
  unverifiedForeignAccounts: number;
}

export interface AssembledCertification {
  versionId: string;
  version: number;
  sha256: string;
  missing: MissingPart[];
  /** The CIP contact's token subject: the first of the two who attest. */
  cipContactSubject: string | null;
  summary: CertificationSummary;
}

type ProcedureEntry = { text: string; source: 'provider-settings' } | ({ source: 'supplied-on-case' } & SuppliedPart) | null;

/** What a certification says, as stored (and printed). */
export interface CertificationContent {
  certification: { kind: CertificationKind; period: number | null; periodStartsOn: string | null; dueDate: string; ruleSetId: string; assembledAt: string };
  provider: {
    providerId: string;
    settingsVersion: number | null;
    writtenCip: { version: number; label: string | null; effectiveAt: string; sha256: string } | null;
    procedures: Record<CipProcedurePart, ProcedureEntry>;
    cipContact: CipContact | null;
  };
  customerBase: CertificationFigures;
  foreignResellers: (ResellerCertificationRow & {
    /** The reseller's part of the certification: its CIP on file, or a statement supplied on the case. */
    part: { status: 'complete' | 'missing' | 'not-required'; supplied?: SuppliedPart };
  })[];
  missingParts: MissingPart[];
  attestation?: { cipContact: string; attestedAt: string; reviewer: string; reviewedAt: string; filedAt: string };
}

/** JSON with keys sorted at every level: the digest does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const digest = (content: CertificationContent) => createHash('sha256').update(canonicalJson(content)).digest('hex');

export function createCertificationActivities({ db, clock }: ActivityDeps) {
  const now = () => (clock ? clock() : new Date());
  return {
    /** Assembles the certification from the records as they are now, as a new version. */
    async assembleCertification(input: AssembleCertificationInput): Promise<AssembledCertification> {
      const existing = await getCertificationVersionById(db, { id: input.versionId });
      const content: CertificationContent = existing
        ? (existing.content as unknown as CertificationContent)
        : await db.transaction(async (tx) => {
            const at = now();
            const settings = await getProviderSettings(tx, { providerId: PROVIDER_ID });
            const cipRow = await currentCipVersion(tx, { owner: { type: 'provider' }, at });
            const cipDocument = cipRow ? await getDocumentMeta(tx, { id: cipRow.documentId }) : undefined;
            const missing: MissingPart[] = [];
            if (!cipRow) missing.push({ part: 'written-cip', description: CERTIFICATION_PART_TITLES['written-cip'] });
            const procedures = {} as Record<CipProcedurePart, ProcedureEntry>;
            for (const part of CIP_PROCEDURE_PARTS) {
              const recorded = settings?.cipProcedures[part];
              const supplied = input.supplied[part];
              procedures[part] = recorded ? { text: recorded, source: 'provider-settings' } : supplied ? { source: 'supplied-on-case', ...supplied } : null;
              if (!procedures[part]) missing.push({ part, description: CERTIFICATION_PART_TITLES[part] });
            }
            const cipContact = settings?.cipContact ?? null;
            if (!cipContact) missing.push({ part: 'cip-contact', description: CERTIFICATION_PART_TITLES['cip-contact'] });
            const figures = await certificationFigures(tx, { readBy: `system:cip-certification:${input.caseId}` });
            const resellers = (await resellersForCertification(tx, { at })).map((r) => {
              const supplied = input.supplied[resellerPart(r.resellerId)];
              const status: 'complete' | 'missing' | 'not-required' = r.status === 'terminated' ? 'not-required' : r.cip || supplied ? 'complete' : 'missing';
              if (status === 'missing') {
                missing.push({
                  part: resellerPart(r.resellerId),
                  description: `the part of foreign reseller ${r.legalName} (${r.jurisdiction}): no written CIP of the reseller is on file (POST /v1/resellers/${r.resellerId}/cip-documents)`,
                });
              }
              return { ...r, part: { status, ...(supplied && !r.cip ? { supplied } : {}) } };
            });
            const assembled: CertificationContent = {
              certification: {
                kind: input.certificationKind,
                period: input.period,
                periodStartsOn: input.periodStartsOn,
                dueDate: input.dueDate,
                ruleSetId: input.ruleSetId,
                assembledAt: at.toISOString(),
              },
              provider: {
                providerId: PROVIDER_ID,
                settingsVersion: settings?.version ?? null,
                writtenCip: cipRow ? { version: cipRow.version, label: cipRow.label, effectiveAt: cipRow.effectiveAt.toISOString(), sha256: cipDocument!.sha256 } : null,
                procedures,
                cipContact,
              },
              customerBase: figures,
              foreignResellers: resellers,
              missingParts: missing,
            };
            await appendCertificationVersion(tx, {
              id: input.versionId,
              caseId: input.caseId,
              kind: 'assembled',
              certificationKind: input.certificationKind,
              period: input.period,
              content: assembled as unknown as Record<string, unknown>,
              sha256: digest(assembled),
              missingParts: missing.map((m) => m.part),
              assembledVersionId: null,
              attestedBy: null,
              attestedAt: null,
              reviewedBy: null,
              reviewedAt: null,
              recordedBy: input.assembledBy,
            });
            return assembled;
          });
      const row = (await getCertificationVersionById(db, { id: input.versionId }))!;
      return {
        versionId: row.id,
        version: row.version,
        sha256: row.sha256,
        missing: content.missingParts,
        cipContactSubject: content.provider.cipContact?.subject ?? null,
        summary: {
          foreignCustomers: content.customerBase.foreignCustomers.total,
          foreignBeneficialOwners: content.customerBase.foreignBeneficialOwners.total,
          foreignResellers: content.foreignResellers.length,
          resellersWithoutCip: content.foreignResellers.filter((r) => r.part.status === 'missing').length,
          unverifiedForeignAccounts: content.customerBase.unverifiedForeignAccounts,
        },
      };
    },

    /** Files an assembled version that the CIP contact attested and a reviewer approved: a new, immutable version. */
    async fileCertification(input: {
      filedVersionId: string;
      assembledVersionId: string;
      attestedBy: string;
      attestedAt: string;
      reviewedBy: string;
      reviewedAt: string;
    }): Promise<{ versionId: string; version: number; sha256: string }> {
      const assembled = await getCertificationVersionById(db, { id: input.assembledVersionId });
      if (!assembled) throw new Error(`assembled certification ${input.assembledVersionId} is not on record`);
      const content: CertificationContent = {
        ...(assembled.content as unknown as CertificationContent),
        attestation: { cipContact: input.attestedBy, attestedAt: input.attestedAt, reviewer: input.reviewedBy, reviewedAt: input.reviewedAt, filedAt: input.reviewedAt },
      };
      const row = await db.transaction((tx) =>
        appendCertificationVersion(tx, {
          id: input.filedVersionId,
          caseId: assembled.caseId,
          kind: 'filed',
          certificationKind: assembled.certificationKind,
          period: assembled.period,
          content: content as unknown as Record<string, unknown>,
          sha256: digest(content),
          missingParts: [],
          assembledVersionId: assembled.id,
          attestedBy: input.attestedBy,
          attestedAt: new Date(input.attestedAt),
          reviewedBy: input.reviewedBy,
          reviewedAt: new Date(input.reviewedAt),
          recordedBy: input.reviewedBy,
        }),
      );
      return { versionId: row.id, version: row.version, sha256: row.sha256 };
    },
  };
}

export type CertificationActivities = ReturnType<typeof createCertificationActivities>;
