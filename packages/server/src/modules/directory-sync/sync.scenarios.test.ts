import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/sql';
import {
  apply,
  dumpTenant,
  fullSync,
  preview,
  scalar,
  syncWorld,
  waitRun,
  type SyncWorld,
} from './sync.test-harness';

let w: SyncWorld;
beforeAll(async () => {
  w = await syncWorld({ users: 30, departments: 6, leavers: 0, disabled: 0, seed: 11 });
});
afterAll(async () => w?.close());

const username = (userid: string) => (w.tenant.houseNumber + userid).toLowerCase();

async function memberState(userid: string) {
  const rows = rowsOf<{ status: number; frozen: boolean; active: boolean; realname: string }>(
    await w.t.db.execute(sql`select m.status, m.frozen, b.active, u.realname from users u
      join memberships m on m.user_id = u.id and m.tenant_id = ${w.tenant.id}
      left join third_accounts b on b.user_id = u.id and b.tenant_id = ${w.tenant.id}
      where lower(u.username) = ${username(userid)}`),
  );
  return rows[0];
}

async function departmentsOf(userid: string): Promise<string[]> {
  const rows = rowsOf<{ ext_id: string }>(
    await w.t.db
      .execute(sql`select d.ext_id from user_departments ud join departments d on d.id = ud.department_id
      join users u on u.id = ud.user_id where ud.tenant_id = ${w.tenant.id} and lower(u.username) = ${username(userid)} order by d.ext_id`),
  );
  return rows.map((r) => r.ext_id);
}

const localDept = async (extId: string) =>
  rowsOf<{ id: number; name: string; parent_id: number | null }>(
    await w.t.db.execute(
      sql`select id, name, parent_id from departments where tenant_id = ${w.tenant.id} and ext_id = ${extId}`,
    ),
  )[0];

describe('directory sync: changes in WeCom between runs', () => {
  it('mirrors renames, moves and deletes of departments and members moving, leaving, disabled and returning', async () => {
    const admin = w.sim.admin;
    const empty = admin.addDepartment({ name: '临时部门', parentid: 1 });
    expect((await fullSync(w)).run.status).toBe('succeeded');
    const depts = admin.listDepartments().filter((d) => d.id !== 1 && d.id !== empty.id);
    const [renamed, moved] = depts;
    const target = admin.addDepartment({ name: '新部门', parentid: 1 });
    admin.renameDepartment(renamed!.id, '改名后的部门');
    admin.moveDepartment(moved!.id, target.id);
    admin.deleteDepartment(empty.id);
    const people = admin.listUsers().filter((u) => u.status === 1);
    const [mover, leaver, disabled, deleted] = people;
    admin.moveUser(mover!.userid, [target.id]);
    admin.updateUser(leaver!.userid, { status: 5 });
    admin.updateUser(disabled!.userid, { status: 2 });
    const deletedCopy = { ...deleted! };
    admin.deleteUser(deleted!.userid);

    const plan = await preview(w);
    expect(plan.counts).toMatchObject({
      departmentsCreate: 1,
      departmentsRename: 1,
      departmentsMove: 1,
      departmentsRemove: 1,
      leave: 2,
      create: 0,
    });
    const run = await apply(w, plan.planId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect((await localDept(String(renamed!.id)))?.name).toBe('改名后的部门');
    expect((await localDept(String(moved!.id)))?.parent_id).toBe(
      (await localDept(String(target.id)))?.id,
    );
    expect(await localDept(String(empty.id))).toBeUndefined();
    expect(await departmentsOf(mover!.userid)).toEqual([String(target.id)]);
    expect(await memberState(leaver!.userid)).toMatchObject({ status: 2, active: false });
    expect(await memberState(deleted!.userid)).toMatchObject({ status: 2, active: false });
    expect(await memberState(disabled!.userid)).toMatchObject({
      status: 1,
      frozen: true,
      active: true,
    });

    // They come back.
    admin.updateUser(leaver!.userid, { status: 1 });
    admin.updateUser(disabled!.userid, { status: 1 });
    admin.addUser({ ...deletedCopy });
    const back = await fullSync(w);
    expect(back.plan.counts.create).toBe(0);
    expect(back.run.status).toBe('succeeded');
    for (const p of [leaver!, disabled!, deleted!]) {
      expect(await memberState(p.userid)).toMatchObject({ status: 1, frozen: false, active: true });
    }
    const again = await preview(w);
    expect(again.counts).toMatchObject({
      create: 0,
      update: 0,
      leave: 0,
      bind: 0,
      departmentsCreate: 0,
      departmentsMove: 0,
    });
  });

  it('stops at the mass-change threshold without writing, then proceeds when confirmed', async () => {
    const victims = w.sim.admin
      .listUsers()
      .filter((u) => u.status === 1)
      .slice(0, 8);
    for (const v of victims) w.sim.admin.deleteUser(v.userid);
    const before = await dumpTenant(w);
    const plan = await preview(w);
    expect(plan.counts.leave).toBe(8);
    const res = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: plan.planId, pairs: [], exclude: [] },
      { token: w.admin.token },
    );
    expect(res.body.result.status).toBe('needs_confirmation');
    const stopped = await waitRun(w, res.body.result.runId);
    expect(stopped.error.code).toBe('sync.mass_change');
    expect(await dumpTenant(w)).toBe(before);
    const ok = await w.t.call('POST', `/sys/thirdApp/sync/runs/${stopped.id}/confirm`, undefined, {
      token: w.admin.token,
    });
    expect(ok.status, ok.body.message).toBe(200);
    const done = await waitRun(w, stopped.id);
    expect(done.status).toBe('succeeded');
    expect(done.counts.left).toBe(8);
    for (const v of victims) w.sim.admin.addUser({ ...v });
    expect((await fullSync(w)).run.status).toBe('succeeded');
  });

  it('a partial read stops for confirmation and never turns unread members into leavers', async () => {
    const dept = w.sim.admin
      .listDepartments()
      .find((d) => d.id !== 1 && w.sim.admin.membersOf(d.id).length > 0)!;
    w.sim.admin.injectFaults({ api: 'user/list', errcode: 60011, times: 1 });
    const plan = await preview(w);
    w.sim.admin.clearFaults();
    expect(plan.partial).toBe(true);
    expect(plan.problems[0].providerCode).toBe(60011);
    expect(plan.counts.leave).toBe(0);
    const res = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: plan.planId, pairs: [], exclude: [] },
      { token: w.admin.token },
    );
    const stopped = await waitRun(w, res.body.result.runId);
    expect(stopped.status).toBe('needs_confirmation');
    expect(stopped.error.code).toBe('sync.partial_read');
    await w.t.call('POST', `/sys/thirdApp/sync/runs/${stopped.id}/confirm`, undefined, {
      token: w.admin.token,
    });
    expect((await waitRun(w, stopped.id)).status).toBe('succeeded');
    expect(
      await scalar(
        w,
        sql`select count(*) as n from memberships where tenant_id = ${w.tenant.id} and status = 2`,
      ),
    ).toBe(0);
    expect(dept).toBeDefined();
  });

  it('refuses a stale or re-used plan and a second concurrent run (409)', async () => {
    const plan = await preview(w);
    await t_user();
    const stale = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: plan.planId, pairs: [], exclude: [] },
      { token: w.admin.token },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.errorCode).toBe('sync.plan_stale');
    const fresh = await preview(w);
    const first = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: fresh.planId, pairs: [], exclude: [] },
      { token: w.admin.token },
    );
    expect(first.status).toBe(200);
    await waitRun(w, first.body.result.runId);
    const reused = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: fresh.planId, pairs: [], exclude: [] },
      { token: w.admin.token },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.errorCode).toBe('sync.plan_used');
    // Two runs at once: the second start is refused while the first holds the tenant.
    w.sim.admin.setLatency(150);
    const a = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/run',
      { thirdType: 'wechat_enterprise' },
      { token: w.admin.token },
    );
    const b = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/run',
      { thirdType: 'wechat_enterprise' },
      { token: w.admin.token },
    );
    w.sim.admin.setLatency(0);
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(b.body.errorCode).toBe('sync.run_active');
    expect((await waitRun(w, a.body.result.runId)).status).toBe('succeeded');
  });
});

async function t_user() {
  await w.t.factories.user(w.tenant.id);
}
