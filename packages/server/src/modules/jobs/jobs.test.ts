import { WAIT, madeUpCorp, present, withWeComTenant } from '@orgbridge/test-world';
import type { Simulator } from '@orgbridge/wecom-sim';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
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

let sim: Simulator;
let t: TestApp;
let boss: PgBoss;

beforeAll(async () => {
  // A 'timeout' fault holds the request this long, then drops the connection (the client retries).
  sim = await startSim({ faultHoldMs: 1500 });
  t = await buildTestApp({ config: { wecom: simEndpoints(sim) }, jobs: FAST_JOBS });
  boss = observer(t.database);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const put = (admin: TestUser, body: Record<string, unknown>) =>
  t.call('PUT', '/sys/thirdApp/config', { thirdType: THIRD_TYPE, ...body }, { token: admin.token });

const cronsOf = async (tenantId: number) =>
  (await schedulesOf(boss, tenantId)).map((s) => [s.cron, s.options?.tz]);

describe('scheduled sync: pg-boss schedules follow the tenant configs', () => {
  it('a config saved with schedule "0 2 * * *" registers exactly one schedule for that tenant', async () => {
    const { tenant } = await withWeComTenant(t, madeUpCorp(), {
      policy: { schedule: '0 2 * * *' },
    });
    const { tenant: unscheduled } = await withWeComTenant(t, madeUpCorp());
    const schedules = await schedulesOf(boss, tenant.id);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({
      name: syncQueue(tenant.id),
      cron: '0 2 * * *',
      data: { tenantId: tenant.id, thirdType: THIRD_TYPE },
      options: { tz: 'Asia/Shanghai' },
    });
    expect(await schedulesOf(boss, unscheduled.id)).toEqual([]);
    expect(await boss.getQueue(syncQueue(unscheduled.id))).toBeNull();
  });

  it('changing the schedule updates it; null, disabling and deleting the config remove it', async () => {
    const { tenant, admin } = await withWeComTenant(t, madeUpCorp(), {
      policy: { schedule: '0 2 * * *' },
    });
    const step = async (body: Record<string, unknown>, expected: string[][]) => {
      const res = await put(admin, body);
      expect(res.status, res.body.message).toBe(200);
      expect(await cronsOf(tenant.id)).toEqual(expected);
    };
    await step({ syncPolicy: { schedule: '0 */6 * * *' } }, [['0 */6 * * *', 'Asia/Shanghai']]);
    await step({ syncPolicy: { schedule: null } }, []);
    expect(await boss.getQueue(syncQueue(tenant.id))).toBeNull();
    await step({ syncPolicy: { schedule: '  30 1 * * 1 ' } }, [['30 1 * * 1', 'Asia/Shanghai']]);
    await step({ enabled: false }, []);
    await step({ enabled: true }, [['30 1 * * 1', 'Asia/Shanghai']]);
    await step({ agentId: 1000003 }, [['30 1 * * 1', 'Asia/Shanghai']]);
    const del = await t.call('DELETE', `/sys/thirdApp/config?thirdType=${THIRD_TYPE}`, undefined, {
      token: admin.token,
    });
    expect(del.status, del.body.message).toBe(200);
    expect(await cronsOf(tenant.id)).toEqual([]);
    expect(await boss.getQueue(syncQueue(tenant.id))).toBeNull();
  });

  it('refuses an invalid or too frequent schedule with 400 and keeps the current one', async () => {
    const { tenant, admin } = await withWeComTenant(t, madeUpCorp(), {
      policy: { schedule: '0 2 * * *' },
    });
    const invalid = await put(admin, { syncPolicy: { schedule: 'every night' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errorCode).toBe('config.invalid_schedule');
    expect(invalid.body.message).toContain('"0 2 * * *" = every day at 02:00');
    const frequent = await put(admin, { syncPolicy: { schedule: '*/5 * * * *' } });
    expect(frequent.status).toBe(400);
    expect(frequent.body.errorCode).toBe('config.schedule_too_frequent');
    expect(frequent.body.message).toContain('at least 15 minutes');
    expect(await cronsOf(tenant.id)).toEqual([['0 2 * * *', 'Asia/Shanghai']]);

    const other = await t.factories.tenant();
    const otherAdmin = await t.factories.user(other.id, { role: 'admin' });
    const create = await t.call(
      'POST',
      '/sys/thirdApp/config',
      {
        thirdType: THIRD_TYPE,
        agentId: 1000002,
        clientId: `wwinvalid${other.id}`,
        clientSecret: 'secret-secret-1',
        syncPolicy: { schedule: '0 2 * *' },
      },
      { token: otherAdmin.token },
    );
    expect(create.status).toBe(400);
    expect(create.body.errorCode).toBe('config.invalid_schedule');
    const stored = await t.call('GET', '/sys/thirdApp/config', undefined, {
      token: otherAdmin.token,
    });
    expect(stored.body.result).toBeNull();
  });
});

describe('scheduled sync: the worker', () => {
  let admin: TestUser;
  let tenantId: number;
  beforeAll(async () => {
    const connected = await withWeComTenant(t, sim, { policy: { schedule: '0 2 * * *' } });
    admin = connected.admin;
    tenantId = connected.tenant.id;
  });

  it('a job on the tenant queue runs a sync with trigger "schedule" that succeeds', async () => {
    const jobId = await boss.send(syncQueue(tenantId), { tenantId, thirdType: THIRD_TYPE });
    expect(jobId).toBeTruthy();
    const run = await vi.waitFor(
      async () =>
        present(
          (await listRuns(t, admin)).find(
            (r) => r.trigger === 'schedule' && r.status !== 'running',
          ),
          'the scheduled run',
        ),
      WAIT,
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const members = sim.admin.listUsers().filter((u) => u.status !== 5);
    expect(run.counts.account_created).toBe(members.length);
    const job = await vi.waitFor(async () => {
      const j = await boss.getJobById(syncQueue(tenantId), jobId!, { includeArchive: true });
      return present(j?.state === 'completed' ? j : null, 'the completed job');
    }, WAIT);
    expect(job.output).toEqual({ runId: run.id });
  });

  it('a job that finds a run in progress is recorded in the history as a skipped scheduled run', async () => {
    sim.admin.injectFaults({ api: 'department/list', kind: 'timeout', times: 1 });
    const started = await t.call(
      'POST',
      '/sys/thirdApp/sync/run',
      { thirdType: THIRD_TYPE },
      { token: admin.token },
    );
    expect(started.status, started.body.message).toBe(200);
    const before = (await listRuns(t, admin)).length;
    await boss.send(syncQueue(tenantId), { tenantId, thirdType: THIRD_TYPE });
    const skipped = await vi.waitFor(async () => {
      const runs = await listRuns(t, admin);
      return present(runs.length > before ? runs[0] : null, 'the skipped run');
    }, WAIT);
    expect(skipped).toMatchObject({
      trigger: 'schedule',
      status: 'failed',
      error: { code: 'sync.schedule_skipped', reason: 'sync.run_active' },
    });
    const apiRun = await vi.waitFor(
      async () =>
        present(
          (await listRuns(t, admin)).find(
            (r) => r.id === started.body.result.runId && r.status !== 'running',
          ),
          'the API run',
        ),
      WAIT,
    );
    expect(apiRun.status, JSON.stringify(apiRun.error)).toBe('succeeded');
  });

  it('turning the schedule off after jobs have run removes it (their rows used to block pg-boss deleteQueue)', async () => {
    expect(await schedulesOf(boss, tenantId)).toHaveLength(1);
    const res = await put(admin, { syncPolicy: { schedule: null } });
    expect(res.status, res.body.message).toBe(200);
    expect(await schedulesOf(boss, tenantId)).toEqual([]);
    expect(await boss.getQueue(syncQueue(tenantId))).toBeNull();
  });
});

describe('scheduled sync: reconciling with the configs', () => {
  it('at start and then periodically, schedules are added, restored and removed to match', async () => {
    const first = await buildTestApp({ jobs: FAST_JOBS });
    const database = first.database;
    const own = observer(database);
    const { tenant: kept } = await withWeComTenant(first, madeUpCorp(), {
      policy: { schedule: '15 3 * * *' },
    });
    await first.app.close();
    // Saved while no process ran jobs.
    const plain = await buildTestApp({ database });
    const { tenant: unseen } = await withWeComTenant(plain, madeUpCorp(), {
      policy: { schedule: '45 23 * * 5' },
    });
    await plain.app.close();
    // A schedule nobody asks for, and one lost (as if the update after a save had failed).
    const stray = syncQueue(987_654);
    await own.createQueue(stray, { name: stray });
    await own.schedule(stray, '0 4 * * *', {}, { tz: 'Asia/Shanghai' });
    await own.deleteQueue(syncQueue(kept.id));

    const again = await buildTestApp({ database, jobs: { ...FAST_JOBS, refreshSeconds: 1 } });
    try {
      const names = async () => (await own.getSchedules()).map((s) => s.name).sort();
      const expected = [syncQueue(kept.id), syncQueue(unseen.id)].sort();
      expect(await names()).toEqual(expected);
      expect((await schedulesOf(own, unseen.id)).map((s) => s.cron)).toEqual(['45 23 * * 5']);
      await own.deleteQueue(syncQueue(kept.id));
      await vi.waitFor(
        async () => present((await names()).includes(syncQueue(kept.id)), 'the periodic refresh'),
        WAIT,
      );
      expect(await names()).toEqual(expected);
    } finally {
      await again.close();
    }
  });
});
