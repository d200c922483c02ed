import { and, count, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiKeys, auditLog, tenants, users } from '../../db/schema';
import type { ApiKeyPermission } from '../../db/schema/api-keys';
import { offsetOf } from '../../lib/sql';

/** Not revoked and not expired. */
const live = () =>
  and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)));

const view = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  permissions: apiKeys.permissions,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdBy: { id: users.id, username: users.username, realname: users.realname },
};

/** API keys are tenant-owned: every statement names the tenant first (but the hash lookup). */
export function createApiKeysRepo(db: Db) {
  return {
    /** Holds the tenant's row until the transaction ends (serialises key creation). */
    async lockTenant(tenantId: number): Promise<void> {
      await db
        .select({ id: tenants.id })
        .from(tenants)
        .where(eq(tenants.id, tenantId))
        .for('update');
    },

    async countLive(tenantId: number): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, tenantId), live()));
      return row?.n ?? 0;
    },

    async insert(
      tenantId: number,
      row: {
        name: string;
        prefix: string;
        keyHash: string;
        permissions: ApiKeyPermission[];
        createdBy: number | null;
        expiresAt: Date | null;
      },
    ) {
      const [inserted] = await db
        .insert(apiKeys)
        .values({ ...row, tenantId })
        .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
      return inserted!;
    },

    /** Live keys first, then newest first; the creator's name joined for the list. */
    async list(tenantId: number, page: number, pageSize: number) {
      const where = eq(apiKeys.tenantId, tenantId);
      const [records, [total]] = await Promise.all([
        db
          .select(view)
          .from(apiKeys)
          .leftJoin(users, eq(users.id, apiKeys.createdBy))
          .where(where)
          .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.id))
          .limit(pageSize)
          .offset(offsetOf(page, pageSize)),
        db.select({ n: count() }).from(apiKeys).where(where),
      ]);
      return { records, total: total?.n ?? 0 };
    },

    async findById(tenantId: number, id: number) {
      const rows = await db
        .select(view)
        .from(apiKeys)
        .leftJoin(users, eq(users.id, apiKeys.createdBy))
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)))
        .limit(1);
      return rows[0];
    },

    /** Revokes a key not yet revoked; false when there is none (unknown, other tenant's, done). */
    async revoke(tenantId: number, id: number, by: number | null): Promise<boolean> {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: new Date(), revokedBy: by })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.length > 0;
    },

    /**
     * Keys by hash, revoked and expired ones included (the caller says which), with their
     * tenant's status. What authentication needs and no more: the row may be cached.
     */
    async findByHashes(hashes: string[]) {
      return db
        .select({
          id: apiKeys.id,
          keyHash: apiKeys.keyHash,
          tenantId: apiKeys.tenantId,
          name: apiKeys.name,
          prefix: apiKeys.prefix,
          permissions: apiKeys.permissions,
          expiresAt: apiKeys.expiresAt,
          lastUsedAt: apiKeys.lastUsedAt,
          revokedAt: apiKeys.revokedAt,
          tenantStatus: tenants.status,
        })
        .from(apiKeys)
        .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
        .where(inArray(apiKeys.keyHash, hashes));
    },

    /**
     * Marks a key used, unless another process did within `grainS` seconds. Every write to
     * api_keys empties the key cache of every process (db/changes.ts), hence the coarse grain.
     */
    async touch(id: number, grainS: number): Promise<void> {
      await db
        .update(apiKeys)
        .set({ lastUsedAt: sql`now()` })
        .where(
          and(
            eq(apiKeys.id, id),
            or(
              isNull(apiKeys.lastUsedAt),
              sql`${apiKeys.lastUsedAt} < now() - make_interval(secs => ${grainS})`,
            ),
          ),
        );
    },

    /** Whether a use-denied entry for this key and operation was written in the last `withinS`. */
    async deniedRecently(
      tenantId: number,
      keyId: number,
      operationId: string,
      withinS: number,
    ): Promise<boolean> {
      const rows = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.tenantId, tenantId),
            sql`${auditLog.createdAt} > now() - make_interval(secs => ${withinS})`,
            eq(auditLog.action, 'api_key.use_denied'),
            eq(auditLog.actorApiKeyId, keyId),
            sql`${auditLog.details}->>'operationId' = ${operationId}`,
          ),
        )
        .limit(1);
      return rows.length > 0;
    },
  };
}
export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
export type ApiKeyAuthRow = Awaited<ReturnType<ApiKeysRepo['findByHashes']>>[number];
