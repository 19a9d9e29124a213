// Written CIPs on file: the provider's own and each foreign reseller's, as immutable numbered
// versions. The file is stored in the generic document store; a download returns exactly the
// stored bytes with their SHA-256.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import { providerCipRecordedFact, providerResellerCipRecordedFact, resellerCipRecordedFact } from '../../../workflows/kit/index.js';
import { deliverFactToSubjectCases, factAbout } from '../../facts/deliver.js';
import { cipVersionInForce } from '../../../rules/index.js';
import type { Database } from '../../../db/client.js';
import { getDocument, getDocumentMeta, insertDocument } from '../../../db/queries/documents.js';
import { PROVIDER_ID } from '../../../db/queries/certifications.js';
import { getCipVersion, insertCipVersion, listCipVersions, lockReseller, type CipOwner } from '../../../db/queries/resellers.js';
import type { DocumentMeta } from '../../../db/schema/documents.js';
import type { CipDocumentRow } from '../../../db/schema/resellers.js';
import { AppError, badInput, notFound } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { instantField, readDocumentUpload } from '../documents/upload.js';
import { resellerOrNotFound } from '../resellers/resellers.usecases.js';
import { recordedInstant } from '../rule-input.js';

interface Deps {
  db: { db: Database };
  now: () => Date;
  providerTimeZone: string;
  documentMaxBytes: number;
  temporal: { client: Client };
}

export const CIP_UPLOAD_FIELDS = ['receivedAt', 'effectiveAt', 'label'] as const;

const ownerPath = (owner: CipOwner) => (owner.type === 'provider' ? '/v1/provider/cip-documents' : `/v1/resellers/${owner.resellerId}/cip-documents`);

export function toCipVersionDto(owner: CipOwner, row: CipDocumentRow, document: DocumentMeta) {
  return {
    id: row.id,
    owner,
    version: row.version,
    label: row.label,
    receivedAt: row.receivedAt.toISOString(),
    effectiveAt: row.effectiveAt.toISOString(),
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
    document: {
      id: document.id,
      contentType: document.contentType,
      filename: document.filename,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
    },
    contentUrl: `${ownerPath(owner)}/${row.version}/content`,
  };
}

/**
 * Reads the multipart upload, then stores the document and the next version in one transaction;
 * the open cases of the owner (a CIP request waiting for it) hear of the new version.
 */
export async function recordCipVersion(deps: Deps, principal: Principal, owner: CipOwner, request: FastifyRequest) {
  const upload = await readDocumentUpload(request, { maxBytes: deps.documentMaxBytes, allowedFields: CIP_UPLOAD_FIELDS });
  const now = deps.now();
  const receivedAt = instantField(upload.fields, 'receivedAt', { required: true })!;
  recordedInstant(deps, receivedAt, 'body.receivedAt');
  const effectiveAt = instantField(upload.fields, 'effectiveAt', { required: false }) ?? receivedAt;
  const label = upload.fields.label?.trim() || null;
  if (label && label.length > 200) throw badInput('body.label', 'must be at most 200 characters');
  const recorded = await deps.db.db.transaction(async (tx) => {
    if (owner.type === 'foreign-reseller' && !(await lockReseller(tx, { id: owner.resellerId }))) throw notFound('reseller', owner.resellerId);
    const document = await insertDocument(tx, {
      purpose: 'cip',
      contentType: upload.file.contentType,
      filename: upload.file.filename,
      content: upload.file.content,
      uploadedBy: principal.subject,
      uploadedAt: now,
    });
    const row = await insertCipVersion(tx, {
      id: randomUUID(),
      owner,
      label,
      documentId: document.id,
      receivedAt,
      effectiveAt,
      recordedBy: principal.subject,
    });
    return toCipVersionDto(owner, row, document);
  });
  const fact = { version: recorded.version, receivedAt: recorded.receivedAt, effectiveAt: recorded.effectiveAt, recordedBy: principal.subject };
  const delivery = { ...deps, log: request.log };
  if (owner.type === 'foreign-reseller') {
    await deliverFactToSubjectCases(delivery, factAbout(resellerCipRecordedFact, owner.resellerId, fact));
    // The provider's certification certifies each reseller's CIP too: its reseller part may now be on file.
    await deliverFactToSubjectCases(delivery, factAbout(providerResellerCipRecordedFact, PROVIDER_ID, { ...fact, resellerId: owner.resellerId }));
  } else await deliverFactToSubjectCases(delivery, factAbout(providerCipRecordedFact, PROVIDER_ID, fact));
  return recorded;
}

async function checkOwner(db: Database, owner: CipOwner) {
  if (owner.type === 'foreign-reseller') await resellerOrNotFound(db, owner.resellerId);
}

export async function listCipVersionDtos(deps: Deps, owner: CipOwner) {
  const db = deps.db.db;
  await checkOwner(db, owner);
  const rows = await listCipVersions(db, { owner });
  const items = [];
  for (const row of rows) items.push(toCipVersionDto(owner, row, (await getDocumentMeta(db, { id: row.documentId }))!));
  return { items, versionInForce: cipVersionInForce(rows, deps.now())?.version ?? null };
}

export async function cipVersionOrNotFound(db: Database, owner: CipOwner, version: number): Promise<CipDocumentRow> {
  await checkOwner(db, owner);
  const row = await getCipVersion(db, { owner, version });
  if (!row) throw new AppError('cip_document.not_found', 404, `version ${version} of this CIP is not on file`);
  return row;
}

export async function readCipVersion(deps: Deps, owner: CipOwner, version: number) {
  const row = await cipVersionOrNotFound(deps.db.db, owner, version);
  return toCipVersionDto(owner, row, (await getDocumentMeta(deps.db.db, { id: row.documentId }))!);
}

export async function readCipContent(deps: Deps, owner: CipOwner, version: number) {
  const row = await cipVersionOrNotFound(deps.db.db, owner, version);
  return (await getDocument(deps.db.db, { id: row.documentId }))!;
}
