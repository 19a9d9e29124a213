// Special measures in force (REGULATION.md, "Special measures"). The special-measures issue adds
// their table and fills this function; until then no measure is recorded, so the check that
// opening an account runs reads an empty set through the same function it will use then.
import type { SpecialMeasure } from '../../rules/index.js';
import type { DbOrTx } from '../client.js';

export interface RecordedSpecialMeasure extends SpecialMeasure {
  /** True when the measure prohibits opening the account; false when it sets conditions. */
  prohibitsOpening: boolean;
}

/** Measures issued and not revoked at `at` (their phase-in and expiry are decided by rules/). */
export async function listSpecialMeasuresInForce(_db: DbOrTx, _params: { at: Date }): Promise<RecordedSpecialMeasure[]> {
  return [];
}
