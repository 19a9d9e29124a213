import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// rules/ is imported by Temporal workflow code, which runs in a deterministic sandbox.
const root = fileURLToPath(new URL('.', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });

describe('rules/ stays pure and deterministic', () => {
  it.each(sources(root).map((p) => [relative(root, p), p]))('%s', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|performance\.now/);
    expect(text).not.toMatch(/from ['"](node:|fs|path|crypto|os|process)/);
    expect(text).not.toMatch(/\bprocess\./);
    expect(text).not.toMatch(/from ['"](?!\.)/); // no third-party imports
  });
});
