import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import type { ThirdType } from '../../db/schema';
import { csvExport, csvRoute } from '../../lib/csv-export';
import type { TenantContext } from '../../lib/route';
import { rowsOf } from '../../lib/sql';
import { ThirdTypeSchema } from '../third-app-config/third-app-config.schemas';
import { bindingListRows, type BindingListFilters, type BindingListRow } from './bindings.repo';

export const BindingExportQuerySchema = Type.Object(
  {
    thirdType: Type.Optional(ThirdTypeSchema),
    keyword: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
type Query = { thirdType?: ThirdType; keyword?: string };

/** Keyset order: bindings by id, then the link requests by id. */
type Row = BindingListRow & { grp: number; k: number };

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

  const filtersOf = (q: Query): BindingListFilters => ({
    thirdType: q.thirdType ?? 'wechat_enterprise',
    keyword: q.keyword,
  });

  /** The list's rows (bindings.repo.ts decides which) with their key, for keyset slices. */
  const keyed = (tenantId: number, q: Query) =>
    sql`select x.*, case when x.state = 'bound' then 0 else 1 end as grp,
      coalesce(x.id, x.link_request_id) as k
    from (${bindingListRows(tenantId, filtersOf(q))}) x`;

  async function slice(tenantId: number, q: Query, after: [number, number] | null, limit: number) {
    const from = after ? sql`where (grp, k) > (${after[0]}, ${after[1]})` : sql``;
    return rowsOf<Row>(
      await db.execute(sql`select * from (${keyed(tenantId, q)}) y ${from}
        order by grp, k limit ${limit}`),
    );
  }

  return {
    async exportCsv(ctx: TenantContext, q: Query) {
      const [total] = rowsOf<{ n: number | string }>(
        await db.execute(
          sql`select count(*) as n from (${bindingListRows(ctx.tenantId, filtersOf(q))}) x`,
        ),
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
