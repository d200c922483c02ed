import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI generated from the route schemas: `/openapi.json` and the browsable `/docs`. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'OrgBridge API',
        version: '0.1.0',
        description:
          'Every `/sys` response uses the envelope `{success, message, code, result, timestamp}`; errors add `errorCode` and `requestId`. Authenticate with `X-Access-Token` (from `POST /sys/login`); choose the tenant with `X-Tenant-Id`.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          accessToken: { type: 'apiKey', in: 'header', name: 'X-Access-Token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
