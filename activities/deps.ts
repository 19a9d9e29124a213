import type { Database } from '../db/client.js';
import type { NotificationSettings } from './notifications.js';

/** What activities need from outside; tests pass their own (real database, fixed clock). */
export interface ActivityDeps {
  db: Database;
  clock?: () => Date;
  /** Desk links, SMTP and recipients of notifications; defaults when absent (no e-mail). */
  notifications?: NotificationSettings;
}
