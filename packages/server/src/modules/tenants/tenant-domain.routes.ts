import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { errorEnvelope } from '../../lib/envelope';
import { route } from '../../lib/route';
import { Nullable } from '../../lib/schemas';
import type { TenantHosts } from '../../lib/tenant-host';
import type { TenantDomainService } from './tenant-domain.service';

const tags = ['tenants'];

const DomainBodySchema = Type.Object({
  customDomain: Nullable(
    Type.String({
      maxLength: 300,
      description: 'host name pointed at OrgBridge, e.g. sso.example.com; null clears it',
    }),
  ),
});
const DomainSchema = Type.Object({
  customDomain: Nullable(Type.String()),
  host: Type.String({
    description: 'the host to give WeCom as trusted domain (可信域名) and callback host',
  }),
  sharedHost: Type.String({ description: "PUBLIC_URL's host, shared by every tenant" }),
});

/**
 * Paths that name a tenant in the browser's address or WeCom's callback URL. Matched on the
 * decoded path, case-insensitively and with repeated slashes, as the console's router reads it.
 */
const TENANT_PATHS = [
  /^\/+tenantId\/+([^/]*)/i,
  /^\/+sys\/+thirdLogin\/+tenant\/+([^/]*)/i,
  /^\/+sys\/+thirdApp\/+callback\/+[^/]+\/+([^/]*)/i,
];

function decodedPath(url: string): string {
  const path = url.split('?')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * A tenant's own host serves that tenant only (PRODUCT.md §8): `/` opens its home page, and its
 * home page, sign-in info and callback URL answer 404 for any other tenant id — a tenant cannot
 * make its host serve another tenant's sign-in. The sign-in redirects check the host themselves
 * (third-login/oauth-flow.ts). Other hosts behave as before.
 */
export function registerTenantHostGuard(
  app: FastifyInstance,
  hosts: Pick<TenantHosts, 'tenantOfHost'>,
): void {
  app.addHook('onRequest', async (req, reply) => {
    const path = decodedPath(req.url);
    const isRoot = path === '/' && (req.method === 'GET' || req.method === 'HEAD');
    const named = isRoot ? undefined : TENANT_PATHS.map((re) => re.exec(path)).find(Boolean);
    if (!isRoot && !named) return;
    const hostTenant = await hosts.tenantOfHost(req.hostname);
    if (hostTenant === null) return;
    if (isRoot) return reply.redirect(`/tenantId/${hostTenant}`, 302);
    if (named![1] === String(hostTenant)) return;
    return reply.code(404).send(
      errorEnvelope(
        {
          status: 404,
          errorCode: 'tenant.host_mismatch',
          message:
            '此域名属于另一个租户，只服务该租户 (This host belongs to another tenant and serves only that tenant). Open your own tenant’s address.',
        },
        req.id,
      ),
    );
  });
}

export function registerTenantDomainRoutes(
  app: FastifyInstance,
  deps: { tenantDomain: TenantDomainService; hosts: Pick<TenantHosts, 'tenantOfHost'> },
): void {
  const svc = deps.tenantDomain;
  registerTenantHostGuard(app, deps.hosts);

  route(app, {
    method: 'GET',
    url: '/sys/tenant/domain',
    operationId: 'getTenantDomain',
    tags,
    access: 'admin',
    summary: "The current tenant's own host name, and the host to give WeCom",
    result: DomainSchema,
    handler: ({ tenant }) => svc.get(tenant),
  });

  route(app, {
    method: 'PUT',
    url: '/sys/tenant/domain',
    operationId: 'setTenantDomain',
    errors: { 409: 'The domain serves another tenant.' },
    tags,
    access: 'admin',
    summary: "Set (or clear with null) the current tenant's own host name (PRODUCT.md §8)",
    description:
      'A DNS host name pointed at OrgBridge (no scheme, port or path; not an IP address, not PUBLIC_URL’s host). Requests for it belong to this tenant; its OAuth redirect_uri, callback URL, home page and message links use `<PUBLIC_URL scheme>://<customDomain>`. 400 tenant.domain_invalid / tenant.domain_is_public_host; 409 tenant.domain_taken when another tenant has it.',
    body: DomainBodySchema,
    result: DomainSchema,
    handler: ({ tenant, body, req }) => svc.set(tenant, body.customDomain, req.ip),
  });
}
