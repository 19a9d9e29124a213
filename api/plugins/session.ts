// The desk's session: a person signs in once with an API token, and the browser then carries an
// httpOnly, SameSite=Strict cookie instead of the token. The cookie holds only the token's
// digest and an expiry, signed with the session secret; a token removed from the configuration
// ends every session made with it. Requests that change something through the cookie must also
// carry a CSRF token (@fastify/csrf-protection; its secret lives in a second signed cookie), so
// a page on another site can neither read the desk nor act through it. The bearer-token API is
// unchanged: a request with an Authorization header never looks at the cookies.
import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiToken } from '../../config.js';
import type { Principal } from './auth.js';

export const SESSION_COOKIE = 'cipdesk_session';
export const CSRF_COOKIE = 'cipdesk_csrf';
/** A working day; after that the handler signs in again. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

const digestHex = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Without a configured secret, one is derived from the token set: every API process with the
 * same configuration accepts the same sessions, and changing the tokens ends them all.
 */
export function defaultSessionSecret(tokens: readonly ApiToken[]): string {
  const hash = createHash('sha256').update('cipdesk desk session\n');
  for (const t of [...tokens].sort((a, b) => a.token.localeCompare(b.token))) hash.update(`${t.subject}:${t.role}:${t.token}\n`);
  return hash.digest('hex');
}

export interface SessionOptions {
  tokens: readonly ApiToken[];
  secret: string;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The principal of the request's session cookie, if it carries a valid, unexpired one. */
    sessionPrincipal(request: FastifyRequest): Principal | undefined;
  }
  interface FastifyReply {
    /** Signs the holder of `token` in; false when the token is unknown. */
    startSession(token: string): boolean;
    endSession(): void;
  }
}

const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', signed: true } as const;

export const sessionPlugin = fp(async (app: FastifyInstance, opts: SessionOptions) => {
  const byDigest = new Map(opts.tokens.map((t) => [digestHex(t.token), { subject: t.subject, role: t.role } satisfies Principal]));
  await app.register(fastifyCookie, { secret: opts.secret });
  await app.register(fastifyCsrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: cookieOptions,
  });

  app.decorate('sessionPrincipal', (request: FastifyRequest) => {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return undefined;
    const [digest, expires] = unsigned.value.split('.');
    if (!digest || !expires || Number(expires) <= opts.now().getTime()) return undefined;
    for (const [known, principal] of byDigest) {
      if (known.length === digest.length && timingSafeEqual(Buffer.from(known), Buffer.from(digest))) return principal;
    }
    return undefined;
  });

  app.decorateReply('startSession', function (this: FastifyReply, token: string) {
    const digest = digestHex(token);
    let known = false;
    // Every known digest is compared, in constant time, as the bearer tokens are.
    for (const candidate of byDigest.keys()) if (timingSafeEqual(Buffer.from(candidate), Buffer.from(digest))) known = true;
    if (!known) return false;
    const expires = opts.now().getTime() + SESSION_LIFETIME_MS;
    this.setCookie(SESSION_COOKIE, `${digest}.${expires}`, { ...cookieOptions, maxAge: SESSION_LIFETIME_MS / 1000 });
    return true;
  });

  app.decorateReply('endSession', function (this: FastifyReply) {
    this.clearCookie(SESSION_COOKIE, { path: '/' });
    this.clearCookie(CSRF_COOKIE, { path: '/' });
  });
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * For a request authenticated by the session cookie: anything but a read needs a CSRF token.
 * A POST that changes nothing (`config.changesNothing`, the codec endpoint the Temporal UI
 * calls) is a read: CORS and the SameSite=Strict cookie keep other sites from using it.
 */
export function requiresCsrfCheck(request: FastifyRequest): boolean {
  return request.authenticatedBy === 'session' && !SAFE_METHODS.has(request.method) && request.routeOptions.config?.changesNothing !== true;
}
