import { WAIT, present, withWeComTenant } from '@orgbridge/test-world';
import type { Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { usePostgres } from '../../../test/test-db';
import { rowsOf } from '../../lib/sql';
import {
  FAST_JOBS,
  THIRD_TYPE,
  listRuns,
  sharedPostgres,
  sharedSecretKey,
  simEndpoints,
  startSim,
  syncQueue,
} from './jobs.test-harness';

/**
 * The test's clock: 5 s into the next minute, Beijing time (UTC+8, no daylight saving time), as
 * `Date` in this process, where the apps and their pg-boss run (pg-boss decides from `Date.now()`
 * whether a schedule is due). Timers stay real and the clock runs on from there, so a schedule for
 * that minute is due at once and for 55 s, whenever the test starts: no wait for the wall clock.
 */
function setClockToNextMinute() {
  const next = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000 + 5_000);
  vi.useFakeTimers({ toFake: ['Date'], now: next, shouldAdvanceTime: true });
  const beijing = new Date(next.getTime() + 8 * 3_600_000);
  return { minute: beijing.getUTCMinutes(), hour: beijing.getUTCHours() };
}

describe.runIf(usePostgres())('scheduled sync across processes sharing one PostgreSQL', () => {
  let shared: Awaited<ReturnType<typeof sharedPostgres>>;
  let sim: Simulator;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    shared = await sharedPostgres();
    sim = await startSim();
    const config = { secretKey: sharedSecretKey(), wecom: simEndpoints(sim) };
    // Three processes start at once on a database where pg-boss was never installed.
    const started = await Promise.all(
      [0, 1, 2].map(async () =>
        buildTestApp({ database: await shared.open(), config, jobs: FAST_JOBS }),
      ),
    );
    apps.push(...started);
  });
  afterAll(async () => {
    vi.useRealTimers();
    for (const app of apps) await app.close();
    await sim?.close();
    await shared?.drop();
  });

  it('processes starting together install pg-boss once', async () => {
    const versions = rowsOf<{ version: number }>(
      await apps[0]!.db.execute(sql`select version from pgboss.version`),
    );
    expect(versions).toHaveLength(1);
  });

  it('a due cron schedule runs one sync, although every process checks the schedules', async () => {
    const [a, b, c] = apps as [TestApp, TestApp, TestApp];
    const { tenant, admin } = await withWeComTenant(a, sim);
    const { minute, hour } = setClockToNextMinute();
    const res = await b.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: THIRD_TYPE, syncPolicy: { schedule: `${minute} ${hour} * * *` } },
      { token: admin.token },
    );
    expect(res.status, res.body.message).toBe(200);

    const run = await vi.waitFor(
      async () =>
        present(
          (await listRuns(c, admin)).find(
            (r) => r.trigger === 'schedule' && r.status !== 'running',
          ),
          'the scheduled run',
        ),
      { ...WAIT, timeout: 30_000 },
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    // How pg-boss fires a cron schedule once across instances: (1) each instance looks for due
    // schedules every cronIntervalSeconds, but only after winning
    // `UPDATE pgboss.version SET cron_on = now() WHERE cron_on is older than the interval`, so one
    // instance per interval; (2) the winner queues each due schedule as a `__pgboss__send-it` job
    // with singletonKey = the queue and singletonSeconds = 60, and a unique index on
    // (name, singleton_on, singleton_key) refuses a second one within that minute, which is the
    // whole time a schedule stays due; (3) the job it turns into is fetched with
    // FOR UPDATE SKIP LOCKED, so one worker of one process takes it. Behind that, a second job
    // would find the tenant's run active and leave a skipped run in the history — counted here.
    // Every process has had its turns at the schedule after the run: the cron monitor (one winner
    // per interval, FAST_JOBS: every second) has looked again three times.
    const looks = new Set<string>();
    await vi.waitFor(
      async () => {
        const [v] = rowsOf<{ cron_on: string }>(
          await a.db.execute(sql`select cron_on::text from pgboss.version`),
        );
        looks.add(v!.cron_on);
        expect(looks.size).toBeGreaterThan(3);
      },
      { timeout: 20_000, interval: 200 },
    );
    const scheduled = (await listRuns(a, admin)).filter((r) => r.trigger === 'schedule');
    expect(scheduled).toHaveLength(1);
    const jobs = rowsOf<{ n: number }>(
      await a.db
        .execute(sql`select (select count(*) from pgboss.job where name = ${syncQueue(tenant.id)})
        + (select count(*) from pgboss.archive where name = ${syncQueue(tenant.id)}) as n`),
    );
    expect(Number(jobs[0]?.n)).toBe(1);
  });
});
