import { and, eq, sql, type SQL } from 'drizzle-orm';
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
import { intArray, recordset, textArray } from '../directory-sync/sql-arrays';

/** The key under `ext_data` of the mobile/e-mail a member consented to at sign-in. */
export const CONSENTED_KEY = 'consented';

/** A WeCom member of one corp: what a binding and a 移出 marker are keyed by (userid case-insensitive). */
export interface ExtMemberKey {
  thirdType: ThirdType;
  corpId: string;
  extUserId: string;
}

export interface BindingFilter {
  thirdType: ThirdType;
  keyword?: string | undefined;
  page: number;
  pageSize: number;
}

export interface BindingListFilters {
  thirdType: ThirdType;
  keyword?: string | undefined;
}

/** A row of 查看已绑定: a binding (`id`), or a link request waiting for the owner (`link_request_id`). */
export interface BindingListRow {
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

const recordOf = (r: BindingListRow) => ({
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

/**
 * 查看已绑定 — and so its CSV export (bindings.export.ts): the rows (BindingListRow) a tenant sees,
 * as one statement to select from. The tenant's bindings, then its link requests waiting for an
 * account's owner (PRODUCT.md §7). A request to an account outside the tenant names nobody: no
 * user id, username or real name, and the keyword never matches them. A shared account shows the
 * tenant-scoped name its membership carries. The keyword (surrounding spaces ignored) matches
 * username, real name, WeCom userid or WeCom name literally. The one place that decides which rows
 * a tenant sees: the list and the export share it.
 */
export function bindingListRows(tenantId: number, filter: BindingListFilters): SQL {
  const kw = filter.keyword?.trim();
  const keyword = kw
    ? sql`where (username ilike ${likePattern(kw)} or realname ilike ${likePattern(kw)}
        or wechat_user_id ilike ${likePattern(kw)} or wechat_name ilike ${likePattern(kw)})`
    : sql``;
  // The membership joins repeat the tenant id: the query stays safe on its own.
  return sql`select * from (
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
    where r.tenant_id = ${tenantId} and r.third_type = ${filter.thirdType} and r.status = 'pending'
  ) listed ${keyword}`;
}

/**
 * Bindings (third accounts), their 移出 markers and the tenant's link requests; the tenant id is
 * in every statement. Every write of a binding or a marker is here: other modules reach them
 * through bindings.writer.ts (docs/decisions/0007-module-boundaries.md).
 */
export function createBindingsRepo(db: Db) {
  return {
    /** 查看已绑定, a page of it (newest first): the rows bindingListRows decides. */
    async listBindings(tenantId: number, filter: BindingFilter) {
      const rows = bindingListRows(tenantId, filter);
      const records = rowsOf<BindingListRow>(
        await db.execute(sql`select * from (${rows}) x
          order by bound_at desc, state, coalesce(id, link_request_id) desc
          limit ${filter.pageSize} offset ${offsetOf(filter.page, filter.pageSize)}`),
      );
      const [total] = rowsOf<{ n: number | string }>(
        await db.execute(sql`select count(*) as n from (${rows}) x`),
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

    /** Binds a WeCom member to an account (WeCom sign-in); answers the binding's id. */
    async insertBinding(
      tenantId: number,
      row: Omit<typeof thirdAccounts.$inferInsert, 'tenantId'>,
    ): Promise<number> {
      const [inserted] = await db
        .insert(thirdAccounts)
        .values({ ...row, tenantId })
        .returning({ id: thirdAccounts.id });
      return inserted!.id;
    },

    /** Makes a binding live again (the same pair, left inactive), with the member's current data. */
    async reviveBinding(
      tenantId: number,
      id: number,
      patch: { extUserId: string; extName: string; extData: Record<string, unknown> | null },
    ): Promise<void> {
      await db
        .update(thirdAccounts)
        .set({ ...patch, active: true, updatedAt: new Date() })
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.id, id)));
    },

    /**
     * The mobile/email a member consented to at sign-in (snsapi_privateinfo), merged into the
     * binding's ext_data under `consented`, which directory sync carries over (refreshBindings).
     */
    async storeConsented(
      tenantId: number,
      bindingId: number,
      consented: { mobile?: string; email?: string; at: string },
    ): Promise<void> {
      await db
        .update(thirdAccounts)
        .set({
          extData: sql`coalesce(${thirdAccounts.extData}, '{}'::jsonb) || jsonb_build_object(${CONSENTED_KEY}::text, ${JSON.stringify(consented)}::jsonb)`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.id, bindingId)));
    },

    /**
     * Marks every binding of `userId` in the tenant inactive (kept for history, like a removed
     * config's) and answers them, for the caller to mark their members unpaired.
     */
    async deactivateBindingsOfMember(tenantId: number, userId: number) {
      return db
        .update(thirdAccounts)
        .set({ active: false, updatedAt: new Date() })
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.userId, userId)))
        .returning({
          thirdType: thirdAccounts.thirdType,
          corpId: thirdAccounts.corpId,
          extUserId: thirdAccounts.extUserId,
          userId: thirdAccounts.userId,
        });
    },

    /** A sync's new bindings of one corp, in one statement. */
    async insertBindings(
      tenantId: number,
      corp: { thirdType: ThirdType; corpId: string },
      rows: {
        extUserId: string;
        userId: number;
        extName: string;
        extData: Record<string, unknown> | null;
      }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      const values = rows.map((r) => ({
        ext_user_id: r.extUserId,
        user_id: r.userId,
        ext_name: r.extName,
        ext_data: r.extData,
      }));
      await db.execute(sql`insert into ${thirdAccounts} (tenant_id, third_type, corp_id, ext_user_id, user_id, ext_name, active, ext_data)
      select ${tenantId}::int, ${corp.thirdType}::text, ${corp.corpId}::text, ext_user_id, user_id, ext_name, true, ext_data
      from ${recordset(values, 'ext_user_id text, user_id int, ext_name text, ext_data jsonb')}`);
    },

    /**
     * A sync's refresh of existing bindings (name, data, active again), in one statement. The
     * fields a member consented to at sign-in stay (read at write time, not at plan time).
     */
    async refreshBindings(
      tenantId: number,
      rows: { id: number; extName: string; extData: Record<string, unknown> | null }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      const values = rows.map((r) => ({ id: r.id, ext_name: r.extName, ext_data: r.extData }));
      await db.execute(sql`update ${thirdAccounts} t set ext_name = v.ext_name,
        ext_data = case when t.ext_data -> ${CONSENTED_KEY}::text is null then v.ext_data
          else coalesce(v.ext_data, '{}'::jsonb) || jsonb_build_object(${CONSENTED_KEY}::text, t.ext_data -> ${CONSENTED_KEY}::text) end,
        active = true, updated_at = now()
      from ${recordset(values, 'id int, ext_name text, ext_data jsonb')}
      where t.tenant_id = ${tenantId} and t.id = v.id`);
    },

    /** Marks the tenant's bindings `ids` inactive (their members left the corp). */
    async deactivateBindings(tenantId: number, ids: readonly number[]): Promise<void> {
      if (ids.length === 0) return;
      await db.execute(sql`update ${thirdAccounts} set active = false, updated_at = now()
        where tenant_id = ${tenantId} and id = any(${intArray(ids)}) and active`);
    },

    /**
     * A WeCom userid changed (a contact event's new_userid): the binding and its 移出 marker
     * follow. The bindings of both userids are locked first; 'taken' (nothing written) when the
     * new userid is bound already, 'none' when the old one is bound to nobody.
     */
    async renameExtUser(
      tenantId: number,
      corp: { thirdType: ThirdType; corpId: string },
      from: string,
      to: string,
    ): Promise<'renamed' | 'taken' | 'none'> {
      const key = (id: string) => id.toLowerCase();
      const scope = and(
        eq(thirdAccounts.tenantId, tenantId),
        eq(thirdAccounts.thirdType, corp.thirdType),
        eq(thirdAccounts.corpId, corp.corpId),
      );
      const rows = await db
        .select({ id: thirdAccounts.id, extUserId: thirdAccounts.extUserId })
        .from(thirdAccounts)
        .where(and(scope, sql`lower(${thirdAccounts.extUserId}) in (${key(from)}, ${key(to)})`))
        .for('update');
      const old = rows.filter((r) => key(r.extUserId) === key(from));
      const taken = rows.some((r) => key(r.extUserId) === key(to) && key(from) !== key(to));
      if (old.length === 0) return 'none';
      if (taken) return 'taken';
      await db.execute(sql`update ${thirdAccounts} set ext_user_id = ${to}, updated_at = now()
      where tenant_id = ${tenantId} and third_type = ${corp.thirdType} and corp_id = ${corp.corpId}
        and lower(ext_user_id) = ${key(from)}`);
      await db.execute(sql`update ${syncUnpaired} set ext_user_id = ${to}
      where tenant_id = ${tenantId} and third_type = ${corp.thirdType} and corp_id = ${corp.corpId}
        and lower(ext_user_id) = ${key(from)}`);
      return 'renamed';
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

    /**
     * Deletes the 移出 markers of members an admin paired by hand in the sync dialog (the
     * decision replaces the marker), in one statement.
     */
    async clearUnpairedMany(
      tenantId: number,
      corp: { thirdType: ThirdType; corpId: string },
      extUserIds: readonly string[],
    ): Promise<void> {
      if (extUserIds.length === 0) return;
      await db.execute(sql`delete from ${syncUnpaired}
        where tenant_id = ${tenantId} and third_type = ${corp.thirdType} and corp_id = ${corp.corpId}
          and lower(ext_user_id) in (select lower(x) from unnest(${textArray(extUserIds)}) as x)`);
    },
  };
}
export type BindingsRepo = ReturnType<typeof createBindingsRepo>;
