// A transaction's report: the reseller's report arriving (a fact, delivered to the case's
// workflow as a Signal), the report as JSON, and the report as a printable document for filing.
import { WorkflowNotFoundError } from '@temporalio/common';
import { getAiTrainingTransactionByCase, listReportVersions } from '../../../db/queries/ai-training.js';
import { getCaseById } from '../../../db/queries/cases.js';
import type { AiTrainingReportVersionRow, AiTrainingTransactionRow } from '../../../db/schema/ai-training.js';
import { aiTrainingReportSchedule, getRuleSet } from '../../../rules/index.js';
import { resellerReportDeliveredSignal, type ReportContents } from '../../../workflows/ai-training-report/messages.js';
import { workflowIdFor } from '../../../workflows/ids.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { toCaseDto } from '../cases/case-dto.js';
import { toTransactionDto } from './ai-training.usecases.js';
import { recordedInstant } from '../rule-input.js';

type Deps = Required<AppDeps>;

async function transactionOfCase(deps: Deps, caseId: string): Promise<AiTrainingTransactionRow> {
  const transaction = await getAiTrainingTransactionByCase(deps.db.db, { caseId });
  if (!transaction) throw new AppError('ai_training_report.not_found', 404, `case ${caseId} is not an AI training report case`);
  return transaction;
}

export async function deliverResellerReport(
  deps: Deps,
  principal: Principal,
  caseId: string,
  body: { resellerReportReference: string; receivedAt?: string; contents: ReportContents },
) {
  const transaction = await transactionOfCase(deps, caseId);
  if (transaction.route !== 'through-reseller') {
    throw new AppError('ai_training_report.no_reseller', 409, `case ${caseId} is the provider's own customer's: there is no reseller report to receive`);
  }
  const now = deps.now();
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  recordedInstant(deps, receivedAt, 'body.receivedAt', 'ai-training');
  if (receivedAt.getTime() < transaction.transactionAt.getTime()) throw badInput('body.receivedAt', 'must not be before the transaction');
  const period = body.contents.operationsPeriod;
  if (period && Date.parse(period.start) > Date.parse(period.end)) throw badInput('body.contents.operationsPeriod.end', 'must not be before start');
  const caseRow = await getCaseById(deps.db.db, { id: caseId });
  if (caseRow?.closedAt) throw new AppError('case.closed', 409, `case ${caseId} is ${caseRow.status}: it takes no more reports`);
  try {
    // A Signal: once Temporal has accepted it, the report is kept whatever happens to the API or the worker.
    await deps.temporal.client.workflow.getHandle(workflowIdFor('ai-training-report', transaction.externalReference)).signal(resellerReportDeliveredSignal, {
      resellerReportReference: body.resellerReportReference,
      receivedAt: receivedAt.toISOString(),
      contents: body.contents,
      recordedBy: principal.subject,
    });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new AppError('case.closed', 409, `case ${caseId} has ended (or has not started yet): it takes no reports`);
    throw err;
  }
  return { caseId, resellerReportReference: body.resellerReportReference, receivedAt: receivedAt.toISOString(), status: 'accepted' as const };
}

function toVersionDto(v: AiTrainingReportVersionRow) {
  return {
    id: v.id,
    version: v.version,
    kind: v.kind,
    source: v.source,
    contents: { ...v.contents } as Record<string, unknown>,
    complete: v.complete,
    missing: v.completeness.missing,
    completenessExplanation: v.completeness.explanation,
    amendsVersionId: v.amendsVersionId,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    approvedAt: v.approvedAt?.toISOString() ?? null,
    approvedBy: v.approvedBy,
    filing: v.filedAt
      ? { filedAt: v.filedAt.toISOString(), filedBy: v.filedBy, filingReceipt: v.filingReceipt, filedOnTime: v.filedOnTime }
      : null,
  };
}

export async function readReport(deps: Deps, caseId: string) {
  const transaction = await transactionOfCase(deps, caseId);
  const [caseRow, versions] = await Promise.all([getCaseById(deps.db.db, { id: caseId }), listReportVersions(deps.db.db, { caseId })]);
  const schedule = aiTrainingReportSchedule({
    ruleSet: getRuleSet(caseRow?.ruleSetId ?? transaction.ruleSetId),
    timeZone: deps.providerTimeZone,
    route: transaction.route,
    transactionAt: transaction.transactionAt,
    ...(transaction.knowledgeAt ? { knowledgeAt: transaction.knowledgeAt } : {}),
  });
  const deadline = (d: { dueAt: Date; dueDate: string; explanation: readonly string[] }) => ({ dueAt: d.dueAt.toISOString(), dueDate: d.dueDate, explanation: [...d.explanation] });
  return {
    caseId,
    case: caseRow ? toCaseDto(caseRow) : null,
    transaction: toTransactionDto(transaction),
    deadlines: {
      filing: deadline(schedule.filing),
      resellerReport: schedule.route === 'through-reseller' ? deadline(schedule.resellerReport) : null,
      ownRecordsFrom:
        schedule.route === 'through-reseller'
          ? { at: schedule.ownRecordsFrom.at.toISOString(), date: schedule.ownRecordsFrom.date, explanation: [...schedule.ownRecordsFrom.explanation] }
          : null,
    },
    versions: versions.map(toVersionDto),
  };
}

const escape = (value: unknown): string =>
  String(value ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The report as a printable HTML document for filing: the filed version by default, or the
 * requested one. An unfiled version is marked as a draft on every page.
 */
export async function reportDocument(deps: Deps, caseId: string, versionNumber?: number): Promise<string> {
  const report = await readReport(deps, caseId);
  const versions = report.versions;
  const chosen =
    versionNumber !== undefined
      ? versions.find((v) => v.version === versionNumber)
      : ([...versions].reverse().find((v) => v.filing) ?? versions.at(-1));
  if (!chosen) {
    throw versionNumber !== undefined
      ? new AppError('ai_training_report.version_not_found', 404, `case ${caseId} has no report version ${versionNumber}`)
      : new AppError('ai_training_report.no_version', 404, `case ${caseId} has no report version yet`);
  }
  const t = report.transaction;
  const c = chosen.contents as ReportContents;
  const row = (label: string, value: unknown) => `<tr><th scope="row">${escape(label)}</th><td>${escape(value)}</td></tr>`;
  const status = chosen.filing
    ? `Filed with the Department of Commerce on ${escape(chosen.filing.filedAt)}, receipt ${escape(chosen.filing.filingReceipt)}`
    : 'DRAFT: not filed';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Large AI model training report ${escape(t.externalReference)} v${chosen.version}</title>
<style>
  body { font: 11pt/1.4 Georgia, serif; margin: 2cm; color: #000; }
  h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 1.5em; border-bottom: 1px solid #000; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 4px 8px; border: 1px solid #999; }
  th { width: 35%; background: #f2f2f2; } .status { font-weight: bold; } .draft { color: #b00; }
  @media print { body { margin: 0; } .draft::after { content: " (draft)"; } }
</style>
</head>
<body>
<h1>Report of a transaction that may result in training a large AI model</h1>
<p>Submitted under ${escape(getRuleSet(t.ruleSetId).source.citation)} (proposed 15 CFR part 7, large AI model training reports).</p>
<p class="status ${chosen.filing ? '' : 'draft'}">${status}</p>
<h2>Report</h2>
<table>
${row('Provider transaction reference', t.externalReference)}
${row('Report version', `${chosen.version} (${chosen.kind}${chosen.amendsVersionId ? `, amends ${versions.find((v) => v.id === chosen.amendsVersionId)?.version ?? chosen.amendsVersionId}` : ''})`)}
${row('Prepared from', chosen.source === 'reseller-report' ? "the foreign reseller's report" : "the provider's own records")}
${row('Route', t.route === 'direct' ? "the provider's own foreign customer" : `through foreign reseller ${t.resellerId} (its customer ${t.resellerCustomerReference})`)}
${row('Transaction date', t.transactionAt)}
${row('Knowledge date', t.knowledgeAt)}
${row('Changed arrangement', t.changedArrangement ? 'yes: an existing service turned toward a covered training run' : 'no')}
</table>
<h2>The foreign person</h2>
<table>
${row('Contact information (identity vault reference)', c.contactInfoRef)}
${row('Payment information (identity vault reference)', c.paymentInfoRef)}
</table>
<h2>The training run</h2>
<table>
${row('Estimated integer or floating-point operations', c.estimatedOperations)}
${row('Period of the operations', c.operationsPeriod ? `${c.operationsPeriod.start} to ${c.operationsPeriod.end}` : undefined)}
${row('Model name', c.modelName)}
${row("Customer's cybersecurity practices", c.cybersecurityPractices)}
${row('Cluster: machines co-located in one data centre', t.run.cluster.coLocatedInSingleDataCentre ? 'yes' : 'no')}
${row('Cluster: data-centre networking (Gbit/s)', t.run.cluster.networkingGbitPerSecond)}
${row('Cluster: theoretical maximum (operations per second)', t.run.cluster.peakOperationsPerSecond)}
</table>
<h2>Coverage</h2>
<ul>${t.coverage.reasons.map((r) => `<li>${escape(r)}</li>`).join('')}</ul>
${t.belowThresholdReason ? `<p>Opened although not covered: ${escape(t.belowThresholdReason)}</p>` : ''}
<h2>Completeness</h2>
<ul>${chosen.completenessExplanation.map((r) => `<li>${escape(r)}</li>`).join('')}</ul>
<h2>Deadline</h2>
<ul>${report.deadlines.filing.explanation.map((r) => `<li>${escape(r)}</li>`).join('')}</ul>
<p>Approved by ${escape(chosen.approvedBy)} on ${escape(chosen.approvedAt)}.${chosen.filing ? ` Filed by ${escape(chosen.filing.filedBy)}.` : ''}</p>
</body>
</html>
`;
}
