// Measures stored but whose workflow never started (the API stopped between storing the measure
// and starting it): found when the API starts, and started. Starting is idempotent on the
// measure's workflow id, so this is safe to run at any time, as often as wanted.
import { listSpecialMeasuresWithoutCase } from '../../../db/queries/special-measures.js';
import type { AppDeps } from '../../deps.js';
import { startSpecialMeasureCase } from './special-measures.usecases.js';

export async function reconcileSpecialMeasureCases(
  deps: Required<AppDeps> & { log?: { warn(obj: object, msg: string): void } },
): Promise<{ started: number; failed: number }> {
  let started = 0;
  let failed = 0;
  for (const record of await listSpecialMeasuresWithoutCase(deps.db.db, { limit: 1000 })) {
    try {
      if ((await startSpecialMeasureCase(deps, record, record.measure.createdBy)) === 'started') started += 1;
    } catch (err) {
      // One measure's failure must not keep the others from starting; the next run retries it.
      failed += 1;
      deps.log?.warn({ err, measureId: record.measure.id }, 'could not start the special-measure workflow');
    }
  }
  return { started, failed };
}
