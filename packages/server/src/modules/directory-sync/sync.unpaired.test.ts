import { WAIT, present } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindMember } from '../../../test/factories/bindings';
import { rowsOf } from '../../lib/sql';
import { FAST_JOBS, listRuns, observer, syncQueue } from '../jobs/jobs.test-harness';
import { createSyncStateRepo } from './sync-state.repo';
import {
  apply,
  fullSync,
  preview,
  runNow,
  scalar,
  syncWorld,
  type SyncWorld,
} from './sync.test-harness';

/**
 * 移出 sticks (PRODUCT.md §5.3): a member an admin unbound is not bound again by any sync —
 * manual, API or scheduled — until the admin pairs it by hand in the sync dialog.
 */
let w: SyncWorld;
let boss: PgBoss;
beforeAll(async () => {
  w = await syncWorld(
    { users: 12, departments: 3, leavers: 0, disabled: 0, seed: 23 },
    // A schedule creates the tenant's job queue; the test sends the job itself.
    { policy: { schedule: '0 2 * * *' }, jobs: FAST_JOBS },
  );
  boss = observer(w.t.database);
  expect((await fullSync(w)).run.status).toBe('succeeded');
});
afterAll(async () => w?.close());

interface Binding {
  id: number;
  userId: number;
  username: string;
  wechatUserId: string;
  active: boolean;
}

async function bindingOf(wechatUserId: string, token = w.admin.token): Promise<Binding | null> {
  const res = await w.t.call(
    'GET',
    `/sys/thirdApp/bindings?keyword=${encodeURIComponent(wechatUserId)}&pageSize=100`,
    undefined,
    { token },
  );
  expect(res.status, res.body.message).toBe(200);
  const records = res.body.result.records as Binding[];
  return records.find((r) => r.wechatUserId.toLowerCase() === wechatUserId.toLowerCase()) ?? null;
}

async function unbind(id: number, token = w.admin.token) {
  const res = await w.t.call('DELETE', `/sys/thirdApp/bindings/${id}`, undefined, { token });
  expect(res.status, res.body.message).toBe(200);
}

const markers = async (tenantId: number) =>
  rowsOf<{ ext_user_id: string; user_id: number; created_by: number | null; corp_id: string }>(
    await w.t.db.execute(
      sql`select ext_user_id, user_id, created_by, corp_id from sync_unpaired where tenant_id = ${tenantId} order by id`,
    ),
  );

const realnameOf = async (userId: number) =>
  rowsOf<{ realname: string }>(
    await w.t.db.execute(sql`select realname from users where id = ${userId}`),
  )[0]?.realname;

const accounts = () =>
  scalar(w, sql`select count(*) as n from memberships where tenant_id = ${w.tenant.id}`);

/** Sends a job to the tenant's directory-sync queue, as pg-boss does when the cron is due. */
async function scheduledRun() {
  const before = new Set((await listRuns(w.t, w.admin)).map((r) => r.id));
  await boss.send(syncQueue(w.tenant.id), {
    tenantId: w.tenant.id,
    thirdType: 'wechat_enterprise',
  });
  return vi.waitFor(
    async () =>
      present(
        (await listRuns(w.t, w.admin)).find(
          (r) => !before.has(r.id) && r.trigger === 'schedule' && r.status !== 'running',
        ),
        'the scheduled run',
      ),
    WAIT,
  );
}

const active = () => w.sim.admin.listUsers().filter((u) => u.status === 1);

describe('移出 sticks across syncs', () => {
  it('no sync binds an unbound member again, updates it or creates an account; each reports it as unpaired', async () => {
    const member = active()[0]!;
    const bound = (await bindingOf(member.userid))!;
    expect(bound.active).toBe(true);
    await unbind(bound.id);
    expect(await markers(w.tenant.id)).toEqual([
      {
        ext_user_id: member.userid,
        user_id: bound.userId,
        created_by: w.admin.id,
        corp_id: w.sim.credentials.corpId,
      },
    ]);
    // A change in WeCom must not reach the account either: there is no binding to carry it.
    const realname = await realnameOf(bound.userId);
    w.sim.admin.renameUser(member.userid, '已移出改名');
    const members = await accounts();

    const plan = await preview(w);
    expect(plan.counts).toMatchObject({ unpaired: 1, create: 0, bind: 0, pending: 0 });
    const row = plan.members.pairs.find(
      (p: { wechatUserId: string }) => p.wechatUserId === member.userid,
    );
    expect(row).toMatchObject({ unpaired: true, userId: null, match: 'none', ambiguous: false });
    expect(plan.members.toCreate).not.toContain(member.userid);
    // The account it was bound to is free to be picked by hand.
    expect(plan.members.unmatchedLocal.map((u: { userId: number }) => u.userId)).toContain(
      bound.userId,
    );

    // Manual apply, even with an explicit "no account" decision for the row.
    const manual = await apply(w, plan.planId, {
      pairs: [{ wechatUserId: member.userid, userId: null }],
    });
    expect(manual.status, JSON.stringify(manual.error)).toBe('succeeded');
    expect(manual.counts.unpaired).toBe(1);
    expect(manual.counts.bound ?? 0).toBe(0);
    expect(manual.counts.account_created ?? 0).toBe(0);

    const api = await runNow(w);
    expect(api.status, JSON.stringify(api.error)).toBe('succeeded');
    expect(api.counts.unpaired).toBe(1);

    const scheduled = await scheduledRun();
    expect(scheduled.status, JSON.stringify(scheduled.error)).toBe('succeeded');
    expect(scheduled.counts.unpaired).toBe(1);
    expect(scheduled.counts.bound ?? 0).toBe(0);

    expect(await bindingOf(member.userid)).toBeNull();
    expect(await accounts()).toBe(members);
    expect(await realnameOf(bound.userId)).toBe(realname);
    expect(await markers(w.tenant.id)).toHaveLength(1);
  });

  it('pairing the member by hand binds it again and clears the marker; later runs keep the binding', async () => {
    const [marker] = await markers(w.tenant.id);
    const wechatUserId = marker!.ext_user_id;
    const plan = await preview(w);
    const run = await apply(w, plan.planId, {
      pairs: [{ wechatUserId, userId: marker!.user_id }],
    });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.bound).toBe(1);
    expect(run.counts.unpaired ?? 0).toBe(0);
    expect(await markers(w.tenant.id)).toEqual([]);
    expect(await bindingOf(wechatUserId)).toMatchObject({ userId: marker!.user_id, active: true });
    // The WeCom rename made while it was unbound arrives with the binding.
    expect(await realnameOf(marker!.user_id)).toBe('已移出改名');

    const next = await runNow(w);
    expect(next.status, JSON.stringify(next.error)).toBe('succeeded');
    expect(next.counts.unpaired ?? 0).toBe(0);
    expect(await bindingOf(wechatUserId)).toMatchObject({ userId: marker!.user_id, active: true });
    const again = await preview(w);
    expect(again.counts).toMatchObject({ unpaired: 0, create: 0, bind: 0, update: 0 });
    expect(
      again.members.pairs.find((p: { wechatUserId: string }) => p.wechatUserId === wechatUserId),
    ).toMatchObject({ match: 'bound', userId: marker!.user_id });
  });

  it('the marker belongs to the tenant whose admin unbound: another tenant’s 移出 of the same WeCom member changes nothing here', async () => {
    const member = active()[1]!;
    const ours = (await bindingOf(member.userid))!;
    // Tenant B holds a binding of the same corp and userid (arranged: a CorpID is configured by
    // one tenant only), and its admin unbinds it.
    const other = await w.t.factories.tenant();
    const otherAdmin = await w.t.factories.user(other.id, { role: 'admin' });
    const otherMember = await w.t.factories.user(other.id);
    const theirs = await bindMember(w.t.db, {
      tenantId: other.id,
      userId: otherMember.id,
      corpId: w.sim.credentials.corpId,
      extUserId: member.userid,
    });
    await unbind(theirs, otherAdmin.token);
    expect((await markers(other.id)).map((m) => m.ext_user_id)).toEqual([member.userid]);
    expect(await markers(w.tenant.id)).toEqual([]);

    const state = createSyncStateRepo(w.t.db);
    expect((await state.load(w.tenant.id, 'wechat_enterprise', [])).unpaired).toEqual([]);
    expect((await state.load(other.id, 'wechat_enterprise', [])).unpaired).toEqual([
      { corpId: w.sim.credentials.corpId, extUserId: member.userid, userId: otherMember.id },
    ]);

    const plan = await preview(w);
    expect(plan.counts.unpaired).toBe(0);
    const run = await runNow(w);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.unpaired ?? 0).toBe(0);
    expect(await bindingOf(member.userid)).toMatchObject({ id: ours.id, active: true });

    // And the other way round: our 移出 leaves tenant B's marker as it was.
    await unbind(ours.id);
    expect((await markers(other.id)).map((m) => m.user_id)).toEqual([otherMember.id]);
    expect((await markers(w.tenant.id)).map((m) => m.user_id)).toEqual([ours.userId]);
  });
});
