import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  MEMBERSHIP_STATUS,
  auditLog,
  departments,
  memberships,
  syncRuns,
  thirdAccounts,
  thirdAppConfigs,
  type ThirdType,
} from '../../db/schema';

/** The counts and latest events the admin home page shows; tenant id first, in every statement. */
export function createHomeRepo(db: Db) {
  return {
    async memberCounts(tenantId: number) {
      const [row] = await db
        .select({
          active: sql<number>`count(*) filter (where ${memberships.status} = ${MEMBERSHIP_STATUS.normal})`,
          pending: sql<number>`count(*) filter (where ${memberships.status} = ${MEMBERSHIP_STATUS.pending})`,
        })
        .from(memberships)
        .where(eq(memberships.tenantId, tenantId));
      return { active: Number(row?.active ?? 0), pending: Number(row?.pending ?? 0) };
    },

    async countActiveBindings(tenantId: number): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(thirdAccounts)
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.active, true)));
      return row?.n ?? 0;
    },

    async countDepartments(tenantId: number): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(departments)
        .where(eq(departments.tenantId, tenantId));
      return row?.n ?? 0;
    },

    async findConfig(tenantId: number, thirdType: ThirdType) {
      const [row] = await db
        .select({ id: thirdAppConfigs.id, enabled: thirdAppConfigs.enabled })
        .from(thirdAppConfigs)
        .where(
          and(eq(thirdAppConfigs.tenantId, tenantId), eq(thirdAppConfigs.thirdType, thirdType)),
        );
      return row ?? null;
    },

    /** The last 测试连接 of a config, as its audit entry recorded it (third_app.config_tested). */
    async findLastTest(tenantId: number, configId: number) {
      const [row] = await db
        .select({ details: auditLog.details, at: auditLog.createdAt })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.tenantId, tenantId),
            eq(auditLog.action, 'third_app.config_tested'),
            eq(auditLog.targetType, 'third_app_config'),
            eq(auditLog.targetId, String(configId)),
          ),
        )
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(1);
      return row ? { ok: row.details?.ok === true, at: row.at } : null;
    },

    async findLastSyncRun(tenantId: number) {
      const [row] = await db
        .select({
          id: syncRuns.id,
          status: syncRuns.status,
          trigger: syncRuns.trigger,
          createdAt: syncRuns.createdAt,
          finishedAt: syncRuns.finishedAt,
        })
        .from(syncRuns)
        .where(eq(syncRuns.tenantId, tenantId))
        .orderBy(desc(syncRuns.createdAt), desc(syncRuns.id))
        .limit(1);
      return row ?? null;
    },
  };
}
export type HomeRepo = ReturnType<typeof createHomeRepo>;
