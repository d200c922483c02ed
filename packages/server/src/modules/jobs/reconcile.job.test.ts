import { WAIT, present, withWeComTenant } from '@orgbridge/test-world';
import type { Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
import { DEFAULT_SYNC_POLICY } from '../../db/schema';
import { rowsOf } from '../../lib/sql';
import {
  FAST_JOBS,
  THIRD_TYPE,
  listRuns,
  observer,
  simEndpoints,
  startSim,
} from './jobs.test-harness';
import { queueName } from './jobs.service';
import { DIRECTORY_RECONCILE, RECONCILE_CRON, directoryReconcileJob } from './reconcile.job';

describe('nightly reconcile: which connections get one', () => {
  const job = directoryReconcileJob({
    db: null as never,
    callbacks: { reconcile: async () => ({ runId: 0 }) },
    log: { info: () => {}, warn: () => {} },
  });
  const source = (o: { enabled?: boolean; usesCallbacks?: boolean; schedule?: string | null }) => ({
    tenantId: 1,
    thirdType: THIRD_TYPE,
    enabled: o.enabled ?? true,
    usesCallbacks: o.usesCallbacks ?? true,
    syncPolicy: { ...DEFAULT_SYNC_POLICY, schedule: o.schedule ?? null },
  });

  it.each([
    [{}, RECONCILE_CRON],
    [{ usesCallbacks: false }, null],
    [{ enabled: false }, null],
    [{ schedule: '0 2 * * *' }, null],
  ])('%j → %s', (o, cron) => {
    expect(job.cronOf(source(o))).toBe(cron);
  });
});

describe('nightly reconcile: the job', () => {
  let sim: Simulator;
  let t: TestApp;
  let boss: PgBoss;
  let admin: TestUser;
  let tenantId: number;
  const reconcileQueue = () => queueName(DIRECTORY_RECONCILE, { tenantId, thirdType: THIRD_TYPE });
  const reconcileSchedules = async () =>
    (await boss.getSchedules()).filter((s) => s.name === reconcileQueue());
  const startRun = () =>
    t.call('POST', '/sys/thirdApp/sync/run', { thirdType: THIRD_TYPE }, { token: admin.token });
  const saveConfig = (body: Record<string, unknown> = {}) =>
    t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: THIRD_TYPE, ...body },
      { token: admin.token },
    );

  beforeAll(async () => {
    sim = await startSim({ users: 30, departments: 4 });
    t = await buildTestApp({ config: { wecom: simEndpoints(sim) }, jobs: FAST_JOBS });
    boss = observer(t.database);
    ({
      admin,
      tenant: { id: tenantId },
    } = await withWeComTenant(t, sim));
    const first = await startRun();
    expect(first.status, first.body.message).toBe(200);
    await vi.waitFor(
      async () =>
        present(
          (await listRuns(t, admin)).find((r) => r.status === 'succeeded'),
          'the first sync',
        ),
      WAIT,
    );
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('catches a change whose callback never came and settles an event whose callback run failed', async () => {
    expect(await reconcileSchedules()).toEqual([]); // no callback yet: no reconcile
    // A stored event whose callback run failed, and a member added without any callback.
    await t.db.execute(sql`insert into callback_events
      (tenant_id, third_type, dedup_key, change_type, ext_id, outcome, error)
      values (${tenantId}, ${THIRD_TYPE}, 'k1', 'update_user', 'someone', 'failed',
        '{"code":"wecom.-1"}'::jsonb)`);
    const dept = sim.admin.listDepartments()[0]!.id;
    sim.admin.addUser({ userid: 'missed_one', name: '漏掉的', department: [dept] });

    // The scheduler sees the callbacks at its next refresh; a config save refreshes at once.
    expect((await saveConfig()).status).toBe(200);
    const [schedule] = await vi.waitFor(async () => {
      const s = await reconcileSchedules();
      return present(s.length > 0 ? s : null, 'the reconcile schedule');
    }, WAIT);
    expect(schedule).toMatchObject({ cron: RECONCILE_CRON, options: { tz: 'Asia/Shanghai' } });

    const jobId = await boss.send(reconcileQueue(), { tenantId, thirdType: THIRD_TYPE });
    const run = await vi.waitFor(
      async () =>
        present(
          (await listRuns(t, admin)).find(
            (r) => r.trigger === 'reconcile' && r.status !== 'running',
          ),
          'the reconcile run',
        ),
      WAIT,
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.account_created).toBe(1);
    const event = await vi.waitFor(async () => {
      const [e] = rowsOf<{ outcome: string; run_id: number; applied: boolean }>(
        await t.db.execute(sql`select outcome, run_id, applied_at is not null as applied
          from callback_events where tenant_id = ${tenantId} and dedup_key = 'k1'`),
      );
      return present(e?.applied ? e : null, 'the event settled');
    }, WAIT);
    expect(event.outcome).toBe('applied');
    expect(event.run_id).toBe(run.id);
    const job = await vi.waitFor(async () => {
      const j = await boss.getJobById(reconcileQueue(), jobId!, { includeArchive: true });
      return present(j?.state === 'completed' ? j : null, 'the completed job');
    }, WAIT);
    expect(job.output).toEqual({ runId: run.id });
  });

  it('a run in progress makes it a skipped reconcile in the history; a sync schedule replaces it', async () => {
    sim.admin.setFaultHoldMs(2_000);
    sim.admin.injectFaults({ api: 'department/list', kind: 'timeout', times: 1 });
    const started = await startRun();
    expect(started.status, started.body.message).toBe(200);
    const before = (await listRuns(t, admin)).length;
    await boss.send(reconcileQueue(), { tenantId, thirdType: THIRD_TYPE });
    const skipped = await vi.waitFor(async () => {
      const runs = await listRuns(t, admin);
      return present(
        runs.length > before ? runs.find((r) => r.trigger === 'reconcile') : null,
        'the skipped reconcile',
      );
    }, WAIT);
    expect(skipped).toMatchObject({
      status: 'failed',
      error: { code: 'sync.reconcile_skipped', reason: 'sync.run_active' },
    });
    await vi.waitFor(
      async () =>
        present(
          (await listRuns(t, admin)).find(
            (r) => r.id === started.body.result.runId && r.status !== 'running',
          ),
          'the API run',
        ),
      WAIT,
    );

    expect((await saveConfig({ syncPolicy: { schedule: '0 2 * * *' } })).status).toBe(200);
    await vi.waitFor(
      async () =>
        present(
          (await reconcileSchedules()).length === 0 ? true : null,
          'the reconcile schedule removed',
        ),
      WAIT,
    );
  });
});
