// Defences every answer gets, whatever the route: security headers (@fastify/helmet), and a
// limit on failed authentication per client address (@fastify/rate-limit), so that API tokens
// cannot be guessed by trying many. Request sizes are limited by buildApp (bodyLimit) and by
// each upload route; the allowed methods of each path by the errors plugin (405 with Allow).
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

export interface AuthFailureLimit {
  /** Failed attempts (a wrong bearer token, a wrong token at the desk's sign-in) allowed... */
  max: number;
  /** ...per client address in this window; then every attempt from it is refused until it ends. */
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { max: 20, windowMs: 60_000 };

declare module 'fastify' {
  interface FastifyInstance {
    authFailures: {
      /** Refuses (429, Retry-After) a client address that has used up its failed attempts. */
      refuseIfLockedOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
      /** Counts a failed attempt; refuses (429) the one that is one too many. */
      record(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    };
  }
}

export const hardeningPlugin = fp(async (app: FastifyInstance, opts: { authFailureLimit: AuthFailureLimit }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // Served over plain http on a developer's machine too: an upgrade would break its assets.
        upgradeInsecureRequests: null,
        frameAncestors: ["'none'"],
      },
    },
  });
  // Only what calls the limiter below is limited: a busy, correctly authenticated client never is.
  await app.register(rateLimit, { global: false });
  const limiter = app.createRateLimit({ max: opts.authFailureLimit.max, timeWindow: opts.authFailureLimit.windowMs, keyGenerator: (request) => request.ip });

  const refuse = (reply: FastifyReply, ttlInSeconds: number) => {
    const retryAfter = Math.max(1, ttlInSeconds);
    void reply.header('retry-after', String(retryAfter));
    return new AppError('auth.too_many_failures', 429, `too many failed authentication attempts from this address; retry in ${retryAfter} s`);
  };

  app.decorate('authFailures', {
    async refuseIfLockedOut(request: FastifyRequest, reply: FastifyReply) {
      const state = await limiter(request, { increment: false });
      if (!state.isAllowed && state.remaining === 0) throw refuse(reply, state.ttlInSeconds);
    },
    async record(request: FastifyRequest, reply: FastifyReply) {
      const state = await limiter(request);
      if (!state.isAllowed && state.isExceeded) throw refuse(reply, state.ttlInSeconds);
    },
  });
});
