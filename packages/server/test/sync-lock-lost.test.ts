import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  preview,
  runNow as runNowAndWait,
  syncWorld,
  type SyncWorld,
} from '../src/modules/directory-sync/sync.test-harness';
import { getRun, killLockHolder, postRun, sqlOn } from './sync-lock-helpers';
import { usePostgres } from './test-db';

/**
 * The connection holding a run's advisory lock dies (PostgreSQL restart, failover,
 * idle_session_timeout, pg_terminate_backend): the process stays up (vitest fails the file on an
 * unhandled 'error' event), the run is closed as interrupted within seconds, and the next run
 * converges. Killed once while reading WeCom and once while applying.
 */
async function startRun(w: SyncWorld): Promise<number> {
  const res = await postRun(w);
  expect(res.status, res.body.message).toBe(200);
  return res.body.result.runId;
}

async function expectInterrupted(w: SyncWorld, runId: number) {
  const killedAt = Date.now();
  await expect
    .poll(async () => (await getRun(w, runId)).status, { timeout: 5_000, interval: 50 })
    .toBe('failed');
  const run = await getRun(w, runId);
  expect(run.error.code).toBe('sync.interrupted');
  expect(run.error.message).toMatch(/数据库连接/);
  expect(run.error.message).toMatch(/database connection holding the run's lock was lost/);
  return { run, tookMs: Date.now() - killedAt };
}

/** One account, binding and membership per WeCom member, and nothing left to do. */
async function expectConverged(w: SyncWorld) {
  const present = w.sim.admin.listUsers().filter((u) => u.status !== 5).length;
  const [n] = await sqlOn<{ bound: number; members: number; dupes: number }>(
    w,
    `select (select count(*)::int from third_accounts where tenant_id = $1 and active) as bound,
            (select count(*)::int from third_accounts b join memberships m
              on m.tenant_id = b.tenant_id and m.user_id = b.user_id and m.status = 1
              where b.tenant_id = $1 and b.active) as members,
            (select count(*)::int from (select lower(ext_user_id) from third_accounts
              where tenant_id = $1 group by 1 having count(*) > 1) d) as dupes`,
    [w.tenant.id],
  );
  expect(n).toEqual({ bound: present, members: present, dupes: 0 });
  const plan = await preview(w);
  const c = plan.counts;
  expect({ create: c.create, update: c.update, leave: c.leave }).toEqual({
    create: 0,
    update: 0,
    leave: 0,
  });
}

describe.runIf(usePostgres())('the sync lock connection dies while reading WeCom', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await syncWorld({ users: 60, departments: 12, leavers: 0, disabled: 0, seed: 41 });
  });
  afterAll(async () => w?.close());

  it('closes the run as interrupted at once; the next run succeeds', async () => {
    w.sim.admin.setLatency(400);
    const runId = await startRun(w);
    await expect.poll(() => killLockHolder(w), { timeout: 5_000, interval: 20 }).toBe(true);
    expect((await getRun(w, runId)).progress.phase).toBe('reading');
    const { tookMs } = await expectInterrupted(w, runId);
    expect(tookMs).toBeLessThan(3_000);
    w.sim.admin.setLatency(0);
    const next = await runNowAndWait(w);
    expect(next.status, JSON.stringify(next.error)).toBe('succeeded');
    await expectConverged(w);
  });
});

describe.runIf(usePostgres())('the sync lock connection dies while applying', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await syncWorld({ users: 1200, departments: 12, leavers: 0, disabled: 0, seed: 42 });
    // Every batch of run items waits 300 ms, so the kill lands between member batches.
    await sqlOn(
      w,
      `create function slow_batch() returns trigger language plpgsql as
         $$ begin perform pg_sleep(0.3); return null; end $$;
       create trigger slow_batch after insert on sync_run_items
         for each statement execute function slow_batch()`,
    );
  });
  afterEach(async () => sqlOn(w, 'drop trigger if exists slow_batch on sync_run_items'));
  afterAll(async () => w?.close());

  it('stops at the next member batch, closes the run as interrupted; the next run converges', async () => {
    const runId = await startRun(w);
    await expect
      .poll(
        async () => {
          const r = await getRun(w, runId);
          return r.status !== 'running' || (r.progress.phase === 'members' && r.progress.done > 0);
        },
        { timeout: 20_000, interval: 20 },
      )
      .toBe(true);
    expect(await killLockHolder(w)).toBe(true);
    const { run, tookMs } = await expectInterrupted(w, runId);
    expect(tookMs).toBeLessThan(3_000);
    expect(run.progress.done).toBeLessThan(run.progress.total);
    // Stopped: after the batch in flight at the kill, no further batch is written for it.
    await new Promise((r) => setTimeout(r, 1_000));
    const items = async () =>
      (
        await sqlOn(w, 'select count(*)::int as n from sync_run_items where run_id = $1', [runId])
      )[0].n;
    const before = await items();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await items()).toBe(before);

    await sqlOn(w, 'drop trigger if exists slow_batch on sync_run_items');
    const next = await runNowAndWait(w);
    expect(next.status, JSON.stringify(next.error)).toBe('succeeded');
    await expectConverged(w);
  }, 60_000);
});
