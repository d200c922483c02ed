import type { Db } from '../../db/client';
import type { CallbacksService } from '../callbacks/callbacks.service';
import type { JobsLog, TenantJobKind } from './jobs.types';
import { recordSkippedRun } from './skipped-run';

export const DIRECTORY_RECONCILE = 'directory-reconcile';

/** Every night at 03:30, Asia/Shanghai: after the working day, clear of the 02:00 preset. */
export const RECONCILE_CRON = '30 3 * * *';

/**
 * The nightly reconcile of PRODUCT.md §5.7, for connections that WeCom sends contact callbacks
 * to: a full run catches any change whose callback was lost or whose callback run failed, and
 * settles the events still waiting. A connection with its own sync schedule needs none (its
 * scheduled runs are full runs already); a disabled one gets none.
 */
export function directoryReconcileJob(deps: {
  db: Db;
  callbacks: Pick<CallbacksService, 'reconcile'>;
  log: JobsLog;
}): TenantJobKind {
  return {
    name: DIRECTORY_RECONCILE,
    cronOf: (source) =>
      source.enabled && source.usesCallbacks && !source.syncPolicy.schedule ? RECONCILE_CRON : null,
    async run(target) {
      try {
        return await deps.callbacks.reconcile(target.tenantId, target.thirdType);
      } catch (err) {
        return recordSkippedRun(deps, target, 'reconcile', err);
      }
    },
  };
}
