import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import type { DirectorySyncService } from '../directory-sync/sync.service';
import { createSyncRunsRepo } from '../directory-sync/sync-runs.repo';
import type { JobsLog, TenantJobKind } from './jobs.types';

export const DIRECTORY_SYNC = 'directory-sync';

/**
 * Scheduled directory sync (PRODUCT.md §5.2.5): the tenant's `syncPolicy.schedule` while its
 * config is enabled, run through the same read + plan + guard + apply path as a manual or API run.
 * A run that cannot start (another run is active, the integration was just disabled…) is written
 * to the run history as a failed scheduled run saying why, so an admin sees it; WeCom failures
 * and the mass-change guard are recorded by the run itself.
 */
export function directorySyncJob(deps: {
  db: Db;
  sync: Pick<DirectorySyncService, 'runNow'>;
  log: JobsLog;
}): TenantJobKind {
  return {
    name: DIRECTORY_SYNC,
    cronOf: (source) => (source.enabled ? source.syncPolicy.schedule : null),
    async run({ tenantId, thirdType }) {
      try {
        const { runId } = await deps.sync.runNow(tenantId, thirdType, {
          trigger: 'schedule',
          actorUserId: null,
        });
        return { runId };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const run = await createSyncRunsRepo(deps.db).insertRun(tenantId, {
          thirdType,
          trigger: 'schedule',
          actorUserId: null,
          status: 'failed',
          phase: 'done',
          error: {
            code: 'sync.schedule_skipped',
            reason: err.code,
            reasonMessage: err.message,
            message: `定时同步未执行 (the scheduled sync did not start): ${err.message} It runs again at its next scheduled time.`,
          },
          finishedAt: new Date(),
        });
        deps.log.warn(
          { tenantId, thirdType, reason: err.code, runId: run.id },
          'jobs: scheduled sync did not start',
        );
        return { runId: run.id, skipped: err.code };
      }
    },
  };
}
