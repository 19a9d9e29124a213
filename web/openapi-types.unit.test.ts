// The desk's typed client is generated from the API's OpenAPI document; a route change that
// was not carried into web/src/openapi.d.ts fails here (regenerate with
// `node --import tsx web/openapi-types.ts`).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { OPENAPI_TYPES_FILE, generateOpenApiTypes } from './openapi-types.js';

it('keeps the desk client types in step with the API routes', async () => {
  expect(readFileSync(OPENAPI_TYPES_FILE, 'utf8')).toBe(await generateOpenApiTypes());
}, 30_000);
