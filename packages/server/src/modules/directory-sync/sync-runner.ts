import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import { conflict } from '../../lib/errors';
import { isUniqueViolation } from '../../lib/pg-error';
import { rowsOf } from '../../lib/sql';
import { createSyncRunsRepo, type RunRow } from './sync-runs.repo';

const HEARTBEAT_MS = 5_000;
/** A running row whose owner has not beaten its heart for this long and holds no lock is dead. */
const GRACE_MS = 5_000;

const lockKey = (tenantId: number) => `orgbridge:sync:${tenantId}`;

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
}) {
  const { db, database, log } = deps;
  const local = new Set<number>();
  const inflight = new Set<Promise<void>>();
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
        error: {
          code: 'sync.interrupted',
          message:
            'The process running this sync stopped (crash or restart). Nothing is half-applied: every member is written all-or-nothing; run the sync again to finish.',
        },
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

    /** Runs `work` in the background as the owner of `run`. */
    launch(tenantId: number, runId: number, work: () => Promise<void>): void {
      local.add(runId);
      heartbeat();
      const body = database.withAdvisoryLock
        ? () => database.withAdvisoryLock!(lockKey(tenantId), work)
        : work;
      const p = body()
        .catch((err) => log.error({ err, runId }, 'sync run crashed'))
        .finally(() => {
          local.delete(runId);
          inflight.delete(p);
        });
      inflight.add(p);
    },

    /** Waits for this process's runs (app shutdown, tests). */
    async drain(): Promise<void> {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },

    isLocal: (runId: number) => local.has(runId),
  };
}
export type SyncRunner = ReturnType<typeof createSyncRunner>;
