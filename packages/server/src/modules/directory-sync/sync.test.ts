import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/sql';
import { textArray } from './sql-arrays';
import {
  apply,
  dumpTenant,
  fullSync,
  preview,
  scalar,
  syncWorld,
  type SyncWorld,
} from './sync.test-harness';

let w: SyncWorld;
beforeAll(async () => {
  // The seed's rule, now chosen explicitly (new connections default to wecom-only).
  w = await syncWorld(
    { users: 60, departments: 8, leavers: 2, disabled: 2 },
    { policy: { initialPassword: 'same-as-username' } },
  );
});
afterAll(async () => w?.close());

describe('directory sync: first sync and idempotent re-sync', () => {
  it('mirrors departments, creates houseNumber+userid accounts and binds them', async () => {
    const { plan, run } = await fullSync(w);
    const simUsers = w.sim.admin.listUsers();
    const present = simUsers.filter((u) => u.status !== 5);
    expect(plan.counts.create).toBe(present.length);
    expect(plan.departments.create).toHaveLength(w.sim.admin.listDepartments().length);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.account_created).toBe(present.length);
    const id = w.tenant.id;
    expect(
      await scalar(
        w,
        sql`select count(*) as n from third_accounts where tenant_id = ${id} and active`,
      ),
    ).toBe(present.length);
    expect(
      await scalar(
        w,
        sql`select count(*) as n from departments where tenant_id = ${id} and ext_source = 'wecom'`,
      ),
    ).toBe(w.sim.admin.listDepartments().length);
    const someone = present.find((u) => u.status === 1)!;
    const [row] = rowsOf<{ username: string; m: boolean; realname: string }>(
      await w.t.db.execute(
        sql`select u.username, u.must_change_password as m, u.realname from users u where lower(username) = lower(${w.tenant.houseNumber + someone.userid})`,
      ),
    );
    expect(row?.m).toBe(true);
    expect(row?.realname).toBe(someone.name);
    // The seed's rule: the initial password is the account itself, changed at first sign-in.
    await expect(w.t.login(row!.username, row!.username)).resolves.toBeTruthy();
    const disabled = simUsers
      .filter((u) => u.status === 2)
      .map((u) => (w.tenant.houseNumber + u.userid).toLowerCase());
    expect(
      await scalar(
        w,
        sql`select count(*) as n from memberships m join users u on u.id = m.user_id where m.tenant_id = ${id} and m.frozen and lower(u.username) = any(${textArray(disabled)})`,
      ),
    ).toBe(disabled.length);
    // Leavers (status 5) that were never bound are not created.
    expect(
      await scalar(
        w,
        sql`select count(*) as n from users where lower(username) = any(${textArray(simUsers.filter((u) => u.status === 5).map((u) => (w.tenant.houseNumber + u.userid).toLowerCase()))})`,
      ),
    ).toBe(0);
  });

  it('re-running on an unchanged organisation plans nothing and writes no row', async () => {
    const before = await dumpTenant(w);
    const plan = await preview(w);
    expect(plan.counts).toMatchObject({
      create: 0,
      bind: 0,
      pending: 0,
      update: 0,
      leave: 0,
      departmentsCreate: 0,
      departmentsRename: 0,
      departmentsMove: 0,
      departmentsRemove: 0,
    });
    const run = await apply(w, plan.planId);
    expect(run.status).toBe('succeeded');
    expect(run.counts.writes).toBe(0);
    expect(await dumpTenant(w)).toBe(before);
  });

  it('applies a plan whose only change is a department reorder (not taken for an empty plan)', async () => {
    const depts = w.sim.admin.listDepartments();
    const siblings = depts.filter((d) => d.parentid === 1);
    expect(siblings.length).toBeGreaterThan(1);
    const last = siblings.reduce((a, b) => (b.order < a.order ? b : a));
    w.sim.admin.updateDepartment(last.id, {
      order: Math.max(...siblings.map((d) => d.order)) + 1,
    });
    const plan = await preview(w);
    expect(plan.departments.reorder.length).toBeGreaterThan(0);
    expect(plan.counts).toMatchObject({ create: 0, update: 0, departmentsRename: 0 });
    const run = await apply(w, plan.planId);
    expect(run.status).toBe('succeeded');
    expect(run.counts.departmentsUpdated).toBe(plan.departments.reorder.length);
    const rank = await scalar(
      w,
      sql`select sort_order as n from departments where tenant_id = ${w.tenant.id} and ext_source = 'wecom' and ext_id = ${String(last.id)}`,
    );
    expect(rank).toBe(0);
    expect((await preview(w)).departments.reorder).toHaveLength(0);
  });
});
