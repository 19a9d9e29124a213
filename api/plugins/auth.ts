// Bearer-token authentication with roles. Tokens come from configuration (CIPDESK_API_TOKENS);
// each route states the roles it admits in `config.roles`. Routes without `config.public`
// require a token. The desk's session cookie (plugins/session.ts) is a second way in: only
// when no Authorization header is sent, and with a CSRF token for anything but a read.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiToken, Role } from '../../config.js';
import { AppError } from '../errors.js';

export interface Principal {
  subject: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** How the principal was established: an API token, or the desk's session cookie. */
    authenticatedBy: 'bearer' | 'session';
  }
  interface FastifyInstance {
    /** Every route, with who may call it (recordRouteAccess); the route-table test walks it. */
    routeAccess: RouteAccess[];
  }
  interface FastifyContextConfig {
    /** Served without a token (health, docs). */
    public?: boolean;
    /** Roles admitted; absent means any authenticated role. */
    roles?: readonly Role[];
    /** A POST that changes nothing (the codec endpoint): no CSRF token needed with the desk's session. */
    changesNothing?: boolean;
  }
}

/** Who may call a route: anyone (public) or the roles in its `config.roles`. */
export interface RouteAccess {
  method: string;
  url: string;
  public: boolean;
  roles: readonly Role[] | undefined;
  /** The request schemas it declares, as registered (the generated-input tests drive each of them). */
  input: Pick<FastifySchema, 'body' | 'querystring' | 'params' | 'headers'> & { consumes?: readonly string[] };
}

/**
 * Records every route registered from now on in `app.routeAccess`. buildApp calls it first, so
 * that plugins' own routes (Swagger UI, the desk's assets) are recorded too.
 * test/route-access.test.ts walks this table: every route that is not public must state its
 * roles in `config: { roles: [...] }`, and a public one must be on that test's allow-list.
 */
export function recordRouteAccess(app: FastifyInstance, publicPrefixes: readonly string[]): void {
  const routeAccess: RouteAccess[] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    const isPublic = route.config?.public === true || publicPrefixes.some((p) => route.url === p || route.url.startsWith(`${p}/`));
    const { body, querystring, params, headers, consumes } = (route.schema ?? {}) as RouteAccess['input'];
    const input = { body, querystring, params, headers, ...(consumes ? { consumes } : {}) };
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, public: isPublic, roles: route.config?.roles, input });
  });
}

const digest = (token: string) => createHash('sha256').update(token).digest();

export function authenticate(tokens: readonly ApiToken[]) {
  // Compare digests in constant time so that a token cannot be guessed byte by byte.
  const known = tokens.map((t) => ({ digest: digest(t.token), principal: { subject: t.subject, role: t.role } }));
  return (header: string | undefined): Principal | undefined => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return undefined;
    const presented = digest(match[1]!);
    let found: Principal | undefined;
    for (const k of known) if (timingSafeEqual(k.digest, presented)) found = k.principal;
    return found;
  };
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { tokens: readonly ApiToken[]; publicPrefixes?: readonly string[] }) => {
  const lookup = authenticate(opts.tokens);
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('authenticatedBy', 'bearer');
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    // Unknown routes fall through to the 404 handler without asking for a token.
    const url = request.routeOptions.url;
    // A CORS preflight never carries credentials (Fetch standard); the CORS plugin of the few
    // routes that admit other origins answers it, and nothing is read or changed.
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) return;
    if (config?.public || url === undefined || opts.publicPrefixes?.some((p) => url === p || url.startsWith(`${p}/`))) return;
    const fromSession = request.headers.authorization === undefined && app.hasDecorator('sessionPrincipal') ? app.sessionPrincipal(request) : undefined;
    // A presented token is a guess until it matches: guesses are limited per client address.
    const presented = !fromSession && request.headers.authorization !== undefined;
    if (presented) await app.authFailures.refuseIfLockedOut(request, reply);
    const principal = fromSession ?? lookup(request.headers.authorization);
    if (!principal && presented) await app.authFailures.record(request, reply);
    if (!principal) throw new AppError('auth.unauthenticated', 401, 'a valid bearer token is required (Authorization: Bearer <token>)');
    if (fromSession) request.authenticatedBy = 'session';
    if (config?.roles && !config.roles.includes(principal.role)) {
      throw new AppError(
        'auth.forbidden',
        403,
        `role ${principal.role} may not do this; allowed: ${config.roles.join(', ')}`,
      );
    }
    request.principal = principal;
  });
});
