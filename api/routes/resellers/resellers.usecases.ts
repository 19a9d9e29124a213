// Foreign resellers: registration, reads, updates and the oversight record. A reseller's status
// is not set here: the oversight case owns it (under review, terminating, terminated,
// reinstated).
import { randomUUID } from 'node:crypto';
import type { Database, DbOrTx } from '../../../db/client.js';
import { getDocumentMeta } from '../../../db/queries/documents.js';
import { afterCursor, pageAnswer } from '../list-page.js';
import {
  currentCipVersion,
  getResellerById,
  getResellerIssue,
  insertIssueAnswer,
  insertReseller,
  listAuthorityReports,
  listIssueAnswers,
  listNoncomplianceEvidence,
  listResellerAccountIds,
  listResellerIssues,
  listResellers as listResellerRows,
  lockReseller,
  missingAccounts,
  replaceResellerAccounts,
  updateResellerRow,
  type ResellerListFilter,
} from '../../../db/queries/resellers.js';
import type { ResellerRow } from '../../../db/schema/resellers.js';
import { badInput, notFound } from '../../errors.js';
import { deliverFactToSubjectCases, factAbout } from '../../facts/deliver.js';
import { resellerAnsweredFact } from '../../../workflows/kit/index.js';
import type { CaseStartDeps } from '../start-case.js';
import { checkResellerAgainstSpecialMeasures, openResellerMeasureReviews } from './special-measures-check.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../../plugins/auth.js';
import type { CreateResellerBodyT, ResellerDto, UpdateResellerBodyT } from './resellers.schemas.js';
import { recordedInstant } from '../rule-input.js';

interface Deps {
  db: { db: Database };
  now: () => Date;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** The United States and its territories: a reseller organized there is not a foreign person. */
const US_JURISDICTIONS = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM']);

function checkJurisdiction(code: string, field: string): void {
  // Intl knows the assigned ISO 3166-1 codes; an unassigned one comes back as the code itself.
  if (regionNames.of(code) === code) throw badInput(field, `${code} is not an assigned ISO 3166-1 alpha-2 code`);
  if (US_JURISDICTIONS.has(code)) throw badInput(field, `${code} is the United States or one of its territories; a foreign reseller is organized elsewhere`);
}

async function checkAccounts(db: DbOrTx, accountIds: string[]): Promise<void> {
  const missing = await missingAccounts(db, { accountIds });
  if (missing.length) {
    const index = accountIds.indexOf(missing[0]!);
    throw badInput(`body.accountIds.${index}`, `account ${missing[0]} does not exist`);
  }
}

export async function toResellerDto(db: DbOrTx, row: ResellerRow, now: Date): Promise<ResellerDto> {
  const [accountIds, cip] = await Promise.all([
    listResellerAccountIds(db, { resellerId: row.id }),
    currentCipVersion(db, { owner: { type: 'foreign-reseller', resellerId: row.id }, at: now }),
  ]);
  const document = cip ? await getDocumentMeta(db, { id: cip.documentId }) : undefined;
  return {
    ...toResellerSummaryDto(row),
    contacts: row.contacts,
    accountIds,
    currentCip:
      cip && document
        ? { version: cip.version, label: cip.label, receivedAt: cip.receivedAt.toISOString(), effectiveAt: cip.effectiveAt.toISOString(), sha256: document.sha256 }
        : null,
  };
}

export function toResellerSummaryDto(row: ResellerRow) {
  return {
    id: row.id,
    legalName: row.legalName,
    jurisdiction: row.jurisdiction,
    status: row.status,
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    statusChangedBy: row.statusChangedBy,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createReseller(deps: Deps & CaseStartDeps, principal: Principal, body: CreateResellerBodyT) {
  checkJurisdiction(body.jurisdiction, 'body.jurisdiction');
  const at = deps.now();
  const measures = await checkResellerAgainstSpecialMeasures(deps, body, at);
  const reseller = await deps.db.db.transaction(async (tx) => {
    await checkAccounts(tx, body.accountIds);
    const row = await insertReseller(tx, {
      id: randomUUID(),
      legalName: body.legalName,
      jurisdiction: body.jurisdiction,
      contacts: body.contacts,
      createdBy: principal.subject,
      createdAt: at,
    });
    await replaceResellerAccounts(tx, { resellerId: row.id, accountIds: body.accountIds, actor: principal.subject, at });
    return toResellerDto(tx, row, at);
  });
  return { ...reseller, specialMeasures: await openResellerMeasureReviews(deps, reseller.id, measures, principal.subject) };
}

export async function resellerOrNotFound(db: DbOrTx, id: string): Promise<ResellerRow> {
  const row = await getResellerById(db, { id });
  if (!row) throw notFound('reseller', id);
  return row;
}

export async function readReseller(deps: Deps, id: string): Promise<ResellerDto> {
  return toResellerDto(deps.db.db, await resellerOrNotFound(deps.db.db, id), deps.now());
}

export async function updateReseller(deps: Deps, principal: Principal, id: string, body: UpdateResellerBodyT): Promise<ResellerDto> {
  if (body.jurisdiction) checkJurisdiction(body.jurisdiction, 'body.jurisdiction');
  const at = deps.now();
  return deps.db.db.transaction(async (tx) => {
    if (!(await lockReseller(tx, { id }))) throw notFound('reseller', id);
    if (body.accountIds) {
      await checkAccounts(tx, body.accountIds);
      await replaceResellerAccounts(tx, { resellerId: id, accountIds: body.accountIds, actor: principal.subject, at });
    }
    const { accountIds: _accounts, ...patch } = body;
    const row = (await updateResellerRow(tx, { id, at, patch }))!;
    return toResellerDto(tx, row, at);
  });
}

export async function listResellers(deps: Deps, query: ResellerListFilter & { limit: number; cursor?: string }) {
  const { cursor, ...filter } = query;
  return pageAnswer(await listResellerRows(deps.db.db, { ...filter, ...afterCursor(cursor) }), toResellerSummaryDto);
}

const iso = (d: Date) => d.toISOString();

/** Records the reseller's answer to an identified issue, then tells its open oversight case. */
export async function recordIssueAnswer(
  deps: Deps & CaseStartDeps,
  log: FastifyBaseLogger,
  principal: Principal,
  params: { resellerId: string; issueId: string },
  body: { answer: string; claimsCured: boolean; receivedAt: string },
) {
  const receivedAt = new Date(body.receivedAt);
  recordedInstant(deps, receivedAt, 'body.receivedAt');
  await resellerOrNotFound(deps.db.db, params.resellerId);
  const issue = await getResellerIssue(deps.db.db, params);
  if (!issue) throw notFound('issue', params.issueId);
  if (receivedAt < issue.identifiedAt) throw badInput('body.receivedAt', 'must not be before the issue was identified');
  const row = await insertIssueAnswer(deps.db.db, {
    id: randomUUID(),
    issueId: issue.id,
    resellerId: params.resellerId,
    answer: body.answer,
    claimsCured: body.claimsCured,
    receivedAt,
    documentId: null,
    recordedBy: principal.subject,
  });
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(resellerAnsweredFact, params.resellerId, {
    answerId: row.id,
    issueId: issue.id,
    claimsCured: row.claimsCured,
    receivedAt: iso(receivedAt),
    recordedBy: principal.subject,
  }));
  return { ...row, receivedAt: iso(row.receivedAt), recordedAt: iso(row.recordedAt), afterCureBy: receivedAt > issue.cureBy };
}

/** Evidence, issues identified, the reseller's answers and reports to authorities, oldest first. */
export async function readOversightRecord(deps: Deps, resellerId: string) {
  const db = deps.db.db;
  await resellerOrNotFound(db, resellerId);
  const [evidence, issues, answers, reports] = await Promise.all([
    listNoncomplianceEvidence(db, { resellerId }),
    listResellerIssues(db, { resellerId }),
    listIssueAnswers(db, { resellerId }),
    listAuthorityReports(db, { resellerId }),
  ]);
  return {
    evidence: evidence.map((e) => ({ ...e, observedAt: iso(e.observedAt), recordedAt: iso(e.recordedAt) })),
    issues: issues.map((i) => ({ ...i, identifiedAt: iso(i.identifiedAt), cureBy: iso(i.cureBy) })),
    answers: answers.map((a) => ({ ...a, receivedAt: iso(a.receivedAt), recordedAt: iso(a.recordedAt) })),
    authorityReports: reports.map((r) => ({ ...r, sentAt: iso(r.sentAt), recordedAt: iso(r.recordedAt) })),
  };
}
