import { Type } from '@sinclair/typebox';
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import {
  MEMBERSHIP_STATUS,
  departments,
  memberships,
  thirdAccounts,
  userDepartments,
  users,
} from '../../db/schema';
import { csvExport, csvRoute } from '../../lib/csv-export';
import type { TenantContext } from '../../lib/route';
import { Id, Keyword } from '../../lib/schemas';
import { shownPosition, shownRealname } from '../tenants/tenants.memberships';
import { userListWhere, type UserListFilters } from './users.repo';

export const UserExportQuerySchema = Type.Object(
  { keyword: Type.Optional(Keyword), departmentId: Type.Optional(Id()) },
  { additionalProperties: false },
);
type UserExportFilter = UserListFilters;

const COLUMNS = [
  'id',
  'username',
  'realname',
  'status',
  'membership_status',
  'role',
  'departments',
  'main_department',
  'wecom_userid',
  'phone',
  'email',
  'position',
] as const;

/**
 * The users list (GET /sys/user/list) as CSV: the same rows (active and quit members of the
 * current tenant, the tenant's names for shared accounts) and the same filters, in id order.
 */
export function createUsersExport(deps: { db: Db }) {
  const { db } = deps;

  /** The list's rows (users.repo.ts decides which), after `afterId` in id order. */
  const whereOf = (tenantId: number, f: UserExportFilter, afterId: number | null) =>
    and(userListWhere(tenantId, f), afterId === null ? undefined : gt(users.id, afterId));

  const deptNames = (tenantId: number, mainOnly: boolean) =>
    sql<string | null>`(select string_agg(d.name, '; ' order by d.name) from ${userDepartments} ud
      join ${departments} d on d.tenant_id = ud.tenant_id and d.id = ud.department_id
      where ud.tenant_id = ${tenantId} and ud.user_id = ${users.id}${mainOnly ? sql` and ud.is_main` : sql``})`;

  const slice = (tenantId: number, f: UserExportFilter, afterId: number | null, limit: number) =>
    db
      .select({
        id: users.id,
        username: users.username,
        realname: shownRealname,
        userStatus: users.status,
        frozen: memberships.frozen,
        membershipStatus: memberships.status,
        role: memberships.role,
        departments: deptNames(tenantId, false),
        mainDepartment: deptNames(tenantId, true),
        wechatUserId: sql<string | null>`(select ta.ext_user_id from ${thirdAccounts} ta
          where ta.tenant_id = ${tenantId} and ta.user_id = ${users.id}
            and ta.third_type = 'wechat_enterprise' and ta.active limit 1)`,
        phone: users.phone,
        email: users.email,
        position: shownPosition,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(whereOf(tenantId, f, afterId))
      .orderBy(asc(users.id))
      .limit(limit);
  type Row = Awaited<ReturnType<typeof slice>>[number];

  return {
    async exportCsv(ctx: TenantContext, f: UserExportFilter) {
      const [total] = await db
        .select({ n: count() })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(whereOf(ctx.tenantId, f, null));
      return csvExport<Row, number>('users', ctx.tenantId, total!.n, {
        columns: COLUMNS,
        slice: (after, limit) => slice(ctx.tenantId, f, after, limit),
        keyOf: (r) => r.id,
        cells: (r) => [
          r.id,
          r.username,
          r.realname,
          r.frozen || r.userStatus !== 1 ? 'frozen' : 'normal',
          r.membershipStatus === MEMBERSHIP_STATUS.quit ? 'quit' : 'normal',
          r.role,
          r.departments,
          r.mainDepartment,
          r.wechatUserId,
          r.phone,
          r.email,
          r.position,
        ],
      });
    },
  };
}
export type UsersExport = ReturnType<typeof createUsersExport>;

export function registerUsersExportRoutes(
  app: FastifyInstance,
  deps: { usersExport: UsersExport },
): void {
  csvRoute(app, {
    url: '/sys/user/export',
    operationId: 'exportUsers',
    tags: ['users'],
    summary: 'The users list as CSV (same rows and filters as GET /sys/user/list), streamed',
    description:
      "Tenant administrators export their current tenant's members (X-Tenant-Id), active and quit, in id order.",
    querystring: UserExportQuerySchema,
    example:
      '\uFEFFid,username,realname,status,membership_status,role,departments,main_department,wecom_userid,phone,email,position\r\n41,zhangsan,张三,normal,normal,member,研发部; 测试部,研发部,ZhangSan,+86 138,z@example.com,工程师\r\n',
    build: (req, tenant) => deps.usersExport.exportCsv(tenant, req.query as UserExportFilter),
  });
}
