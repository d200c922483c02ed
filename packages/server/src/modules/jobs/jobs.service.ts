import PgBoss from 'pg-boss';
import type { Database } from '../../db/client';
import { THIRD_TYPES, type ThirdType } from '../../db/schema';
import { createBossDb } from './boss-db';
import type { JobTarget, JobsLog, JobsOptions, ScheduleSource, TenantJobKind } from './jobs.types';
import { SCHEDULE_TZ } from './schedule';

/** pg-boss keeps its tables in this schema and creates or migrates it itself at start. */
export const BOSS_SCHEMA = 'pgboss';

/** Serialises pg-boss start and schedule changes across the processes sharing one PostgreSQL. */
const LOCK_KEY = 'orgbridge:jobs';

const DEFAULTS: Required<JobsOptions> = {
  pollingIntervalSeconds: 10,
  cronIntervalSeconds: 30,
  refreshSeconds: 60,
};

export const queueName = (kind: string, t: JobTarget) => `${kind}.${t.tenantId}.${t.thirdType}`;

/** The target of one of `kind`'s queues, or null for another queue. */
export function targetOf(kind: string, queue: string): JobTarget | null {
  const match = /^(\d+)\.([a-z_]+)$/.exec(
    queue.startsWith(`${kind}.`) ? queue.slice(kind.length + 1) : '',
  );
  if (!match || !(THIRD_TYPES as readonly string[]).includes(match[2]!)) return null;
  return { tenantId: Number(match[1]), thirdType: match[2] as ThirdType };
}

export interface ScheduleSources {
  scheduleSources(): Promise<ScheduleSource[]>;
  scheduleSource(tenantId: number, thirdType: ThirdType): Promise<ScheduleSource | null>;
}

/**
 * Background jobs on pg-boss, on PostgreSQL or the embedded database alike. Schedules follow the
 * tenants' configs: all of them at start and every `refreshSeconds`, one tenant's right after its
 * config changes. Each process works every queue of every kind; pg-boss hands each job to one
 * of them (`FOR UPDATE SKIP LOCKED`). A cron fires once across processes: one instance per
 * `cronIntervalSeconds` wins the `cron_on` update and queues the due schedules, each with a
 * per-minute singleton key (see jobs.processes.test.ts).
 */
export async function createJobs(deps: {
  database: Database;
  sources: ScheduleSources;
  kinds: TenantJobKind[];
  log: JobsLog;
  options?: JobsOptions;
}) {
  const { database, sources, kinds, log } = deps;
  const opts = { ...DEFAULTS, ...deps.options };
  const bossDb = createBossDb(database);
  const boss = new PgBoss({
    db: bossDb,
    schema: BOSS_SCHEMA,
    pollingIntervalSeconds: opts.pollingIntervalSeconds,
    cronMonitorIntervalSeconds: opts.cronIntervalSeconds,
    cronWorkerIntervalSeconds: Math.min(opts.cronIntervalSeconds, 5),
  });
  boss.on('error', (err: unknown) => log.warn({ err }, 'jobs: pg-boss reported an error'));
  const workers = new Map<string, string>();
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  /** One change at a time in this process, and under an advisory lock across processes. */
  function serialised<T>(fn: () => Promise<T>): Promise<T> {
    const locked = database.withAdvisoryLock ? () => database.withAdvisoryLock!(LOCK_KEY, fn) : fn;
    const next = chain.then(locked, locked);
    chain = next.catch(() => {});
    return next;
  }

  /**
   * Stops a queue's schedule at once, then removes the queue. pg-boss 10's `deleteQueue` fails
   * while its partition holds any job (its foreign key is ON DELETE RESTRICT, which is checked
   * immediately despite DEFERRABLE), so the finished and waiting jobs go first. A job still
   * running keeps the queue until a later refresh; its schedule is gone already.
   */
  async function removeQueue(queue: string) {
    if (!(await boss.getQueue(queue))) return;
    await boss.unschedule(queue);
    await bossDb.executeSql(
      `delete from ${BOSS_SCHEMA}.job where name = $1 and state <> 'active'`,
      [queue],
    );
    try {
      await boss.deleteQueue(queue);
    } catch (err) {
      log.info({ err, queue }, 'jobs: queue kept until its running job ends');
    }
  }

  async function setSchedule(queue: string, target: JobTarget, cron: string | null) {
    if (cron === null) {
      await removeQueue(queue);
      return;
    }
    await boss.createQueue(queue, { name: queue, retryLimit: 0 });
    await boss.schedule(queue, cron, target, { tz: SCHEDULE_TZ });
  }

  function handler(kind: TenantJobKind, queue: string, target: JobTarget) {
    return async ([job]: PgBoss.Job<object>[]) => {
      try {
        const output = await kind.run(target);
        log.info({ queue, jobId: job?.id, ...output }, `jobs: ${kind.name} ran`);
        return output;
      } catch (err) {
        log.warn({ err, queue, jobId: job?.id }, `jobs: ${kind.name} failed`);
        throw err;
      }
    };
  }

  /** A worker in this process for every queue of our kinds, none for removed queues. */
  async function refreshWorkers() {
    const wanted = new Map<string, { kind: TenantJobKind; target: JobTarget }>();
    for (const q of await boss.getQueues()) {
      for (const kind of kinds) {
        const target = targetOf(kind.name, q.name);
        if (target) wanted.set(q.name, { kind, target });
      }
    }
    for (const [queue, { kind, target }] of wanted) {
      if (workers.has(queue) || stopped) continue;
      const options = { pollingIntervalSeconds: opts.pollingIntervalSeconds, batchSize: 1 };
      workers.set(queue, await boss.work(queue, options, handler(kind, queue, target)));
    }
    for (const [queue, id] of workers) {
      if (wanted.has(queue)) continue;
      await boss.offWork({ id });
      workers.delete(queue);
    }
  }

  async function reconcileAll() {
    const all = await sources.scheduleSources();
    const existing = new Map((await boss.getSchedules()).map((s) => [s.name, s]));
    const queues = await boss.getQueues();
    for (const kind of kinds) {
      const wanted = new Set<string>();
      for (const source of all) {
        const cron = kind.cronOf(source);
        if (!cron) continue;
        const queue = queueName(kind.name, source);
        wanted.add(queue);
        const have = existing.get(queue);
        if (have?.cron === cron && have.options?.tz === SCHEDULE_TZ) continue;
        await setSchedule(queue, { tenantId: source.tenantId, thirdType: source.thirdType }, cron);
      }
      for (const q of queues) {
        if (targetOf(kind.name, q.name) && !wanted.has(q.name)) await removeQueue(q.name);
      }
    }
    await refreshWorkers();
  }

  let refreshing = false;
  const refresh = async () => {
    if (refreshing || stopped) return;
    refreshing = true;
    try {
      await serialised(reconcileAll);
    } catch (err) {
      log.warn({ err }, 'jobs: reconciling schedules failed; retrying at the next refresh');
    } finally {
      refreshing = false;
    }
  };

  // pg-boss creates or migrates its schema under its own advisory lock; taking ours around the
  // whole start as well means processes starting together install it one after another.
  const start = () => boss.start();
  await (database.withAdvisoryLock ? database.withAdvisoryLock(LOCK_KEY, start) : start());
  try {
    await serialised(reconcileAll);
  } catch (err) {
    await boss.stop({ graceful: false, wait: true });
    throw err;
  }
  const timer = setInterval(() => void refresh(), opts.refreshSeconds * 1000);
  timer.unref();

  return {
    /** Makes one tenant's schedules match its config now (the config service calls this). */
    async configChanged(t: JobTarget): Promise<void> {
      if (stopped) return;
      try {
        await serialised(async () => {
          const source = await sources.scheduleSource(t.tenantId, t.thirdType);
          for (const kind of kinds) {
            await setSchedule(queueName(kind.name, t), t, source ? kind.cronOf(source) : null);
          }
          await refreshWorkers();
        });
      } catch (err) {
        log.warn(
          { err, ...t },
          `jobs: schedule not updated; the next refresh (within ${opts.refreshSeconds} s) retries`,
        );
      }
    },

    /** Every schedule and every queue of every kind brought in line with the configs. */
    reconcile: () => serialised(reconcileAll),

    /** Started and not stopped (GET /readyz). */
    running: () => !stopped,

    /** Stops taking jobs, lets a running job finish, and waits for pg-boss's last statements. */
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await chain;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await bossDb.idle();
    },
  };
}
export type Jobs = Awaited<ReturnType<typeof createJobs>>;
