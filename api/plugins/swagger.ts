import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// OpenAPI 3.1 generated from the route schemas: JSON at /openapi.json, Swagger UI at /docs.
export const swaggerPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
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
