/**
 * Matching when WeCom hides mobile and e-mail (apps created after 2022-06-20; PRODUCT.md §8):
 * preview looks still-unmatched own members up with user/getuserid / user/get_userid_by_email,
 * caches the answers and keeps within WeCom's error budget.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strangerIn } from '../../../test/attacks/sync-harness';
import { rowsOf } from '../../lib/sql';
import { apply, preview, syncWorld, type SyncWorld } from './sync.test-harness';

type Row = {
  wechatUserId: string;
  userId: number | null;
  match: string;
  outsider?: boolean;
  awaitingOwner?: boolean;
};
const LOOKUP_APIS = ['/cgi-bin/user/getuserid', '/cgi-bin/user/get_userid_by_email'];
const lookupsMade = (w: SyncWorld) => {
  const c = w.sim.admin.counts();
  return LOOKUP_APIS.reduce((n, k) => n + (c[k] ?? 0), 0);
};

describe('directory sync: lookups by mobile / e-mail when WeCom hides them', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    // createdAfter20220620 is the simulator's default: user/list carries no mobile, no e-mail.
    // 30 members read: OrgBridge allows itself 3 "no such member" answers a day.
    w = await syncWorld({ users: 30, departments: 3, leavers: 0, disabled: 0, seed: 11 });
  });
  afterAll(async () => w?.close());

  it('pairs own members by the userid WeCom names, caches answers, never asks for outsiders, keeps §7', async () => {
    const { sim, t } = w;
    const [A, B, C] = sim.admin.listUsers().filter((u) => u.status === 1 && u.email);
    expect(sim.admin.getApp().createdAfter20220620).toBe(true);
    const a = await strangerIn(w, w.tenant, { phone: A!.mobile });
    const b = await strangerIn(w, w.tenant, { email: B!.email });
    const miss = await strangerIn(w, w.tenant, { phone: '19911112222' });
    // An account of another tenant with C's mobile: never looked up, never bound (§7).
    const other = await t.factories.tenant();
    const outsider = await strangerIn(w, other, { phone: C!.mobile });
    sim.admin.resetCounts();

    const plan = await preview(w);
    const row = (id: string) => plan.members.pairs.find((p: Row) => p.wechatUserId === id) as Row;
    expect(row(A!.userid)).toMatchObject({ userId: a.id, match: 'mobile' });
    expect(row(B!.userid)).toMatchObject({ userId: b.id, match: 'email' });
    expect(row(C!.userid)).toMatchObject({ userId: null, match: 'none' });
    expect(row(C!.userid).outsider).toBeUndefined();
    expect(JSON.stringify(plan)).not.toContain(outsider.username);
    // a (mobile hit), b (e-mail hit), miss (mobile miss; no e-mail): three lookups, one error.
    expect(lookupsMade(w)).toBe(3);
    expect(plan.lookups).toMatchObject({ made: 3, hits: 2, misses: 1, cached: 0, skipped: 0 });
    expect(plan.members.unmatchedLocal.map((u: { userId: number }) => u.userId)).toContain(miss.id);

    // Answers are cached per connection, misses too: a second preview asks WeCom nothing.
    const again = await preview(w);
    expect(lookupsMade(w)).toBe(3);
    expect(again.lookups).toMatchObject({ made: 0, cached: 3, skipped: 0 });
    expect(again.members.pairs.find((p: Row) => p.wechatUserId === A!.userid)).toMatchObject({
      userId: a.id,
      match: 'mobile',
    });

    // Were the mobile disclosed (an app created before 2022-06-20), the outsider's account would
    // still only be asked (a link request), never bound.
    sim.admin.setCreatedAfter20220620(false);
    const legacy = await preview(w);
    expect(legacy.members.pairs.find((p: Row) => p.wechatUserId === C!.userid)).toMatchObject({
      userId: null,
      outsider: true,
      awaitingOwner: true,
    });
    expect(legacy.members.toLinkRequest).toContain(C!.userid);
    sim.admin.setCreatedAfter20220620(true);

    const run = await apply(w, again.planId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const bound = rowsOf<{ ext_user_id: string; user_id: number }>(
      await t.db.execute(
        sql`select ext_user_id, user_id from third_accounts where tenant_id = ${w.tenant.id}`,
      ),
    );
    const boundTo = new Map(bound.map((x) => [x.ext_user_id, x.user_id]));
    expect(boundTo.get(A!.userid)).toBe(a.id);
    expect(boundTo.get(B!.userid)).toBe(b.id);
    expect([...boundTo.values()]).not.toContain(outsider.id);
  });
});

describe('directory sync: the lookup error budget', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await syncWorld({ users: 40, departments: 3, leavers: 0, disabled: 0, seed: 12 });
  });
  afterAll(async () => w?.close());

  it('stops before WeCom would block the API and reports the lookups it skipped', async () => {
    const { sim } = w;
    // 40 members read → WeCom blocks after 20 % (8) errors a day; OrgBridge stops at half (4).
    for (let i = 0; i < 10; i++) await strangerIn(w, w.tenant, { phone: `1990000${1000 + i}` });
    sim.admin.resetCounts();
    const plan = await preview(w);
    expect(plan.lookups).toMatchObject({ made: 4, misses: 4, skipped: 6 });
    expect(sim.admin.lookupErrors()).toBe(4);
    expect(sim.admin.lookupErrors()).toBeLessThanOrEqual(sim.admin.lookupErrorBudget());
    // The API is not blocked: a good lookup still answers.
    const u = sim.admin.listUsers().find((x) => x.status === 1)!;
    const [me] = await Promise.all([w.sim.url]);
    const tok = await fetch(
      `${me}/cgi-bin/gettoken?corpid=${sim.credentials.corpId}&corpsecret=${sim.credentials.secret}`,
    ).then((r) => r.json() as Promise<{ access_token: string }>);
    const res = await fetch(`${me}/cgi-bin/user/getuserid?access_token=${tok.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ mobile: u.mobile }),
    }).then((r) => r.json() as Promise<{ errcode: number }>);
    expect(res.errcode).toBe(0);
    // The budget is per corp and day: the next preview spends nothing more.
    const again = await preview(w);
    expect(again.lookups).toMatchObject({ made: 0, skipped: 6 });
    expect(sim.admin.lookupErrors()).toBe(4);
  });
});
