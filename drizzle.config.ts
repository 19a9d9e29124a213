import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration from db/schema; read it, then commit it.
// Committed migrations are never edited: a change is a new migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
