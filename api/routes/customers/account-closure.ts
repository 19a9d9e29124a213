// Closing an account in use (open, or kept under monitoring) by four-eyes, the same policy as
// closing it through its case (workflows/kit/duties.ts): a handler proposes the closure, a
// reviewer who is not the proposer approves it, and only then is the account closed, record
// retention started and re-verification stopped. A rejection leaves the account as it was.
// Accounts still being identified are closed through their case.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../../../db/client.js';
import { decideClosureProposal, insertClosureProposal, pendingClosureProposal } from '../../../db/queries/account-closures.js';
import { listCasesOfSubject } from '../../../db/queries/cases.js';
import { getAccountById, lockCustomer, setAccountStatus } from '../../../db/queries/customers.js';
import type { AccountClosureProposalRow } from '../../../db/schema/account-closures.js';
import type { AccountRow } from '../../../db/schema/customers.js';
import { secondPersonRefusal } from '../../../workflows/kit/duties.js';
import { accountClosedFact } from '../../../workflows/kit/facts.js';
import type { AppDeps } from '../../deps.js';
import { AppError, badInput, notFound } from '../../errors.js';
import { appendToCasesOfSubject, deliverFactToSubjectCases, factAbout, recordFactOnSubjectCases } from '../../facts/deliver.js';
import type { Principal } from '../../plugins/auth.js';
import { toCaseDto } from '../cases/case-dto.js';
import { waitForCase } from '../start-case.js';
import { toAccountDto } from './customer-dto.js';
import { checkRetentionClock, startRetention } from './retention.js';
import { recordedInstant } from '../rule-input.js';

type Deps = Required<AppDeps>;

export function toClosureProposalDto(p: AccountClosureProposalRow) {
  return {
    id: p.id,
    accountId: p.accountId,
    reason: p.reason,
    closeAt: p.closeAt?.toISOString() ?? null,
    proposedBy: p.proposedBy,
    proposedAt: p.proposedAt.toISOString(),
    outcome: p.outcome ?? null,
    decidedBy: p.decidedBy,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    decisionReason: p.decisionReason,
  };
}

/**
 * The account, read under its customer's lock: proposals, approvals and the account's case
 * changing it one at a time (two handlers proposing at once cannot both succeed).
 */
async function lockedAccount(tx: DbOrTx, accountId: string): Promise<AccountRow> {
  const account = await getAccountById(tx, { id: accountId });
  if (!account) throw notFound('account', accountId);
  await lockCustomer(tx, { customerId: account.customerId });
  return (await getAccountById(tx, { id: accountId }))!;
}

/** Only an account in use is closed here; the closure instant must be one retention can count from. */
function checkClosable(deps: Deps, account: AccountRow, closedAt: Date, field: string): void {
  if (account.status !== 'open' && account.status !== 'monitored') {
    throw new AppError(
      'account.wrong_state',
      409,
      `account ${account.id} is ${account.status}; only an open or monitored account is closed here (one still being identified is closed through its case)`,
    );
  }
  if (account.openedAt && closedAt < account.openedAt) throw badInput(field, 'must not be before the account was opened');
  checkRetentionClock(deps, { closedAt, lastAccessAt: account.lastAccessedAt }, { closedAt: field, lastAccessAt: field });
}

async function pendingOrConflict(tx: DbOrTx, accountId: string): Promise<AccountClosureProposalRow> {
  const pending = await pendingClosureProposal(tx, { accountId });
  if (!pending) throw new AppError('account.no_closure_proposal', 409, `no closure of account ${accountId} is waiting for approval`);
  return pending;
}

/** A handler proposes to close the account; nothing changes on the account until a reviewer approves. */
export async function proposeAccountClosure(deps: Deps, principal: Principal, accountId: string, body: { reason: string; closedAt?: string }) {
  const now = deps.now();
  const closeAt = body.closedAt ? new Date(body.closedAt) : null;
  if (closeAt) recordedInstant(deps, closeAt, 'body.closedAt');
  return deps.db.db.transaction(async (tx) => {
    const account = await lockedAccount(tx, accountId);
    checkClosable(deps, account, closeAt ?? now, 'body.closedAt');
    if (await pendingClosureProposal(tx, { accountId })) {
      throw new AppError('account.closure_pending', 409, `a closure of account ${accountId} is already waiting for a reviewer; approve or reject it first`);
    }
    const proposal = await insertClosureProposal(tx, { id: randomUUID(), accountId, reason: body.reason, closeAt, proposedBy: principal.subject, proposedAt: now });
    await appendToCasesOfSubject(tx, { type: 'customer', id: account.customerId }, {
      type: 'account.closure-proposed',
      occurredAt: now,
      actor: principal.subject,
      data: { accountId, proposalId: proposal.id, reason: body.reason, ...(closeAt ? { closeAt: closeAt.toISOString() } : {}) },
    });
    return { account: toAccountDto(account), proposal: toClosureProposalDto(proposal) };
  });
}

/** A reviewer who is not the proposer approves: the account is closed as proposed. */
export async function approveAccountClosure(deps: Deps, log: FastifyBaseLogger, principal: Principal, accountId: string, body: { reason?: string }) {
  const now = deps.now();
  const { account, proposal } = await deps.db.db.transaction(async (tx) => {
    const current = await lockedAccount(tx, accountId);
    const pending = await pendingOrConflict(tx, accountId);
    const refusal = secondPersonRefusal({ decision: 'account closure', proposedBy: pending.proposedBy }, principal);
    if (refusal) throw new AppError('auth.forbidden', 403, refusal);
    const closedAt = pending.closeAt ?? now;
    checkClosable(deps, current, closedAt, 'proposal.closeAt');
    const decided = await decideClosureProposal(tx, { id: pending.id, outcome: 'approved', decidedBy: principal.subject, decidedAt: now, decisionReason: body.reason ?? null });
    if (!decided) throw new AppError('account.no_closure_proposal', 409, `the closure of account ${accountId} was decided meanwhile`);
    const updated = (await setAccountStatus(tx, { accountId, status: 'closed', at: closedAt, actor: principal.subject }))!;
    await recordFactOnSubjectCases(tx, factAbout(accountClosedFact, current.customerId, { accountId, reason: pending.reason, closedBy: principal.subject }), {
      type: 'account.closed',
      occurredAt: closedAt,
      actor: principal.subject,
      data: { accountId, reason: pending.reason, proposalId: pending.id, proposedBy: pending.proposedBy, approvedBy: principal.subject, ...(body.reason ? { approvalReason: body.reason } : {}) },
    });
    return { account: updated, proposal: decided };
  });
  // After the commit: a crash here leaves a closed account without retention, which the API's
  // start-up reconciliation finds and starts.
  await startRetention(deps, account, principal.subject);
  // The customer's re-verification hears of the closure and stops.
  await deliverFactToSubjectCases({ ...deps, log }, factAbout(accountClosedFact, account.customerId, { accountId, reason: proposal.reason, closedBy: principal.subject }));
  const retentionCase = await waitForCase(async () => (await listCasesOfSubject(deps.db.db, { subjectType: 'account', subjectId: accountId, types: ['record-retention'] }))[0]);
  return { account: toAccountDto(account), proposal: toClosureProposalDto(proposal), retentionCase: retentionCase ? toCaseDto(retentionCase) : null };
}

/** A reviewer who is not the proposer rejects: the account stays as it was. */
export async function rejectAccountClosure(deps: Deps, principal: Principal, accountId: string, body: { reason: string }) {
  const now = deps.now();
  return deps.db.db.transaction(async (tx) => {
    const account = await lockedAccount(tx, accountId);
    const pending = await pendingOrConflict(tx, accountId);
    const refusal = secondPersonRefusal({ decision: 'account closure', proposedBy: pending.proposedBy }, principal);
    if (refusal) throw new AppError('auth.forbidden', 403, refusal);
    const decided = await decideClosureProposal(tx, { id: pending.id, outcome: 'rejected', decidedBy: principal.subject, decidedAt: now, decisionReason: body.reason });
    if (!decided) throw new AppError('account.no_closure_proposal', 409, `the closure of account ${accountId} was decided meanwhile`);
    await appendToCasesOfSubject(tx, { type: 'customer', id: account.customerId }, {
      type: 'account.closure-rejected',
      occurredAt: now,
      actor: principal.subject,
      data: { accountId, proposalId: pending.id, proposedBy: pending.proposedBy, reason: body.reason },
    });
    return { account: toAccountDto(account), proposal: toClosureProposalDto(decided) };
  });
}

/** The closure waiting for a reviewer, shown on the account. */
export async function pendingClosureDto(db: DbOrTx, accountId: string) {
  const pending = await pendingClosureProposal(db, { accountId });
  return pending ? toClosureProposalDto(pending) : null;
}
