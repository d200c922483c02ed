import type { Db } from '../../db/client';
import type { DirectorySyncService } from '../directory-sync/sync.service';
import type { JobsLog, TenantJobKind } from './jobs.types';
import { recordSkippedRun } from './skipped-run';

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
    async run(target) {
      try {
        const { runId } = await deps.sync.runNow(target.tenantId, target.thirdType, {
          trigger: 'schedule',
          actorUserId: null,
        });
        return { runId };
      } catch (err) {
        return recordSkippedRun(deps, target, 'schedule', err);
      }
    },
  };
}
