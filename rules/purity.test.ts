import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../test/helpers/source-files.js';

// rules/ is imported by Temporal workflow code, which runs in a deterministic sandbox.
const root = fileURLToPath(new URL('.', import.meta.url));

describe('rules/ stays pure and deterministic', () => {
  it.each(sourceFiles(root))('%s', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|performance\.now/);
    expect(text).not.toMatch(/from ['"](node:|fs|path|crypto|os|process)/);
    expect(text).not.toMatch(/\bprocess\./);
    expect(text).not.toMatch(/from ['"](?!\.)/); // no third-party imports
  });
});
