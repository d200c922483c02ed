import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { syncExclusions } from '../../db/schema';
import { activeSimUsers, configureWeCom, weComSignIn } from '../../../test/factories/wecom-login';

/**
 * A WeCom member without a binding is refused (policy `refuse`) for different reasons, and the
 * console tells each what can help: a sync binds a member never bound, but never one an admin
 * 移出'd or one who unbound themselves (the sync_unpaired marker) — only a hand pairing does.
 */
let sim: Simulator;
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let simUsers: string[];

beforeAll(async () => {
  sim = await startSimulator({ users: 6, departments: 2, seed: 17, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  tenant = await t.factories.tenant();
  admin = await t.factories.user(tenant.id, { role: 'admin' });
  await configureWeCom(t, sim, admin.token, tenant.id);
  simUsers = activeSimUsers(sim);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

async function boundMember(userid: string) {
  const user = await t.factories.user(tenant.id);
  await bindMember(t.db, {
    tenantId: tenant.id,
    userId: user.id,
    corpId: sim.credentials.corpId,
    extUserId: userid,
  });
  return user;
}

async function bindingIdOf(userid: string): Promise<number> {
  const res = await t.call(
    'GET',
    `/sys/thirdApp/bindings?keyword=${encodeURIComponent(userid)}`,
    undefined,
    { token: admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  return (res.body.result.records as { id: number }[])[0]!.id;
}

const refusalOf = async (userid: string) =>
  (await weComSignIn(t, { tenantId: tenant.id, userid })).fragment;

describe('refusals of a WeCom member without a binding', () => {
  it('a member never bound is told a sync can bind them (unbound)', async () => {
    const userid = simUsers[0]!;
    expect((await refusalOf(userid)).error).toBe('unbound');
  });

  it('a member an admin 移出d is told so (removed), not to wait for a sync', async () => {
    const userid = simUsers[1]!;
    await boundMember(userid);
    const del = await t.call(
      'DELETE',
      `/sys/thirdApp/bindings/${await bindingIdOf(userid)}`,
      undefined,
      {
        token: admin.token,
      },
    );
    expect(del.status, del.body.message).toBe(200);
    expect(await refusalOf(userid)).toEqual({
      error: 'removed',
      tenantId: String(tenant.id),
      userid,
    });
  });

  it('a member who unbound themselves is told so (self_unbound)', async () => {
    const userid = simUsers[2]!;
    const user = await boundMember(userid);
    const del = await t.call('DELETE', '/sys/user/wecomBinding', undefined, { token: user.token });
    expect(del.status, del.body.message).toBe(200);
    expect((await refusalOf(userid)).error).toBe('self_unbound');
  });

  it('a member an admin left out of syncs (排除) is told so (excluded)', async () => {
    const userid = simUsers[4]!;
    // Arranged directly, as a sync applied with this member in `exclude` leaves it.
    await t.db.insert(syncExclusions).values({
      tenantId: tenant.id,
      thirdType: 'wechat_enterprise',
      corpId: sim.credentials.corpId,
      extUserId: userid.toUpperCase(),
      createdBy: admin.id,
    });
    expect((await refusalOf(userid)).error).toBe('excluded');
  });

  it('the marker of another tenant does not change the answer in this one', async () => {
    const other = await t.factories.tenant();
    const userid = simUsers[3]!;
    const stranger = await t.factories.user(other.id);
    await bindMember(t.db, {
      tenantId: other.id,
      userId: stranger.id,
      corpId: sim.credentials.corpId,
      extUserId: userid,
    });
    const del = await t.call('DELETE', '/sys/user/wecomBinding', undefined, {
      token: stranger.token,
      tenantId: other.id,
    });
    expect(del.status, del.body.message).toBe(200);
    expect((await refusalOf(userid)).error).toBe('unbound');
  });
});
