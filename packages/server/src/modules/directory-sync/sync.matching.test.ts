import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/sql';
import { apply, preview, syncWorld, type SyncWorld } from './sync.test-harness';

let w: SyncWorld;
beforeAll(async () => {
  w = await syncWorld({ users: 12, departments: 3, leavers: 0, disabled: 0, seed: 5 });
});
afterAll(async () => w?.close());

type Row = {
  wechatUserId: string;
  userId: number | null;
  match: string;
  ambiguous: boolean;
  candidates?: number[];
  outsider?: boolean;
  awaitingOwner?: boolean;
};

describe('directory sync: matching and admin decisions', () => {
  it('pairs by normalised name, flags duplicates on either side, never proposes an account elsewhere by generated username, honours exclusions', async () => {
    const { sim, t } = w;
    const [byName, dupLocal, byUsername, excluded] = sim.admin.listUsers();
    sim.admin.renameUser(byName!.userid, '李娜');
    sim.admin.renameUser(dupLocal!.userid, '王芳');
    sim.admin.addUser({ userid: 'twin1', name: '张 伟', department: [1] });
    sim.admin.addUser({ userid: 'twin2', name: '张伟', department: [1] });
    // Local side: full-width spaces and case differences still match; two 王芳 are ambiguous.
    const lina = await t.factories.user(w.tenant.id, { realname: ' 李\u3000娜 ' });
    const wf1 = await t.factories.user(w.tenant.id, { realname: '王芳' });
    const wf2 = await t.factories.user(w.tenant.id, { realname: '王　芳' });
    const zw = await t.factories.user(w.tenant.id, { realname: '张伟' });
    // A legacy account elsewhere named like this tenant's generated username for a WeCom member
    // (new ones are refused at creation; renamed directly here). It proves nothing about who
    // holds it, so the sync never proposes it (helper F; it used to be asked as an outsider).
    const other = await t.factories.tenant();
    const res = await t.call(
      'POST',
      '/sys/user/add',
      { username: `elsewhere${Date.now()}`, realname: 'Elsewhere', password: 'password-123' },
      { token: t.adminToken, tenantId: other.id },
    );
    expect(res.status, res.body.message).toBe(200);
    await t.db.execute(
      sql`update users set username = ${w.tenant.houseNumber + byUsername!.userid} where id = ${res.body.result.id as number}`,
    );
    const outsiderId = res.body.result.id as number;

    const plan = await preview(w);
    const row = (id: string) => plan.members.pairs.find((p: Row) => p.wechatUserId === id) as Row;
    expect(row(byName!.userid)).toMatchObject({ userId: lina.id, match: 'name', ambiguous: false });
    expect(row(dupLocal!.userid)).toMatchObject({ userId: null, ambiguous: true });
    expect(row(dupLocal!.userid).candidates?.sort()).toEqual([wf1.id, wf2.id].sort());
    expect(row('twin1')).toMatchObject({ userId: null, ambiguous: true });
    expect(row('twin2')).toMatchObject({ userId: null, ambiguous: true });
    // An account elsewhere is never named to this tenant's admin (PRODUCT.md §7).
    expect(row(byUsername!.userid)).toMatchObject({ userId: null, match: 'none' });
    expect(row(byUsername!.userid).outsider).toBeUndefined();
    expect(JSON.stringify(plan)).not.toContain('Elsewhere');
    expect(plan.members.toPending).toEqual([]);
    expect(plan.members.toLinkRequest).toEqual([]);
    expect(plan.members.unmatchedLocal.map((u: { userId: number }) => u.userId)).toEqual(
      expect.arrayContaining([wf1.id, wf2.id, zw.id]),
    );

    // The admin picks one 王芳, pairs twin2 with the local 张伟 and excludes one member.
    const run = await apply(w, plan.planId, {
      pairs: [
        { wechatUserId: dupLocal!.userid, userId: wf2.id },
        { wechatUserId: 'twin2', userId: zw.id },
      ],
      exclude: [excluded!.userid],
    });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const bound = rowsOf<{ ext_user_id: string; user_id: number }>(
      await t.db.execute(
        sql`select ext_user_id, user_id from third_accounts where tenant_id = ${w.tenant.id}`,
      ),
    );
    const boundTo = new Map(bound.map((b) => [b.ext_user_id, b.user_id]));
    expect(boundTo.get(byName!.userid)).toBe(lina.id);
    expect(boundTo.get(dupLocal!.userid)).toBe(wf2.id);
    expect(boundTo.get('twin2')).toBe(zw.id);
    // Its account cannot be created (the username is taken): nothing bound, nobody asked.
    expect(boundTo.has(byUsername!.userid)).toBe(false);
    expect(boundTo.has(excluded!.userid)).toBe(false);
    expect(boundTo.has('twin1')).toBe(true);
    const membership = rowsOf<{ status: number }>(
      await t.db.execute(
        sql`select status from memberships where tenant_id = ${w.tenant.id} and user_id = ${outsiderId}`,
      ),
    );
    expect(membership).toEqual([]);
    const requests = rowsOf<{ ext_user_id: string; status: string }>(
      await t.db.execute(
        sql`select ext_user_id, status from link_requests where tenant_id = ${w.tenant.id} and user_id = ${outsiderId}`,
      ),
    );
    expect(requests).toEqual([]);
    // Decisions that do not fit the plan are refused with an explanation.
    const again = await preview(w);
    const bad = await t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      {
        planId: again.planId,
        pairs: [{ wechatUserId: byName!.userid, userId: wf1.id }],
        exclude: [],
      },
      { token: w.admin.token },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('sync.pair_invalid');
  });
});
