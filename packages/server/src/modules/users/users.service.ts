import type { Static } from '@sinclair/typebox';
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import type { TenantContext } from '../../lib/route';
import { createAuditRepo } from '../audit/audit.repo';
import { createTenantsRepo } from '../tenants/tenants.repo';
import type { AddUserBodySchema, EditUserBodySchema } from './users.schemas';
import { createUsersRepo, type UserFilter, type UserPatch } from './users.repo';

type AddUser = Static<typeof AddUserBodySchema>;
type EditUser = Static<typeof EditUserBodySchema>;

const userNotFound = () => notFound('users', 'users.not_found');
const emptyToNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() || null);

export function createUsersService(deps: { db: Db }) {
  const { db } = deps;
  const repo = createUsersRepo(db);
  const tenantsRepo = createTenantsRepo(db);

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

  return {
    async list(ctx: TenantContext, filter: UserFilter) {
      const page = await repo.listUsers(ctx.tenantId, filter);
      return {
        total: page.total,
        records: page.records.map(({ userStatus, frozen, ...r }) => ({
          ...r,
          status: frozen || userStatus !== 1 ? 2 : 1,
        })),
      };
    },

    /** Creates an account that is an active member of the current tenant. */
    async add(ctx: TenantContext, input: AddUser) {
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
        await createTenantsRepo(tx).insertMembership(ctx.tenantId, {
          userId: id,
          status: MEMBERSHIP_STATUS.normal,
          role: input.role ?? 'member',
        });
        await r.setUserDepartments(ctx.tenantId, id, ids, mainId);
        await createAuditRepo(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'user.add',
          targetType: 'user',
          targetId: id,
        });
        return { id, username: input.username };
      });
    },

    async edit(ctx: TenantContext, input: EditUser) {
      if (!(await tenantsRepo.findMembership(ctx.tenantId, input.id))) throw userNotFound();
      const patch: UserPatch = {};
      if (input.realname !== undefined) patch.realname = input.realname.trim();
      if (input.phone !== undefined) patch.phone = emptyToNull(input.phone);
      if (input.email !== undefined) patch.email = emptyToNull(input.email);
      if (input.position !== undefined) patch.position = emptyToNull(input.position);
      let departments: { ids: number[]; main: number | null } | undefined;
      if (input.departmentIds !== undefined) {
        const main = await resolveDepartments(
          ctx.tenantId,
          input.departmentIds,
          input.mainDepartmentId,
        );
        departments = { ids: input.departmentIds, main };
      } else if (input.mainDepartmentId !== undefined) {
        throw badRequest(
          'users.main_department_invalid',
          'Send departmentIds together with mainDepartmentId.',
        );
      }
      await db.transaction(async (tx) => {
        const r = createUsersRepo(tx);
        if (!(await r.updateMemberUser(ctx.tenantId, input.id, patch))) throw userNotFound();
        if (departments)
          await r.setUserDepartments(ctx.tenantId, input.id, departments.ids, departments.main);
        await createAuditRepo(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'user.edit',
          targetType: 'user',
          targetId: input.id,
          details: { fields: Object.keys(patch), departments: departments?.ids },
        });
      });
    },

    /** Freezes the member in the current tenant only; the account still works elsewhere. */
    async freeze(ctx: TenantContext, userId: number, frozen: boolean) {
      if (userId === ctx.userId && frozen) {
        throw conflict('users.cannot_freeze_self', 'You cannot freeze yourself.');
      }
      const m = await tenantsRepo.findMembership(ctx.tenantId, userId);
      if (!m) throw userNotFound();
      if (m.frozen === frozen) return;
      if (
        frozen &&
        m.role === 'admin' &&
        m.status === MEMBERSHIP_STATUS.normal &&
        (await tenantsRepo.countActiveAdmins(ctx.tenantId)) <= 1
      ) {
        throw conflict(
          'members.last_admin',
          'This is the last administrator of the tenant. Make another member an administrator first.',
        );
      }
      await db.transaction(async (tx) => {
        await createTenantsRepo(tx).updateMembership(ctx.tenantId, userId, { frozen });
        await createAuditRepo(tx).record(ctx.tenantId, {
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
