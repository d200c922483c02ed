import { eq } from 'drizzle-orm';
import type { Changes } from '../db/changes';
import type { Db } from '../db/client';
import { tenants } from '../db/schema';
import { cacheReads } from './read-cache';

/**
 * Per-tenant host names (PRODUCT.md §8): a tenant may set `customDomain`, its own host pointed at
 * OrgBridge, because WeCom only redirects OAuth to a trusted domain (可信域名) that the corp proves it
 * owns, and a verified corp's domain must be filed (ICP) under its own legal entity — one shared
 * host cannot serve many corps. A request whose host is a tenant's domain is for that tenant;
 * every other host (PUBLIC_URL's, or anything unknown) is the shared host, as before.
 *
 * The host is Fastify's `req.hostname`: the Host header, or X-Forwarded-Host only when the peer is
 * a proxy TRUST_PROXY names (Fastify's `trustProxy`), never the header on its own word.
 */
export function createTenantHosts(deps: { db: Db; publicUrl: string; changes?: Changes }) {
  const shared = new URL(deps.publicUrl);
  const sharedHost = shared.hostname.toLowerCase();

  // Both lookups sit on the request path of a few routes and of every message with links; they
  // stay cached until any tenant row changes (db/changes.ts). `null` (no such host / no
  // domain) is kept too, so unknown hosts cost one read per change, not one per request.
  const tenantOfDomain = cacheReads(
    async (host: string): Promise<number | null> => {
      const [row] = await deps.db
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.customDomain, host))
        .limit(1);
      return row?.id ?? null;
    },
    (host) => host,
    deps.changes,
    { tables: ['tenants'], maxEntries: 5_000 },
  );
  const domainOfTenant = cacheReads(
    async (tenantId: number): Promise<string | null> => {
      const [row] = await deps.db
        .select({ domain: tenants.customDomain })
        .from(tenants)
        .where(eq(tenants.id, tenantId))
        .limit(1);
      return row?.domain ?? null;
    },
    (id) => String(id),
    deps.changes,
    { tables: ['tenants'] },
  );

  return {
    /** PUBLIC_URL's host name, which no tenant may claim. */
    sharedHost,
    /** PUBLIC_URL without a trailing slash. */
    sharedBase: deps.publicUrl,

    /** The tenant whose custom domain `hostname` is, or null for the shared host. */
    async tenantOfHost(hostname: string | undefined): Promise<number | null> {
      // `sso.a.com.` is the same host as `sso.a.com` (the stored domain has no trailing dot).
      const host = (hostname ?? '').toLowerCase().replace(/\.$/, '');
      if (host === '' || host === sharedHost) return null;
      return (await tenantOfDomain(host)) ?? null;
    },

    /** The tenant's custom domain, or null. */
    async domainOf(tenantId: number): Promise<string | null> {
      return (await domainOfTenant(tenantId)) ?? null;
    },

    /**
     * The base URL of everything a tenant hands to WeCom and to its members (redirect_uri,
     * callback URL, home page, message links): `<PUBLIC_URL scheme>://<customDomain>` when the
     * tenant has one, PUBLIC_URL otherwise.
     */
    async baseUrlOf(tenantId: number): Promise<string> {
      const domain = await domainOfTenant(tenantId);
      return domain ? `${shared.protocol}//${domain}` : deps.publicUrl;
    },
  };
}
export type TenantHosts = ReturnType<typeof createTenantHosts>;
