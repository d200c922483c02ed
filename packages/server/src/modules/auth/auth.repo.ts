import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;

/** Accounts and sessions are global (not tenant-owned); tenant data goes through tenant repos. */
export function createAuthRepo(db: Db) {
  return {
    async findUserByUsername(username: string): Promise<UserRow | undefined> {
      const rows = await db
        .select()
        .from(users)
        .where(sql`lower(${users.username}) = lower(${username})`)
        .limit(1);
      return rows[0];
    },

    async findUserById(id: number): Promise<UserRow | undefined> {
      const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return rows[0];
    },

    async updatePassword(userId: number, passwordHash: string): Promise<void> {
      await db
        .update(users)
        .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
        .where(eq(users.id, userId));
    },

    /** A password set by an administrator: the account must change it at next sign-in. */
    async setOneTimePassword(userId: number, passwordHash: string): Promise<void> {
      await db
        .update(users)
        .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
        .where(eq(users.id, userId));
    },

    /** Ends every session of a user (all devices); answers how many were live. */
    async revokeAllSessions(userId: number): Promise<number> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length;
    },

    /**
     * Sets the first password of an account that has none; false when it has one (meanwhile).
     * One conditional UPDATE, so two concurrent calls cannot both set it.
     */
    async setPasswordIfNone(userId: number, passwordHash: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
        .where(and(eq(users.id, userId), isNull(users.passwordHash)))
        .returning({ id: users.id });
      return rows.length > 0;
    },

    async insertSession(row: typeof sessions.$inferInsert): Promise<number> {
      const [inserted] = await db.insert(sessions).values(row).returning({ id: sessions.id });
      return inserted!.id;
    },

    /** Live (not revoked, not expired) sessions with their user, by token hash. */
    async findLiveSessions(tokenHashes: string[]) {
      return db
        .select({
          tokenHash: sessions.tokenHash,
          sessionId: sessions.id,
          currentTenantId: sessions.currentTenantId,
          scopeTenantId: sessions.scopeTenantId,
          createdAt: sessions.createdAt,
          lastUsedAt: sessions.lastUsedAt,
          expiresAt: sessions.expiresAt,
          // What authenticate needs, no more: the row may be cached (never the password hash).
          user: {
            id: users.id,
            username: users.username,
            realname: users.realname,
            status: users.status,
            isPlatformAdmin: users.isPlatformAdmin,
            mustChangePassword: users.mustChangePassword,
          },
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            inArray(sessions.tokenHash, tokenHashes),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, sql`now()`),
          ),
        );
    },

    async extendSession(sessionId: number, expiresAt: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ lastUsedAt: new Date(), expiresAt })
        .where(eq(sessions.id, sessionId));
    },

    async revokeSession(sessionId: number): Promise<void> {
      await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
    },

    /** Other sessions of a user, e.g. after a password change. */
    async revokeOtherSessions(userId: number, keepSessionId: number): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            sql`${sessions.id} <> ${keepSessionId}`,
          ),
        );
    },

    async setSessionTenant(sessionId: number, tenantId: number): Promise<void> {
      await db
        .update(sessions)
        .set({ currentTenantId: tenantId })
        .where(eq(sessions.id, sessionId));
    },
  };
}
export type AuthRepo = ReturnType<typeof createAuthRepo>;
