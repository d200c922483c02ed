import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  loginTickets,
  memberships,
  oauthStates,
  syncExclusions,
  syncUnpaired,
  tenants,
  thirdAccounts,
  users,
  type ThirdType,
} from '../../db/schema';

export type StateRow = typeof oauthStates.$inferSelect;
export type TicketRow = typeof loginTickets.$inferSelect;
export type BindingRow = typeof thirdAccounts.$inferSelect;

/** Expiry uses the database clock, so every process sharing it agrees on it. */
const inSeconds = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

/** Sign-in states, tickets and the binding/member lookups sign-in needs; tenant id first. */
export function createThirdLoginRepo(db: Db) {
  return {
    async insertState(
      tenantId: number,
      row: Omit<typeof oauthStates.$inferInsert, 'tenantId' | 'expiresAt'>,
      ttlSeconds: number,
    ): Promise<void> {
      await db.insert(oauthStates).values({ ...row, tenantId, expiresAt: inSeconds(ttlSeconds) });
    },

    /**
     * Marks a state used and returns it with whether it had expired; null when it was unknown
     * or already used (`replayed` tells which). One UPDATE, so two callbacks cannot both win.
     */
    async consumeState(stateHash: string) {
      const [row] = await db
        .update(oauthStates)
        .set({ usedAt: sql`now()` })
        .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
        .returning({
          tenantId: oauthStates.tenantId,
          thirdType: oauthStates.thirdType,
          nonceHash: oauthStates.nonceHash,
          returnPath: oauthStates.returnPath,
          mode: oauthStates.mode,
          expired: sql<boolean>`${oauthStates.expiresAt} <= now()`,
        });
      if (row) return { found: row, replayed: false };
      const [used] = await db
        .select({ id: oauthStates.id })
        .from(oauthStates)
        .where(eq(oauthStates.stateHash, stateHash));
      return { found: null, replayed: Boolean(used) };
    },

    async insertTicket(
      tenantId: number,
      row: Omit<typeof loginTickets.$inferInsert, 'tenantId' | 'expiresAt'>,
      ttlSeconds: number,
    ): Promise<void> {
      await db.insert(loginTickets).values({ ...row, tenantId, expiresAt: inSeconds(ttlSeconds) });
    },

    /** A live (unused, unexpired) ticket of this kind, without using it up. */
    async findLiveTicket(ticketHash: string, kind: TicketRow['kind']): Promise<TicketRow | null> {
      const [row] = await db
        .select()
        .from(loginTickets)
        .where(
          and(
            eq(loginTickets.ticketHash, ticketHash),
            eq(loginTickets.kind, kind),
            isNull(loginTickets.usedAt),
            sql`${loginTickets.expiresAt} > now()`,
          ),
        );
      return row ?? null;
    },

    /** Uses a live ticket up; null when it is unknown, used or expired (or another caller won). */
    async consumeTicket(ticketHash: string, kind: TicketRow['kind']): Promise<TicketRow | null> {
      const [row] = await db
        .update(loginTickets)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(loginTickets.ticketHash, ticketHash),
            eq(loginTickets.kind, kind),
            isNull(loginTickets.usedAt),
            sql`${loginTickets.expiresAt} > now()`,
          ),
        )
        .returning();
      return row ?? null;
    },

    /** Housekeeping: states and tickets an hour past expiry are of no use, not even as evidence. */
    async purgeExpired(): Promise<void> {
      const cutoff = sql`now() - interval '1 hour'`;
      await db.delete(oauthStates).where(lt(oauthStates.expiresAt, cutoff));
      await db.delete(loginTickets).where(lt(loginTickets.expiresAt, cutoff));
    },

    /** The binding of a WeCom userid in this tenant's corp; userids compare case-insensitively. */
    async findBindingByExtUser(
      tenantId: number,
      thirdType: ThirdType,
      corpId: string,
      extUserId: string,
    ): Promise<BindingRow | null> {
      const [row] = await db
        .select()
        .from(thirdAccounts)
        .where(
          and(
            eq(thirdAccounts.tenantId, tenantId),
            eq(thirdAccounts.thirdType, thirdType),
            eq(thirdAccounts.corpId, corpId),
            sql`lower(${thirdAccounts.extUserId}) = lower(${extUserId})`,
          ),
        );
      return row ?? null;
    },

    /**
     * The 移出 marker of a WeCom member without a binding (see bindings.repo markUnpaired): who
     * unbound it and which account it was bound to; null when it was never unbound.
     */
    async findUnpairedMark(
      tenantId: number,
      thirdType: ThirdType,
      corpId: string,
      extUserId: string,
    ): Promise<{ userId: number; createdBy: number | null } | null> {
      const [row] = await db
        .select({ userId: syncUnpaired.userId, createdBy: syncUnpaired.createdBy })
        .from(syncUnpaired)
        .where(
          and(
            eq(syncUnpaired.tenantId, tenantId),
            eq(syncUnpaired.thirdType, thirdType),
            eq(syncUnpaired.corpId, corpId),
            sql`lower(${syncUnpaired.extUserId}) = lower(${extUserId})`,
          ),
        );
      return row ?? null;
    },

    /** Whether an admin left the WeCom member out of syncs (排除); userids compare case-insensitively. */
    async isExcluded(
      tenantId: number,
      thirdType: ThirdType,
      corpId: string,
      extUserId: string,
    ): Promise<boolean> {
      const [row] = await db
        .select({ id: syncExclusions.id })
        .from(syncExclusions)
        .where(
          and(
            eq(syncExclusions.tenantId, tenantId),
            eq(syncExclusions.thirdType, thirdType),
            eq(syncExclusions.corpId, corpId),
            sql`lower(${syncExclusions.extUserId}) = lower(${extUserId})`,
          ),
        );
      return Boolean(row);
    },

    async findBindingOfUser(
      tenantId: number,
      thirdType: ThirdType,
      userId: number,
    ): Promise<BindingRow | null> {
      const [row] = await db
        .select()
        .from(thirdAccounts)
        .where(
          and(
            eq(thirdAccounts.tenantId, tenantId),
            eq(thirdAccounts.thirdType, thirdType),
            eq(thirdAccounts.userId, userId),
          ),
        );
      return row ?? null;
    },

    /** What decides whether an account may enter the tenant: tenant, membership and account state. */
    async accessOf(tenantId: number, userId: number) {
      const [row] = await db
        .select({
          tenantStatus: tenants.status,
          houseNumber: tenants.houseNumber,
          membershipStatus: memberships.status,
          frozen: memberships.frozen,
          userStatus: users.status,
        })
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return row ?? null;
    },

    async findTenant(tenantId: number) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
      return row ?? null;
    },

    async usernameTaken(username: string): Promise<boolean> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.username}) = lower(${username})`);
      return Boolean(row);
    },
  };
}
export type ThirdLoginRepo = ReturnType<typeof createThirdLoginRepo>;
