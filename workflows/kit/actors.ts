// Who may act on a case. The one list of roles: the API's tokens, the route guards and the
// decisions' role lists all use it. Pure, so workflows may import it.

export const ROLES = ['case_handler', 'reviewer', 'legal', 'admin', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];
/** Kept for the decisions' vocabulary: the role an actor acted in. */
export type ActorRole = Role;

export interface Actor {
  /** Token subject of the person (or feed) acting. */
  subject: string;
  role: Role;
}

/** Roles that decide on cases (everyone but automated feeds). */
export const DECIDING_ROLES = ['case_handler', 'reviewer', 'legal', 'admin'] as const satisfies readonly Role[];
/** The second person of a four-eyes decision. */
export const REVIEWING_ROLES = ['reviewer'] as const satisfies readonly Role[];
