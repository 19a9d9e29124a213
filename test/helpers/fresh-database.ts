// A database of a test's own on the shared PostgreSQL server, migrated: for tests whose
// assertions count rows across a table (a certification's figures) and would otherwise count
// what other test files left behind.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { runMigrations } from '../../db/migrate.js';

export async function createFreshDatabase(prefix: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const shared = new URL(inject('databaseUrl'));
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(shared.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(shared.toString());
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return {
    databaseUrl: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
