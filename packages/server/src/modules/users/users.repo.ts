import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  MEMBERSHIP_STATUS,
  departments,
  memberships,
  thirdAccounts,
  userDepartments,
  users,
} from '../../db/schema';
import { likePattern, offsetOf } from '../../lib/sql';
import { shownPosition, shownRealname } from '../tenants/tenants.memberships';

export interface UserFilter {
  keyword?: string;
  departmentId?: number;
  page: number;
  pageSize: number;
}

export type UserPatch = Partial<
  Pick<typeof users.$inferInsert, 'realname' | 'phone' | 'email' | 'position'>
>;

export type UserListFilters = Pick<UserFilter, 'keyword' | 'departmentId'>;

/**
 * Which users the users list shows — and so its CSV export (users.export.ts): the tenant's active
 * and quit members, by keyword (username or the tenant's name for them, surrounding spaces
 * ignored) and department. For a query over `memberships` joined to `users`. The one place that
 * decides it: the list and the export share it.
 */
export function userListWhere(tenantId: number, filter: UserListFilters): SQL {
  const conditions: SQL[] = [
    eq(memberships.tenantId, tenantId),
    inArray(memberships.status, [MEMBERSHIP_STATUS.normal, MEMBERSHIP_STATUS.quit]),
  ];
  const keyword = filter.keyword?.trim();
  if (keyword) {
    const p = likePattern(keyword);
    conditions.push(or(ilike(users.username, p), ilike(shownRealname, p))!);
  }
  if (filter.departmentId !== undefined) {
    conditions.push(sql`exists (select 1 from ${userDepartments} ud where ud.tenant_id = ${tenantId}
      and ud.user_id = ${users.id} and ud.department_id = ${filter.departmentId})`);
  }
  return and(...conditions)!;
}

/** Users as seen from one tenant: always joined through that tenant's memberships. */
export function createUsersRepo(db: Db) {
  return {
    async listUsers(tenantId: number, filter: UserFilter) {
      const where = userListWhere(tenantId, filter);
      const records = await db
        .select({
          id: users.id,
          username: users.username,
          realname: shownRealname,
          phone: users.phone,
          email: users.email,
          position: shownPosition,
          userStatus: users.status,
          frozen: memberships.frozen,
          membershipStatus: memberships.status,
          role: memberships.role,
          departmentIds: sql<
            number[]
          >`coalesce((select array_agg(ud.department_id order by ud.department_id)
            from ${userDepartments} ud where ud.tenant_id = ${tenantId} and ud.user_id = ${users.id}), '{}')`,
          mainDepartmentId: sql<number | null>`(select ud.department_id from ${userDepartments} ud
            where ud.tenant_id = ${tenantId} and ud.user_id = ${users.id} and ud.is_main)`,
          // At most one binding per (tenant, third type, user); only a live one counts.
          wechatUserId: sql<string | null>`(select ta.ext_user_id from ${thirdAccounts} ta
            where ta.tenant_id = ${tenantId} and ta.user_id = ${users.id}
              and ta.third_type = 'wechat_enterprise' and ta.active limit 1)`,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where)
        .orderBy(asc(users.id))
        .limit(filter.pageSize)
        .offset(offsetOf(filter.page, filter.pageSize));
      const [total] = await db
        .select({ n: count() })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where);
      return { records, total: total!.n };
    },

    async insertUser(row: typeof users.$inferInsert) {
      const [inserted] = await db.insert(users).values(row).returning({ id: users.id });
      return inserted!.id;
    },

    /** Updates account fields of a user who is a member of `tenantId`; false otherwise. */
    async updateMemberUser(tenantId: number, userId: number, patch: UserPatch): Promise<boolean> {
      if (Object.keys(patch).length === 0) return true;
      const rows = await db
        .update(users)
        .set({ ...patch, updatedAt: new Date() })
        .where(
          and(
            eq(users.id, userId),
            sql`exists (select 1 from ${memberships} m where m.tenant_id = ${tenantId} and m.user_id = ${userId})`,
          ),
        )
        .returning({ id: users.id });
      return rows.length > 0;
    },

    /** How many of `ids` are departments of this tenant. */
    async countDepartments(tenantId: number, ids: number[]): Promise<number> {
      if (ids.length === 0) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(departments)
        .where(and(eq(departments.tenantId, tenantId), inArray(departments.id, ids)));
      return row!.n;
    },

    /** Replaces the user's departments in this tenant; `mainId` must be one of `ids`. */
    async setUserDepartments(
      tenantId: number,
      userId: number,
      ids: number[],
      mainId: number | null,
    ) {
      await db
        .delete(userDepartments)
        .where(and(eq(userDepartments.tenantId, tenantId), eq(userDepartments.userId, userId)));
      if (ids.length === 0) return;
      await db.insert(userDepartments).values(
        ids.map((departmentId) => ({
          tenantId,
          userId,
          departmentId,
          isMain: departmentId === mainId,
        })),
      );
    },

    async currentMainDepartment(tenantId: number, userId: number): Promise<number | null> {
      const rows = await db
        .select({ id: userDepartments.departmentId })
        .from(userDepartments)
        .where(
          and(
            eq(userDepartments.tenantId, tenantId),
            eq(userDepartments.userId, userId),
            eq(userDepartments.isMain, true),
          ),
        );
      return rows[0]?.id ?? null;
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
