import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { ErrorEnvelopeSchema } from '../lib/envelope';
import { documentRoute, ERROR_ENVELOPE_ID, type SchemaLike } from '../lib/openapi-docs';

/**
 * Every tag an operation may use, with what it groups; the lint (`redocly.yaml`,
 * `operation-tag-defined`) fails when a route uses a tag missing here.
 */
export const OPENAPI_TAGS = [
  {
    name: 'home',
    description:
      'The admin home page: approvals waiting, counts, connection health, the last sync.',
  },
  { name: 'auth', description: 'Sign-in with a password, sessions, the caller’s own password.' },
  {
    name: 'tenants',
    description: 'Tenants (house numbers), memberships, joining, approving and roles.',
  },
  {
    name: 'users',
    description: 'Accounts of the current tenant: add, edit, freeze, reset password.',
  },
  { name: 'departments', description: 'The current tenant’s department tree.' },
  {
    name: 'third-app',
    description:
      'The tenant’s WeCom (企业微信) integration: configuration, test, bound members, domain verification files.',
  },
  {
    name: 'third-app-sync',
    description: 'Directory sync from WeCom: preview a plan, apply it, follow runs.',
  },
  {
    name: 'messages',
    description:
      'Messages to WeCom members: the seed’s push API (sendMessageTest), composing, the log, recall.',
  },
  {
    name: 'third-login',
    description: 'Sign-in with WeCom: OAuth and QR redirects, one-time tickets, account links.',
  },
  {
    name: 'third-app-callback',
    description:
      'WeCom’s callback URL (接收事件服务器): URL verification and encrypted contact-change events. Called by WeCom, not by integrators.',
  },
  {
    name: 'api-keys',
    description:
      'Keys other systems call the API with (PRODUCT.md §11): one tenant each, scoped to permissions, shown once, revocable at once. Sent as `X-Access-Token`.',
  },
  {
    name: 'audit',
    description:
      'The audit log: who changed what and when (tenant admins: their tenant; platform admins: all), filters and CSV export. Never holds secrets or message bodies.',
  },
] as const;

/** OpenAPI generated from the route schemas: `/openapi.json` and the browsable `/docs`. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  // One component for the error envelope, referenced by every error response.
  app.addSchema({ ...ErrorEnvelopeSchema, $id: ERROR_ENVELOPE_ID });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'OrgBridge API',
        version: '0.1.0',
        description:
          'Every `/sys` response uses the envelope `{success, message, code, result, timestamp}`; errors add `errorCode` (stable, `area.snake_case`) and `requestId`. Authenticate with `X-Access-Token` (a session token from `POST /sys/login`, or an API key); choose the tenant with `X-Tenant-Id`.',
        license: { name: 'Proprietary', url: `${publicUrl}/docs` },
        contact: { name: 'OrgBridge administrators', url: publicUrl },
      },
      servers: [{ url: publicUrl }],
      tags: [...OPENAPI_TAGS],
      components: {
        securitySchemes: {
          accessToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Access-Token',
            description: 'A session token (`POST /sys/login`) or an API key of the tenant.',
          },
        },
      },
    },
    refResolver: {
      // Shared schemas appear under their `$id` (`#/components/schemas/ErrorEnvelope`).
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    transform: ({ schema, url, route }) =>
      documentRoute({ schema: schema as SchemaLike, url, route }) as {
        schema: FastifySchema;
        url: string;
      },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
