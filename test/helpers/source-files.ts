// The source files of a folder (its TypeScript, tests left out), for tests that read code as text.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every non-test `.ts` file below `dir`, as [path relative to dir, absolute path] pairs for `it.each`. */
export function sourceFiles(dir: string): [string, string][] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return walk(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
    });
  return walk(dir).map((path) => [relative(dir, path), path]);
}
