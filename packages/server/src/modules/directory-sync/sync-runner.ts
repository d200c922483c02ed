import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import { conflict } from '../../lib/errors';
import { isUniqueViolation } from '../../lib/pg-error';
import { rowsOf } from '../../lib/sql';
import { createSyncRunsRepo, type RunRow } from './sync-runs.repo';

const HEARTBEAT_MS = 5_000;
/** A running row whose owner has not beaten its heart for this long and holds no lock is dead. */
const GRACE_MS = 5_000;
/** How often every process looks for dead runs (so one is closed within a minute of its death). */
const SWEEP_MS = 15_000;

/** Why a run was closed without finishing (stored as `sync_runs.error`). */
export const INTERRUPTED = {
  ownerStopped: {
    code: 'sync.interrupted',
    message:
      '同步进程已停止（崩溃或重启），本次运行中断。每个成员都是整体写入或不写入，不会留下写了一半的数据；请再次运行同步以完成。 — The process running this sync stopped (crash or restart). Nothing is half-applied: every member is written all-or-nothing; run the sync again to finish.',
  },
  lockLost: {
    code: 'sync.interrupted',
    message:
      "持有本次运行锁的数据库连接已断开（数据库重启、故障切换或连接被终止），无法再确认只有这一个同步在运行，因此在两个成员的写入之间停止。每个成员都是整体写入或不写入，不会留下写了一半的数据；数据库恢复后请再次运行同步。 — The database connection holding the run's lock was lost (database restart, failover or a terminated connection), so the run could no longer be sure it was the only one and stopped between member writes. Nothing is half-applied: every member is written all-or-nothing; run the sync again once the database is reachable.",
  },
  shutdown: {
    code: 'sync.interrupted',
    message:
      '服务器正在停止（SIGTERM），本次运行在宽限时间（SHUTDOWN_GRACE_S）内未完成，因此在两批成员的写入之间停止。每个成员都是整体写入或不写入，不会留下写了一半的数据；服务器重新启动后请再次运行同步以完成。 — The server was shutting down (SIGTERM) and this run did not finish within the grace period (SHUTDOWN_GRACE_S), so it stopped between member batches. Nothing is half-applied: every member is written all-or-nothing; run the sync again once the server is back to finish.',
  },
} as const;
type Interruption = (typeof INTERRUPTED)[keyof typeof INTERRUPTED];

/** The abort reason of runs stopped because the server is shutting down (drain past its grace). */
export class ServerShuttingDown extends Error {
  override readonly name = 'ServerShuttingDown';
  constructor() {
    super('the server is shutting down (SIGTERM) and the grace period is over');
  }
}

/** Why a run stopped, from an abort reason or error chain: the shutdown, else the lost lock. */
function interruptionOf(reason: unknown): Interruption {
  for (let c = reason, depth = 0; typeof c === 'object' && c !== null && depth < 8; depth++) {
    if (c instanceof RunInterruptedError) return c.error;
    if (c instanceof ServerShuttingDown) return INTERRUPTED.shutdown;
    c = (c as { cause?: unknown }).cause;
  }
  return INTERRUPTED.lockLost;
}

/** True when `signal` aborted because the server is shutting down (not because a lock was lost). */
export const isShutdown = (signal: AbortSignal) =>
  signal.aborted && interruptionOf(signal.reason) === INTERRUPTED.shutdown;

/**
 * Thrown at a safe point of a run whose lock was lost or whose server is shutting down; the run
 * is recorded as interrupted. `reason` (the run signal's abort reason) or else `cause` says which.
 */
export class RunInterruptedError extends Error {
  override readonly name = 'RunInterruptedError';
  readonly error: Interruption;
  constructor(options?: { cause?: unknown; reason?: unknown }) {
    const error = interruptionOf(options?.reason ?? options?.cause);
    super(error.message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.error = error;
  }
}

const LOCK_PREFIX = 'orgbridge:sync:';
const lockKey = (tenantId: number) => `${LOCK_PREFIX}${tenantId}`;

export const runActive = () =>
  conflict(
    'sync.run_active',
    'A sync run for this tenant is already in progress. Wait for it to finish (see the run history), then try again.',
  );

/**
 * One run per tenant across every process: a unique partial index on running rows decides who
 * starts; the executing process holds a PostgreSQL session advisory lock on the tenant for the
 * whole run, so a crashed owner (kill -9 drops its connection and lock) is recognised and its row
 * closed as interrupted. PGlite has a single owning process: a row not running here is dead.
 */
export function createSyncRunner(deps: {
  db: Db;
  database: Pick<Database, 'kind' | 'withAdvisoryLock'>;
  log: { error(obj: unknown, msg?: string): void };
  /** Period of the dead-run sweep (tests shorten it). */
  sweepMs?: number;
}) {
  const { db, database, log } = deps;
  /** Runs this process executes and still owns (heartbeat beats for them; never swept here). */
  const local = new Set<number>();
  const inflight = new Set<Promise<void>>();
  /** Aborted when a drain's grace is over: every run stops at its next safe point. */
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;

  function heartbeat() {
    if (timer || local.size === 0) return;
    timer = setInterval(() => {
      if (local.size === 0) {
        clearInterval(timer);
        timer = undefined;
        return;
      }
      createSyncRunsRepo(db)
        .heartbeat([...local])
        .catch((err) => log.error({ err }, 'sync heartbeat failed'));
    }, HEARTBEAT_MS);
    timer.unref();
  }

  async function isAlive(tx: Db, run: RunRow): Promise<boolean> {
    if (local.has(run.id)) return true;
    if (database.kind === 'pglite') return false;
    if (Date.now() - run.heartbeatAt.getTime() < GRACE_MS) return true;
    const res = await tx.execute(
      sql`select pg_try_advisory_xact_lock(hashtextextended(${lockKey(run.tenantId)}, 0)) as free`,
    );
    return !rowsOf<{ free: boolean }>(res)[0]?.free;
  }

  /**
   * Closes every run whose owner is gone, in one idempotent UPDATE that any number of processes
   * may run at once (a row already closed no longer matches `status = 'running'`).
   */
  async function sweep() {
    try {
      await createSyncRunsRepo(db).closeDeadRuns({
        graceMs: GRACE_MS,
        exceptIds: [...local],
        // PostgreSQL: also the tenant's lock must be free (its owner's connection is gone).
        lockKeyPrefix: database.kind === 'postgres' ? LOCK_PREFIX : null,
        error: INTERRUPTED.ownerStopped,
      });
    } catch (err) {
      log.error({ err }, 'sync: closing dead runs failed; the next sweep retries');
    }
  }
  let sweeping: Promise<void> | null = null;
  const sweeper = setInterval(() => {
    sweeping ??= sweep().finally(() => (sweeping = null));
  }, deps.sweepMs ?? SWEEP_MS);
  sweeper.unref();

  /** The run's lock connection died: stop beating for it and close it now (the sweep retries). */
  function lockLost(tenantId: number, runId: number) {
    local.delete(runId);
    createSyncRunsRepo(db)
      .closeRun(tenantId, runId, INTERRUPTED.lockLost)
      .catch((err) => log.error({ err, runId }, 'sync: closing a run whose lock was lost failed'));
  }

  return {
    /** Inside the caller's transaction: closes a dead owner's run, refuses when one is alive. */
    async claim(tx: Db, tenantId: number): Promise<void> {
      const runs = createSyncRunsRepo(tx);
      const running = await runs.findRunning(tenantId);
      if (!running) return;
      if (await isAlive(tx, running)) throw runActive();
      await runs.updateRun(tenantId, running.id, {
        status: 'failed',
        finishedAt: new Date(),
        error: { ...INTERRUPTED.ownerStopped },
      });
    },

    /** Maps the one-active-run index violation (two processes racing) to the same 409. */
    async insertGuarded<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return await fn();
      } catch (err) {
        if (isUniqueViolation(err, 'sync_runs_one_active_uq')) throw runActive();
        throw err;
      }
    },

    /**
     * Runs `work` in the background as the owner of `run`. On PostgreSQL `work` holds the tenant's
     * lock; `lost` aborts if the lock's connection dies, the run is closed as interrupted at once,
     * and `work` stops at its next safe point (re-taking the lock is not attempted: another process
     * may have started a run meanwhile, or the database may still be down). `lost` also aborts,
     * with a ServerShuttingDown reason, when a drain's grace is over; the run then stays open
     * until `work` records it as interrupted at its next safe point.
     */
    launch(tenantId: number, runId: number, work: (lost: AbortSignal) => Promise<void>): void {
      local.add(runId);
      heartbeat();
      const body = database.withAdvisoryLock
        ? () =>
            database.withAdvisoryLock!(lockKey(tenantId), (lost) => {
              lost.addEventListener('abort', () => lockLost(tenantId, runId), { once: true });
              return work(AbortSignal.any([lost, stopping.signal]));
            })
        : () => work(stopping.signal);
      const p = body()
        .catch((err) => log.error({ err, runId }, 'sync run crashed'))
        .finally(() => {
          local.delete(runId);
          inflight.delete(p);
        });
      inflight.add(p);
    },

    /**
     * Stops the sweep and waits for this process's runs (app shutdown, tests). With a `deadline`
     * (epoch ms; SHUTDOWN_GRACE_S after the shutdown began) runs still going then are stopped at
     * their next safe point and recorded as interrupted by the shutdown; waiting for that is
     * bounded only by the process's hard deadline (lib/shutdown.ts).
     */
    async drain(deadline?: number): Promise<void> {
      clearInterval(sweeper);
      if (deadline !== undefined && inflight.size > 0) {
        let timeout: NodeJS.Timeout | undefined;
        const graceOver = new Promise<void>((resolve) => {
          timeout = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
        await Promise.race([Promise.allSettled([...inflight]), graceOver]);
        clearTimeout(timeout);
        if (inflight.size > 0) {
          log.error(
            { runs: [...local] },
            'shutdown: sync runs still going after SHUTDOWN_GRACE_S; stopping them at their next safe point (recorded as interrupted)',
          );
          stopping.abort(new ServerShuttingDown());
        }
      }
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      await sweeping;
    },

    isLocal: (runId: number) => local.has(runId),
  };
}
export type SyncRunner = ReturnType<typeof createSyncRunner>;
