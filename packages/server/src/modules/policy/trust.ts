/**
 * The trust model (PRODUCT.md §7): who may act on an account. Accounts are global, tenants are
 * not: a tenant governs memberships of its own, and owns only the accounts that belong to it
 * alone. Every path that binds, edits, freezes or signs someone in — sync preview and apply
 * (manual, scheduled, callback), the user and member endpoints, the connector sign-in policies,
 * API keys — asks this module and nothing else.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { rowsOf } from '../../lib/sql';
import { intArray } from '../directory-sync/sql-arrays';

const NORMAL = 1;

/** What decides a tenant's rights over an account, seen from that tenant. */
export interface Standing {
  isPlatformAdmin: boolean;
  /** Membership status in the tenant (1 normal, 2 quit, 3 pending, 4 refused, 5 invited); null = none. */
  membershipStatus: number | null;
  /** An active (status 1) member of at least one other tenant. */
  activeElsewhere: boolean;
}

/**
 * - `own`: not a platform administrator, an active member of this tenant and of no other: the
 *   tenant may change its global fields, password and freeze, and bind it without asking.
 * - `shared`: an active member here and elsewhere: the tenant manages the membership only;
 *   bindings wait for the owner's consent.
 * - `inactive_member`: pending, refused, quit or invited here: not the tenant's to edit at all.
 * - `outsider`: no membership here: invisible to the tenant; a binding needs the owner's consent
 *   and creates no membership before it.
 * - `platform_admin`: never pairable, bindable, editable or freezable by a tenant.
 */
export type Ownership = 'own' | 'shared' | 'inactive_member' | 'outsider' | 'platform_admin';

/** Every ownership, for response schemas (the console explains each). */
export const OWNERSHIPS = [
  'own',
  'shared',
  'inactive_member',
  'outsider',
  'platform_admin',
] as const satisfies readonly Ownership[];

export function ownershipOf(s: Standing): Ownership {
  if (s.isPlatformAdmin) return 'platform_admin';
  if (s.membershipStatus === null) return 'outsider';
  if (s.membershipStatus !== NORMAL) return 'inactive_member';
  return s.activeElsewhere ? 'shared' : 'own';
}

/**
 * What a tenant may do to an account:
 * - `edit_account`: global fields (realname, phone, email, avatar, position), password, freeze
 *   of the account, a binding without consent;
 * - `reset_password`: give the account a one-time password (PRODUCT.md §11) — the tenant's own
 *   accounts only, like `edit_account`; and, unlike any other action, never a platform
 *   administrator's account whoever asks (a platform administrator acting in a tenant included):
 *   a reset hands over the account, and no one takes over an equal's credentials;
 * - `manage_membership`: role, membership freeze, departments, the tenant-scoped name/position;
 * - `request_link`: ask the owner to accept a binding (the owner decides).
 */
export type TenantAction = 'edit_account' | 'reset_password' | 'manage_membership' | 'request_link';

const ALLOWED: Record<TenantAction, readonly Ownership[]> = {
  edit_account: ['own'],
  reset_password: ['own'],
  manage_membership: ['own', 'shared'],
  request_link: ['shared', 'inactive_member', 'outsider'],
};

export function tenantMay(action: TenantAction, s: Standing): boolean {
  return ALLOWED[action].includes(ownershipOf(s));
}

/** Why a tenant may not do `action` to an account of this standing (an error for the caller). */
export function refusal(action: TenantAction, s: Standing): AppError {
  const o = ownershipOf(s);
  // An account outside the tenant is not shown to the tenant at all, whatever it is (a platform
  // administrator included: a 403 naming the role would tell any tenant admin who runs the
  // platform).
  if (s.membershipStatus === null) return notFound('users', 'users.not_found');
  if (o === 'platform_admin') {
    return new AppError(
      'policy.platform_admin',
      403,
      'This account is a platform administrator: no tenant can edit, freeze, pair or bind it.',
    );
  }
  if (o === 'inactive_member') {
    return new AppError(
      'policy.membership_inactive',
      403,
      "This person's membership in this tenant is pending, refused or ended, so the tenant cannot edit the account. Approve the membership first, or ask the person to rejoin.",
    );
  }
  if (o === 'shared' && (action === 'edit_account' || action === 'reset_password')) {
    return new AppError(
      'policy.not_own_account',
      403,
      "This account also belongs to another tenant, so only its owner can change its name, phone, e-mail, password or freeze it. You can still change the member's role, departments, and the name and position shown in this tenant.",
    );
  }
  return new AppError(
    'policy.not_allowed',
    403,
    'This tenant may not do that to this account. Ask the account owner.',
  );
}

export interface StandingRow extends Standing {
  userId: number;
}

/**
 * The standing columns of `users u` seen from `tenantId`, for any query that already joins the
 * users table (alias `u`): `is_platform_admin`, `membership_status`, `active_elsewhere`.
 */
export function standingColumns(tenantId: number): SQL {
  return sql`u.is_platform_admin as is_platform_admin,
    (select m.status from memberships m where m.tenant_id = ${tenantId} and m.user_id = u.id)::int as membership_status,
    exists (select 1 from memberships o where o.user_id = u.id and o.tenant_id <> ${tenantId} and o.status = ${NORMAL}) as active_elsewhere`;
}

interface RawStanding {
  user_id: number;
  is_platform_admin: boolean;
  membership_status: number | null;
  active_elsewhere: boolean;
}

export const standingOfRow = (r: {
  is_platform_admin: boolean;
  membership_status: number | null;
  active_elsewhere: boolean;
}): Standing => ({
  isPlatformAdmin: r.is_platform_admin,
  membershipStatus: r.membership_status === null ? null : Number(r.membership_status),
  activeElsewhere: r.active_elsewhere,
});

/** Who is acting: a platform administrator acting in a tenant is not bound by the tenant's limits. */
export interface Actor {
  tenantId: number;
  isPlatformAdmin: boolean;
}

export function createTrustPolicy(db: Db) {
  async function standings(tenantId: number, userIds: number[]): Promise<Map<number, StandingRow>> {
    if (userIds.length === 0) return new Map();
    const rows = rowsOf<RawStanding>(
      await db.execute(sql`select u.id as user_id, ${standingColumns(tenantId)}
        from users u where u.id = any(${intArray(userIds)})`),
    );
    return new Map(rows.map((r) => [r.user_id, { userId: r.user_id, ...standingOfRow(r) }]));
  }

  return {
    standings,

    /**
     * Throws unless `actor` may do `action` to the account; answers its standing. An unknown
     * account reads as not found, like one outside the tenant.
     */
    async assert(actor: Actor, userId: number, action: TenantAction): Promise<Standing> {
      const s = (await standings(actor.tenantId, [userId])).get(userId);
      if (!s) throw notFound('users', 'users.not_found');
      const o = ownershipOf(s);
      const overrides = !(action === 'reset_password' && o === 'platform_admin');
      if (actor.isPlatformAdmin && o !== 'outsider' && overrides) return s;
      if (!tenantMay(action, s)) throw refusal(action, s);
      return s;
    },
  };
}
export type TrustPolicy = ReturnType<typeof createTrustPolicy>;
