import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../../../test/test-db';
import { rowsOf } from '../../lib/sql';
import { createSyncRunner } from './sync-runner';
import { createSyncRunsRepo } from './sync-runs.repo';
import { preview, runNow, syncWorld, waitRun, type SyncWorld } from './sync.test-harness';

let w: SyncWorld;
beforeAll(async () => {
  w = await syncWorld({ users: 30, departments: 6, leavers: 0, disabled: 0, seed: 23 });
});
afterAll(async () => w?.close());

const silent = { error: () => {} };

describe('a run stopped by a partial read says which API failed, with its errcode and explanation', () => {
  const expectExplained = (error: Record<string, unknown>) => {
    expect(error).toMatchObject({ code: 'sync.partial_read', api: 'user/list', errcode: 60011 });
    const explanation = error.explanation as Record<string, { title: string; fix: string }>;
    expect(explanation['zh-CN']!.title.length).toBeGreaterThan(0);
    expect(explanation.en!.fix.length).toBeGreaterThan(0);
    // Chinese first, then the English, both naming the API and the errcode.
    const message = String(error.message);
    expect(message).toMatch(/^[^a-zA-Z]*企业微信/);
    expect(message).toContain('user/list');
    expect(message).toContain('60011');
    expect(message).toContain(explanation.en!.title);
  };

  it('a scheduled/API run (read + plan + guard in the background)', async () => {
    w.sim.admin.injectFaults({ api: 'user/list', errcode: 60011, times: 1 });
    const run = await runNow(w);
    w.sim.admin.clearFaults();
    expect(run.status).toBe('needs_confirmation');
    expectExplained(run.error);
  });

  it('an applied preview', async () => {
    w.sim.admin.injectFaults({ api: 'user/list', errcode: 60011, times: 1 });
    const plan = await preview(w);
    w.sim.admin.clearFaults();
    expect(plan.partial).toBe(true);
    const res = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: plan.planId, pairs: [], exclude: [] },
      { token: w.admin.token },
    );
    expect(res.status, res.body.message).toBe(200);
    const run = await waitRun(w, res.body.result.runId);
    expect(run.status).toBe('needs_confirmation');
    expectExplained(run.error);
    // Confirming proceeds and clears the stop.
    await w.t.call('POST', `/sys/thirdApp/sync/runs/${run.id}/confirm`, undefined, {
      token: w.admin.token,
    });
    expect((await waitRun(w, run.id)).status).toBe('succeeded');
  });
});

describe('a run whose owner stopped beating is closed by the sweep, with no new run started', () => {
  /** A running row as a process that died would leave it. */
  async function deadRun(heartbeatAgeS: number) {
    const [row] = rowsOf<{ id: number }>(
      await w.t.db.execute(sql`insert into sync_runs
        (tenant_id, third_type, trigger, status, phase, heartbeat_at)
        values (${w.tenant.id}, 'wechat_enterprise', 'schedule', 'running', 'members',
                now() - make_interval(secs => ${heartbeatAgeS}))
        returning id`),
    );
    return row!.id;
  }
  const runOf = (id: number) => createSyncRunsRepo(w.t.db).findRun(w.tenant.id, id);

  it('marks it failed/sync.interrupted within a sweep period; idempotent when several sweep', async () => {
    const runners = [0, 1].map(() =>
      createSyncRunner({ db: w.t.db, database: w.t.database, log: silent, sweepMs: 100 }),
    );
    try {
      const id = await deadRun(60);
      await expect.poll(async () => (await runOf(id))?.status, { timeout: 3_000 }).toBe('failed');
      const run = (await runOf(id))!;
      expect(run.error).toMatchObject({ code: 'sync.interrupted' });
      expect(String(run.error!.message)).toMatch(/^同步进程/);
      expect(run.finishedAt).not.toBeNull();
      const finished = run.finishedAt!.getTime();
      await new Promise((r) => setTimeout(r, 300));
      expect((await runOf(id))!.finishedAt!.getTime()).toBe(finished);
    } finally {
      for (const r of runners) await r.drain();
    }
  });

  it('leaves a run alone while its heartbeat is fresh (just inserted, not launched yet)', async () => {
    const runner = createSyncRunner({
      db: w.t.db,
      database: w.t.database,
      log: silent,
      sweepMs: 100,
    });
    try {
      const id = await deadRun(0);
      await new Promise((r) => setTimeout(r, 400));
      expect((await runOf(id))!.status).toBe('running');
      await w.t.db.execute(sql`update sync_runs set status = 'cancelled' where id = ${id}`);
    } finally {
      await runner.drain();
    }
  });

  it.runIf(usePostgres())(
    'leaves a run alone while its owner holds the tenant lock, however old its heartbeat',
    async () => {
      const url = (w.t.database.db as unknown as { $client: pg.Pool }).$client.options
        .connectionString!;
      const owner = new pg.Client({ connectionString: url });
      await owner.connect();
      await owner.query('select pg_advisory_lock(hashtextextended($1, 0))', [
        `orgbridge:sync:${w.tenant.id}`,
      ]);
      const runner = createSyncRunner({
        db: w.t.db,
        database: w.t.database,
        log: silent,
        sweepMs: 100,
      });
      try {
        const id = await deadRun(600);
        await new Promise((r) => setTimeout(r, 400));
        expect((await runOf(id))!.status).toBe('running');
        await owner.end();
        await expect.poll(async () => (await runOf(id))?.status, { timeout: 3_000 }).toBe('failed');
      } finally {
        await runner.drain();
        await owner.end().catch(() => {});
      }
    },
  );
});
