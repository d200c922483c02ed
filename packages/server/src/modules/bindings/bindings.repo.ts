import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships, syncUnpaired, thirdAccounts, users, type ThirdType } from '../../db/schema';
import { likePattern, offsetOf } from '../../lib/sql';

export interface BindingFilter {
  thirdType: ThirdType;
  keyword?: string | undefined;
  page: number;
  pageSize: number;
}

/** Bindings (third accounts) of one tenant; the tenant id is in every statement. */
export function createBindingsRepo(db: Db) {
  return {
    async listBindings(tenantId: number, filter: BindingFilter) {
      const conditions: SQL[] = [
        eq(thirdAccounts.tenantId, tenantId),
        eq(thirdAccounts.thirdType, filter.thirdType),
      ];
      if (filter.keyword) {
        const p = likePattern(filter.keyword);
        conditions.push(
          or(
            ilike(users.username, p),
            ilike(users.realname, p),
            ilike(thirdAccounts.extUserId, p),
            ilike(thirdAccounts.extName, p),
          )!,
        );
      }
      const where = and(...conditions);
      // The membership join repeats the tenant id: a binding's FK already ties it to this
      // tenant's membership, and the explicit condition keeps the query safe on its own.
      const membership = and(
        eq(memberships.tenantId, thirdAccounts.tenantId),
        eq(memberships.userId, thirdAccounts.userId),
        eq(memberships.tenantId, tenantId),
      );
      const records = await db
        .select({
          id: thirdAccounts.id,
          userId: thirdAccounts.userId,
          username: users.username,
          realname: users.realname,
          wechatUserId: thirdAccounts.extUserId,
          wechatName: thirdAccounts.extName,
          membershipStatus: memberships.status,
          active: thirdAccounts.active,
          boundAt: thirdAccounts.boundAt,
        })
        .from(thirdAccounts)
        .innerJoin(users, eq(users.id, thirdAccounts.userId))
        .innerJoin(memberships, membership)
        .where(where)
        .orderBy(desc(thirdAccounts.boundAt), desc(thirdAccounts.id))
        .limit(filter.pageSize)
        .offset(offsetOf(filter.page, filter.pageSize));
      const [total] = await db
        .select({ n: count() })
        .from(thirdAccounts)
        .innerJoin(users, eq(users.id, thirdAccounts.userId))
        .innerJoin(memberships, membership)
        .where(where);
      return { records, total: total!.n };
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
