import { and, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { callbackEvents, thirdAccounts, thirdAppConfigs, type ThirdType } from '../../db/schema';

export type ConfigRow = typeof thirdAppConfigs.$inferSelect;
export type ScheduleSourceRow = Pick<
  ConfigRow,
  'tenantId' | 'thirdType' | 'enabled' | 'syncPolicy'
> & { usesCallbacks: boolean };
export type ConfigInsert = Omit<typeof thirdAppConfigs.$inferInsert, 'tenantId' | 'id'>;

/** Tenant id first in every statement. */
export function createThirdAppConfigRepo(db: Db) {
  return {
    async findConfig(tenantId: number, thirdType: ThirdType): Promise<ConfigRow | null> {
      const [row] = await db
        .select()
        .from(thirdAppConfigs)
        .where(
          and(eq(thirdAppConfigs.tenantId, tenantId), eq(thirdAppConfigs.thirdType, thirdType)),
        );
      return row ?? null;
    },
    /** Configs for several (tenant, type) keys in one statement (the send path's lookup). */
    async findConfigs(keys: { tenantId: number; thirdType: ThirdType }[]): Promise<ConfigRow[]> {
      return db
        .select()
        .from(thirdAppConfigs)
        .where(
          or(
            ...keys.map((k) =>
              and(
                eq(thirdAppConfigs.tenantId, k.tenantId),
                eq(thirdAppConfigs.thirdType, k.thirdType),
              ),
            ),
          ),
        );
    },
    /**
     * Every tenant's connection state, for the scheduler only (it serves all tenants): no
     * secrets, nothing that leaves the server.
     */
    async listScheduleSources(only?: {
      tenantId: number;
      thirdType: ThirdType;
    }): Promise<ScheduleSourceRow[]> {
      return db
        .select({
          tenantId: thirdAppConfigs.tenantId,
          thirdType: thirdAppConfigs.thirdType,
          enabled: thirdAppConfigs.enabled,
          syncPolicy: thirdAppConfigs.syncPolicy,
          usesCallbacks: sql<boolean>`exists (select 1 from ${callbackEvents} e
            where e.tenant_id = ${thirdAppConfigs.tenantId}
              and e.third_type = ${thirdAppConfigs.thirdType})`,
        })
        .from(thirdAppConfigs)
        .where(
          only
            ? and(
                eq(thirdAppConfigs.tenantId, only.tenantId),
                eq(thirdAppConfigs.thirdType, only.thirdType),
              )
            : undefined,
        );
    },
    /**
     * Whether another tenant already connected this provider account (WeCom CorpID, DingTalk
     * corpId: the connector's accountKey), the anchor's "AppKey重复".
     */
    async accountKeyTakenElsewhere(tenantId: number, thirdType: ThirdType, accountKey: string) {
      const [row] = await db
        .select({ id: thirdAppConfigs.id })
        .from(thirdAppConfigs)
        .where(
          and(
            ne(thirdAppConfigs.tenantId, tenantId),
            eq(thirdAppConfigs.thirdType, thirdType),
            eq(thirdAppConfigs.accountKey, accountKey),
          ),
        );
      return Boolean(row);
    },
    async insertConfig(tenantId: number, values: ConfigInsert): Promise<ConfigRow> {
      const [row] = await db
        .insert(thirdAppConfigs)
        .values({ ...values, tenantId })
        .returning();
      return row as ConfigRow;
    },
    async updateConfig(
      tenantId: number,
      id: number,
      patch: Partial<ConfigInsert>,
    ): Promise<ConfigRow> {
      const [row] = await db
        .update(thirdAppConfigs)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(thirdAppConfigs.tenantId, tenantId), eq(thirdAppConfigs.id, id)))
        .returning();
      return row as ConfigRow;
    },
    /**
     * The caller address WeCom named last (diagnostics); returns the one it replaces. Leaves
     * `updated_at` alone: the connection's settings did not change.
     */
    async recordEgressIp(tenantId: number, id: number, ip: string): Promise<string | null> {
      const [row] = await db
        .select({ egressIp: thirdAppConfigs.egressIp })
        .from(thirdAppConfigs)
        .where(and(eq(thirdAppConfigs.tenantId, tenantId), eq(thirdAppConfigs.id, id)));
      await db
        .update(thirdAppConfigs)
        .set({ egressIp: ip, egressIpSeenAt: new Date() })
        .where(and(eq(thirdAppConfigs.tenantId, tenantId), eq(thirdAppConfigs.id, id)));
      return row?.egressIp ?? null;
    },
    /** Stores a 60020 alert unless one naming the same address is already there; true if stored. */
    async setTrustedIpAlert(
      tenantId: number,
      id: number,
      alert: { ip: string | null; api: string; at: string },
    ): Promise<boolean> {
      const rows = await db
        .update(thirdAppConfigs)
        .set({ trustedIpAlert: alert })
        .where(
          and(
            eq(thirdAppConfigs.tenantId, tenantId),
            eq(thirdAppConfigs.id, id),
            sql`(${thirdAppConfigs.trustedIpAlert} is null or ${thirdAppConfigs.trustedIpAlert}->>'ip' is distinct from ${alert.ip})`,
          ),
        )
        .returning({ id: thirdAppConfigs.id });
      return rows.length > 0;
    },
    /** Clears the 60020 alert; true if there was one. */
    async clearTrustedIpAlert(tenantId: number, id: number): Promise<boolean> {
      const rows = await db
        .update(thirdAppConfigs)
        .set({ trustedIpAlert: null })
        .where(
          and(
            eq(thirdAppConfigs.tenantId, tenantId),
            eq(thirdAppConfigs.id, id),
            isNotNull(thirdAppConfigs.trustedIpAlert),
          ),
        )
        .returning({ id: thirdAppConfigs.id });
      return rows.length > 0;
    },
    async deleteConfigById(tenantId: number, id: number): Promise<void> {
      await db
        .delete(thirdAppConfigs)
        .where(and(eq(thirdAppConfigs.tenantId, tenantId), eq(thirdAppConfigs.id, id)));
    },
    /** Removing a config keeps bindings for history but marks them inactive. */
    async deactivateBindings(tenantId: number, thirdType: ThirdType): Promise<void> {
      await db
        .update(thirdAccounts)
        .set({ active: false, updatedAt: new Date() })
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.thirdType, thirdType)));
    },
  };
}
