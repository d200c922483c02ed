import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors';
import { createThrottle, tooManyAttempts, type ThrottleLimits } from '../../lib/throttle';
import { isUniqueViolation } from '../../lib/pg-error';
import { generateHouseNumber } from '../../lib/house-number';
import type { SessionInfo, TenantContext } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createBindingsWriter } from '../bindings/bindings.writer';
import { createTrustPolicy, ownershipOf } from '../policy/trust';
import { assertNotLastAdmin } from './last-admin';
import type { TenantContextResolver } from './tenant-context';
import { createTenantsRepo, type MemberFilter, type Role } from './tenants.repo';

const memberNotFound = () => notFound('members', 'members.not_found');

/**
 * Asking to join by house number (门牌号): an unknown number is a failure, so house numbers
 * cannot be enumerated; counted per (account, address) and per address.
 */
export const JOIN_LIMITS: ThrottleLimits = { windowMs: 15 * 60_000, perKeyAndIp: 10, perIp: 30 };

export function createTenantsService(deps: {
  db: Db;
  resolveTenant: TenantContextResolver;
  setSessionTenant: (session: SessionInfo, tenantId: number) => Promise<void>;
  /** Told (after commit) when a membership became pending: approval cards (PRODUCT.md §8). */
  onPending?: (tenantId: number, userId: number) => void;
}) {
  const { db } = deps;
  const repo = createTenantsRepo(db);

  const joinThrottle = createThrottle(db, 'join', JOIN_LIMITS);
  const actorOf = (ctx: TenantContext) => ({
    tenantId: ctx.tenantId,
    isPlatformAdmin: ctx.isPlatformAdmin,
  });

  async function transition(
    ctx: TenantContext,
    userId: number,
    from: number,
    to: number,
    action: 'member.approve' | 'member.refuse',
    via?: Record<string, unknown>,
  ) {
    await db.transaction(async (tx) => {
      const r = createTenantsRepo(tx);
      // Activating a membership can make another tenant's own account a shared one (PRODUCT.md
      // §7). A sync chunk locks the accounts it writes `for share` and re-reads their ownership;
      // locking the account here first serialises the two, so the chunk either finishes before
      // this approval or sees the account as shared. Refusals take the same lock: two admins
      // deciding one member at once (batch or single) are serialised, and the second reads
      // `members.not_pending` instead of overwriting the first decision.
      await r.lockUser(userId);
      // Read inside the transaction (after the lock), so a concurrent approve or refuse is seen.
      const m = await r.findMembership(ctx.tenantId, userId);
      if (!m) throw memberNotFound();
      if (m.status !== from) {
        throw conflict(
          'members.not_pending',
          'This member is not waiting for approval (审核中); reload the list.',
        );
      }
      await r.updateMembership(ctx.tenantId, userId, { status: to });
      await createAuditRecorder(tx).record(ctx.tenantId, {
        actorUserId: ctx.userId,
        action,
        targetType: 'user',
        targetId: userId,
        ...(via ? { details: via } : {}),
      });
    });
  }

  return {
    /** Platform admin creates a tenant and becomes its administrator. */
    async addTenant(session: SessionInfo, name: string) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction(async (tx) => {
            const r = createTenantsRepo(tx);
            const t = await r.insertTenant({
              name: name.trim(),
              houseNumber: generateHouseNumber(),
              createdBy: session.userId,
            });
            await r.insertMembership(t.id, {
              userId: session.userId,
              status: MEMBERSHIP_STATUS.normal,
              role: 'admin',
            });
            await createAuditRecorder(tx).record(t.id, {
              actorUserId: session.userId,
              action: 'tenant.create',
              details: { name: t.name },
            });
            return { id: t.id, name: t.name, houseNumber: t.houseNumber };
          });
        } catch (err) {
          // 36^6 house numbers: a collision is rare; draw again a few times.
          if (attempt >= 4 || !isUniqueViolation(err, 'tenants_house_number_uq')) throw err;
        }
      }
    },

    listTenants: (filter: { keyword?: string; page: number; pageSize: number }) =>
      repo.listTenants(filter),

    /** Asks to join by house number (门牌号); the tenant admin approves or refuses. */
    async join(session: SessionInfo, houseNumber: string, ip: string) {
      const key = String(session.userId);
      const throttled = await joinThrottle.check(key, ip);
      if (throttled) throw tooManyAttempts('tenant.join_throttled', 'requests to join', throttled);
      const tenant = await repo.findTenantByHouseNumber(houseNumber);
      if (!tenant) {
        await joinThrottle.record(key, ip, false);
        throw new AppError(
          'tenants.house_number_not_found',
          404,
          'No tenant has this house number (门牌号). Check it with the tenant administrator.',
        );
      }
      const existing = await repo.findMembership(tenant.id, session.userId);
      if (existing?.status === MEMBERSHIP_STATUS.normal) {
        throw conflict('tenants.already_member', 'You are already a member of this tenant.');
      }
      if (existing?.status === MEMBERSHIP_STATUS.pending) {
        throw conflict(
          'tenants.join_pending',
          'Your request to join is already waiting for approval (审核中).',
        );
      }
      await db.transaction(async (tx) => {
        const r = createTenantsRepo(tx);
        if (existing)
          await r.updateMembership(tenant.id, session.userId, {
            status: MEMBERSHIP_STATUS.pending,
          });
        else
          await r.insertMembership(tenant.id, {
            userId: session.userId,
            status: MEMBERSHIP_STATUS.pending,
          });
        await createAuditRecorder(tx).record(tenant.id, {
          actorUserId: session.userId,
          action: 'tenant.join_request',
        });
      });
      deps.onPending?.(tenant.id, session.userId);
      return { tenantId: tenant.id, tenantName: tenant.name, status: MEMBERSHIP_STATUS.pending };
    },

    async switchTenant(session: SessionInfo, tenantId: number) {
      await deps.resolveTenant(session, String(tenantId));
      await deps.setSessionTenant(session, tenantId);
      return { currentTenantId: tenantId };
    },

    async current(ctx: TenantContext) {
      const t = await repo.findTenantById(ctx.tenantId);
      if (!t) throw forbidden('tenant.not_member', 'You are not a member of this tenant.');
      return {
        id: t.id,
        name: t.name,
        houseNumber: t.houseNumber,
        status: t.status,
        role: ctx.role,
      };
    },

    async quit(ctx: TenantContext) {
      await db.transaction(async (tx) => {
        const r = createTenantsRepo(tx);
        const m = await r.findMembership(ctx.tenantId, ctx.userId);
        if (!m || m.status !== MEMBERSHIP_STATUS.normal) throw memberNotFound();
        await assertNotLastAdmin(tx, ctx.tenantId, ctx.userId);
        await r.updateMembership(ctx.tenantId, ctx.userId, { status: MEMBERSHIP_STATUS.quit });
        // Quitting ends the member's bindings in this tenant, as their own unlink does: kept
        // inactive for history, each WeCom member marked unpaired so no sync takes the account back.
        const bindings = createBindingsWriter(tx);
        const ended = await bindings.deactivateBindingsOfMember(ctx.tenantId, ctx.userId);
        for (const b of ended) await bindings.markUnpaired(ctx.tenantId, b, ctx.userId);
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'tenant.quit',
          details: {
            endedBindings: ended.map((b) => ({ thirdType: b.thirdType, extUserId: b.extUserId })),
          },
        });
      });
    },

    /** Memberships with each account's ownership seen from this tenant (what it may edit). */
    async members(ctx: TenantContext, filter: MemberFilter) {
      const page = await repo.listMembers(ctx.tenantId, filter);
      const standings = await createTrustPolicy(db).standings(
        ctx.tenantId,
        page.records.map((r) => r.userId),
      );
      return {
        total: page.total,
        records: page.records.map((r) => ({
          ...r,
          ownership: ownershipOf(standings.get(r.userId)!),
        })),
      };
    },

    /** `via`: how the admin decided, when not in the console (the audit entry's details). */
    approve: (ctx: TenantContext, userId: number, via?: Record<string, unknown>) =>
      transition(
        ctx,
        userId,
        MEMBERSHIP_STATUS.pending,
        MEMBERSHIP_STATUS.normal,
        'member.approve',
        via,
      ),

    refuse: (ctx: TenantContext, userId: number, via?: Record<string, unknown>) =>
      transition(
        ctx,
        userId,
        MEMBERSHIP_STATUS.pending,
        MEMBERSHIP_STATUS.refused,
        'member.refuse',
        via,
      ),

    async setRole(ctx: TenantContext, userId: number, role: Role) {
      await db.transaction(async (tx) => {
        const r = createTenantsRepo(tx);
        const m = await r.findMembership(ctx.tenantId, userId);
        if (!m) throw memberNotFound();
        await createTrustPolicy(tx).assert(actorOf(ctx), userId, 'manage_membership');
        if (m.role === role) return;
        if (role === 'member') await assertNotLastAdmin(tx, ctx.tenantId, userId);
        await r.updateMembership(ctx.tenantId, userId, { role });
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'member.role',
          targetType: 'user',
          targetId: userId,
          details: { role },
        });
      });
    },
  };
}
export type TenantsService = ReturnType<typeof createTenantsService>;
