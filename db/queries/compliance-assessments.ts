// Compliance assessments: the case as opened, and the projection of its workflow (findings with
// one row per deficiency and per recommendation, each recommendation's outcome, the CIP
// resubmission, a missed remediation deadline, the status). Every write the workflow makes is
// idempotent: a retried activity changes nothing the first did not.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  assessmentDeficiencies,
  assessmentEvidence,
  assessmentRecommendations,
  complianceAssessments,
  type AssessmentDeficiencyRow,
  type AssessmentEvidenceRow,
  type AssessmentKind,
  type AssessmentRecommendationRow,
  type AssessmentStatus,
  type ComplianceAssessmentRow,
  type NewComplianceAssessmentRow,
} from '../schema/compliance-assessments.js';
import { selectKeysetPage, type KeysetCursor, type Page } from './pagination.js';

export interface ComplianceAssessmentDetail {
  assessment: ComplianceAssessmentRow;
  deficiencies: AssessmentDeficiencyRow[];
  recommendations: AssessmentRecommendationRow[];
  evidence: AssessmentEvidenceRow[];
}

/** Stores a new assessment; a repeat of its kind and reference returns the existing one. */
export async function insertComplianceAssessment(db: DbOrTx, row: NewComplianceAssessmentRow): Promise<{ created: boolean; assessment: ComplianceAssessmentRow }> {
  const [inserted] = await db.insert(complianceAssessments).values(row).onConflictDoNothing({ target: [complianceAssessments.kind, complianceAssessments.commerceReference] }).returning();
  if (inserted) return { created: true, assessment: inserted };
  const [existing] = await db
    .select()
    .from(complianceAssessments)
    .where(and(eq(complianceAssessments.kind, row.kind), eq(complianceAssessments.commerceReference, row.commerceReference)));
  return { created: false, assessment: existing! };
}

export async function getComplianceAssessment(db: DbOrTx, params: { id: string }): Promise<ComplianceAssessmentDetail | undefined> {
  const [assessment] = await db.select().from(complianceAssessments).where(eq(complianceAssessments.id, params.id));
  if (!assessment) return undefined;
  const [deficiencies, recommendations, evidence] = await Promise.all([
    db.select().from(assessmentDeficiencies).where(eq(assessmentDeficiencies.assessmentId, params.id)).orderBy(asc(assessmentDeficiencies.recordedAt), asc(assessmentDeficiencies.id)),
    db.select().from(assessmentRecommendations).where(eq(assessmentRecommendations.assessmentId, params.id)).orderBy(asc(assessmentRecommendations.position)),
    db.select().from(assessmentEvidence).where(eq(assessmentEvidence.assessmentId, params.id)).orderBy(asc(assessmentEvidence.recordedAt)),
  ]);
  return { assessment, deficiencies, recommendations, evidence };
}

export interface ComplianceAssessmentFilter {
  kind?: AssessmentKind;
  status?: AssessmentStatus;
  resellerId?: string;
  /** true: only those whose remediation deadline was missed. */
  remediationBreached?: boolean;
  after?: KeysetCursor;
  limit?: number;
}

export async function listComplianceAssessments(db: DbOrTx, filter: ComplianceAssessmentFilter): Promise<Page<ComplianceAssessmentRow>> {
  const limit = filter.limit ?? 50;
  const t = complianceAssessments;
  const conditions: (SQL | undefined)[] = [
    filter.kind ? eq(t.kind, filter.kind) : undefined,
    filter.status ? eq(t.status, filter.status) : undefined,
    filter.resellerId ? eq(t.resellerId, filter.resellerId) : undefined,
    filter.remediationBreached === undefined ? undefined : filter.remediationBreached ? sql`${t.remediationBreachedAt} is not null` : sql`${t.remediationBreachedAt} is null`,
  ];
  return selectKeysetPage(db, t, { at: 'createdAt', id: 'id' }, conditions, { limit, after: filter.after });
}

/** Commerce's findings: one row per deficiency and per recommendation, and the remediation deadline. */
export async function recordAssessmentFindings(
  db: DbOrTx,
  params: {
    assessmentId: string;
    findingsReceivedAt: Date;
    remediationDueAt: Date;
    deficiencies: { id: string; description: string }[];
    recommendations: { id: string; description: string }[];
    recordedBy: string;
    /** When the findings were recorded here (not when Commerce's findings were received). */
    recordedAt: Date;
  },
): Promise<void> {
  const { recordedAt } = params;
  await db.transaction(async (tx) => {
    // The findings and the deadline they start are one change.
    if (params.deficiencies.length > 0) {
      await tx
        .insert(assessmentDeficiencies)
        .values(params.deficiencies.map((d) => ({ id: d.id, assessmentId: params.assessmentId, description: d.description, recordedBy: params.recordedBy, recordedAt })))
        .onConflictDoNothing();
    }
    if (params.recommendations.length > 0) {
      await tx
        .insert(assessmentRecommendations)
        .values(params.recommendations.map((r, i) => ({ id: r.id, assessmentId: params.assessmentId, position: i + 1, description: r.description, recordedAt })))
        .onConflictDoNothing();
    }
    await tx
      .update(complianceAssessments)
      .set({ status: 'remediating', findingsReceivedAt: params.findingsReceivedAt, remediationDueAt: params.remediationDueAt })
      .where(and(eq(complianceAssessments.id, params.assessmentId), eq(complianceAssessments.status, 'under-assessment')));
  });
}

export async function resolveAssessmentRecommendation(
  db: DbOrTx,
  params: {
    recommendationId: string;
    status: 'implemented' | 'not-implemented';
    evidence: string | null;
    evidenceDocumentId: string | null;
    notImplementedReason: string | null;
    resolvedBy: string;
    resolvedAt: Date;
  },
): Promise<void> {
  await db
    .update(assessmentRecommendations)
    .set({
      status: params.status,
      evidence: params.evidence,
      evidenceDocumentId: params.evidenceDocumentId,
      notImplementedReason: params.notImplementedReason,
      resolvedBy: params.resolvedBy,
      resolvedAt: params.resolvedAt,
    })
    .where(eq(assessmentRecommendations.id, params.recommendationId));
}

export async function recordAssessmentResubmission(
  db: DbOrTx,
  params: { assessmentId: string; cipVersion: number; documentId: string; sha256: string; resubmittedAt: Date; reference: string | null; resubmittedBy: string },
): Promise<void> {
  await db
    .update(complianceAssessments)
    .set({
      resubmittedCipVersion: params.cipVersion,
      resubmittedDocumentId: params.documentId,
      resubmittedSha256: params.sha256,
      resubmittedAt: params.resubmittedAt,
      resubmissionReference: params.reference,
      resubmittedBy: params.resubmittedBy,
    })
    .where(eq(complianceAssessments.id, params.assessmentId));
}

/** The assessment's status as its workflow last recorded it; a missed deadline and the closing instant are kept once set. */
export async function setAssessmentStatus(db: DbOrTx, params: { assessmentId: string; status: AssessmentStatus; breachedAt?: Date; closedAt?: Date }): Promise<void> {
  const t = complianceAssessments;
  await db
    .update(t)
    .set({
      status: params.status,
      ...(params.breachedAt ? { remediationBreachedAt: sql`coalesce(${t.remediationBreachedAt}, ${params.breachedAt.toISOString()}::timestamptz)` } : {}),
      ...(params.closedAt ? { closedAt: sql`coalesce(${t.closedAt}, ${params.closedAt.toISOString()}::timestamptz)` } : {}),
    })
    .where(eq(t.id, params.assessmentId));
}

export async function insertAssessmentEvidence(db: DbOrTx, row: { documentId: string; assessmentId: string; label: string | null; recordedBy: string; recordedAt: Date }): Promise<AssessmentEvidenceRow> {
  const [inserted] = await db.insert(assessmentEvidence).values(row).returning();
  return inserted!;
}

export async function getAssessmentEvidence(db: DbOrTx, params: { assessmentId: string; documentId: string }): Promise<AssessmentEvidenceRow | undefined> {
  const [row] = await db
    .select()
    .from(assessmentEvidence)
    .where(and(eq(assessmentEvidence.assessmentId, params.assessmentId), eq(assessmentEvidence.documentId, params.documentId)));
  return row;
}
