import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemSchema } from '../errors.js';

/**
 * A property with a default is filled in by the validator when absent (useDefaults), so the
 * schema lists it as required while a client may leave it out. The document says what a client
 * must send: such properties are not required there.
 */
function defaultsOptional(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(defaultsOptional);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'examples' || key === 'default' ? value : defaultsOptional(value);
  const properties = copy.properties as Record<string, { default?: unknown }> | undefined;
  if (properties && Array.isArray(copy.required)) {
    copy.required = (copy.required as string[]).filter((name) => properties[name]?.default === undefined);
    if ((copy.required as string[]).length === 0) delete copy.required;
  }
  return copy;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The request body as the OpenAPI document shows it, when the route validates a more
     * general shape and refines it in the handler (decisions: per case type, from the registry).
     */
    openapiBody?: unknown;
  }
}

// OpenAPI 3.1 generated from the route schemas: JSON at /openapi.json, Swagger UI at /docs.
export const swaggerPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    transform: ({ schema, url, route }) => {
      if (!schema) return { schema, url };
      const { querystring, headers, ...rest } = schema as Record<string, unknown>;
      // A route that validates a general body and refines it per case type documents the refined shape.
      const body = route.config?.openapiBody ?? (schema as Record<string, unknown>).body;
      // Every route with a body answers 415 to a content type it does not read (the parser, not the route, refuses it).
      const response = body && rest.response && typeof rest.response === 'object' ? { 415: ProblemSchema, ...(rest.response as object) } : rest.response;
      return {
        url,
        schema: {
          ...rest,
          ...(response ? { response } : {}),
          ...(querystring ? { querystring: defaultsOptional(querystring) } : {}),
          ...(body ? { body: defaultsOptional(body) } : {}),
          ...(headers ? { headers: defaultsOptional(headers) } : {}),
        } as typeof schema,
      };
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cipdesk API',
        version: '0.1.0',
        description:
          'Compliance case desk for the Commerce customer-identification and AI-training-reporting rule ' +
          '(89 FR 5698, proposed 15 CFR part 7). Errors are RFC 9457 problem details; bad input names the field.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    // Shared schemas keep their own names (Case, Problem, …) in components, so that clients
    // generated from the document (the desk's) name them as the API does.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
});
