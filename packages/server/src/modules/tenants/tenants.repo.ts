import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS, memberships, tenants, users } from '../../db/schema';
import { likePattern, offsetOf, rowsOf } from '../../lib/sql';

export type TenantRow = typeof tenants.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type Role = 'admin' | 'member';

export interface MemberFilter {
  status?: number;
  keyword?: string;
  page: number;
  pageSize: number;
}

/**
 * The name a tenant shows for a member: its own (tenant-scoped) name for a shared account, else
 * the account's realname (PRODUCT.md §7).
 */
export const shownRealname = sql<string>`coalesce(${memberships.displayName}, ${users.realname})`;
/** Likewise for the position. */
export const shownPosition = sql<
  string | null
>`coalesce(${memberships.position}, ${users.position})`;

/** Tenants and memberships. Every membership statement is scoped by the tenant id given first. */
export function createTenantsRepo(db: Db) {
  return {
    async findTenantById(tenantId: number): Promise<TenantRow | undefined> {
      const rows = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
      return rows[0];
    },

    /**
     * Tenants by id with the given user's membership in each (null when not a member): the
     * request path's tenant check, one statement for any number of (tenant, user) pairs.
     */
    async findTenantAccess(pairs: { tenantId: number; userId: number }[]) {
      const result = await db.execute(sql`
        select p.tenant_id, p.user_id, t.status as tenant_status,
          m.status as membership_status, m.frozen, m.role
        from unnest(${sql.param(pairs.map((p) => p.tenantId))}::int[],
                    ${sql.param(pairs.map((p) => p.userId))}::int[]) as p(tenant_id, user_id)
        join ${tenants} t on t.id = p.tenant_id
        left join ${memberships} m on m.tenant_id = p.tenant_id and m.user_id = p.user_id`);
      return rowsOf<{
        tenant_id: number;
        user_id: number;
        tenant_status: number;
        membership_status: number | null;
        frozen: boolean | null;
        role: Role | null;
      }>(result);
    },

    async findTenantByHouseNumber(houseNumber: string): Promise<TenantRow | undefined> {
      const rows = await db
        .select()
        .from(tenants)
        .where(eq(tenants.houseNumber, houseNumber.toUpperCase()))
        .limit(1);
      return rows[0];
    },

    async insertTenant(row: typeof tenants.$inferInsert): Promise<TenantRow> {
      const [inserted] = await db.insert(tenants).values(row).returning();
      return inserted!;
    },

    async listTenants(filter: { keyword?: string; page: number; pageSize: number }) {
      const where = filter.keyword
        ? or(
            ilike(tenants.name, likePattern(filter.keyword)),
            ilike(tenants.houseNumber, likePattern(filter.keyword)),
          )
        : undefined;
      // Drizzle leaves columns unqualified in single-table selects, so the outer one is spelt out.
      const memberCount = sql<number>`(select count(*)::int from ${memberships} m
        where m.tenant_id = "tenants"."id" and m.status = ${MEMBERSHIP_STATUS.normal})`;
      const records = await db
        .select({
          id: tenants.id,
          name: tenants.name,
          houseNumber: tenants.houseNumber,
          status: tenants.status,
          memberCount,
          createdAt: tenants.createdAt,
        })
        .from(tenants)
        .where(where)
        .orderBy(asc(tenants.id))
        .limit(filter.pageSize)
        .offset(offsetOf(filter.page, filter.pageSize));
      const [total] = await db.select({ n: count() }).from(tenants).where(where);
      return { records, total: total!.n };
    },

    /**
     * Whether `username` lies in the namespace of a tenant other than `tenantId`: its first 6
     * characters are that tenant's house number in any case (the sync and the WeCom `create`
     * sign-in name the accounts they make `<house number><userid>`). House numbers are stored
     * upper-case, so the unique index answers it.
     */
    async usernameInOtherNamespace(tenantId: number, username: string): Promise<boolean> {
      const rows = await db
        .select({ id: tenants.id })
        .from(tenants)
        .where(
          and(
            sql`${tenants.houseNumber} = upper(left(${username}, 6))`,
            sql`${tenants.id} <> ${tenantId}`,
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    /** All memberships of one account, across tenants (for the tenant switcher). */
    async listMembershipsOfUser(userId: number) {
      return db
        .select({
          id: tenants.id,
          name: tenants.name,
          houseNumber: tenants.houseNumber,
          tenantStatus: tenants.status,
          role: memberships.role,
          status: memberships.status,
          frozen: memberships.frozen,
        })
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(tenants.id));
    },

    async findMembership(tenantId: number, userId: number): Promise<MembershipRow | undefined> {
      const rows = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
        .limit(1);
      return rows[0];
    },

    async insertMembership(
      tenantId: number,
      row: { userId: number; status: number; role?: Role },
    ): Promise<MembershipRow> {
      const [inserted] = await db
        .insert(memberships)
        .values({ tenantId, ...row })
        .returning();
      return inserted!;
    },

    /** Returns false when no such membership exists in this tenant. */
    async updateMembership(
      tenantId: number,
      userId: number,
      patch: Partial<
        Pick<MembershipRow, 'status' | 'role' | 'frozen' | 'displayName' | 'position'>
      >,
    ): Promise<boolean> {
      const rows = await db
        .update(memberships)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
        .returning({ id: memberships.id });
      return rows.length > 0;
    },

    /**
     * The tenant's active, unfrozen administrators, their membership rows locked until the
     * transaction ends (in id order, so two callers never deadlock). A concurrent demotion, quit
     * or freeze that committed first is re-checked by the lock and drops out of the answer.
     */
    async lockActiveAdmins(tenantId: number): Promise<number[]> {
      const rows = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            eq(memberships.role, 'admin'),
            eq(memberships.status, MEMBERSHIP_STATUS.normal),
            eq(memberships.frozen, false),
          ),
        )
        .orderBy(asc(memberships.id))
        .for('update');
      return rows.map((r) => r.userId);
    },

    /**
     * Locks the account's row until the transaction ends, before a change that makes one of its
     * memberships active (and so may turn another tenant's own account into a shared one).
     */
    async lockUser(userId: number): Promise<void> {
      await db.execute(sql`select id from ${users} where id = ${userId} for update`);
    },

    async listMembers(tenantId: number, filter: MemberFilter) {
      const conditions: SQL[] = [eq(memberships.tenantId, tenantId)];
      if (filter.status !== undefined) conditions.push(eq(memberships.status, filter.status));
      if (filter.keyword) {
        const pattern = likePattern(filter.keyword);
        conditions.push(or(ilike(users.username, pattern), ilike(shownRealname, pattern))!);
      }
      const where = and(...conditions);
      const records = await db
        .select({
          id: memberships.id,
          userId: users.id,
          username: users.username,
          realname: shownRealname,
          status: memberships.status,
          role: memberships.role,
          frozen: memberships.frozen,
          createdAt: memberships.createdAt,
          updatedAt: memberships.updatedAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where)
        .orderBy(desc(memberships.updatedAt), asc(memberships.id))
        .limit(filter.pageSize)
        .offset(offsetOf(filter.page, filter.pageSize));
      const [total] = await db
        .select({ n: count() })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(where);
      return { records, total: total!.n };
    },
  };
}
export type TenantsRepo = ReturnType<typeof createTenantsRepo>;
