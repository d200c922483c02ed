import type { Static } from '@sinclair/typebox';
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import type { TenantContext } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createTrustPolicy, ownershipOf, tenantMay } from '../policy/trust';
import { assertNotLastAdmin } from '../tenants/last-admin';
import { createMemberships } from '../tenants/tenants.memberships';
import type { AddUserBodySchema, EditUserBodySchema } from './users.schemas';
import { createUsersRepo, type UserFilter, type UserPatch } from './users.repo';

type AddUser = Static<typeof AddUserBodySchema>;
type EditUser = Static<typeof EditUserBodySchema>;

const userNotFound = () => notFound('users', 'users.not_found');
const emptyToNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() || null);
const actorOf = (ctx: TenantContext) => ({
  tenantId: ctx.tenantId,
  isPlatformAdmin: ctx.isPlatformAdmin,
});

/**
 * Where an edit's name and position go: onto the account when the tenant may edit it (and the
 * membership's own name/position, now stale, are cleared), else onto the membership only.
 */
function patchesOf(input: EditUser, global: boolean) {
  const account: UserPatch = {};
  const membership: { displayName?: string | null; position?: string | null } = {};
  const realname = input.realname?.trim();
  const position = emptyToNull(input.position);
  if (global) {
    if (realname !== undefined) account.realname = realname;
    if (position !== undefined) account.position = position;
    if (input.phone !== undefined) account.phone = emptyToNull(input.phone);
    if (input.email !== undefined) account.email = emptyToNull(input.email);
    if (realname !== undefined) membership.displayName = null;
    if (position !== undefined) membership.position = null;
  } else {
    if (realname !== undefined) membership.displayName = realname;
    if (position !== undefined) membership.position = position;
  }
  return { account, membership };
}

/**
 * Creates an account without password or membership, in the caller's transaction (the WeCom
 * first sign-in, which adds the membership and binding in the same transaction). Answers its id.
 */
export async function insertAccount(
  tx: Db,
  row: { username: string; realname: string; passwordHash: null },
): Promise<number> {
  return createUsersRepo(tx).insertUser(row);
}

export function createUsersService(deps: { db: Db }) {
  const { db } = deps;
  const repo = createUsersRepo(db);

  /** Checks that every department belongs to the tenant and picks the main one. */
  async function resolveDepartments(tenantId: number, ids: number[], main: number | undefined) {
    if ((await repo.countDepartments(tenantId, ids)) !== ids.length) {
      throw notFound('departments', 'departments.not_found');
    }
    if (main !== undefined && !ids.includes(main)) {
      throw badRequest(
        'users.main_department_invalid',
        'The main department must be one of the selected departments.',
      );
    }
    return main ?? ids[0] ?? null;
  }

  /** The departments an edit sets, checked against the tenant; undefined when it sets none. */
  async function departmentsOf(tenantId: number, input: EditUser) {
    if (input.departmentIds !== undefined) {
      const main = await resolveDepartments(tenantId, input.departmentIds, input.mainDepartmentId);
      return { ids: input.departmentIds, main };
    }
    if (input.mainDepartmentId !== undefined) {
      throw badRequest(
        'users.main_department_invalid',
        'Send departmentIds together with mainDepartmentId.',
      );
    }
    return undefined;
  }

  return {
    async list(ctx: TenantContext, filter: UserFilter) {
      const page = await repo.listUsers(ctx.tenantId, filter);
      const standings = await createTrustPolicy(db).standings(
        ctx.tenantId,
        page.records.map((r) => r.id),
      );
      return {
        total: page.total,
        records: page.records.map(({ userStatus, frozen, ...r }) => ({
          ...r,
          status: frozen || userStatus !== 1 ? 2 : 1,
          ownership: ownershipOf(standings.get(r.id)!),
        })),
      };
    },

    /**
     * Creates an account that is an active member of the current tenant. A username in another
     * tenant's namespace (starting with its house number) is refused: it would squat the account
     * that tenant's sync or WeCom sign-in makes for its member `<house number><userid>`.
     */
    async add(ctx: TenantContext, input: AddUser) {
      if (await createMemberships(db).usernameInOtherNamespace(ctx.tenantId, input.username)) {
        throw badRequest(
          'users.username_reserved',
          "This username starts with another tenant's house number (门牌号), which is reserved for the accounts that tenant creates for its members. Choose another username.",
        );
      }
      const ids = input.departmentIds ?? [];
      const mainId = await resolveDepartments(ctx.tenantId, ids, input.mainDepartmentId);
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        const r = createUsersRepo(tx);
        const id = await r.insertUser({
          username: input.username,
          realname: input.realname.trim(),
          passwordHash,
          phone: emptyToNull(input.phone),
          email: emptyToNull(input.email),
          position: emptyToNull(input.position),
          mustChangePassword: input.mustChangePassword ?? false,
        });
        await createMemberships(tx).insertMembership(ctx.tenantId, {
          userId: id,
          status: MEMBERSHIP_STATUS.normal,
          role: input.role ?? 'member',
        });
        await r.setUserDepartments(ctx.tenantId, id, ids, mainId);
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'user.add',
          targetType: 'user',
          targetId: id,
        });
        return { id, username: input.username };
      });
    },

    /**
     * Edits a member as the trust model allows (PRODUCT.md §7): the tenant's own account —
     * global fields; a shared account — name and position on the membership (this tenant only),
     * phone and e-mail refused; pending, refused or quit members and platform administrators —
     * nothing. Departments go with the membership.
     */
    async edit(ctx: TenantContext, input: EditUser) {
      const departments = await departmentsOf(ctx.tenantId, input);
      await db.transaction(async (tx) => {
        const wantsGlobal = input.phone !== undefined || input.email !== undefined;
        const standing = await createTrustPolicy(tx).assert(
          actorOf(ctx),
          input.id,
          wantsGlobal ? 'edit_account' : 'manage_membership',
        );
        const global = ctx.isPlatformAdmin || tenantMay('edit_account', standing);
        const { account, membership } = patchesOf(input, global);
        const r = createUsersRepo(tx);
        if (!(await r.updateMemberUser(ctx.tenantId, input.id, account))) throw userNotFound();
        if (Object.keys(membership).length > 0)
          await createMemberships(tx).updateMembership(ctx.tenantId, input.id, membership);
        if (departments)
          await r.setUserDepartments(ctx.tenantId, input.id, departments.ids, departments.main);
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'user.edit',
          targetType: 'user',
          targetId: input.id,
          details: {
            fields: Object.keys(account),
            membershipFields: global ? [] : Object.keys(membership),
            departments: departments?.ids,
          },
        });
      });
    },

    /** Freezes the member in the current tenant only; the account still works elsewhere. */
    async freeze(ctx: TenantContext, userId: number, frozen: boolean) {
      if (userId === ctx.userId && frozen) {
        throw conflict('users.cannot_freeze_self', 'You cannot freeze yourself.');
      }
      await db.transaction(async (tx) => {
        const r = createMemberships(tx);
        if (!(await r.findMembership(ctx.tenantId, userId))) throw userNotFound();
        await createTrustPolicy(tx).assert(actorOf(ctx), userId, 'manage_membership');
        // Two freezes (or unfreezes) of one member at once are serialised on the account, so
        // the second reads the first's result below and writes nothing (one audit entry).
        await r.lockUser(userId);
        if (frozen) await assertNotLastAdmin(tx, ctx.tenantId, userId);
        // Read after the lock above, so a concurrent freeze is seen.
        const m = await r.findMembership(ctx.tenantId, userId);
        if (!m || m.frozen === frozen) return;
        await r.updateMembership(ctx.tenantId, userId, { frozen });
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: frozen ? 'user.freeze' : 'user.unfreeze',
          targetType: 'user',
          targetId: userId,
        });
      });
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
