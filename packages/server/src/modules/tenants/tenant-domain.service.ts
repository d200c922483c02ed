import { eq } from 'drizzle-orm';
import { domainToASCII } from 'node:url';
import type { Db } from '../../db/client';
import { tenants } from '../../db/schema';
import { badRequest, conflict } from '../../lib/errors';
import { isUniqueViolation } from '../../lib/pg-error';
import type { TenantContext } from '../../lib/route';
import type { TenantHosts } from '../../lib/tenant-host';
import { createAuditRecorder } from '../audit/audit.recorder';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const invalid = (value: string) =>
  badRequest(
    'tenant.domain_invalid',
    `“${value.slice(0, 80)}”不是域名：只填写指向 OrgBridge 的域名，不带 http://、端口或路径，例如 sso.example.com (Not a host name: give only the DNS name you point at OrgBridge, without scheme, port or path, e.g. sso.example.com).`,
    { field: 'customDomain' },
  );

/**
 * The host name as stored: trimmed, lower-cased, internationalised names in their ASCII (punycode)
 * form, or an error saying what to give. Refused: schemes, ports, paths, user info, IP literals
 * (WeCom's trusted domain (可信域名) is a filed domain name, and a tenant must not claim an
 * address of the machine itself), single labels (not a DNS name anyone else can resolve).
 */
export function normaliseDomain(raw: string): string {
  const text = raw.trim().replace(/\.$/, '');
  if (text === '' || /[\s/\\:@?#[\]%]/.test(text)) throw invalid(raw);
  const ascii = domainToASCII(text.toLowerCase());
  if (ascii === '' || ascii.length > 253) throw invalid(raw);
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) throw invalid(raw);
  // An all-numeric last label is an IPv4 address (or no public name at all).
  if (/^[0-9]+$/.test(labels.at(-1)!)) throw invalid(raw);
  // `*.localhost` names this machine (RFC 6761): claiming it would capture the shared host.
  if (labels.at(-1) === 'localhost') throw invalid(raw);
  return ascii;
}

/** `PUT /sys/tenant/domain`: the tenant's own host (PRODUCT.md §8). */
export function createTenantDomainService(deps: {
  db: Db;
  hosts: Pick<TenantHosts, 'sharedHost' | 'domainOf'>;
}) {
  const { db, hosts } = deps;
  const viewOf = (customDomain: string | null) => ({
    customDomain,
    host: customDomain ?? hosts.sharedHost,
    sharedHost: hosts.sharedHost,
  });

  return {
    async get(ctx: TenantContext) {
      return viewOf(await hosts.domainOf(ctx.tenantId));
    },

    async set(ctx: TenantContext, raw: string | null, ip: string) {
      const domain = raw === null ? null : normaliseDomain(raw);
      if (domain !== null && domain === hosts.sharedHost) {
        throw badRequest(
          'tenant.domain_is_public_host',
          `${domain} 是 PUBLIC_URL 的主机名，由所有租户共用；请填写本租户自己的域名 (${domain} is PUBLIC_URL's own host, shared by every tenant: give a host name of your own).`,
          { field: 'customDomain' },
        );
      }
      try {
        await db.transaction(async (tx) => {
          await tx
            .update(tenants)
            .set({ customDomain: domain, updatedAt: new Date() })
            .where(eq(tenants.id, ctx.tenantId));
          await createAuditRecorder(tx).record(ctx.tenantId, {
            actorUserId: ctx.userId,
            action: 'tenant.domain_changed',
            targetType: 'tenant',
            targetId: ctx.tenantId,
            details: { customDomain: domain },
            ip,
          });
        });
      } catch (err) {
        if (isUniqueViolation(err, 'tenants_custom_domain_uq')) {
          throw conflict(
            'tenant.domain_taken',
            `${domain} 已是另一个租户的域名，一个域名只能服务一个租户；请换一个，或联系平台管理员 (${domain} is already the host of another tenant; each host name serves one tenant: choose another, or ask the platform administrator).`,
          );
        }
        throw err;
      }
      return viewOf(domain);
    },
  };
}
export type TenantDomainService = ReturnType<typeof createTenantDomainService>;
