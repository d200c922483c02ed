import type { Db } from '../../db/client';
import type { TenantContext } from '../../lib/route';
import { createHomeRepo } from './home.repo';
import type { HomeSummary } from './home.schemas';

const THIRD_TYPE = 'wechat_enterprise' as const;

/** The admin home page: what waits for the admin and how the WeCom connection is doing. */
export function createHomeService(deps: { db: Db }) {
  const repo = createHomeRepo(deps.db);
  return {
    async summary(ctx: TenantContext): Promise<HomeSummary> {
      const { tenantId } = ctx;
      const [counts, bound, depts, config, lastSync] = await Promise.all([
        repo.memberCounts(tenantId),
        repo.countActiveBindings(tenantId),
        repo.countDepartments(tenantId),
        repo.findConfig(tenantId, THIRD_TYPE),
        repo.findLastSyncRun(tenantId),
      ]);
      const lastTest = config ? await repo.findLastTest(tenantId, config.id) : null;
      return {
        members: { ...counts, bound },
        departments: depts,
        connection: { configured: config !== null, enabled: config?.enabled ?? false, lastTest },
        lastSync,
      };
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
