// What a case type is, declared once per obligation (workflows/<obligation>/case-type.ts) and
// listed in the registry (workflows/obligations.ts). The workflow's decision validator, the
// API's decisions endpoint, its OpenAPI document and `GET /v1/case-types` all read the same
// declaration, so what a client is told and what the workflow enforces cannot drift apart.
import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import type { ObligationId, RuleSet } from '../../rules/index.js';
import { REVIEWING_ROLES, type Role } from './actors.js';
import { APPROVING_ROLES } from './duties.js';
import type { FactName } from './facts.js';

export interface DecisionDefinition {
  title: string;
  /** What the decision does, for the handler and the API documentation. */
  description: string;
  /** JSON Schema (TypeBox) of `params`; an empty object when the decision takes none. */
  params: TObject;
  /** The handler must say why (`reason`). */
  requiresReason: boolean;
  /** A proposal that takes effect only when a second person approves it (`approve` / `reject`). */
  fourEyes: boolean;
  /** Roles that may take this decision. */
  roles: readonly Role[];
  /** The statuses in which the case accepts it; in any other it is refused and nothing changes. */
  allowedInStatuses: readonly string[];
}


/** What a case's opening recorded, for computing a clock its details do not hold. */
export interface RecordedOpening {
  /** The data of the case's `case.opened` event (undefined when the case has none). */
  readonly opened: Readonly<Record<string, unknown>> | undefined;
  /** The rule set the case was opened under (undefined when this version does not know it). */
  readonly ruleSet: RuleSet | undefined;
  /** The provider's zone, in which calendar days are counted. */
  readonly timeZone: string;
}

/** A recorded step that takes away the deadlines still ahead of it. */
export interface SupersedingStep {
  /** When the step was recorded in the case record (ISO instant). */
  readonly at: string;
  readonly actor: string;
  /** The data of its case event. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface CaseTypeDefinition<T extends string = string, S extends string = string, D extends string = string> {
  /** The case type, also the first part of its workflows' ids (`<type>:<businessId>`). */
  type: T;
  title: string;
  description: string;
  /** What the case is about: `customer`, `account`, `reseller`, `provider-cip`, ... */
  subjectType: string;
  /** The rule-set obligations (rules/rule-set.ts) whose periods this case type runs on. */
  ruleSetObligations: readonly ObligationId[];
  /**
   * Where one case runs on some of them only (an AI-training report filed directly or through a
   * reseller, an initial or an annual certification): those of a case, read from the details its
   * workflow records. Without it, or before the details say, a case runs on them all.
   */
  ruleSetObligationsOfCase?: (details: Readonly<Record<string, unknown>>) => readonly ObligationId[] | undefined;
  /**
   * Where one case runs on several clocks at once (a special measure's implementation date and its
   * expiry): each clock's own due instant and explanation, read from the details its workflow
   * records, so that legal's history never shows one clock's date under another's citation. A case
   * recorded before its details kept them may have them computed by its rule set from what its
   * opening recorded (`recorded`).
   */
  deadlineOfCase?: (
    details: Readonly<Record<string, unknown>>,
    obligation: ObligationId,
    recorded: RecordedOpening,
  ) => { dueAt: string | null; explanation: readonly string[] } | undefined;
  /**
   * How the case meets its deadline, where it has one to meet: the event that records it (its
   * data says `onTime`), the field of that event's data holding the instant it was met (else when
   * the event occurred), and the detail that keeps the due instant once the case's own due
   * instant is cleared. The desk's case header reads it, for every case type alike.
   */
  deadlineMet?: { event: string; metAtField?: string; dueAtDetail?: string };
  /**
   * Steps that take away the clocks still ahead of them (a measure's revocation ends its expiry,
   * and in its phase-in its implementation date too), keyed by the case event that records the
   * step: the sentences that tell a lawyer what took the deadline away, when, and what that
   * instant is. Legal's history marks such a deadline as no longer governing from that step on
   * instead of listing it as if it still did.
   */
  deadlinesSupersededBy?: Readonly<Record<string, (step: SupersedingStep) => readonly string[]>>;
  statuses: readonly S[];
  /** Statuses that close the case (the recorder sets `closedAt` on entering one). */
  closedStatuses: readonly S[];
  decisions: Readonly<Record<D, DecisionDefinition>>;
  /** Facts about its subject the workflow listens to (delivered as Signals). */
  listensTo: readonly FactName[];
  /** Why a status accepts fewer decisions than a handler might expect, added to a wrong-state refusal. */
  statusNotes?: Partial<Record<S, string>>;
}

/**
 * Every case type's last status: the rules refused what the case was started with (a date no
 * rule can count from, an unknown rule set). The case is kept on record, closed, with the field
 * and the reason, so that a handler sees it; its workflow ends instead of retrying for ever.
 */
export const INPUT_REFUSED = 'input-refused';

/** Declares a case type; keeps the literal types of its names for the workflow and the API. */
export function defineCaseType<const T extends string, const S extends string, const D extends string>(
  definition: CaseTypeDefinition<T, S, D>,
): CaseTypeDefinition<T, S | typeof INPUT_REFUSED, D> {
  for (const [name, decision] of Object.entries<DecisionDefinition>(definition.decisions)) {
    // Segregation of duties (duties.ts): a reviewer never proposes what reviewers approve.
    const approving = decision.roles.filter((role) => (APPROVING_ROLES as readonly Role[]).includes(role));
    if (decision.fourEyes && approving.length) {
      throw new Error(`${definition.type}: four-eyes proposal ${name} admits ${approving.join(', ')}; a reviewer never proposes what reviewers approve`);
    }
    for (const status of decision.allowedInStatuses) {
      if (!(definition.statuses as readonly string[]).includes(status)) {
        throw new Error(`${definition.type}: decision ${name} is allowed in unknown status ${status}`);
      }
    }
  }
  const { statusNotes, ...rest } = definition;
  return {
    ...rest,
    ...(statusNotes ? { statusNotes: statusNotes as Partial<Record<S | typeof INPUT_REFUSED, string>> } : {}),
    statuses: [...definition.statuses, INPUT_REFUSED],
    closedStatuses: [...definition.closedStatuses, INPUT_REFUSED],
  };
}

/** A decision's parameters: a closed object (unknown fields are refused). */
export const DecisionParams = <P extends TProperties>(properties: P) => Type.Object(properties, { additionalProperties: false });
/** A decision that takes no parameters. */
export const NoParams = DecisionParams({});

/**
 * The second person's decisions on a four-eyes proposal waiting in `awaitingStatus`: `approve`,
 * and `reject` with a reason, both by a reviewer (never the proposer: four-eyes.ts). What each
 * means for the case is the case type's to say.
 */
export function reviewDecisions(
  awaitingStatus: string,
  says: { approve: { title: string; description: string }; reject: { title: string; description: string } },
): { approve: DecisionDefinition; reject: DecisionDefinition } {
  const review = (requiresReason: boolean) => ({ params: NoParams, requiresReason, fourEyes: false, roles: REVIEWING_ROLES, allowedInStatuses: [awaitingStatus] });
  return {
    approve: { ...says.approve, ...review(false) },
    reject: { ...says.reject, ...review(true) },
  };
}

/** The rule-set obligations whose periods one case of this type runs on. */
export function ruleSetObligationsOfCase(definition: CaseTypeDefinition, details: Readonly<Record<string, unknown>>): readonly ObligationId[] {
  return definition.ruleSetObligationsOfCase?.(details) ?? definition.ruleSetObligations;
}

/** The decisions a case accepts in a status (none once it is closed). */
export function decisionsIn(definition: CaseTypeDefinition, status: string): string[] {
  if ((definition.closedStatuses as readonly string[]).includes(status)) return [];
  return Object.entries<DecisionDefinition>(definition.decisions)
    .filter(([, d]) => d.allowedInStatuses.includes(status))
    .map(([name]) => name);
}
