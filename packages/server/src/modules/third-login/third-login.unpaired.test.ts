import { updateWeCom } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { weComSignIn } from '../../../test/factories/wecom-login';
import { rowsOf } from '../../lib/sql';
import {
  fullSync,
  preview,
  runNow,
  syncWorld,
  type SyncWorld,
} from '../directory-sync/sync.test-harness';

/**
 * The member's own side of 移出 sticks (PRODUCT.md §5.3, §5.6): unbinding one's own WeCom link
 * keeps syncs from binding it again, and binding it again oneself at WeCom sign-in (linking an
 * account by password, or an account created at first sign-in) lifts the marker.
 */
let w: SyncWorld;
beforeAll(async () => {
  // wecom-only: synced accounts have no password to change, so a WeCom session is usable at once.
  w = await syncWorld(
    { users: 10, departments: 3, leavers: 0, disabled: 0, seed: 31 },
    { policy: { initialPassword: 'wecom-only' } },
  );
  expect((await fullSync(w)).run.status).toBe('succeeded');
});
afterAll(async () => w?.close());

interface Binding {
  id: number;
  userId: number;
  wechatUserId: string;
  active: boolean;
}

async function bindingOf(wechatUserId: string): Promise<Binding | null> {
  const res = await w.t.call(
    'GET',
    `/sys/thirdApp/bindings?keyword=${encodeURIComponent(wechatUserId)}&pageSize=100`,
    undefined,
    { token: w.admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  const records = res.body.result.records as Binding[];
  return records.find((r) => r.wechatUserId.toLowerCase() === wechatUserId.toLowerCase()) ?? null;
}

/** 移出 by the tenant admin. */
async function removeByAdmin(wechatUserId: string) {
  const bound = (await bindingOf(wechatUserId))!;
  const res = await w.t.call('DELETE', `/sys/thirdApp/bindings/${bound.id}`, undefined, {
    token: w.admin.token,
  });
  expect(res.status, res.body.message).toBe(200);
  return bound;
}

/** The member's markers (several tests share the tenant, each with its own member). */
const markersOf = async (wechatUserId: string) =>
  rowsOf<{ ext_user_id: string; user_id: number; created_by: number | null; corp_id: string }>(
    await w.t.db.execute(
      sql`select ext_user_id, user_id, created_by, corp_id from sync_unpaired
          where tenant_id = ${w.tenant.id} and lower(ext_user_id) = lower(${wechatUserId})`,
    ),
  );

const setUnboundLogin = async (unboundLogin: 'refuse' | 'link' | 'create') => {
  const res = await updateWeCom(
    w.t.call,
    { token: w.admin.token },
    { syncPolicy: { unboundLogin } },
  );
  expect(res.status, res.body.message).toBe(200);
};

/** The member's row in a fresh sync preview. */
async function previewRow(wechatUserId: string) {
  const plan = await preview(w);
  return plan.members.pairs.find((p: { wechatUserId: string }) => p.wechatUserId === wechatUserId);
}

/** WeCom sign-in with the tenant's `link` policy: the member proves `username` by password. */
async function linkBySignIn(wechatUserId: string, username: string) {
  const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid: wechatUserId });
  expect(fragment.link, JSON.stringify(fragment)).toMatch(/^[0-9a-f]{64}$/);
  const res = await w.t.call('POST', '/sys/thirdLogin/link', {
    linkToken: fragment.link,
    username,
    password: DEFAULT_PASSWORD,
  });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result;
}

const active = () => w.sim.admin.listUsers().filter((u) => u.status === 1);

describe('a member’s own unbind and re-link', () => {
  it('a member who unbinds their own WeCom link is not bound again by a sync, which reports it as unpaired', async () => {
    const member = active()[0]!;
    const bound = (await bindingOf(member.userid))!;
    const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid: member.userid });
    const session = await w.t.call('POST', '/sys/thirdLogin/exchange', {
      ticket: fragment.ticket,
    });
    expect(session.status, session.body.message).toBe(200);
    const del = await w.t.call('DELETE', '/sys/user/wecomBinding', undefined, {
      token: session.body.result.token,
    });
    expect(del.status, del.body.message).toBe(200);
    expect(await markersOf(member.userid)).toEqual([
      {
        ext_user_id: member.userid,
        user_id: bound.userId,
        created_by: bound.userId,
        corp_id: w.sim.credentials.corpId,
      },
    ]);

    // The account is still houseNumber + userid: only the marker keeps the username match off.
    expect(await previewRow(member.userid)).toMatchObject({ unpaired: true, userId: null });
    const run = await runNow(w);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.unpaired).toBe(1);
    expect(run.counts.bound ?? 0).toBe(0);
    expect(run.counts.account_created ?? 0).toBe(0);
    expect(await bindingOf(member.userid)).toBeNull();
    expect(
      (await weComSignIn(w.t, { tenantId: w.tenant.id, userid: member.userid })).fragment.error,
    ).toBe('self_unbound');
  });

  it('linking by password at WeCom sign-in after 移出 clears the marker, and a second 移出 + re-link works the same', async () => {
    const member = active()[1]!;
    const account = await w.t.factories.user(w.tenant.id);
    await setUnboundLogin('link');
    try {
      const first = await removeByAdmin(member.userid);
      expect(await markersOf(member.userid)).toEqual([
        expect.objectContaining({ user_id: first.userId, created_by: w.admin.id }),
      ]);

      const linked = await linkBySignIn(member.userid, account.username);
      expect(linked.userInfo.id).toBe(account.id);
      expect(await markersOf(member.userid)).toEqual([]);
      const run = await runNow(w);
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
      expect(await bindingOf(member.userid)).toMatchObject({ userId: account.id, active: true });
      expect(await previewRow(member.userid)).toMatchObject({ match: 'bound', userId: account.id });

      // Again: 移出 marks the member (now naming the linked account), linking lifts it again.
      await removeByAdmin(member.userid);
      expect(await markersOf(member.userid)).toEqual([
        expect.objectContaining({ user_id: account.id, created_by: w.admin.id }),
      ]);
      expect(await previewRow(member.userid)).toMatchObject({ unpaired: true, userId: null });
      await linkBySignIn(member.userid, account.username);
      expect(await markersOf(member.userid)).toEqual([]);
      expect(await previewRow(member.userid)).toMatchObject({ match: 'bound', userId: account.id });
    } finally {
      await setUnboundLogin('refuse');
    }
  });

  it('an account created at first WeCom sign-in after 移出 clears the marker', async () => {
    // A member bound by hand to an account of another name, so houseNumber + userid is free.
    const userid = 'selfmade1';
    w.sim.admin.addUser({ userid, name: '自建成员', department: [1] });
    const other = await w.t.factories.user(w.tenant.id);
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: other.id,
      corpId: w.sim.credentials.corpId,
      extUserId: userid,
    });
    await removeByAdmin(userid);
    expect(await markersOf(userid)).toHaveLength(1);

    await setUnboundLogin('create');
    try {
      const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
      const res = await w.t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
      expect(res.status, res.body.message).toBe(200);
      expect(res.body.result.userInfo.username).toBe(w.tenant.houseNumber + userid);
      expect(await markersOf(userid)).toEqual([]);
      expect(await previewRow(userid)).toMatchObject({
        match: 'bound',
        userId: res.body.result.userInfo.id,
      });
    } finally {
      await setUnboundLogin('refuse');
    }
  });
});
