// Malformed requests generated from a route's own request schemas (TypeBox, i.e. JSON Schema):
// a request that conforms almost everywhere, with one part broken the way clients break them
// (a wrong type, a missing or unknown field, an over-long or empty string, a value out of range,
// bytes that are not UTF-8, JSON that does not parse, a wrong content type). Each candidate is
// judged by the same Ajv configuration the API uses and kept only if the API must refuse it, so
// a test can demand a 4xx for every one. A route added later is covered without naming it here.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { requestValidatorFactory } from '../../api/app.js';
import type { RouteAccess } from '../../api/plugins/auth.js';

type Schema = Record<string, unknown>;
type Part = 'body' | 'querystring' | 'params' | 'headers';
const PARTS: readonly Part[] = ['params', 'querystring', 'headers', 'body'];
/** Malformations below the schema: the body never reaches validation. */
const WIRE_FAULTS = ['json-syntax', 'not-utf8', 'content-type', 'empty-body', 'multipart-no-boundary', 'multipart-truncated'] as const;
/** Wire faults the JSON parser refuses on any route that takes a body, with a body schema or not. */
const JSON_FAULTS = new Set<string>(['json-syntax', 'not-utf8', 'empty-body']);
/** Wire faults a route that reads multipart/form-data itself (an upload) must refuse. */
const MULTIPART_FAULTS = new Set<string>(['multipart-no-boundary', 'multipart-truncated']);

const asSchema = (value: unknown): Schema | undefined => (value && typeof value === 'object' ? (value as Schema) : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Values that conform to `schema` (near enough: the mutations below do the breaking). */
export function conforming(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 1 });
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(branches) && branches.length) return fc.oneof(...branches.map((b) => conforming(b, depth + 1)));
  if (Array.isArray(schema.allOf)) {
    const members = schema.allOf as Schema[];
    return conforming(
      {
        type: 'object',
        properties: Object.assign({}, ...members.map((m) => m.properties ?? {})),
        required: members.flatMap((m) => (m.required as string[] | undefined) ?? []),
      },
      depth + 1,
    );
  }
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => conforming({ ...schema, type }, depth + 1)));
  switch (schema.type) {
    case 'string':
      return conformingString(schema);
    case 'integer': {
      const min = num(schema.minimum) ?? (num(schema.exclusiveMinimum) ?? -1_000_001) + 1;
      const max = num(schema.maximum) ?? (num(schema.exclusiveMaximum) ?? 1_000_001) - 1;
      return fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) });
    }
    case 'number': {
      const min = num(schema.minimum) ?? num(schema.exclusiveMinimum) ?? -1e6;
      const max = num(schema.maximum) ?? num(schema.exclusiveMaximum) ?? 1e6;
      return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num(schema.minItems) ?? 0;
      return fc.array(conforming(asSchema(schema.items), depth + 1), { minLength, maxLength: Math.min(num(schema.maxItems) ?? minLength + 2, minLength + 2) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required as string[] | undefined) ?? [];
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, conforming(child, depth + 1)])),
        { requiredKeys: required.filter((key) => key in properties) },
      );
      return record as fc.Arbitrary<unknown>;
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function conformingString(schema: Schema): fc.Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = Math.min(num(schema.maxLength) ?? 40, minLength + 40);
  const between = (s: string) => s.length >= minLength && s.length <= (num(schema.maxLength) ?? Infinity);
  const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
  switch (schema.format) {
    case 'date-time':
      return instant.map((d) => d.toISOString());
    case 'date':
      return instant.map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    case 'ipv4':
      return fc.ipV4();
    case 'ipv6':
      return fc.ipV6();
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(between);
    } catch {
      // A pattern fast-check cannot generate from: plain strings, judged by Ajv below anyway.
    }
  }
  return fc.string({ minLength, maxLength });
}

/** What a broken value is replaced with: the shapes clients get wrong. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>({}, [], null, true, 0, -1, 1.5, '', ' ', 'x', '0164-11-19T18:08:19.381Z', '2026-02-30', 'not-a-uuid', 1e308, -1e308),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ minLength: 201, maxLength: 400 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 2 }),
);

interface Mutation {
  at: number;
  kind: 'replace' | 'delete' | 'add';
  replacement: unknown;
  key: string;
}

/** Every node of a JSON value, as the container holding it and its key (the root has no container). */
function nodes(value: unknown, container: object | undefined = undefined, key = '', out: [object | undefined, string][] = []) {
  out.push([container, key]);
  if (value && typeof value === 'object') {
    for (const [k, child] of Object.entries(value)) nodes(child, value, k, out);
  }
  return out;
}

function mutate(value: unknown, m: Mutation): unknown {
  const copy = structuredClone(value);
  const all = nodes(copy);
  const [container, key] = all[m.at % all.length]!;
  if (!container) {
    if (m.kind === 'add' && copy && typeof copy === 'object' && !Array.isArray(copy)) return { ...copy, [m.key]: m.replacement };
    return m.replacement;
  }
  const target = container as Record<string, unknown>;
  if (m.kind === 'delete' && !Array.isArray(container)) delete target[key];
  else if (m.kind === 'add' && target[key] && typeof target[key] === 'object' && !Array.isArray(target[key])) {
    (target[key] as Record<string, unknown>)[m.key] = m.replacement;
  } else target[key] = m.replacement;
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'delete', 'add'),
  replacement: wrongValue,
  key: fc.oneof(fc.constantFrom('__unknown', 'constructor', 'toString'), fc.string({ minLength: 1, maxLength: 12 })),
});

/** A query value as a URL carries it: strings, repeated keys for arrays. */
function toQueryString(query: unknown): string {
  const search = new URLSearchParams();
  if (query && typeof query === 'object' && !Array.isArray(query)) {
    for (const [key, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        search.append(key, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The query as the server parses it back: one string per key, or an array for a repeated key. */
function parsedQuery(queryString: string): Record<string, string | string[]> {
  const parsed: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(queryString.slice(1))) {
    const existing = Object.hasOwn(parsed, key) ? parsed[key] : undefined;
    parsed[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return parsed;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
/** Header values a client can send at all (HTTP forbids control characters and non-Latin-1). */
const asHeaderValue = (value: unknown) => asText(value).replace(/[^\t\x20-\x7e]/g, '');

export interface MalformedRequest {
  /** What was broken, for the report of a failing case. */
  broken: Part | (typeof WIRE_FAULTS)[number];
  inject: InjectOptions & { method: string; url: string };
}

const compile = requestValidatorFactory()({}, {}) as (args: { schema: Schema; httpPart: Part }) => (data: unknown) => boolean;

/**
 * Requests to `route` that its schemas refuse, one part broken at a time, or broken on the wire.
 * Undefined when the route declares no request schema (nothing to break: every request is valid).
 */
export function malformedRequests(route: RouteAccess): fc.Arbitrary<MalformedRequest> | undefined {
  const schemas: Partial<Record<Part, Schema>> = {};
  for (const part of PARTS) {
    const schema = asSchema(route.input[part]);
    if (schema) schemas[part] = schema;
  }
  const parts = PARTS.filter((p) => schemas[p]);
  const takesBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);
  if (!parts.length && !takesBody) return undefined;
  const validators = Object.fromEntries(parts.map((p) => [p, compile({ schema: schemas[p]!, httpPart: p })])) as Partial<Record<Part, (data: unknown) => boolean>>;
  const refused = (part: Part, value: unknown) => validators[part] !== undefined && !validators[part]!(structuredClone(value));
  const hasBody = schemas.body !== undefined && takesBody;
  // A route that reads its body without a schema (an upload) gets the faults its parsers must refuse.
  const multipart = route.input.consumes?.includes('multipart/form-data') === true;
  const wireFaults = WIRE_FAULTS.filter((w) => hasBody || (takesBody && (JSON_FAULTS.has(w) || (multipart && MULTIPART_FAULTS.has(w)))));
  // Mostly schema faults (the body above all), some wire faults.
  const targets = fc.oneof(
    ...parts.map((p) => ({ arbitrary: fc.constant<MalformedRequest['broken']>(p), weight: p === 'body' ? 8 : 3 })),
    ...wireFaults.map((w) => ({ arbitrary: fc.constant<MalformedRequest['broken']>(w), weight: 1 })),
  );

  return fc
    .record({
      params: conforming(schemas.params),
      querystring: conforming(schemas.querystring),
      headers: conforming(schemas.headers),
      body: conforming(schemas.body),
      broken: targets,
      mutation,
    })
    .map((c): MalformedRequest & { refused: boolean } => {
      const broken = c.broken;
      const value = (part: Part) => (broken === part ? mutate(c[part], c.mutation) : c[part]);
      const params = schemas.params ? value('params') : {};
      const paramValues = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
      const parsedParams: Record<string, string> = {};
      const url = route.url.replace(/:([A-Za-z0-9_]+)|\*$/g, (_, name: string | undefined) => {
        const text = asText(paramValues[name ?? '*'] ?? 'x');
        parsedParams[name ?? '*'] = text;
        return encodeURIComponent(text);
      });
      const queryString = schemas.querystring ? toQueryString(value('querystring')) : '';
      const headerValues = schemas.headers ? value('headers') : {};
      const headers: Record<string, string> = {};
      if (headerValues && typeof headerValues === 'object') {
        for (const [k, v] of Object.entries(headerValues)) if (/^[a-z][a-z0-9-]*$/.test(k)) headers[k] = asHeaderValue(v);
      }
      let payload: string | Buffer | undefined;
      let contentType = 'application/json';
      const body = schemas.body ? value('body') : undefined;
      if (takesBody) {
        const json = JSON.stringify(body ?? {});
        if (broken === 'json-syntax') payload = json.slice(0, Math.max(0, json.length - 1 - (c.mutation.at % 3))) + (c.mutation.at % 2 ? ',' : '');
        else if (broken === 'not-utf8') payload = Buffer.concat([Buffer.from(json.slice(0, 1)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(json.slice(1))]);
        else if (broken === 'content-type') (payload = json), (contentType = 'text/plain');
        else if (broken === 'empty-body') payload = '';
        else if (broken === 'multipart-no-boundary') (payload = json), (contentType = 'multipart/form-data');
        else if (broken === 'multipart-truncated') {
          payload = `--b0undary\r\ncontent-disposition: form-data; name="file"; filename="x.pdf"\r\ncontent-type: application/pdf\r\n\r\n${json.slice(0, 20)}`;
          contentType = 'multipart/form-data; boundary=b0undary';
        } else if (hasBody) payload = json;
      }
      const wire = (WIRE_FAULTS as readonly string[]).includes(broken);
      const judged =
        (wire && payload !== undefined) ||
        refused('params', parsedParams) ||
        refused('querystring', parsedQuery(queryString)) ||
        refused('headers', headers) ||
        (hasBody && refused('body', body));
      return {
        broken,
        refused: judged,
        inject: {
          method: route.method,
          url: url + queryString,
          headers: { ...headers, ...(payload !== undefined ? { 'content-type': contentType } : {}) },
          ...(payload !== undefined ? { payload } : {}),
        },
      };
    })
    .filter((r) => r.refused)
    .map(({ broken, inject }) => ({ broken, inject }));
}
