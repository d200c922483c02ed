import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { ApiKeyAuthenticator } from './api-keys.auth';
import {
  ApiKeyIdParamsSchema,
  ApiKeyListQuerySchema,
  ApiKeyListSchema,
  ApiKeySchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
} from './api-keys.schemas';
import type { ApiKeysService } from './api-keys.service';
import { MAX_LIVE_KEYS } from './api-keys.service';

const tags = ['api-keys'];

/** Tenant admins manage their tenant's keys; no key reaches these routes (no `apiKey` on them). */
export function registerApiKeyRoutes(
  app: FastifyInstance,
  deps: { apiKeys: ApiKeysService; apiKeyAuth: Pick<ApiKeyAuthenticator, 'idle'> },
): void {
  const svc = deps.apiKeys;
  app.addHook('onClose', () => deps.apiKeyAuth.idle());

  route(app, {
    method: 'POST',
    url: '/sys/apiKeys',
    operationId: 'createApiKey',
    tags,
    access: 'admin',
    summary: 'Create an API key for another system (the key is in this answer only)',
    description: `Tenant admins. The key acts in this tenant only, with the given permissions, and is sent as X-Access-Token. At most ${MAX_LIVE_KEYS} live keys per tenant (409). Sessions opened by a WeCom sign-in cannot create keys (403 \`api_keys.password_session_required\`).`,
    body: CreateApiKeyBodySchema,
    result: CreatedApiKeySchema,
    handler: ({ tenant, session, body, req, reply }) => {
      // The key is in the answer, once: no cache may keep it.
      void reply.header('cache-control', 'no-store');
      return svc.create(tenant, session, body, req.ip);
    },
  });

  route(app, {
    method: 'GET',
    url: '/sys/apiKeys',
    operationId: 'listApiKeys',
    tags,
    access: 'admin',
    summary: "The current tenant's API keys (live first, then newest), with creator and last use",
    description: 'Tenant admins. `lastUsedAt` is updated at most once a minute per key.',
    querystring: ApiKeyListQuerySchema,
    result: ApiKeyListSchema,
    handler: ({ tenant, query }) => svc.list(tenant, query.page, query.pageSize),
  });

  route(app, {
    method: 'DELETE',
    url: '/sys/apiKeys/:id',
    operationId: 'revokeApiKey',
    tags,
    access: 'admin',
    summary: 'Revoke an API key: the next request made with it is refused (401), in every process',
    description:
      'Tenant admins. Revoking a revoked key changes nothing. Another tenant’s key: 404.',
    params: ApiKeyIdParamsSchema,
    result: ApiKeySchema,
    handler: ({ tenant, session, params }) => svc.revoke(tenant, session, params.id),
  });
}
