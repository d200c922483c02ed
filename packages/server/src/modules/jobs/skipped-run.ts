import type { Db } from '../../db/client';
import type { SyncTrigger } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { recordFailedRun } from '../directory-sync/sync.runs';
import type { JobsLog, JobTarget } from './jobs.types';

const WHAT: Record<'schedule' | 'reconcile', { zh: string; en: string; next: string }> = {
  schedule: {
    zh: '定时同步未执行',
    en: 'the scheduled sync did not start',
    next: 'It runs again at its next scheduled time.',
  },
  reconcile: {
    zh: '夜间核对未执行',
    en: 'the nightly reconcile did not start',
    next: 'It runs again tomorrow night.',
  },
};

/**
 * A job's run that could not start (another run is active, the integration was just disabled…)
 * is written to the run history as a failed run saying why, so an admin sees it. Anything but
 * an explained refusal (AppError) is rethrown: pg-boss records the job as failed.
 */
export async function recordSkippedRun(
  deps: { db: Db; log: JobsLog },
  { tenantId, thirdType }: JobTarget,
  trigger: Extract<SyncTrigger, 'schedule' | 'reconcile'>,
  err: unknown,
): Promise<{ runId: number; skipped: string }> {
  if (!(err instanceof AppError)) throw err;
  const what = WHAT[trigger];
  const runId = await recordFailedRun(deps.db, tenantId, {
    thirdType,
    trigger,
    error: {
      code: `sync.${trigger}_skipped`,
      reason: err.code,
      reasonMessage: err.message,
      message: `${what.zh} (${what.en}): ${err.message} ${what.next}`,
    },
  });
  deps.log.warn({ tenantId, thirdType, trigger, reason: err.code, runId }, `jobs: ${what.en}`);
  return { runId, skipped: err.code };
}
