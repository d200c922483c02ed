import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import { linkRequests, memberships, thirdAccounts, users, type ThirdType } from '../../db/schema';
import { csvExport, csvRoute } from '../../lib/csv-export';
import type { TenantContext } from '../../lib/route';
import { likePattern, rowsOf } from '../../lib/sql';
import { ThirdTypeSchema } from '../third-app-config/third-app-config.schemas';

export const BindingExportQuerySchema = Type.Object(
  {
    thirdType: Type.Optional(ThirdTypeSchema),
    keyword: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
type Query = { thirdType?: ThirdType; keyword?: string };

interface Row {
  grp: number;
  k: number;
  user_id: number | null;
  username: string | null;
  realname: string | null;
  wechat_user_id: string;
  wechat_name: string;
  membership_status: number | null;
  active: boolean;
  bound_at: Date | string;
  state: string;
}

const COLUMNS = [
  'user_id',
  'username',
  'realname',
  'wecom_userid',
  'wecom_name',
  'membership_status',
  'state',
  'active',
  'bound_at',
] as const;
const MEMBERSHIP = { 1: 'normal', 2: 'quit', 3: 'pending', 4: 'refused' } as Record<number, string>;

/**
 * 查看已绑定 as CSV: the rows of GET /sys/thirdApp/bindings (bindings, then link requests waiting
 * for an account's owner) with the same keyword, and the same rule that an account outside the
 * tenant is never named. Keyset order: bindings by id, then requests by id.
 */
export function createBindingsExport(deps: { db: Db }) {
  const { db } = deps;

  function rowsSql(tenantId: number, q: Query) {
    const thirdType = q.thirdType ?? 'wechat_enterprise';
    const kw = q.keyword?.trim();
    const keyword = kw
      ? sql`and (username ilike ${likePattern(kw)} or realname ilike ${likePattern(kw)}
          or wechat_user_id ilike ${likePattern(kw)} or wechat_name ilike ${likePattern(kw)})`
      : sql``;
    const union = sql`
      select 0 as grp, t.id as k, t.user_id, u.username, coalesce(m.display_name, u.realname) as realname,
             t.ext_user_id as wechat_user_id, t.ext_name as wechat_name,
             m.status::int as membership_status, t.active, t.bound_at, 'bound' as state
      from ${thirdAccounts} t
      join ${users} u on u.id = t.user_id
      join ${memberships} m on m.tenant_id = t.tenant_id and m.user_id = t.user_id and m.tenant_id = ${tenantId}
      where t.tenant_id = ${tenantId} and t.third_type = ${thirdType}
      union all
      select 1, r.id, case when m.id is null then null else r.user_id end,
             case when m.id is null then null else u.username end,
             case when m.id is null then null else coalesce(m.display_name, u.realname) end,
             r.ext_user_id, r.ext_name, m.status::int, false, r.created_at, 'awaiting_owner'
      from ${linkRequests} r
      join ${users} u on u.id = r.user_id
      left join ${memberships} m on m.tenant_id = r.tenant_id and m.user_id = r.user_id and m.tenant_id = ${tenantId}
      where r.tenant_id = ${tenantId} and r.third_type = ${thirdType} and r.status = 'pending'`;
    return { union, keyword };
  }

  async function slice(tenantId: number, q: Query, after: [number, number] | null, limit: number) {
    const { union, keyword } = rowsSql(tenantId, q);
    const from = after ? sql`and (grp, k) > (${after[0]}, ${after[1]})` : sql``;
    return rowsOf<Row>(
      await db.execute(sql`select * from (${union}) x where true ${keyword} ${from}
        order by grp, k limit ${limit}`),
    );
  }

  return {
    async exportCsv(ctx: TenantContext, q: Query) {
      const { union, keyword } = rowsSql(ctx.tenantId, q);
      const [total] = rowsOf<{ n: number | string }>(
        await db.execute(sql`select count(*) as n from (${union}) x where true ${keyword}`),
      );
      return csvExport<Row, [number, number]>('bindings', ctx.tenantId, Number(total?.n ?? 0), {
        columns: COLUMNS,
        slice: (after, limit) => slice(ctx.tenantId, q, after, limit),
        keyOf: (r) => [Number(r.grp), Number(r.k)],
        cells: (r) => [
          r.user_id,
          r.username,
          r.realname,
          r.wechat_user_id,
          r.wechat_name,
          r.membership_status === null ? '' : MEMBERSHIP[Number(r.membership_status)],
          r.state,
          r.active,
          r.bound_at instanceof Date ? r.bound_at : new Date(r.bound_at),
        ],
      });
    },
  };
}
export type BindingsExport = ReturnType<typeof createBindingsExport>;

export function registerBindingsExportRoutes(
  app: FastifyInstance,
  deps: { bindingsExport: BindingsExport },
): void {
  csvRoute(app, {
    url: '/sys/thirdApp/bindings/export',
    operationId: 'exportThirdAppBindings',
    tags: ['third-app'],
    summary: '查看已绑定 as CSV (same rows and keyword as GET /sys/thirdApp/bindings), streamed',
    description:
      "Tenant administrators export their current tenant's bound members, then the link requests waiting for an account's owner (accounts outside the tenant are not named).",
    querystring: BindingExportQuerySchema,
    example:
      '\uFEFFuser_id,username,realname,wecom_userid,wecom_name,membership_status,state,active,bound_at\r\n41,zhangsan,张三,ZhangSan,张三,normal,bound,true,2026-12-01T08:00:00.000Z\r\n',
    build: (req, tenant) => deps.bindingsExport.exportCsv(tenant, req.query as Query),
  });
}
