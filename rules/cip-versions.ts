// Which version of a written CIP is in force at an instant. A CIP is kept as numbered versions,
// each with the instant from which it applies (`effectiveAt`); a version may be recorded ahead
// of its date (scheduled), and a later-recorded version may apply from an earlier date than a
// scheduled one. The version in force is the one that took effect last, at or before the
// instant: the latest `effectiveAt` not after it; of versions taking effect at the same
// instant, the higher version number (the later recording). The number alone never decides: a
// version scheduled ahead takes effect on its date even when a higher-numbered version exists.
// Every reader (case details, transmission, certification, the reseller's page) asks this.

/** What the choice reads of a version: its number and when it takes effect. */
export interface CipVersionTiming {
  version: number;
  effectiveAt: Date;
}

/** Negative when `a` prevails over `b` (it took effect later, or at the same instant with a higher number). */
export function compareCipVersionPrecedence(a: CipVersionTiming, b: CipVersionTiming): number {
  return b.effectiveAt.getTime() - a.effectiveAt.getTime() || b.version - a.version;
}

/** The version in force at `at`, or undefined when none has taken effect by then. */
export function cipVersionInForce<V extends CipVersionTiming>(versions: readonly V[], at: Date): V | undefined {
  let inForce: V | undefined;
  for (const v of versions) {
    if (v.effectiveAt.getTime() > at.getTime()) continue;
    if (!inForce || compareCipVersionPrecedence(v, inForce) < 0) inForce = v;
  }
  return inForce;
}
