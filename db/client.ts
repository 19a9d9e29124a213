import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

/** The database, with the postgres.js client under it (`$client`) for the statements drizzle cannot prepare. */
export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A transaction handle; query functions take `Database | Transaction` as their first argument. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Transaction;

export interface DbHandle {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export function createDb(databaseUrl: string, options: { max?: number } = {}): DbHandle {
  const sql = postgres(databaseUrl, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Keep a hung database from hanging requests for ever; the API answers 503 instead.
    connect_timeout: 10,
    // postgres.js waits up to 20 s between reconnection attempts after repeated failures, and
    // every query waits with it: during an outage reads would hang instead of answering 503, and
    // after it the first queries would wait long after the database is back. At most a second.
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 1),
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** True when Postgres answers a trivial query within the timeout. */
export async function pingDb(sql: postgres.Sql, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    await Promise.race([sql`select 1`, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
