import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { AppError, badRequest, forbidden } from '../../lib/errors';
import type { SessionInfo, TenantContext } from '../../lib/route';
import { createKeyedLoader } from '../../lib/batcher';
import { cacheReads } from '../../lib/read-cache';
import type { Changes } from '../../db/changes';
import { createTenantsRepo } from './tenants.repo';

const INT4_MAX = 2_147_483_647;

const notMember = () =>
  forbidden(
    'tenant.not_member',
    'You are not an active member of this tenant. Switch to one of your tenants, or join it by house number and wait for approval.',
  );

/** Parses X-Tenant-Id; undefined when absent. Out-of-range integers become -1 (unknown tenant). */
export function parseTenantHeader(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? '' : value.trim();
  if (!/^-?\d{1,12}$/.test(text)) {
    throw badRequest('tenant.invalid_id', 'The X-Tenant-Id header must be an integer tenant id.');
  }
  const id = Number(text);
  return id < 0 || id > INT4_MAX ? -1 : id;
}

/**
 * Resolves the request's tenant and the caller's role in it — the one place tenant access is
 * decided. An unknown tenant answers 403 like a foreign one, so ids cannot be probed.
 */
export function createTenantContextResolver(deps: { db: Db; changes?: Changes }) {
  const repo = createTenantsRepo(deps.db);
  // Every tenant-scoped request asks this: concurrent requests share one statement, and the
  // answer stays cached until any tenant or membership row changes (db/changes.ts).
  const keyOf = (k: { tenantId: number; userId: number }) => `${k.tenantId}:${k.userId}`;
  const access = cacheReads(
    createKeyedLoader(
      keyOf,
      async (keys) =>
        new Map((await repo.findTenantAccess(keys)).map((r) => [`${r.tenant_id}:${r.user_id}`, r])),
    ),
    keyOf,
    deps.changes,
    { tables: ['tenants', 'memberships'] },
  );

  return async function resolve(
    session: SessionInfo,
    header: string | string[] | undefined,
  ): Promise<TenantContext> {
    const tenantId = parseTenantHeader(header) ?? session.currentTenantId;
    if (session.scopeTenantId !== null && tenantId !== session.scopeTenantId) {
      // Only the tenant whose connector vouched for the session (PRODUCT.md §7).
      throw forbidden(
        'tenant.session_scoped',
        'This session was opened by a sign-in through another tenant’s connector (WeCom…) and can act only in that tenant. Sign in with your username and password to work in this one.',
      );
    }
    if (tenantId === null) {
      throw forbidden(
        'tenant.not_selected',
        'No tenant selected: join a tenant or choose one with the tenant switcher.',
      );
    }
    const found = tenantId < 0 ? undefined : await access({ tenantId, userId: session.userId });
    if (!found) throw notMember();
    const base = { userId: session.userId, tenantId, isPlatformAdmin: session.isPlatformAdmin };
    if (session.isPlatformAdmin) return { ...base, role: 'admin' };

    if (found.membership_status !== MEMBERSHIP_STATUS.normal || !found.role) throw notMember();
    if (found.frozen) {
      throw new AppError(
        'tenant.member_frozen',
        403,
        'Your membership in this tenant is frozen. Ask a tenant administrator to unfreeze it.',
      );
    }
    if (found.tenant_status !== 1) {
      throw forbidden('tenant.frozen', 'This tenant is frozen. Ask the platform administrator.');
    }
    return { ...base, role: found.role };
  };
}
export type TenantContextResolver = ReturnType<typeof createTenantContextResolver>;
