import type { Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
import { DEFAULT_SYNC_POLICY } from '../../db/schema';
import { rowsOf } from '../../lib/sql';
import {
  FAST_JOBS,
  THIRD_TYPE,
  connectTenant,
  listRuns,
  observer,
  simEndpoints,
  startSim,
  waitFor,
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
    } = await connectTenant(t, sim));
    const first = await startRun();
    expect(first.status, first.body.message).toBe(200);
    await waitFor('the first sync', async () =>
      (await listRuns(t, admin)).find((r) => r.status === 'succeeded'),
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
    const [schedule] = await waitFor('the reconcile schedule', async () => {
      const s = await reconcileSchedules();
      return s.length > 0 ? s : null;
    });
    expect(schedule).toMatchObject({ cron: RECONCILE_CRON, options: { tz: 'Asia/Shanghai' } });

    const jobId = await boss.send(reconcileQueue(), { tenantId, thirdType: THIRD_TYPE });
    const run = await waitFor('the reconcile run', async () =>
      (await listRuns(t, admin)).find((r) => r.trigger === 'reconcile' && r.status !== 'running'),
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.account_created).toBe(1);
    const event = await waitFor('the event settled', async () => {
      const [e] = rowsOf<{ outcome: string; run_id: number; applied: boolean }>(
        await t.db.execute(sql`select outcome, run_id, applied_at is not null as applied
          from callback_events where tenant_id = ${tenantId} and dedup_key = 'k1'`),
      );
      return e?.applied ? e : null;
    });
    expect(event.outcome).toBe('applied');
    expect(event.run_id).toBe(run.id);
    const job = await waitFor('the completed job', async () => {
      const j = await boss.getJobById(reconcileQueue(), jobId!, { includeArchive: true });
      return j?.state === 'completed' ? j : null;
    });
    expect(job.output).toEqual({ runId: run.id });
  });

  it('a run in progress makes it a skipped reconcile in the history; a sync schedule replaces it', async () => {
    sim.admin.setFaultHoldMs(2_000);
    sim.admin.injectFaults({ api: 'department/list', kind: 'timeout', times: 1 });
    const started = await startRun();
    expect(started.status, started.body.message).toBe(200);
    const before = (await listRuns(t, admin)).length;
    await boss.send(reconcileQueue(), { tenantId, thirdType: THIRD_TYPE });
    const skipped = await waitFor('the skipped reconcile', async () => {
      const runs = await listRuns(t, admin);
      return runs.length > before ? runs.find((r) => r.trigger === 'reconcile') : null;
    });
    expect(skipped).toMatchObject({
      status: 'failed',
      error: { code: 'sync.reconcile_skipped', reason: 'sync.run_active' },
    });
    await waitFor('the API run', async () =>
      (await listRuns(t, admin)).find(
        (r) => r.id === started.body.result.runId && r.status !== 'running',
      ),
    );

    expect((await saveConfig({ syncPolicy: { schedule: '0 2 * * *' } })).status).toBe(200);
    await waitFor('the reconcile schedule removed', async () =>
      (await reconcileSchedules()).length === 0 ? true : null,
    );
  });
});
