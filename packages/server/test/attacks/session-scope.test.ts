import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, thirdAccounts, users } from '../../src/db/schema';
import { bindMember } from '../factories/bindings';
import { weComSignIn } from '../factories/wecom-login';
import { TEST_ADMIN_PASSWORD } from '../test-db';
import { useLoginWorld } from './session-harness';

/**
 * Connector sign-in sessions are tenant-scoped (PRODUCT.md §5.6, §7). The attack: a tenant admin
 * binds one of their WeCom members to the platform administrator's account (as a past attack, or a
 * careless sync, would have left it) and signs in with WeCom — before this rule, that session
 * carried platform rights and every tenant the account belongs to.
 */
/** Its tenant is created by the platform admin, so the platform admin is an active admin member of it. */
const w = useLoginWorld({ seed: 41, users: 12, departments: 2 });

async function platformAdminId(): Promise<number> {
  const [row] = await w.t.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, 'admin'));
  return row!.id;
}

/** A WeCom sign-in of a bound member, through the simulator, ending in a session. */
async function exchange(userid: string) {
  const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
  expect(fragment.ticket, JSON.stringify(fragment)).toBeDefined();
  const res = await w.t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result;
}

/**
 * Everything a session scoped to `tenant` must be refused, with `otherTenantId` a tenant the
 * account is an active member of too.
 */
async function expectScoped(
  result: { token: string; userInfo: Record<string, unknown>; tenantList: { id: number }[] },
  otherTenantId: number,
) {
  const token = result.token;
  expect(result.userInfo.isPlatformAdmin).toBe(false);
  expect(result.userInfo.scopeTenantId).toBe(w.tenant.id);
  expect(result.tenantList.map((x) => x.id)).toEqual([w.tenant.id]);

  const me = await w.t.call('GET', '/sys/user/me', undefined, { token });
  expect(me.status).toBe(200);
  expect(me.body.result.userInfo).toMatchObject({
    isPlatformAdmin: false,
    scopeTenantId: w.tenant.id,
  });
  expect(me.body.result.tenantList.map((x: { id: number }) => x.id)).toEqual([w.tenant.id]);

  const list = await w.t.call('GET', '/sys/tenant/list', undefined, { token });
  expect(list.status).toBe(403);
  expect(list.body.errorCode).toBe('auth.session_scoped');
  const add = await w.t.call('POST', '/sys/tenant/add', { name: 'Annexed' }, { token });
  expect(add.status).toBe(403);
  expect(add.body.errorCode).toBe('auth.session_scoped');

  const elsewhere = await w.t.call('GET', '/sys/tenant/current', undefined, {
    token,
    tenantId: otherTenantId,
  });
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.body.errorCode).toBe('tenant.session_scoped');
  const userList = await w.t.call('GET', '/sys/user/list', undefined, {
    token,
    tenantId: otherTenantId,
  });
  expect(userList.status).toBe(403);

  const sw = await w.t.call('POST', '/sys/tenant/switch', { tenantId: otherTenantId }, { token });
  expect(sw.status).toBe(403);
  expect(sw.body.errorCode).toBe('auth.session_scoped');
  const home = await w.t.call('GET', '/sys/tenant/current', undefined, { token });
  expect(home.status).toBe(200);
  expect(home.body.result.id).toBe(w.tenant.id);
  const inScope = await w.t.call('GET', '/sys/tenant/current', undefined, {
    token,
    tenantId: w.tenant.id,
  });
  expect(inScope.status).toBe(200);
}

describe('a WeCom session of an account bound to the platform administrator', () => {
  it('exchange: carries no platform rights and acts only in the vouching tenant', async () => {
    const userid = w.freshUserid();
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: await platformAdminId(),
      corpId: w.sim.credentials.corpId,
      extUserId: userid,
    });
    const result = await exchange(userid);
    expect(result.userInfo.username).toBe('admin');
    await expectScoped(result, 0);
  });

  it('link: the platform admin proving their password may link, but the session is scoped', async () => {
    // The first test bound the account here; this one links it afresh.
    await w.t.db
      .delete(thirdAccounts)
      .where(
        and(
          eq(thirdAccounts.tenantId, w.tenant.id),
          eq(thirdAccounts.userId, await platformAdminId()),
        ),
      );
    await w.setPolicy('link');
    try {
      const { fragment } = await weComSignIn(w.t, {
        tenantId: w.tenant.id,
        userid: w.freshUserid(),
      });
      expect(fragment.link).toBeDefined();
      const res = await w.t.call('POST', '/sys/thirdLogin/link', {
        linkToken: fragment.link,
        username: 'admin',
        password: TEST_ADMIN_PASSWORD,
      });
      expect(res.status, res.body.message).toBe(200);
      await expectScoped(res.body.result, 0);
    } finally {
      await w.setPolicy('refuse');
    }
  });

  it('a password session of the same account still works across its tenants', async () => {
    const token = await w.t.login('admin', TEST_ADMIN_PASSWORD);
    const me = await w.t.call('GET', '/sys/user/me', undefined, { token });
    expect(me.body.result.userInfo).toMatchObject({ isPlatformAdmin: true, scopeTenantId: null });
    expect(me.body.result.tenantList.map((x: { id: number }) => x.id)).toEqual(
      expect.arrayContaining([0, w.tenant.id]),
    );
    expect((await w.t.call('GET', '/sys/tenant/list', undefined, { token })).status).toBe(200);
    for (const tenantId of [0, w.tenant.id]) {
      const res = await w.t.call('GET', '/sys/tenant/current', undefined, { token, tenantId });
      expect(res.status).toBe(200);
    }
    const sw = await w.t.call('POST', '/sys/tenant/switch', { tenantId: 0 }, { token });
    expect(sw.status).toBe(200);
  });
});

describe('a session from policy create', () => {
  it('is scoped too: no other tenant, no join, no switch', async () => {
    await w.setPolicy('create');
    let result;
    try {
      const userid = w.freshUserid();
      const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
      const res = await w.t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
      expect(res.status, res.body.message).toBe(200);
      result = res.body.result;
    } finally {
      await w.setPolicy('refuse');
    }
    expect(result.userInfo.hasPassword).toBe(false);
    // The account later becomes an active member of another tenant too.
    const other = await w.t.factories.tenant();
    await w.t.db
      .insert(memberships)
      .values({ tenantId: other.id, userId: result.userInfo.id, status: 1, role: 'member' });
    const join = await w.t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: (await w.t.factories.tenant()).houseNumber },
      { token: result.token },
    );
    expect(join.status).toBe(403);
    expect(join.body.errorCode).toBe('auth.session_scoped');
    // The other membership is not shown to this session (it lives in another tenant).
    await expectScoped(result, other.id);
  });

  it('may still sign out, read itself and its own binding', async () => {
    const userid = w.freshUserid();
    const member = await w.t.factories.user(w.tenant.id);
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: member.id,
      corpId: w.sim.credentials.corpId,
      extUserId: userid,
    });
    const { token } = await exchange(userid);
    const binding = await w.t.call('GET', '/sys/user/wecomBinding', undefined, { token });
    expect(binding.status).toBe(200);
    expect(binding.body.result.wechatUserId).toBe(userid);
    expect((await w.t.call('POST', '/sys/logout', undefined, { token })).status).toBe(200);
    expect((await w.t.call('GET', '/sys/user/me', undefined, { token })).status).toBe(401);
  });
});
