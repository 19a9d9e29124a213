// Closing an account in use is a four-eyes decision, as it is through the account's case: a
// handler proposes it, a reviewer who is not the proposer approves or rejects it (the policy is
// workflows/kit/duties.ts). One proposal at a time per account; a decided proposal stays as the
// record of who proposed, who decided, when and why.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './customers.js';

export const CLOSURE_PROPOSAL_OUTCOMES = ['approved', 'rejected'] as const;

export const accountClosureProposals = pgTable(
  'account_closure_proposals',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    reason: text('reason').notNull(),
    /** When the account is to be recorded as closed; null: at approval. */
    closeAt: timestamp('close_at', { withTimezone: true }),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    /** Null while the proposal waits for a reviewer. */
    outcome: text('outcome').$type<(typeof CLOSURE_PROPOSAL_OUTCOMES)[number]>(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('account_closure_proposals_account_idx').on(t.accountId),
    // One proposal waits per account at a time.
    uniqueIndex('account_closure_proposals_pending_key').on(t.accountId).where(sql`${t.outcome} is null`),
    check('account_closure_proposals_outcome_check', sql`${t.outcome} is null or ${t.outcome} in ('approved', 'rejected')`),
  ],
);

export type AccountClosureProposalRow = typeof accountClosureProposals.$inferSelect;
