import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/sql';
import {
  apply,
  preview,
  runNow,
  scalar,
  syncWorld,
  waitRun,
  type SyncWorld,
} from './sync.test-harness';

/**
 * 排除 sticks (issue 18, finding 3): a WeCom member the admin leaves out is not created, paired
 * or bound by any later run — manual, API or scheduled — until the admin lifts the exclusion;
 * the preview lists it. The preview also tells two namesakes apart (department path, position,
 * masked mobile) without ever handing the full mobile to the console.
 */
let w: SyncWorld;
beforeAll(async () => {
  // An app created before 2022-06-20: WeCom still discloses mobiles to it.
  w = await syncWorld({
    users: 10,
    departments: 3,
    leavers: 0,
    disabled: 0,
    seed: 41,
    createdAfter20220620: false,
  });
});
afterAll(async () => w?.close());

type Row = {
  wechatUserId: string;
  wechatName: string;
  wechatDepartmentIds: string[];
  wechatPosition: string | null;
  wechatMobile: string | null;
  userId: number | null;
  match: string;
  excluded?: boolean;
};

const rowOf = (plan: { members: { pairs: Row[] } }, id: string) =>
  plan.members.pairs.find((p) => p.wechatUserId === id);

const accountsNamed = (name: string) =>
  scalar(
    w,
    sql`select count(*) as n from memberships m join users u on u.id = m.user_id
        where m.tenant_id = ${w.tenant.id} and u.realname = ${name}`,
  );

const bindingOf = async (ext: string) =>
  rowsOf<{ user_id: number }>(
    await w.t.db.execute(
      sql`select user_id from third_accounts where tenant_id = ${w.tenant.id} and lower(ext_user_id) = lower(${ext})`,
    ),
  )[0] ?? null;

async function callApply(planId: string, body: Record<string, unknown>) {
  return w.t.call(
    'POST',
    '/sys/thirdApp/sync/apply',
    { planId, pairs: [], exclude: [], ...body },
    { token: w.admin.token },
  );
}

describe('directory sync: exclusions (排除) persist across runs', () => {
  let guo: string;
  let guoLocal: number;

  it('shows department path, position and a masked mobile on the WeCom side', async () => {
    const [a, b] = w.sim.admin.listUsers();
    guo = a!.userid;
    w.sim.admin.updateUser(guo, { name: '郭强', position: '销售经理', mobile: '13812345678' });
    w.sim.admin.updateUser(b!.userid, { name: '郭强 ', position: '工程师', mobile: '13987654321' });
    const plan = await preview(w);
    const row = rowOf(plan, guo)!;
    expect(row.wechatPosition).toBe('销售经理');
    expect(row.wechatMobile).toBe('138****5678');
    expect(JSON.stringify(plan)).not.toContain('13812345678');
    expect(JSON.stringify(plan)).not.toContain('13987654321');
    // Every department a member is in has its path from the root, for the console to show.
    const paths = plan.members.departmentPaths as Record<string, string>;
    for (const id of row.wechatDepartmentIds) expect(paths[id]).toMatch(/\S/);
    const deepest = Object.values(paths).sort((x, y) => y.length - x.length)[0]!;
    expect(deepest).toContain(' / ');
    // Put the namesake back to a unique name for the rest of the story.
    w.sim.admin.updateUser(b!.userid, { name: '郭小强' });
  });

  it('a name-matched member left out is neither created nor proposed again, by any run', async () => {
    guoLocal = (await w.t.factories.user(w.tenant.id, { realname: '郭强' })).id;
    const plan = await preview(w);
    expect(rowOf(plan, guo)).toMatchObject({ userId: guoLocal, match: 'name' });

    // 移出 → 排除: no pair for the row, and the member left out.
    const run = await apply(w, plan.planId, {
      pairs: [{ wechatUserId: guo, userId: null }],
      exclude: [guo],
    });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(await accountsNamed('郭强')).toBe(1);
    expect(await bindingOf(guo)).toBeNull();

    // The next preview remembers it: listed as excluded, not matched by name again.
    const next = await preview(w);
    expect(rowOf(next, guo)).toMatchObject({ userId: null, match: 'none', excluded: true });
    expect(next.counts.excluded).toBe(1);
    expect(next.members.toCreate).not.toContain(guo);
    expect(next.members.exclusions).toEqual([
      expect.objectContaining({ wechatUserId: guo, wechatName: '郭强' }),
    ]);
    // And the local 郭强 is free again, so it can be picked for someone else.
    expect(next.members.unmatchedLocal.map((u: { userId: number }) => u.userId)).toContain(
      guoLocal,
    );

    // Applied as proposed (no decisions): still nothing for 郭强. A scheduled/API run neither.
    expect((await apply(w, next.planId)).status).toBe('succeeded');
    expect((await runNow(w)).status).toBe('succeeded');
    expect(await accountsNamed('郭强')).toBe(1);
    expect(await bindingOf(guo)).toBeNull();
  });

  it('an exclusion is lifted by the admin (include): the member is then created or paired', async () => {
    const plan = await preview(w);
    expect(rowOf(plan, guo)?.excluded).toBe(true);
    // Lifting with a pick binds the chosen account.
    const run = await apply(w, plan.planId, {
      include: [guo],
      pairs: [{ wechatUserId: guo, userId: guoLocal }],
    } as never);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect((await bindingOf(guo))?.user_id).toBe(guoLocal);
    const next = await preview(w);
    expect(rowOf(next, guo)).toMatchObject({ match: 'bound' });
    expect(rowOf(next, guo)?.excluded).toBeUndefined();
    expect(next.counts.excluded ?? 0).toBe(0);
    expect(next.members.exclusions).toEqual([]);
  });

  it('lifting without a pick creates the account; an unknown include is refused', async () => {
    const c = w.sim.admin.addUser({ userid: 'solo_c', name: '程立', department: [1] });
    const plan = await preview(w);
    expect((await apply(w, plan.planId, { exclude: [c.userid] })).status).toBe('succeeded');
    expect(await bindingOf(c.userid)).toBeNull();

    const again = await preview(w);
    expect(rowOf(again, c.userid)?.excluded).toBe(true);
    const bad = await callApply(again.planId, { include: ['nobody-here'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('sync.include_invalid');
    expect(bad.body.message).toMatch(/nobody-here/);

    const res = await callApply(again.planId, { include: [c.userid] });
    expect(res.status, res.body.message).toBe(200);
    expect((await waitRun(w, res.body.result.runId)).status).toBe('succeeded');
    expect(await bindingOf(c.userid)).not.toBeNull();
    expect(await accountsNamed('程立')).toBe(1);
  });

  it("another tenant's admin neither sees nor lifts this tenant's exclusions", async () => {
    const d = w.sim.admin.addUser({ userid: 'solo_d', name: '丁一', department: [1] });
    const plan = await preview(w);
    expect((await apply(w, plan.planId, { exclude: [d.userid] })).status).toBe('succeeded');
    const other = await w.t.factories.tenant();
    const otherAdmin = await w.t.factories.user(other.id, { role: 'admin' });
    // Not configured there: the preview is refused before anything of this tenant is read.
    const res = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/preview',
      { thirdType: 'wechat_enterprise' },
      { token: otherAdmin.token },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('solo_d');
    // The exclusion is still there for this tenant.
    expect(rowOf(await preview(w), d.userid)?.excluded).toBe(true);
    const stored = await scalar(
      w,
      sql`select count(*) as n from sync_exclusions where tenant_id = ${other.id}`,
    );
    expect(stored).toBe(0);
  });
});
