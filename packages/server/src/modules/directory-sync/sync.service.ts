import type { Database, Db } from '../../db/client';
import type { SyncTrigger } from '../../db/schema';
import { fallbackLog } from '../../lib/log';
import type { SecretBox } from '../../lib/secrets';
import { createSyncExecutor } from './sync-executor';
import { createSyncRunner } from './sync-runner';
import { EXT_SOURCE } from './sync-state.repo';
import { createSyncApply } from './sync.apply';
import { createSyncPreview, type SyncRuntime } from './sync.preview';
import { createSyncRuns } from './sync.runs';

// The directory sync: preview (sync.preview.ts), apply, confirm and cancel (sync.apply.ts), and
// runs, started by hand, schedule or callback, and read back (sync.runs.ts), composed here.
export { guard, providerFailure } from './sync.preview';

type Log = { error(obj: unknown, msg?: string): void };

export function createDirectorySyncService(deps: {
  db: Db;
  database: Pick<Database, 'kind' | 'withAdvisoryLock'>;
  box: SecretBox;
  runtime: SyncRuntime;
  logLevel?: string;
  /** The app's logger; without it (tests, scripts) JSON lines on stderr unless `logLevel` is silent. */
  log?: Log;
  /** Each run's end, with its trigger, outcome and duration (GET /metrics). */
  onRunFinished?: (run: { trigger: SyncTrigger; outcome: string; seconds: number }) => void;
  /** Epoch ms until which a shutdown waits for running runs (SHUTDOWN_GRACE_S); unset: no limit. */
  shutdownDeadline?: () => number;
}) {
  const { db, box, runtime } = deps;
  // Only a crashed background run is logged here; its explanation is stored on the run row.
  const log: Log = deps.log ?? {
    error:
      deps.logLevel === 'silent'
        ? () => {}
        : (obj, msg) => fallbackLog().error(obj as object, msg ?? 'sync'),
  };
  const runner = createSyncRunner({ db, database: deps.database, log });
  const executor = createSyncExecutor({ db, box });
  const previews = createSyncPreview({ db, runtime });
  const runs = createSyncRuns({
    db,
    box,
    runtime,
    runner,
    executor,
    readAndPlan: previews.readAndPlan,
    ...(deps.onRunFinished ? { onRunFinished: deps.onRunFinished } : {}),
  });
  const applies = createSyncApply({ db, runtime, runner, launchExecute: runs.launchExecute });

  return {
    /** App close: waits for running runs until the shutdown deadline, then stops them. */
    drain: () => runner.drain(deps.shutdownDeadline?.()),
    preview: previews.preview,
    apply: applies.apply,
    confirm: applies.confirm,
    cancel: applies.cancel,
    runNow: runs.runNow,
    runTargeted: runs.runTargeted,
    getRun: runs.getRun,
    listRuns: runs.listRuns,
    listItems: runs.listItems,
    takePasswords: runs.takePasswords,
    extSource: EXT_SOURCE,
  };
}
export type DirectorySyncService = ReturnType<typeof createDirectorySyncService>;
