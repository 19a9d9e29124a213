// A resource a test file shares: opened before its tests and closed after them, read through a
// getter that says plainly when it is used before it is open (at a file's top level).
import { afterAll, beforeAll } from 'vitest';

export function openedForFile<T>(what: string, open: () => T | Promise<T>, close: (resource: T) => Promise<void>): () => T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await open();
  });
  afterAll(async () => {
    if (resource !== undefined) await close(resource);
  });
  return () => {
    if (resource === undefined) throw new Error(`${what} opens in beforeAll: use it inside a hook or a test`);
    return resource;
  };
}
