// Applying for an exemption: the multipart upload is read and every field checked before
// anything is stored, then the program document and the application are stored together, and
// the exemption's workflow is started (stored first, started after: a repeat of the same
// application reference starts a workflow a crash left unstarted).
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { getCustomerById } from '../../../db/queries/customers.js';
import { getDocument, getDocumentMeta, insertDocument } from '../../../db/queries/documents.js';
import { getExemption, getExemptionByReference, insertExemption } from '../../../db/queries/exemptions.js';
import { getResellerById } from '../../../db/queries/resellers.js';
import { EXEMPTION_SCOPES, type ExemptionRow, type ExemptionScope } from '../../../db/schema/exemptions.js';
import { CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import type { ExemptionInput } from '../../../workflows/exemption/messages.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput, notFound } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { instantField, readDocumentUpload } from '../documents/upload.js';
import { openCaseOnce, waitForCaseRow } from '../start-case.js';
import { exemptionSubject, toExemptionDetailDto, toExemptionDto } from './exemption-dto.js';
import { EXEMPTION_UPLOAD_FIELDS } from './exemptions.schemas.js';
import { recordedInstant } from '../rule-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT_TYPE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** The field each scope names its subject with. */
const SUBJECT_FIELD = { provider: null, 'account-type': 'accountType', lessee: 'customerId', 'foreign-reseller': 'resellerId' } as const;

const text = (fields: Record<string, string>, name: string, maxLength: number, options: { required: boolean }): string | null => {
  const value = fields[name]?.trim() ?? '';
  if (value === '') {
    if (options.required) throw badInput(`body.${name}`, 'is required');
    return null;
  }
  if (value.length > maxLength) throw badInput(`body.${name}`, `must be at most ${maxLength} characters`);
  return value;
};

export function exemptionWorkflowInput(row: ExemptionRow, openedBy: string): ExemptionInput {
  return {
    caseId: row.caseId,
    exemptionId: row.id,
    applicationReference: row.applicationReference,
    scope: row.scope,
    subject: exemptionSubject(row),
    programDocumentId: row.programDocumentId,
    submittedAt: row.submittedAt.toISOString(),
    ruleSetId: row.ruleSetId,
    timeZone: row.timeZone,
    openedBy,
  };
}

/** Reads and checks the application (nothing stored yet): the part bad input never gets past. */
async function readApplication(deps: Required<AppDeps>, request: FastifyRequest) {
  const upload = await readDocumentUpload(request, { maxBytes: deps.documentMaxBytes, allowedFields: EXEMPTION_UPLOAD_FIELDS });
  const { fields } = upload;
  const applicationReference = text(fields, 'applicationReference', 200, { required: true })!;
  const scope = text(fields, 'scope', 40, { required: true }) as ExemptionScope;
  if (!(EXEMPTION_SCOPES as readonly string[]).includes(scope)) throw badInput('body.scope', `must be one of ${EXEMPTION_SCOPES.join(', ')}`);
  for (const [other, field] of Object.entries(SUBJECT_FIELD)) {
    if (field && other !== scope && fields[field] !== undefined && fields[field] !== '') throw badInput(`body.${field}`, `is not a field of a ${scope} exemption`);
  }
  const subjectField = SUBJECT_FIELD[scope];
  const subjectValue = subjectField ? text(fields, subjectField, 100, { required: true })! : null;
  if (subjectField === 'accountType' && !ACCOUNT_TYPE.test(subjectValue!)) throw badInput('body.accountType', 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit');
  if ((subjectField === 'customerId' || subjectField === 'resellerId') && !UUID.test(subjectValue!)) throw badInput(`body.${subjectField}`, 'must be a UUID');
  if (subjectField === 'customerId' && !(await getCustomerById(deps.db.db, { id: subjectValue! }))) throw badInput('body.customerId', 'is not a registered customer');
  if (subjectField === 'resellerId' && !(await getResellerById(deps.db.db, { id: subjectValue! }))) throw badInput('body.resellerId', 'is not a registered reseller');
  const submittedAt = instantField(fields, 'submittedAt', { required: true })!;
  recordedInstant(deps, submittedAt, 'body.submittedAt');
  return {
    file: upload.file,
    applicationReference,
    scope,
    accountType: subjectField === 'accountType' ? subjectValue : null,
    customerId: subjectField === 'customerId' ? subjectValue : null,
    resellerId: subjectField === 'resellerId' ? subjectValue : null,
    submittedAt,
    summary: text(fields, 'summary', 4000, { required: false }),
  };
}

/** Records the application with its program document and starts its case. */
export async function applyForExemption(deps: Required<AppDeps>, principal: Principal, request: FastifyRequest) {
  const application = await readApplication(deps, request);
  const now = deps.now();
  const { created, exemption } = await deps.db.db.transaction(async (tx) => {
    const existing = await getExemptionByReference(tx, { applicationReference: application.applicationReference });
    if (existing) return { created: false, exemption: existing };
    // A foreign reseller applies through its U.S. provider: once the provider has terminated the
    // relationship there is no provider to apply through, nor anything left to exempt.
    if (application.resellerId) {
      const reseller = await getResellerById(tx, { id: application.resellerId });
      if (reseller?.status === 'terminated') {
        const since = reseller.statusChangedAt ? ` on ${reseller.statusChangedAt.toISOString()}` : '';
        throw new AppError('reseller.terminated', 409, `reseller ${application.resellerId} was terminated${since}; an exemption is applied for through the provider only while it resells its products`, [
          { field: 'body.resellerId', message: `is a reseller the provider terminated${since}` },
        ]);
      }
    }
    const document = await insertDocument(tx, {
      purpose: 'exemption-program',
      contentType: application.file.contentType,
      filename: application.file.filename,
      content: application.file.content,
      uploadedBy: principal.subject,
      uploadedAt: now,
    });
    const inserted = await insertExemption(tx, {
      id: randomUUID(),
      applicationReference: application.applicationReference,
      scope: application.scope,
      accountType: application.accountType,
      customerId: application.customerId,
      resellerId: application.resellerId,
      programDocumentId: document.id,
      summary: application.summary,
      submittedAt: application.submittedAt,
      caseId: randomUUID(),
      ruleSetId: CURRENT_RULE_SET_ID,
      timeZone: deps.providerTimeZone,
      createdAt: now,
      createdBy: principal.subject,
    });
    // Another request stored the same reference meanwhile: roll this document back.
    if (!inserted.created) throw new AppError('exemption.conflict', 409, `application ${application.applicationReference} was recorded by another request; repeat it`);
    return inserted;
  });
  if (!created) {
    const same =
      exemption.scope === application.scope &&
      exemption.accountType === application.accountType &&
      exemption.customerId === application.customerId &&
      exemption.resellerId === application.resellerId;
    if (!same) {
      throw new AppError('exemption.conflict', 409, `application ${exemption.applicationReference} is already recorded (exemption ${exemption.id}) for another scope or subject`, [
        { field: 'body.applicationReference', message: `already recorded for a ${exemption.scope} exemption (${exemption.id})` },
      ]);
    }
    // Another submission time, summary or program is another application, not a retry of this one.
    const program = await getDocumentMeta(deps.db.db, { id: exemption.programDocumentId });
    const sameApplication =
      exemption.submittedAt.getTime() === application.submittedAt.getTime() &&
      exemption.summary === application.summary &&
      program?.sha256 === createHash('sha256').update(application.file.content).digest('hex');
    if (!sameApplication) {
      throw new AppError(
        'exemption.conflict',
        409,
        `application ${exemption.applicationReference} is already recorded (exemption ${exemption.id}) with another submission time, summary or program`,
        [{ field: 'body.applicationReference', message: `already recorded with other facts (exemption ${exemption.id})` }],
      );
    }
  }
  const { outcome } = await openCaseOnce({ client: deps.temporal.client, db: deps.db.db }, {
    caseType: 'exemption',
    businessId: exemption.id,
    taskQueue: deps.temporal.taskQueue,
    args: [exemptionWorkflowInput(exemption, exemption.createdBy)],
    caseId: exemption.caseId,
  });
  if (created && outcome === 'already-started') await waitForCaseRow(deps.db.db, exemption.caseId);
  return { created, exemption: toExemptionDto(exemption) };
}

export async function exemptionOrNotFound(deps: Required<AppDeps>, id: string) {
  const detail = await getExemption(deps.db.db, { id });
  if (!detail) throw notFound('exemption', id);
  return detail;
}

export async function readExemption(deps: Required<AppDeps>, id: string) {
  const detail = await exemptionOrNotFound(deps, id);
  return toExemptionDetailDto(detail, (await getDocumentMeta(deps.db.db, { id: detail.exemption.programDocumentId }))!);
}

export async function readProgramDocument(deps: Required<AppDeps>, id: string) {
  const detail = await exemptionOrNotFound(deps, id);
  return (await getDocument(deps.db.db, { id: detail.exemption.programDocumentId }))!;
}
