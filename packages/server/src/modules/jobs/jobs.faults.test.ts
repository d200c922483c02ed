import { WAIT, madeUpCorp, present, withWeComTenant } from '@orgbridge/test-world';
import type { Simulator } from '@orgbridge/wecom-sim';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { usePostgres } from '../../../test/test-db';
import {
  FAST_JOBS,
  THIRD_TYPE,
  listRuns,
  observer,
  schedulesOf,
  simEndpoints,
  startSim,
  syncQueue,
} from './jobs.test-harness';
import { SCHEDULE_TZ } from './schedule';

/**
 * The job queue's connections die (server restart, failover, pg_terminate_backend): the process
 * stays up (vitest fails the file on an unhandled 'error' event) and the schedule still fires.
 */
describe.runIf(usePostgres())('jobs when their database connections are killed', () => {
  let sim: Simulator;
  let t: TestApp;
  let boss: PgBoss;
  let admin: pg.Client;

  beforeAll(async () => {
    sim = await startSim();
    t = await buildTestApp({ config: { wecom: simEndpoints(sim) }, jobs: FAST_JOBS });
    boss = observer(t.database);
    const url = (t.database.db as unknown as { $client: pg.Pool }).$client.options
      .connectionString!;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
    await sim?.close();
  });

  /** Every backend of the app's database but the test's own: what a server restart does. */
  const killAll = () =>
    admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid()`,
    );

  it('a schedule change whose lock connection is killed mid-wait: no crash, the change is retried', async () => {
    const { tenant, admin: tenantAdmin } = await withWeComTenant(t, madeUpCorp(), {
      policy: { schedule: '0 2 * * *' },
    });
    // The test takes the jobs lock, so the app's schedule change waits for it on a connection of
    // its own; that connection is then killed.
    await admin.query(`select pg_advisory_lock(hashtextextended('orgbridge:jobs', 0))`);
    try {
      const put = t.call(
        'PUT',
        '/sys/thirdApp/config',
        { thirdType: THIRD_TYPE, syncPolicy: { schedule: '0 3 * * *' } },
        { token: tenantAdmin.token },
      );
      const waiting = await vi.waitFor(async () => {
        const { rows } = await admin.query<{ pid: number }>(
          `select pid from pg_locks where locktype = 'advisory' and not granted
           and database = (select oid from pg_database where datname = current_database())`,
        );
        return present(rows[0]?.pid, 'the app waiting for the jobs lock');
      }, WAIT);
      await admin.query('select pg_terminate_backend($1)', [waiting]);
      // The config is saved; its schedule update failed and is left to the next refresh.
      expect((await put).status).toBe(200);
    } finally {
      await admin.query(`select pg_advisory_unlock(hashtextextended('orgbridge:jobs', 0))`);
    }
    // Still up, and the next change goes through.
    const next = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: THIRD_TYPE, syncPolicy: { schedule: '0 4 * * *' } },
      { token: tenantAdmin.token },
    );
    expect(next.status, next.body.message).toBe(200);
    expect((await schedulesOf(boss, tenant.id)).map((s) => s.cron)).toEqual(['0 4 * * *']);
  });

  it('after every connection is killed (twice), a due schedule still runs its sync', async () => {
    const { tenant, admin: tenantAdmin } = await withWeComTenant(t, sim, {
      policy: { schedule: '0 2 * * *' },
    });
    for (let i = 0; i < 2; i++) {
      await killAll();
      await new Promise((r) => setTimeout(r, 700)); // workers and the cron monitor poll meanwhile
    }
    // A schedule due every minute, written as an operator's script would (the config refuses so
    // frequent a one): pg-boss's cron monitor queues it within its interval, without waiting for
    // a particular minute.
    await boss.schedule(
      syncQueue(tenant.id),
      '* * * * *',
      { tenantId: tenant.id, thirdType: THIRD_TYPE },
      { tz: SCHEDULE_TZ },
    );
    const run = await vi.waitFor(
      async () =>
        present(
          (await listRuns(t, tenantAdmin)).find(
            (r) => r.trigger === 'schedule' && r.status !== 'running',
          ),
          'the scheduled run',
        ),
      { ...WAIT, timeout: 20_000 },
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    await boss.unschedule(syncQueue(tenant.id));
  });
});
