/**
 * Stored changes: neutral kinds since issue 19, WeCom's spellings in older rows, both read by the
 * applier; a change only a full read can apply turns the apply into a full run.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { rowsOf } from '../../lib/sql';
import { createCallbackApplier } from './applier';
import { createCallbacksRepo, type CallbacksRepo } from './callbacks.repo';

let t: TestApp;
let repo: CallbacksRepo;
beforeAll(async () => {
  t = await buildTestApp();
  repo = createCallbacksRepo(t.db);
});
afterAll(async () => t?.close());

const TYPE = 'wechat_enterprise' as const;

describe('callbacks repo', () => {
  it('stores the changes of one delivery once, each under its neutral kind', async () => {
    const { id } = await t.factories.tenant();
    const changes = [
      { kind: 'member.upsert', userId: 'a', newUserId: 'a2', detail: { createTime: '1' } },
      { kind: 'department.removed', departmentId: '9' },
    ] as const;
    expect(await repo.insertEvents(id, TYPE, 'k1', [...changes])).toBe(true);
    expect(await repo.insertEvents(id, TYPE, 'k1', [...changes])).toBe(false);
    const rows = await t.db.execute(
      sql`select dedup_key, change_type, ext_id, new_ext_id, payload from callback_events where tenant_id = ${id} order by id`,
    );
    expect(rowsOf(rows)).toEqual([
      {
        dedup_key: 'k1',
        change_type: 'member.upsert',
        ext_id: 'a',
        new_ext_id: 'a2',
        payload: { createTime: '1' },
      },
      {
        dedup_key: 'k1#1',
        change_type: 'department.removed',
        ext_id: '9',
        new_ext_id: null,
        payload: {},
      },
    ]);
  });

  it('lists neutral rows and older WeCom-spelled rows for the targeted apply, in order', async () => {
    const { id } = await t.factories.tenant();
    await t.db.execute(sql`insert into callback_events
      (tenant_id, third_type, dedup_key, change_type, ext_id, new_ext_id)
      values (${id}, ${TYPE}, 'old1', 'create_user', 'u-old', null),
             (${id}, ${TYPE}, 'old2', 'delete_party', '5', null)`);
    await repo.insertEvents(id, TYPE, 'n1', [{ kind: 'member.left', userId: 'u-new' }]);
    await repo.insertEvents(id, TYPE, 'n2', [{ kind: 'department.upsert', departmentId: '6' }]);
    await repo.insertEvents(id, TYPE, 'n3', [
      { kind: 'member.upsert', userId: 'x', newUserId: 'y' },
    ]);
    const maxId = (await repo.maxUnappliedId(id, TYPE))!;
    const out = await repo.listUnapplied(id, TYPE, maxId, 100);
    expect(out.full).toBe(false);
    expect(out.last).toBe(maxId);
    expect(out.events.map((e) => [e.changeType, e.extId, e.newExtId])).toEqual([
      ['create_user', 'u-old', null],
      ['delete_party', '5', null],
      ['delete_user', 'u-new', null],
      ['update_party', '6', null],
      ['update_user', 'x', 'y'],
    ]);
  });

  it('a scope change makes the apply a full run of the tenant (trigger callback)', async () => {
    const { id } = await t.factories.tenant();
    await repo.insertEvents(id, TYPE, 's1', [{ kind: 'member.upsert', userId: 'm' }]);
    await repo.insertEvents(id, TYPE, 's2', [{ kind: 'scope.changed' }]);
    const maxId = (await repo.maxUnappliedId(id, TYPE))!;
    expect(await repo.listUnapplied(id, TYPE, maxId, 100)).toMatchObject({ full: true });

    const sync = {
      runNow: vi.fn(async () => ({ runId: 424242 })),
      runTargeted: vi.fn(async () => ({ runId: 434343 })),
    };
    const applier = createCallbackApplier({ repo, sync, options: { debounceMs: 5, pollMs: 5 } });
    applier.notify(id, TYPE);
    await vi.waitFor(() => expect(sync.runNow).toHaveBeenCalled(), { timeout: 5000 });
    await applier.stop();
    expect(sync.runNow).toHaveBeenCalledWith(id, TYPE, { trigger: 'callback', actorUserId: null });
    expect(sync.runTargeted).not.toHaveBeenCalled();
    // Both events were handed to that run.
    await vi.waitFor(async () => {
      const rows = await t.db.execute(
        sql`select run_id, outcome from callback_events where tenant_id = ${id} order by id`,
      );
      expect(rowsOf(rows)).toEqual([
        { run_id: 424242, outcome: 'running' },
        { run_id: 424242, outcome: 'running' },
      ]);
    });
  });
});
