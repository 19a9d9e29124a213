import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { RuleInputError } from '../../rules/index.js';
import { PATTERN_MESSAGES } from '../schemas.js';
import type { RouteAccess } from './auth.js';
import { AppError, PROBLEM_TYPE_BASE, ProblemSchema, type FieldError, type Problem } from '../errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Turns Ajv's errors into `{ field, message }` with the field spelled as the client sent it. */
function fieldErrors(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body';
  const all = error.validation ?? [];
  // "one of these formats" (an IP address: ipv4 or ipv6) reads as one message, not three.
  const formatsInAnyOf = new Map<string, string[]>();
  for (const v of all) {
    const format = (v.params as { format?: unknown }).format;
    if (v.keyword === 'format' && v.schemaPath.includes('/anyOf/') && typeof format === 'string') {
      formatsInAnyOf.set(v.instancePath, [...(formatsInAnyOf.get(v.instancePath) ?? []), format]);
    }
  }
  const shown = all.filter((v) => !(v.keyword === 'format' && v.schemaPath.includes('/anyOf/') && formatsInAnyOf.has(v.instancePath)));
  return shown.map((v) => {
    const path = v.instancePath
      .split('/')
      .filter(Boolean)
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'));
    const params = v.params as Record<string, unknown>;
    if (typeof params.missingProperty === 'string') path.push(params.missingProperty);
    if (typeof params.additionalProperty === 'string') path.push(params.additionalProperty);
    const field = [context, ...path].join('.');
    let message = v.message ?? 'is invalid';
    if (typeof params.additionalProperty === 'string') message = 'is not a known field';
    if (typeof params.missingProperty === 'string') message = 'is required';
    if (Array.isArray(params.allowedValues)) message = `must be one of ${params.allowedValues.join(', ')}`;
    if (v.keyword === 'anyOf' && formatsInAnyOf.has(v.instancePath)) message = `must be in one of the formats ${formatsInAnyOf.get(v.instancePath)!.join(', ')}`;
    if (v.keyword === 'pattern' && typeof params.pattern === 'string' && PATTERN_MESSAGES[params.pattern]) message = PATTERN_MESSAGES[params.pattern]!;
    return { field, message };
  });
}

/** How long a client should wait before retrying when PostgreSQL or Temporal cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

const LOCATIONS = ['body', 'querystring', 'params', 'headers'];

/**
 * A RuleInputError names the rules' input property (`knowledgeAt`, `extensions[0].publishedAt`).
 * Routes feed the rules from the request body, so the field is spelled as Ajv spells body fields
 * (`body.knowledgeAt`, `body.extensions.0.publishedAt`); a route that feeds them from elsewhere
 * throws with the location already in the field (`querystring.timeZone`), which is kept.
 */
function ruleInputField(field: string): string {
  const dotted = field.replace(/\[(\d+)\]/g, '.$1');
  return LOCATIONS.some((l) => dotted === l || dotted.startsWith(`${l}.`)) ? dotted : `body.${dotted}`;
}

// Errors that mean a server we depend on cannot be reached (postgres.js and Node codes), as
// thrown or as the cause of a wrapping error (drizzle's DrizzleQueryError).
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P03']);
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  // gRPC status UNAVAILABLE (14), as the Temporal client reports an unreachable server.
  if (code === 14 && typeof (error as { details?: unknown }).details === 'string') return true;
  if (error instanceof AggregateError && error.errors.some((e) => isConnectionFailure(e, depth + 1))) return true;
  return isConnectionFailure((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * Fastify's own error codes (FST_ERR_…) name its internals; an answer says what was wrong with
 * the request instead.
 */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_EMPTY_TYPE: 'request.malformed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed',
  FST_ERR_BAD_URL: 'request.malformed',
  FST_ERR_MAX_PARAM_LENGTH: 'request.uri_too_long',
};
/** The part of the request a framework refusal is about, named as schema refusals name theirs. */
const CONTENT_TYPE_FIELD = { field: 'headers.content-type', message: 'must be application/json (multipart/form-data where a route takes a file)' };
const FRAMEWORK_FIELDS: Record<string, { field: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { field: 'body', message: 'is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { field: 'body', message: 'is empty; a JSON body is required with this content type (send {} for none)' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: CONTENT_TYPE_FIELD,
  FST_ERR_CTP_INVALID_TYPE: CONTENT_TYPE_FIELD,
};
function requestCode(code: string | undefined): string {
  if (code === undefined) return 'request.rejected';
  return FRAMEWORK_CODES[code] ?? (/^[a-z][a-z_]*(\.[a-z_]+)+$/.test(code) ? code : 'request.rejected');
}

export function problemFrom(error: unknown, instance: string): Problem {
  if (error instanceof RuleInputError) {
    const field = ruleInputField(error.field);
    const prefix = `${error.field}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return {
      type: PROBLEM_TYPE_BASE + error.code,
      title: TITLES[400]!,
      status: 400,
      detail: `${field}: ${message}`,
      instance,
      code: error.code,
      errors: [{ field, message }],
    };
  }
  if (error instanceof AppError) {
    return {
      type: PROBLEM_TYPE_BASE + error.code,
      title: TITLES[error.status] ?? 'Error',
      status: error.status,
      detail: error.message,
      instance,
      code: error.code,
      ...(error.errors.length ? { errors: error.errors } : {}),
    };
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors = fieldErrors(fe);
    // Duplicates appear when several schema branches fail on the same field.
    const unique = errors.filter((e, i) => errors.findIndex((o) => o.field === e.field && o.message === e.message) === i);
    return {
      type: PROBLEM_TYPE_BASE + 'request.invalid',
      title: TITLES[400]!,
      status: 400,
      detail: unique.map((e) => `${e.field} ${e.message}`).join('; '),
      instance,
      code: 'request.invalid',
      errors: unique,
    };
  }
  if (isConnectionFailure(error)) {
    return {
      type: PROBLEM_TYPE_BASE + 'dependency.unavailable',
      title: TITLES[503]!,
      status: 503,
      detail: 'A server cipdesk depends on (PostgreSQL or Temporal) cannot be reached at the moment; retry later.',
      instance,
      code: 'dependency.unavailable',
    };
  }
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) {
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large) are safe to show.
    // The type names the same problem as the code: a client may match on either.
    const code = requestCode(fe.code);
    const field = (fe.code === undefined ? undefined : FRAMEWORK_FIELDS[fe.code]) ?? (code === 'request.unsupported_media_type' ? CONTENT_TYPE_FIELD : undefined);
    return {
      type: PROBLEM_TYPE_BASE + code,
      title: TITLES[status] ?? 'Error',
      status,
      detail: fe.message,
      instance,
      code,
      ...(field ? { errors: [field] } : {}),
    };
  }
  // 5xx details stay in the log, never in the response.
  return {
    type: PROBLEM_TYPE_BASE + 'internal',
    title: TITLES[500]!,
    status: 500,
    detail: 'An internal error occurred; it has been logged.',
    instance,
    code: 'internal',
  };
}

const patterns = new WeakMap<readonly RouteAccess[], Map<string, RegExp>>();
/** The methods registered for the route patterns that match `path` (HEAD and CORS preflights aside from GET). */
export function allowedMethods(routes: readonly RouteAccess[], path: string): string[] {
  let cache = patterns.get(routes);
  if (!cache) patterns.set(routes, (cache = new Map()));
  const methods = new Set<string>();
  for (const route of routes) {
    let pattern = cache.get(route.url);
    if (!pattern) {
      const source = route.url
        .split(/(:[A-Za-z0-9_]+|\*)/)
        .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      pattern = new RegExp(`^${source}/?$`);
      cache.set(route.url, pattern);
    }
    // A CORS route (OPTIONS with a wildcard) says nothing about what a path is.
    if (route.method !== 'OPTIONS' && pattern.test(path)) methods.add(route.method);
  }
  return [...methods].sort();
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  // Routes declare their error responses with the Problem schema; they are served as
  // application/problem+json, and the OpenAPI document says so.
  app.addHook('onRoute', (route) => {
    const responses = route.schema?.response as Record<string, unknown> | undefined;
    if (!responses) return;
    // The router answers 414 itself for an over-long path parameter (see frameworkErrors).
    if (route.schema?.params && !responses['414']) responses['414'] = ProblemSchema;
    for (const [status, schema] of Object.entries(responses)) {
      if (Number(status) >= 400 && schema && typeof schema === 'object' && (schema as { $id?: string }).$id === 'Problem') {
        responses[status] = { content: { 'application/problem+json': { schema } } };
      }
    }
  });
  app.setErrorHandler((error, request, reply) => {
    // Fastify refuses some methods (QUERY without a Content-Type) before it finds no route for them.
    if (request.is404) return noRoute(request, reply);
    const problem = problemFrom(error, request.url);
    if (problem.status === 503) {
      // A dependency outage is temporary: tell clients when to try again rather than to give up.
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      request.log.warn({ err: error }, 'dependency unavailable');
    } else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, problem.detail);
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  /** 405 with Allow when the path is known under other methods, else 404. */
  const noRoute = (request: FastifyRequest, reply: FastifyReply) => {
    // A known path asked with a method it does not have (TRACE, QUERY, DELETE on a list...): 405.
    const path = request.url.split('?')[0] ?? '/';
    const allow = app.hasDecorator('routeAccess') ? allowedMethods(app.routeAccess, path) : [];
    if (allow.length) {
      void reply
        .status(405)
        .header('allow', allow.join(', '))
        .type('application/problem+json')
        .send({
          type: PROBLEM_TYPE_BASE + 'method.not_allowed',
          title: TITLES[405]!,
          status: 405,
          detail: `${path} answers ${allow.join(', ')}, not ${request.method}`,
          instance: request.url,
          code: 'method.not_allowed',
        } satisfies Problem);
      return;
    }
    void reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: PROBLEM_TYPE_BASE + 'route.not_found',
        title: 'Not Found',
        status: 404,
        detail: `no route ${request.method} ${path}`,
        instance: request.url,
        code: 'route.not_found',
      } satisfies Problem);
  };
  app.setNotFoundHandler(noRoute);
});
