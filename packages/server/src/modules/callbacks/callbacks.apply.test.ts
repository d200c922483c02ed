import { WAIT, present } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app';
import { rowsOf } from '../../lib/sql';
import { fullSync, runNow, scalar } from '../directory-sync/sync.test-harness';
import {
  callbackRuns,
  callbackWorld,
  eventsOf,
  type CallbackWorld,
} from './callbacks.test-harness';

let w: CallbackWorld;
beforeAll(async () => {
  w = await callbackWorld({ users: 20, departments: 4, seed: 23 });
  expect((await fullSync(w)).run.status).toBe('succeeded');
  await w.sim.admin.configureCallback({
    url: w.url,
    token: w.token,
    encodingAesKey: w.encodingAesKey,
  });
});
// The last test closes the first app itself; closing it again is a no-op.
afterAll(async () => w?.close());

async function memberState(userid: string) {
  const username = (w.tenant.houseNumber + userid).toLowerCase();
  return rowsOf<{ status: number; active: boolean | null }>(
    await w.t.db.execute(sql`select m.status, b.active from users u
      join memberships m on m.user_id = u.id and m.tenant_id = ${w.tenant.id}
      left join third_accounts b on b.user_id = u.id and b.tenant_id = ${w.tenant.id}
      where lower(u.username) = ${username}`),
  )[0];
}

/** Waits until every stored event is applied; returns the callback runs that appeared since. */
async function settled(runsBefore: number) {
  await w.sim.admin.flushCallbacks();
  await vi.waitFor(async () => {
    const rows = await eventsOf(w);
    return present(rows.length > 0 && rows.every((r) => r.appliedAt !== null), 'events applied');
  }, WAIT);
  // An event is marked applied when its writes commit; the run itself closes a moment later.
  await vi.waitFor(
    async () =>
      present(
        (await callbackRuns(w)).slice(runsBefore).every((r) => r.status !== 'running'),
        'callback runs finished',
      ),
    WAIT,
  );
  return (await callbackRuns(w)).slice(runsBefore);
}

describe('callback events are applied by a sync run', () => {
  it('coalesces a burst of changes into one callback run that binds new members', async () => {
    const before = (await callbackRuns(w)).length;
    const dept = w.sim.admin.listDepartments()[0]!.id;
    for (const n of [1, 2, 3])
      w.sim.admin.addUser({ userid: `cb_new${n}`, name: `回调${n}`, department: [dept] });
    const runs = await settled(before);
    expect(w.sim.admin.callbackDeliveries().every((d) => d.delivered && d.attempts === 1)).toBe(
      true,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('succeeded');
    for (const n of [1, 2, 3])
      expect(await memberState(`cb_new${n}`)).toEqual({ status: 1, active: true });
    const rows = (await eventsOf(w)).filter((r) => r.extId.startsWith('cb_new'));
    expect(rows.map((r) => [r.changeType, r.outcome, r.runId])).toEqual(
      [1, 2, 3].map(() => ['member.upsert', 'applied', runs[0]!.id]),
    );
    // Ids only: the member's name is re-read from WeCom, never kept with the event.
    expect(JSON.stringify(rows)).not.toContain('回调');
  });

  it('marks a member deleted in WeCom as quit', async () => {
    const before = (await callbackRuns(w)).length;
    w.sim.admin.deleteUser('cb_new2');
    const runs = await settled(before);
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    expect(await memberState('cb_new2')).toEqual({ status: 2, active: false });
    expect(await memberState('cb_new1')).toEqual({ status: 1, active: true });
  });

  it('waits for a sync run that is already active, then applies the event', async () => {
    const before = (await callbackRuns(w)).length;
    // A manual run held on its first read keeps the tenant busy past the debounce window.
    w.sim.admin.setFaultHoldMs(3_500);
    w.sim.admin.injectFaults({ api: 'department/list', kind: 'timeout', times: 1 });
    const manual = runNow(w);
    await vi.waitFor(
      async () =>
        present(
          (await scalar(
            w,
            sql`select count(*) as n from sync_runs where tenant_id = ${w.tenant.id} and status = 'running'`,
          )) > 0,
          'manual run active',
        ),
      WAIT,
    );
    w.sim.admin.addUser({
      userid: 'cb_late',
      name: '迟到',
      department: [w.sim.admin.listDepartments()[0]!.id],
    });
    const runs = await settled(before);
    const manualRun = await manual;
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    expect(new Date(runs[0]!.created_at).getTime()).toBeGreaterThanOrEqual(
      new Date(manualRun.finishedAt).getTime(),
    );
    expect(await memberState('cb_late')).toEqual({ status: 1, active: true });
  });

  it('applies events a stopped process stored but did not apply, at the next start', async () => {
    w.sim.admin.deleteUser('cb_new3');
    await w.sim.admin.flushCallbacks();
    expect(w.sim.admin.callbackDeliveries().at(-1)).toMatchObject({ delivered: true });
    // Closed within the debounce window: nothing has been applied yet.
    await w.t.app.close();
    const pending = (await eventsOf(w)).filter((r) => r.appliedAt === null);
    expect(pending.length).toBeGreaterThanOrEqual(1);
    const before = (await callbackRuns(w)).length;
    const next = await buildTestApp({ database: w.t.database, config: w.config });
    try {
      await vi.waitFor(
        async () =>
          present(
            (await eventsOf(w)).every((r) => r.appliedAt !== null),
            'pick-up at start',
          ),
        WAIT,
      );
      await vi.waitFor(
        async () =>
          present(
            (await callbackRuns(w)).slice(before).every((r) => r.status !== 'running'),
            'its run finished',
          ),
        WAIT,
      );
      const runs = (await callbackRuns(w)).slice(before);
      expect(runs.map((r) => r.status)).toEqual(['succeeded']);
      expect(await memberState('cb_new3')).toEqual({ status: 2, active: false });
    } finally {
      await next.app.close();
    }
  });
});
