// The case handlers' desk (web/, built by scripts/setup.mjs into web/dist) is served by the API
// itself: the sign-in page is rendered here (it must work before any script runs), the
// single-page app's shell and assets are static and carry no data, and everything the desk
// shows comes from the /v1 API through the session cookie.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getRuleSet, CURRENT_RULE_SET_ID } from '../../../rules/index.js';
import { ROLES } from '../../../config.js';
import { ProblemSchema } from '../../errors.js';
import { renderSignInPage } from './sign-in-page.js';

export const DESK_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

// The shell and the sign-in page load scripts and styles from the desk only, and may not be
// framed by another site.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const SignInBody = Type.Object(
  { token: Type.String({ maxLength: 500 }), _csrf: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);

/** "Due soon" on the desk is the provider policy's first reminder window (e.g. 7 days before). */
function dueSoonDays(): number {
  return Math.max(...getRuleSet(CURRENT_RULE_SET_ID).cipPolicy.reminderOffsetsDays.value);
}

export const deskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The sign-in form posts as a browser form does; only this plugin's routes accept that.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  const built = existsSync(join(DESK_DIST, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: join(DESK_DIST, 'assets'), prefix: '/assets/', index: false, immutable: true, maxAge: '1y' });
  }
  const shell = () =>
    built ? readFileSync(join(DESK_DIST, 'index.html'), 'utf8') : undefined;

  const page = { tags: ['desk'], hide: true } as const;

  app.get('/sign-in', { config: { public: true }, schema: { ...page, summary: 'Desk sign-in page' } }, async (request, reply) => {
    const csrfToken = reply.generateCsrf();
    return reply.type('text/html; charset=utf-8').send(renderSignInPage({ csrfToken }));
  });

  app.post(
    '/sign-in',
    {
      config: { public: true },
      // The form carries the CSRF token in its body, so it is checked once the body is parsed.
      preHandler: app.csrfProtection,
      schema: { ...page, summary: 'Sign in with an API token', body: SignInBody },
    },
    async (request, reply) => {
      await app.authFailures.refuseIfLockedOut(request, reply);
      if (!reply.startSession(request.body.token.trim())) {
        await app.authFailures.record(request, reply);
        const csrfToken = reply.generateCsrf();
        return reply
          .status(401)
          .type('text/html; charset=utf-8')
          .send(renderSignInPage({ csrfToken, error: 'That token is not known. Check it and try again.' }));
      }
      return reply.redirect('/desk/', 303);
    },
  );

  app.post(
    '/sign-out',
    { config: { roles: ROLES }, schema: { ...page, summary: 'End the desk session', response: { 204: Type.Null(), 401: ProblemSchema, 403: ProblemSchema } } },
    async (_request, reply) => {
      reply.endSession();
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags: ['desk'],
        summary: "The signed-in person and the CSRF token the desk sends with every change",
        response: {
          200: Type.Object({
            subject: Type.String(),
            role: Type.String(),
            authenticatedBy: Type.String(),
            csrfToken: Type.String(),
            dueSoonDays: Type.Integer({ description: "the provider policy's first reminder window, in calendar days" }),
            timeZone: Type.String({ description: "the provider's zone (IANA), in which deadlines' days are counted: the desk shows dates in it, whatever the browser's zone" }),
          }),
          401: ProblemSchema,
        },
      },
    },
    async (request, reply) => ({
      subject: request.principal.subject,
      role: request.principal.role,
      authenticatedBy: request.authenticatedBy,
      csrfToken: reply.generateCsrf(),
      dueSoonDays: dueSoonDays(),
      timeZone: app.deps.providerTimeZone,
    }),
  );

  // Every other desk path is the single-page app; its shell has no data in it.
  const serveShell = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    const html = shell();
    if (!html) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The desk has not been built: run `node scripts/setup.mjs` (npm start and npm test run it).');
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
  app.get('/', { config: { public: true }, schema: { ...page, summary: 'Desk' } }, serveShell);
  app.get('/*', { config: { public: true }, schema: { ...page, summary: 'Desk pages' } }, serveShell);
};
