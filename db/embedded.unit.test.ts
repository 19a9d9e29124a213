import { mkdirSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDataDirFor } from './embedded.js';

const base = mkdtempSync(join(tmpdir(), 'cipdesk-pgdir-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('postgresDataDirFor', () => {
  it('keeps the requested folder when not root', () => {
    chmodSync(base, 0o700);
    expect(postgresDataDirFor(join(base, 'data', 'postgres'), false)).toBe(join(base, 'data', 'postgres'));
  });

  it('keeps the requested folder for root when the postgres user can reach it', () => {
    chmodSync(base, 0o755);
    mkdirSync(join(base, 'open'), { recursive: true, mode: 0o755 });
    expect(postgresDataDirFor(join(base, 'open', 'postgres'), true)).toBe(join(base, 'open', 'postgres'));
  });

  it('moves the data of root under a private folder to a stable place it can reach', () => {
    chmodSync(base, 0o755);
    mkdirSync(join(base, 'private'), { recursive: true });
    chmodSync(join(base, 'private'), 0o700);
    const moved = postgresDataDirFor(join(base, 'private', 'postgres'), true);
    expect(moved).toMatch(/^\/var\/lib\/cipdesk\/postgres-[0-9a-f]{16}$/);
    expect(postgresDataDirFor(join(base, 'private', 'postgres'), true)).toBe(moved);
    expect(postgresDataDirFor(join(base, 'private', 'other'), true)).not.toBe(moved);
  });
});
