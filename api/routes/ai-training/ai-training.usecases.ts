// Large-AI-model training transactions: intake judged by the rules before anything is stored
// or started. A run the rules find not covered is refused unless a handler gives a reason to
// open a case anyway.
import { randomUUID } from 'node:crypto';
import {
  aiTrainingReportSchedule,
  classifyTrainingRun,
  CURRENT_RULE_SET_ID,
  getRuleSet,
  RuleInputError,
  type TrainingRunClassification,
} from '../../../rules/index.js';
import { getCustomerById } from '../../../db/queries/customers.js';
import { getCaseById } from '../../../db/queries/cases.js';
import { getResellerById } from '../../../db/queries/resellers.js';
import { getAiTrainingTransaction, insertAiTrainingTransaction } from '../../../db/queries/ai-training.js';
import { requestFingerprint } from '../../../db/queries/idempotency.js';
import type { AiTrainingTransactionRow, CoverageRecord } from '../../../db/schema/ai-training.js';
import type { CaseRow } from '../../../db/schema/cases.js';
import type { Principal } from '../../plugins/auth.js';
import { AppError, badInput, notFound } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { toCaseDto } from '../cases/case-dto.js';
import type { AiTrainingTransactionDto, CreateAiTrainingTransaction } from './ai-training.schemas.js';
import { startAiTrainingReport } from './report-case.js';
import { recordedInstant } from '../rule-input.js';

type Deps = Required<AppDeps>;

/** The rules name their own input fields; the request nests the run under `run`. */
function classifyFromBody(body: CreateAiTrainingTransaction): TrainingRunClassification {
  const { operations, cluster, primarilyBiologicalSequenceData } = body.run;
  try {
    return classifyTrainingRun(
      { operations, cluster, ...(primarilyBiologicalSequenceData === undefined ? {} : { primarilyBiologicalSequenceData }) },
      getRuleSet(CURRENT_RULE_SET_ID),
    );
  } catch (err) {
    if (err instanceof RuleInputError) throw new RuleInputError(`body.run.${err.field}`, err.message.replace(`${err.field}: `, ''));
    throw err;
  }
}

export function toTransactionDto(row: AiTrainingTransactionRow): AiTrainingTransactionDto {
  return {
    id: row.id,
    externalReference: row.externalReference,
    route: row.route,
    customerId: row.customerId,
    resellerId: row.resellerId,
    resellerCustomerReference: row.resellerCustomerReference,
    transactionAt: row.transactionAt.toISOString(),
    knowledgeAt: row.knowledgeAt?.toISOString() ?? null,
    changedArrangement: row.changedArrangement,
    run: {
      operations: row.estimatedOperations,
      cluster: row.cluster,
      primarilyBiologicalSequenceData: row.primarilyBiologicalSequenceData,
      operationsPeriod:
        row.operationsStart && row.operationsEnd ? { start: row.operationsStart.toISOString(), end: row.operationsEnd.toISOString() } : null,
      modelName: row.modelName,
      cybersecurityPractices: row.cybersecurityPractices,
    },
    contactInfoRef: row.contactInfoRef,
    paymentInfoRef: row.paymentInfoRef,
    ruleSetId: row.ruleSetId,
    coverage: row.coverage,
    belowThresholdReason: row.belowThresholdReason,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

export async function createAiTrainingTransaction(deps: Deps, principal: Principal, body: CreateAiTrainingTransaction) {
  const now = deps.now();
  const transactionAt = new Date(body.transactionAt);
  const knowledgeAt = body.knowledgeAt === undefined ? undefined : new Date(body.knowledgeAt);
  recordedInstant(deps, transactionAt, 'body.transactionAt', 'ai-training');
  if (knowledgeAt) recordedInstant(deps, knowledgeAt, 'body.knowledgeAt', 'ai-training');
  const period = body.run.operationsPeriod;
  if (period && Date.parse(period.start) > Date.parse(period.end)) throw badInput('body.run.operationsPeriod.end', 'must not be before start');
  const route = body.foreignPerson.type === 'customer' ? ('direct' as const) : ('through-reseller' as const);
  // The deadlines must be computable before anything is stored (a knowledge date before the
  // transaction is refused here, naming the field).
  aiTrainingReportSchedule({
    ruleSet: getRuleSet(CURRENT_RULE_SET_ID),
    timeZone: deps.providerTimeZone,
    route,
    transactionAt,
    ...(knowledgeAt ? { knowledgeAt } : {}),
  });
  if (body.foreignPerson.type === 'customer') {
    const customer = await getCustomerById(deps.db.db, { id: body.foreignPerson.customerId });
    if (!customer) throw new AppError('customer.not_found', 422, `customer ${body.foreignPerson.customerId} does not exist`, [{ field: 'body.foreignPerson.customerId', message: 'no such customer' }]);
    if (customer.usPersonStatus === 'us') {
      throw new AppError('ai_training.not_foreign_person', 422, `customer ${customer.id} is classified as a U.S. person: only transactions by, for, or on behalf of a foreign person are reported`, [
        { field: 'body.foreignPerson.customerId', message: 'is a U.S. person' },
      ]);
    }
  }
  if (body.foreignPerson.type === 'reseller-customer') {
    const reseller = await getResellerById(deps.db.db, { id: body.foreignPerson.resellerId });
    if (!reseller) {
      throw new AppError('reseller.not_found', 422, `reseller ${body.foreignPerson.resellerId} is not registered`, [
        { field: 'body.foreignPerson.resellerId', message: 'no such reseller (register it under /v1/resellers first)' },
      ]);
    }
  }
  const classification = classifyFromBody(body);
  if (!classification.covered && body.belowThresholdReason === undefined) {
    throw new AppError(
      'ai_training.not_covered',
      422,
      `The training run is not a covered large-AI-model training run: ${classification.reasons.at(-1)} To open a report case anyway, give body.belowThresholdReason.`,
      [{ field: 'body.belowThresholdReason', message: 'is required to open a case for a run the rules find not covered' }],
    );
  }
  const coverage: CoverageRecord = {
    covered: classification.covered,
    ruleSetId: classification.ruleSetId,
    criteria: classification.criteria.map((c) => ({ ...c })),
    reasons: [...classification.reasons],
  };
  const candidate = {
    id: randomUUID(),
    caseId: randomUUID(),
    externalReference: body.externalReference,
    route,
    customerId: body.foreignPerson.type === 'customer' ? body.foreignPerson.customerId : null,
    resellerId: body.foreignPerson.type === 'reseller-customer' ? body.foreignPerson.resellerId : null,
    resellerCustomerReference: body.foreignPerson.type === 'reseller-customer' ? body.foreignPerson.resellerCustomerReference : null,
    transactionAt,
    knowledgeAt: knowledgeAt ?? null,
    changedArrangement: body.changedArrangement ?? false,
    estimatedOperations: body.run.operations,
    cluster: body.run.cluster,
    primarilyBiologicalSequenceData: body.run.primarilyBiologicalSequenceData ?? null,
    operationsStart: period ? new Date(period.start) : null,
    operationsEnd: period ? new Date(period.end) : null,
    modelName: body.run.modelName ?? null,
    cybersecurityPractices: body.run.cybersecurityPractices ?? null,
    contactInfoRef: body.contactInfoRef ?? null,
    paymentInfoRef: body.paymentInfoRef ?? null,
    ruleSetId: CURRENT_RULE_SET_ID,
    coverage,
    belowThresholdReason: body.belowThresholdReason ?? null,
    createdAt: now,
    createdBy: principal.subject,
  };
  const { created, transaction } = await insertAiTrainingTransaction(deps.db.db, { transaction: candidate });
  // The first request under a reference fixes the transaction's facts, and with them the report's
  // clocks: a repeat that says something else (another time, another run) is refused, never dropped.
  if (!created && requestFingerprint(transactionFacts(transaction)) !== requestFingerprint(transactionFacts(candidate))) {
    throw new AppError(
      'ai_training.reference_conflict',
      409,
      `externalReference ${body.externalReference} belongs to transaction ${transaction.id} with different facts; a transaction's facts are not changed by repeating it (amend its report instead)`,
      [{ field: 'body.externalReference', message: `was used for a transaction with different facts (${transaction.id})` }],
    );
  }
  // A new transaction, or a repeat after a crash left its case unstarted: start it (idempotent).
  const caseRow = (await getCaseById(deps.db.db, { id: transaction.caseId })) ?? (await startAiTrainingReport(deps, transaction));
  return { created, body: responseOf(transaction, caseRow) };
}

/** What a request says about a transaction: everything but the ids and who recorded it when. */
function transactionFacts(row: Omit<AiTrainingTransactionRow, 'id' | 'caseId' | 'createdAt' | 'createdBy' | 'coverage' | 'ruleSetId'>) {
  return {
    route: row.route,
    customerId: row.customerId,
    resellerId: row.resellerId,
    resellerCustomerReference: row.resellerCustomerReference,
    transactionAt: row.transactionAt.getTime(),
    knowledgeAt: row.knowledgeAt?.getTime() ?? null,
    changedArrangement: row.changedArrangement,
    estimatedOperations: row.estimatedOperations,
    cluster: row.cluster,
    primarilyBiologicalSequenceData: row.primarilyBiologicalSequenceData,
    operationsStart: row.operationsStart?.getTime() ?? null,
    operationsEnd: row.operationsEnd?.getTime() ?? null,
    modelName: row.modelName,
    cybersecurityPractices: row.cybersecurityPractices,
    contactInfoRef: row.contactInfoRef,
    paymentInfoRef: row.paymentInfoRef,
    belowThresholdReason: row.belowThresholdReason,
  };
}

function responseOf(transaction: AiTrainingTransactionRow, caseRow: CaseRow | undefined) {
  return { transaction: toTransactionDto(transaction), caseId: transaction.caseId, case: caseRow ? toCaseDto(caseRow) : null };
}

export async function readAiTrainingTransaction(deps: Deps, id: string) {
  const transaction = await getAiTrainingTransaction(deps.db.db, { id });
  if (!transaction) throw notFound('ai_training_transaction', id);
  return responseOf(transaction, await getCaseById(deps.db.db, { id: transaction.caseId }));
}
