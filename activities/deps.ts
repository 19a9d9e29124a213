import type { Database } from '../db/client.js';

/** What activities need from outside; tests pass their own (real database, fixed clock). */
export interface ActivityDeps {
  db: Database;
  clock?: () => Date;
}
