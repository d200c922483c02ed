import { and, eq, ne, or, sql } from 'drizzle-orm';
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
    /** Whether another tenant already configured this CorpID (the anchor's "AppKey重复"). */
    async clientIdTakenElsewhere(tenantId: number, thirdType: ThirdType, clientId: string) {
      const [row] = await db
        .select({ id: thirdAppConfigs.id })
        .from(thirdAppConfigs)
        .where(
          and(
            ne(thirdAppConfigs.tenantId, tenantId),
            eq(thirdAppConfigs.thirdType, thirdType),
            eq(thirdAppConfigs.clientId, clientId),
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
