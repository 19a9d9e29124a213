// The desk's API types are generated from the API's own OpenAPI document by scripts/setup.mjs
// (web/src/openapi.d.ts, not committed), so `tsc -p web` checks the desk against the routes as
// they are: a route change that breaks the desk fails the type check of `npm test`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../api/app.js';
import type { AppDeps } from '../api/deps.js';

export const OPENAPI_TYPES_FILE = fileURLToPath(new URL('./src/openapi.d.ts', import.meta.url));

export async function generateOpenApiTypes(): Promise<string> {
  // Building the routes needs no servers: the deps are only used when a request is handled.
  const app = await buildApp({ tokens: [], providerTimeZone: 'UTC' } as unknown as AppDeps);
  await app.ready();
  const document = app.swagger() as Parameters<typeof openapiTS>[0];
  await app.close();
  const ast = await openapiTS(document as never, { alphabetize: true });
  return `// Generated from the API's OpenAPI document by web/openapi-types.ts; do not edit.\n${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_TYPES_FILE, await generateOpenApiTypes());
}
