import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { AppDeps } from './deps.js';
import { authPlugin, recordRouteAccess } from './plugins/auth.js';
import { defaultSessionSecret, requiresCsrfCheck, sessionPlugin } from './plugins/session.js';
import { errorsPlugin, problemFrom } from './plugins/errors.js';
import { inputHygienePlugin } from './plugins/input-hygiene.js';
import { DEFAULT_AUTH_FAILURE_LIMIT, hardeningPlugin } from './plugins/hardening.js';
import { swaggerPlugin } from './plugins/swagger.js';
import { aiTrainingRoutes } from './routes/ai-training/ai-training.routes.js';
import { aiTrainingReportRoutes } from './routes/ai-training/reports.routes.js';
import { healthRoutes } from './routes/health/health.routes.js';
import { caseRoutes } from './routes/cases/cases.routes.js';
import { caseNoteRoutes } from './routes/case-notes/case-notes.routes.js';
import { caseTypeRoutes } from './routes/case-types/case-types.routes.js';
import { certificationRoutes } from './routes/certifications/certifications.routes.js';
import { irregularUpdateRoutes } from './routes/irregular-updates/irregular-updates.routes.js';
import { providerSettingsRoutes } from './routes/provider-settings/provider-settings.routes.js';
import { cipTransmissionRoutes } from './routes/cip-transmission/cip-transmission.routes.js';
import { DEFAULT_DOCUMENT_MAX_BYTES } from './routes/documents/upload.js';
import { cipDocumentRoutes } from './routes/cip-documents/cip-documents.routes.js';
import { resellerRoutes } from './routes/resellers/resellers.routes.js';
import { customerRoutes } from './routes/customers/customers.routes.js';
import { deskRoutes } from './routes/desk/desk.routes.js';
import { webhookRoutes } from './routes/webhooks/webhooks.routes.js';
import { ruleRoutes } from './routes/rules/rules.routes.js';
import { specialMeasureRoutes } from './routes/special-measures/special-measures.routes.js';
import { auditRoutes } from './routes/audit/audit.routes.js';
import { caseHistoryRoutes } from './routes/case-history/case-history.routes.js';
import { legalRoutes } from './routes/legal/legal.routes.js';
import { exemptionRoutes } from './routes/exemptions/exemptions.routes.js';
import { complianceAssessmentRoutes } from './routes/compliance-assessments/compliance-assessments.routes.js';
import { codecRoutes } from './routes/codec/codec.routes.js';

/**
 * The largest request body any JSON route accepts (Fastify's default, stated): a case's input is
 * a few kilobytes. Uploads have their own limit (documentMaxBytes), the codec endpoint its own.
 */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * How request schemas are judged (the generated-input tests judge their requests the same way).
 * A query string, path or header carries only text, so a number or a list there is read from its
 * text ('array': `?status=a` is a one-item list).
 */
export const AJV_OPTIONS = {
  // Report every failing field at once.
  allErrors: true,
  removeAdditional: false,
  coerceTypes: 'array',
  useDefaults: true,
  // `multipleOf: 0.000001` (at most 6 decimals) judged on the decimal, not on binary floating point.
  multipleOfPrecision: 9,
} as const;

/**
 * A JSON body states its types itself: `"period": "2026"` or `"reason": 42` is the wrong type and
 * is refused naming the field, never coerced silently into another value.
 */
export const AJV_BODY_OPTIONS = { ...AJV_OPTIONS, coerceTypes: false } as const;

type ValidatorFactory = ReturnType<typeof AjvCompiler>;
type ValidatorArgs = Parameters<ReturnType<ValidatorFactory>>[0];

/** The request part's judge: bodies without coercion, text parts with it (see AJV_BODY_OPTIONS). */
export function requestValidatorFactory(): ValidatorFactory {
  const textParts = AjvCompiler();
  const bodies = AjvCompiler();
  return ((externalSchemas: Parameters<ValidatorFactory>[0]) => {
    const text = textParts(externalSchemas, { customOptions: AJV_OPTIONS });
    const body = bodies(externalSchemas, { customOptions: AJV_BODY_OPTIONS });
    return (args: ValidatorArgs) => (args.httpPart === 'body' ? body(args) : text(args));
  }) as ValidatorFactory;
}

/** Served without a token: Swagger UI's files and the desk's static assets carry no data. */
const PUBLIC_PREFIXES = ['/docs', '/desk/assets'];

export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    schemaController: { compilersFactory: { buildValidator: requestValidatorFactory() } },
    // Errors the router raises before any route runs (bad URL encoding, over-long path
    // parameters) get the same problem+json answer as every other error.
    frameworkErrors: (error, request, reply) => {
      const problem = problemFrom(error, request.url);
      void (reply as unknown as FastifyReply).status(problem.status).type('application/problem+json').send(problem);
    },
    ...options,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // A query string names only the parameters its route declares: a misspelt filter is refused
  // naming it, never ignored into an unfiltered list that reads as the filtered one.
  app.addHook('onRoute', (route) => {
    const query = route.schema?.querystring as { type?: unknown; additionalProperties?: unknown } | undefined;
    if (query?.type === 'object' && query.additionalProperties === undefined) query.additionalProperties = false;
  });
  recordRouteAccess(app, PUBLIC_PREFIXES);
  // The API tokens go to the authentication plugins, which keep only their SHA-256 digests; the
  // app's own dependencies (app.deps) do not hold them.
  const { tokens, ...rest } = deps;
  app.decorate('deps', {
    now: () => new Date(),
    documentMaxBytes: DEFAULT_DOCUMENT_MAX_BYTES,
    sessionSecret: defaultSessionSecret(tokens),
    codecCorsOrigins: [],
    authFailureLimit: DEFAULT_AUTH_FAILURE_LIMIT,
    ...rest,
    tokens: [],
  });
  await app.register(errorsPlugin);
  await app.register(hardeningPlugin, { authFailureLimit: app.deps.authFailureLimit });
  await app.register(inputHygienePlugin);
  // Uploads (CIP versions, evidence): each route reads its file with its own limits.
  await app.register(multipart);
  await app.register(swaggerPlugin);
  // Swagger UI's own routes (static files) are public like the OpenAPI document.
  await app.register(sessionPlugin, { tokens, secret: app.deps.sessionSecret, now: app.deps.now });
  // The desk's static assets are public like Swagger UI's: they carry no data.
  await app.register(authPlugin, { tokens, publicPrefixes: PUBLIC_PREFIXES });
  // After authentication: a change made through the desk's session cookie needs its CSRF token.
  app.addHook('onRequest', (request, reply, done) => (requiresCsrfCheck(request) ? app.csrfProtection(request, reply, done) : done()));
  await app.register(healthRoutes);
  await app.register(aiTrainingRoutes, { prefix: '/v1' });
  await app.register(aiTrainingReportRoutes, { prefix: '/v1' });
  await app.register(caseRoutes, { prefix: '/v1' });
  await app.register(caseNoteRoutes, { prefix: '/v1' });
  await app.register(caseTypeRoutes, { prefix: '/v1' });
  await app.register(cipTransmissionRoutes, { prefix: '/v1' });
  await app.register(customerRoutes, { prefix: '/v1' });
  await app.register(ruleRoutes, { prefix: '/v1' });
  await app.register(resellerRoutes, { prefix: '/v1' });
  await app.register(cipDocumentRoutes, { prefix: '/v1' });
  await app.register(specialMeasureRoutes, { prefix: '/v1' });
  await app.register(webhookRoutes, { prefix: '/v1' });
  await app.register(deskRoutes, { prefix: '/desk' });
  await app.register(auditRoutes, { prefix: '/v1' });
  await app.register(caseHistoryRoutes, { prefix: '/v1' });
  await app.register(legalRoutes, { prefix: '/v1' });
  await app.register(exemptionRoutes, { prefix: '/v1' });
  await app.register(complianceAssessmentRoutes, { prefix: '/v1' });
  await app.register(providerSettingsRoutes, { prefix: '/v1' });
  await app.register(certificationRoutes, { prefix: '/v1' });
  await app.register(irregularUpdateRoutes, { prefix: '/v1' });
  await app.register(codecRoutes, { prefix: '/codec' });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
