import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { AppError, badRequest, forbidden } from '../../lib/errors';
import type { SessionInfo, TenantContext } from '../../lib/route';
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
export function createTenantContextResolver(deps: { db: Db }) {
  const repo = createTenantsRepo(deps.db);

  return async function resolve(
    session: SessionInfo,
    header: string | string[] | undefined,
  ): Promise<TenantContext> {
    const tenantId = parseTenantHeader(header) ?? session.currentTenantId;
    if (tenantId === null) {
      throw forbidden(
        'tenant.not_selected',
        'No tenant selected: join a tenant or choose one with the tenant switcher.',
      );
    }
    const tenant = tenantId < 0 ? undefined : await repo.findTenantById(tenantId);
    if (!tenant) throw notMember();
    const base = { userId: session.userId, tenantId, isPlatformAdmin: session.isPlatformAdmin };
    if (session.isPlatformAdmin) return { ...base, role: 'admin' };

    const membership = await repo.findMembership(tenantId, session.userId);
    if (!membership || membership.status !== MEMBERSHIP_STATUS.normal) throw notMember();
    if (membership.frozen) {
      throw new AppError(
        'tenant.member_frozen',
        403,
        'Your membership in this tenant is frozen. Ask a tenant administrator to unfreeze it.',
      );
    }
    if (tenant.status !== 1) {
      throw forbidden('tenant.frozen', 'This tenant is frozen. Ask the platform administrator.');
    }
    return { ...base, role: membership.role };
  };
}
export type TenantContextResolver = ReturnType<typeof createTenantContextResolver>;
