import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  linkRequests,
  memberships,
  syncUnpaired,
  thirdAccounts,
  users,
  type ThirdType,
} from '../../db/schema';
import { likePattern, offsetOf, rowsOf } from '../../lib/sql';

export interface BindingFilter {
  thirdType: ThirdType;
  keyword?: string | undefined;
  page: number;
  pageSize: number;
}

interface ListRow {
  id: number | null;
  user_id: number | null;
  username: string | null;
  realname: string | null;
  wechat_user_id: string;
  wechat_name: string;
  membership_status: number | null;
  active: boolean;
  bound_at: Date | string;
  state: 'bound' | 'awaiting_owner';
  link_request_id: number | null;
  outsider: boolean;
}

const recordOf = (r: ListRow) => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  realname: r.realname,
  wechatUserId: r.wechat_user_id,
  wechatName: r.wechat_name,
  membershipStatus: r.membership_status === null ? null : Number(r.membership_status),
  active: r.active,
  boundAt: r.bound_at instanceof Date ? r.bound_at : new Date(r.bound_at),
  state: r.state,
  linkRequestId: r.link_request_id,
  outsider: r.outsider,
});

/** Bindings (third accounts) and link requests of one tenant; the tenant id is in every statement. */
export function createBindingsRepo(db: Db) {
  return {
    /**
     * 查看已绑定: the tenant's bindings, then its link requests waiting for an account's owner
     * (PRODUCT.md §7). A request to an account outside the tenant names nobody: no user id,
     * username or real name, and the keyword never matches them. A shared account shows the
     * tenant-scoped name its membership carries.
     */
    async listBindings(tenantId: number, filter: BindingFilter) {
      const keyword = filter.keyword
        ? sql`where (username ilike ${likePattern(filter.keyword)} or realname ilike ${likePattern(filter.keyword)}
            or wechat_user_id ilike ${likePattern(filter.keyword)} or wechat_name ilike ${likePattern(filter.keyword)})`
        : sql``;
      // The membership joins repeat the tenant id: the query stays safe on its own.
      const rows = sql`
        select t.id, t.user_id, u.username, coalesce(m.display_name, u.realname) as realname,
               t.ext_user_id as wechat_user_id, t.ext_name as wechat_name,
               m.status::int as membership_status, t.active, t.bound_at,
               'bound' as state, null::int as link_request_id, false as outsider
        from ${thirdAccounts} t
        join ${users} u on u.id = t.user_id
        join ${memberships} m on m.tenant_id = t.tenant_id and m.user_id = t.user_id and m.tenant_id = ${tenantId}
        where t.tenant_id = ${tenantId} and t.third_type = ${filter.thirdType}
        union all
        select null::int, case when m.id is null then null else r.user_id end,
               case when m.id is null then null else u.username end,
               case when m.id is null then null else coalesce(m.display_name, u.realname) end,
               r.ext_user_id, r.ext_name, m.status::int, false, r.created_at,
               'awaiting_owner', r.id, m.id is null
        from ${linkRequests} r
        join ${users} u on u.id = r.user_id
        left join ${memberships} m on m.tenant_id = r.tenant_id and m.user_id = r.user_id and m.tenant_id = ${tenantId}
        where r.tenant_id = ${tenantId} and r.third_type = ${filter.thirdType} and r.status = 'pending'`;
      const records = rowsOf<ListRow>(
        await db.execute(sql`select * from (${rows}) x ${keyword}
          order by bound_at desc, state, coalesce(id, link_request_id) desc
          limit ${filter.pageSize} offset ${offsetOf(filter.page, filter.pageSize)}`),
      );
      const [total] = rowsOf<{ n: number | string }>(
        await db.execute(sql`select count(*) as n from (${rows}) x ${keyword}`),
      );
      return { records: records.map(recordOf), total: Number(total?.n ?? 0) };
    },

    /** Withdraws a pending link request of the tenant; null when there is none with this id. */
    async cancelLinkRequest(tenantId: number, id: number) {
      const [row] = await db
        .update(linkRequests)
        .set({ status: 'cancelled', decidedAt: new Date() })
        .where(
          and(
            eq(linkRequests.tenantId, tenantId),
            eq(linkRequests.id, id),
            eq(linkRequests.status, 'pending'),
          ),
        )
        .returning({
          thirdType: linkRequests.thirdType,
          corpId: linkRequests.corpId,
          extUserId: linkRequests.extUserId,
          userId: linkRequests.userId,
        });
      return row ?? null;
    },

    async findBindingById(tenantId: number, id: number) {
      const [row] = await db
        .select()
        .from(thirdAccounts)
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.id, id)));
      return row ?? null;
    },

    /** Deletes the binding if it belongs to the tenant; false when there was none. */
    async deleteBindingById(tenantId: number, id: number): Promise<boolean> {
      const rows = await db
        .delete(thirdAccounts)
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.id, id)))
        .returning({ id: thirdAccounts.id });
      return rows.length > 0;
    },

    /**
     * Deletes a binding and marks its WeCom member unpaired (see markUnpaired), in the caller's
     * transaction; false (and no marker) when the binding is gone already.
     */
    async unbind(
      tenantId: number,
      b: { id: number; thirdType: ThirdType; corpId: string; extUserId: string; userId: number },
      createdBy: number | null,
    ): Promise<boolean> {
      if (!(await this.deleteBindingById(tenantId, b.id))) return false;
      await this.markUnpaired(tenantId, b, createdBy);
      return true;
    },

    /**
     * Marks the WeCom member as unbound — by an admin (移出) or by the member (their own binding) —
     * so that syncs leave it unbound until it is paired by hand; a second unbind of the same
     * member refreshes the marker.
     */
    async markUnpaired(
      tenantId: number,
      m: { thirdType: ThirdType; corpId: string; extUserId: string; userId: number },
      createdBy: number | null,
    ): Promise<void> {
      // The conflict target is the lower-cased unique index, which the query builder cannot name.
      await db.execute(sql`insert into ${syncUnpaired} (tenant_id, third_type, corp_id, ext_user_id, user_id, created_by)
        values (${tenantId}, ${m.thirdType}, ${m.corpId}, ${m.extUserId}, ${m.userId}, ${createdBy})
        on conflict (tenant_id, third_type, corp_id, lower(ext_user_id)) do update
        set ext_user_id = excluded.ext_user_id, user_id = excluded.user_id,
            created_by = excluded.created_by, created_at = now()`);
    },

    /**
     * Deletes the 移出 marker of a WeCom member who is bound again by proving the link themselves
     * (WeCom sign-in: linking an account by password, or an account created at first sign-in),
     * so it cannot keep a later sync from pairing the member. Userids compare case-insensitively.
     */
    async clearUnpaired(
      tenantId: number,
      m: { thirdType: ThirdType; corpId: string; extUserId: string },
    ): Promise<void> {
      await db
        .delete(syncUnpaired)
        .where(
          and(
            eq(syncUnpaired.tenantId, tenantId),
            eq(syncUnpaired.thirdType, m.thirdType),
            eq(syncUnpaired.corpId, m.corpId),
            sql`lower(${syncUnpaired.extUserId}) = lower(${m.extUserId})`,
          ),
        );
    },
  };
}
export type BindingsRepo = ReturnType<typeof createBindingsRepo>;
