// Segregation of duties, the one policy for every case type and route: the people who prepare a
// decision (record and resolve what it rests on, propose it) are not the people who approve it.
// Handlers (and admins) prepare; reviewers approve, and a reviewer never approves its own
// proposal. A reviewer therefore may not resolve a discrepancy, determine substantial control,
// draft a report or propose a refusal, closure or termination: it would be approving its own
// work. Closing an account follows the same rule wherever it is asked for (its case, or the
// account itself). Pure, so workflows, the API and the configuration all import it.
import { REVIEWING_ROLES, type Actor, type Role } from './actors.js';

/** Roles that prepare: record facts and determinations, resolve discrepancies, propose four-eyes decisions. */
export const PREPARING_ROLES = ['case_handler', 'admin'] as const satisfies readonly Role[];
/** Roles that approve or reject a proposal (the second person). */
export const APPROVING_ROLES = REVIEWING_ROLES;
/**
 * Roles that may make a proposal where a case type needs more than the handlers: every deciding
 * role but the approving ones (e.g. the CIP contact, who may sit in legal, attests a certification).
 */
export const PROPOSING_ROLES = ['case_handler', 'legal', 'admin'] as const satisfies readonly Role[];

export const SEGREGATION_OF_DUTIES =
  'segregation of duties: handlers prepare and propose, reviewers approve; nobody approves what they prepared';

export interface Proposal {
  decision: string;
  proposedBy: string;
}

/** Why `actor` may not be the second person on `proposal`, or undefined when it may. */
export function secondPersonRefusal(proposal: Proposal, actor: Actor): string | undefined {
  if (!(APPROVING_ROLES as readonly Role[]).includes(actor.role)) {
    return `role ${actor.role} may not approve or reject a proposal; allowed: ${APPROVING_ROLES.join(', ')} (${SEGREGATION_OF_DUTIES})`;
  }
  if (actor.subject === proposal.proposedBy) {
    return `${actor.subject} proposed this ${proposal.decision}; a second person must review it (four-eyes rule)`;
  }
  return undefined;
}

/**
 * People who would hold both duties: one subject with a token to prepare and one to approve.
 * The configuration refuses such a token set, so a person cannot approve what they prepared
 * under another token.
 */
export function subjectsWithBothDuties(holders: readonly { subject: string; role: Role }[]): string[] {
  const prepares = new Set(holders.filter((h) => (PREPARING_ROLES as readonly Role[]).includes(h.role)).map((h) => h.subject));
  return [...new Set(holders.filter((h) => (APPROVING_ROLES as readonly Role[]).includes(h.role) && prepares.has(h.subject)).map((h) => h.subject))];
}
