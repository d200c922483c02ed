import { WAIT, present } from '@orgbridge/test-world';
/**
 * PRODUCT.md §5.7 and §6: a contact event re-reads only the object it names (≤ 3 WeCom requests
 * for a member update) and applies it through the same planner and writers as a full sync.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../lib/sql';
import { fullSync } from '../directory-sync/sync.test-harness';
import { callbackWorld, eventsOf, type CallbackWorld } from './callbacks.test-harness';

let w: CallbackWorld;
beforeAll(async () => {
  w = await callbackWorld({ users: 40, departments: 6, seed: 41 });
  expect((await fullSync(w)).run.status).toBe('succeeded');
  await w.sim.admin.configureCallback({
    url: w.url,
    token: w.token,
    encodingAesKey: w.encodingAesKey,
  });
}, 60_000);
afterAll(async () => w?.close());

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await w.t.db.execute(query));

/** Every row a sync writes for the tenant, keyed by the account it belongs to. */
async function rowsByUser() {
  const id = w.tenant.id;
  const rows = await q<{ user_id: number; row: string }>(sql`
    select u.id as user_id, concat_ws('|', u.xmin::text, u.username, u.realname, m.xmin::text, m.status, m.frozen,
      m.role, m.display_name, b.xmin::text, b.id, b.ext_user_id, b.active,
      (select string_agg(ud.department_id || ':' || ud.is_main, ',' order by ud.department_id)
         from user_departments ud where ud.tenant_id = ${id} and ud.user_id = u.id)) as row
    from memberships m join users u on u.id = m.user_id
    left join third_accounts b on b.tenant_id = ${id} and b.user_id = u.id
    where m.tenant_id = ${id} order by u.id`);
  return new Map(rows.map((r) => [r.user_id, r.row]));
}

async function departmentsDump() {
  return q<{ x: string; id: number; ext_id: string; name: string; parent_id: number | null }>(
    sql`select xmin::text as x, id, ext_id, name, parent_id, sort_order from departments
        where tenant_id = ${w.tenant.id} order by id`,
  );
}

async function boundUser(extUserId: string) {
  return (
    await q<{
      user_id: number;
      username: string;
      realname: string;
      binding_id: number;
      ext_user_id: string;
      active: boolean;
      status: number;
      role: string;
      display_name: string | null;
    }>(sql`
      select u.id as user_id, u.username, u.realname, b.id as binding_id, b.ext_user_id, b.active,
             m.status, m.role, m.display_name
      from third_accounts b join users u on u.id = b.user_id
      join memberships m on m.user_id = u.id and m.tenant_id = b.tenant_id
      where b.tenant_id = ${w.tenant.id} and lower(b.ext_user_id) = lower(${extUserId})`)
  )[0];
}

/** Waits until every stored event is applied; answers the simulator's request counts since `reset`. */
async function applied() {
  await w.sim.admin.flushCallbacks();
  await vi.waitFor(async () => {
    const rows = await eventsOf(w);
    return present(rows.length > 0 && rows.every((r) => r.appliedAt !== null), 'events applied');
  }, WAIT);
  return w.sim.admin.counts();
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, n) => a + n, 0);

/** A directory-wide read shows up as department/list or user/list requests. */
const fullReads = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([api]) => /department\/list|user\/list|user\/simplelist/.test(api))
    .reduce((a, [, n]) => a + n, 0);

function someActiveUser(skip: Set<string> = new Set()) {
  return w.sim.admin
    .listUsers()
    .filter((u) => u.status === 1 && !skip.has(u.userid))
    .sort((a, b) => a.userid.localeCompare(b.userid))[0]!;
}

const used = new Set<string>();

describe('a callback event re-reads only the object it names', () => {
  it('member update: that member re-read (≤ 3 requests, no directory read) and updated, nobody else touched', async () => {
    const target = someActiveUser(used);
    used.add(target.userid);
    const before = await boundUser(target.userid);
    expect(before?.active).toBe(true);
    const others = await rowsByUser();
    const depts = await departmentsDump();
    w.sim.admin.resetCounts();
    w.sim.admin.updateUser(target.userid, { name: '改名后', position: '新职位' });
    const counts = await applied();
    expect(fullReads(counts), JSON.stringify(counts)).toBe(0);
    expect(total(counts), JSON.stringify(counts)).toBeLessThanOrEqual(3);
    const after = await boundUser(target.userid);
    expect(after).toMatchObject({ user_id: before!.user_id, realname: '改名后', active: true });
    const now = await rowsByUser();
    for (const [userId, row] of others)
      if (userId !== before!.user_id) expect(now.get(userId), `user ${userId}`).toBe(row);
    expect(await departmentsDump()).toEqual(depts);
  });

  it('NewUserID rename keeps the account, username, membership, role, message history and binding', async () => {
    const target = someActiveUser(used);
    used.add(target.userid);
    const before = (await boundUser(target.userid))!;
    const sent = await w.t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      { app: 'WECHAT_ENTERPRISE', receiver: before.username, content: '改名前' },
      { token: w.admin.token },
    );
    expect(sent.body.result?.sent).toEqual([before.username]);
    const history = async () =>
      q<{ id: number }>(sql`select id from message_recipients
        where tenant_id = ${w.tenant.id} and user_id = ${before.user_id} order by id`);
    const messagesBefore = await history();
    expect(messagesBefore.length).toBe(1);
    const users = await q<{ n: number }>(sql`select count(*)::int as n from users`);
    w.sim.admin.resetCounts();
    // The simulator renames its user object in place: keep the old id.
    const oldId = target.userid;
    const newId = `${oldId}_renamed`;
    w.sim.admin.updateUser(oldId, { newUserid: newId });
    const counts = await applied();
    expect(fullReads(counts), JSON.stringify(counts)).toBe(0);
    expect(total(counts), JSON.stringify(counts)).toBeLessThanOrEqual(3);
    const after = (await boundUser(newId))!;
    expect(after).toEqual({ ...before, ext_user_id: newId });
    expect(await boundUser(oldId)).toBeUndefined();
    expect(await q<{ n: number }>(sql`select count(*)::int as n from users`)).toEqual(users);
    expect(await history()).toEqual(messagesBefore);
    // Messages to the same username now reach the renamed member.
    const again = await w.t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      { app: 'WECHAT_ENTERPRISE', receiver: before.username, content: '改名后' },
      { token: w.admin.token },
    );
    expect(again.body.result?.sent).toEqual([before.username]);
    expect(w.sim.admin.messagesFor(newId).at(-1)).toMatchObject({
      content: { content: '改名后' },
    });
  });

  it('delete user: the member is marked left (离职) like a full sync does, with ≤ 3 requests', async () => {
    const target = someActiveUser(used);
    used.add(target.userid);
    const before = (await boundUser(target.userid))!;
    w.sim.admin.resetCounts();
    w.sim.admin.deleteUser(target.userid);
    const counts = await applied();
    expect(fullReads(counts), JSON.stringify(counts)).toBe(0);
    expect(total(counts), JSON.stringify(counts)).toBeLessThanOrEqual(3);
    expect(await boundUser(target.userid)).toEqual({ ...before, status: 2, active: false });
  });

  it('party create, update and delete: that department only', async () => {
    const root = w.sim.admin.listDepartments().find((d) => d.parentid === 0)!;
    w.sim.admin.resetCounts();
    const d = w.sim.admin.addDepartment({ name: '回调部门', parentid: root.id });
    let counts = await applied();
    expect(fullReads(counts), JSON.stringify(counts)).toBe(0);
    expect(total(counts), JSON.stringify(counts)).toBeLessThanOrEqual(3);
    const mirrored = async () => (await departmentsDump()).find((x) => x.ext_id === String(d.id));
    const rootLocal = (await departmentsDump()).find((x) => x.ext_id === String(root.id))!;
    expect(await mirrored()).toMatchObject({ name: '回调部门', parent_id: rootLocal.id });

    w.sim.admin.resetCounts();
    w.sim.admin.renameDepartment(d.id, '回调部门二');
    counts = await applied();
    expect(fullReads(counts), JSON.stringify(counts)).toBe(0);
    expect(total(counts), JSON.stringify(counts)).toBeLessThanOrEqual(3);
    expect(await mirrored()).toMatchObject({ name: '回调部门二' });

    w.sim.admin.resetCounts();
    w.sim.admin.deleteDepartment(d.id);
    counts = await applied();
    expect(fullReads(counts), JSON.stringify(counts)).toBe(0);
    expect(total(counts), JSON.stringify(counts)).toBeLessThanOrEqual(3);
    expect(await mirrored()).toBeUndefined();
  });

  it("a shared account (§7) keeps its global fields: the new name goes on this tenant's membership only, as a full sync does", async () => {
    const target = someActiveUser(used);
    used.add(target.userid);
    const before = (await boundUser(target.userid))!;
    const other = await w.t.factories.tenant();
    await w.t.db.execute(sql`insert into memberships (tenant_id, user_id, status, role)
      values (${other.id}, ${before.user_id}, 1, 'member')`);
    w.sim.admin.resetCounts();
    w.sim.admin.updateUser(target.userid, { name: '别人的名字' });
    const counts = await applied();
    expect(fullReads(counts), JSON.stringify(counts)).toBe(0);
    const after = (await boundUser(target.userid))!;
    expect(after.realname).toBe(before.realname);
    expect(after.display_name).toBe('别人的名字');
    expect(after.binding_id).toBe(before.binding_id);
  });

  it('a failed re-read leaves the event unapplied with the reason, and it is retried', async () => {
    const target = someActiveUser(used);
    used.add(target.userid);
    w.sim.admin.injectFaults({ api: 'user/get', errcode: 60020, times: 1000 });
    try {
      w.sim.admin.updateUser(target.userid, { name: '稍后' });
      await w.sim.admin.flushCallbacks();
      const failed = await vi.waitFor(
        async () =>
          present(
            (await eventsOf(w)).find((r) => r.extId === target.userid && r.outcome === 'failed'),
            'event failed',
          ),
        WAIT,
      );
      expect(failed.appliedAt).toBeNull();
      expect(JSON.stringify(failed.error)).toContain('60020');
    } finally {
      w.sim.admin.clearFaults();
    }
    // No new event: the applier tries again by itself.
    await vi.waitFor(
      async () =>
        present(
          (await eventsOf(w)).every((r) => r.appliedAt !== null),
          'event retried',
        ),
      { ...WAIT, timeout: 30_000 },
    );
    expect((await boundUser(target.userid))?.realname).toBe('稍后');
  }, 40_000);
});
