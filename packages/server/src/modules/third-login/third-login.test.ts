import { updateWeCom } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { DEFAULT_PASSWORD, type TestTenant, type TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import {
  activeSimUsers,
  configureWeCom,
  fragmentOf,
  hop,
  pathOf,
  startUrl,
  weComSignIn,
} from '../../../test/factories/wecom-login';
import { rowsOf } from '../../lib/sql';

let sim: Simulator;
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let simUsers: string[];
const PUBLIC = 'http://localhost:3000';
let next = 0;
/** A simulated member nobody in these tests has used yet. */
const freshUserid = () => simUsers[next++]!;

beforeAll(async () => {
  sim = await startSimulator({ users: 40, departments: 5, seed: 11, latencyMs: 0 });
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

async function boundMember(userid: string, opts: { active?: boolean } = {}) {
  const user = await t.factories.user(tenant.id);
  await bindMember(t.db, {
    tenantId: tenant.id,
    userId: user.id,
    corpId: sim.credentials.corpId,
    extUserId: userid,
    active: opts.active,
  });
  return user;
}

const setPolicy = (unboundLogin: 'refuse' | 'link' | 'create') =>
  updateWeCom(t.call, { token: admin.token }, { syncPolicy: { unboundLogin } });

describe('WeCom sign-in redirects', () => {
  it('sends the browser to WeCom in-app OAuth with the exact URL of PRODUCT.md §4', async () => {
    const res = await hop(t, startUrl({ tenantId: tenant.id }));
    expect(res.status).toBe(302);
    const url = new URL(res.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.url}/connect/oauth2/authorize`);
    expect([...url.searchParams.keys()]).toEqual([
      'appid',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'agentid',
    ]);
    expect(url.searchParams.get('appid')).toBe(sim.credentials.corpId);
    expect(url.searchParams.get('redirect_uri')).toBe(
      `${PUBLIC}/sys/thirdLogin/oauth2/wechat_enterprise/callback`,
    );
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('snsapi_base');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9]{1,128}$/);
    expect(url.searchParams.get('agentid')).toBe(String(sim.credentials.agentId));
    expect(url.hash).toBe('#wechat_redirect');
  });

  it('binds the state to the browser with an HttpOnly SameSite=Lax cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: startUrl({ tenantId: tenant.id }) });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^orgbridge_oauth=[0-9a-f]{64}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/sys/thirdLogin/');
    expect(cookie).toContain('Max-Age=600');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sends a normal browser to QR / web login with ?qr=1', async () => {
    const res = await hop(t, startUrl({ tenantId: tenant.id, qr: 1 }));
    const url = new URL(res.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.url}/wwlogin/sso/login`);
    expect([...url.searchParams.keys()]).toEqual([
      'login_type',
      'appid',
      'agentid',
      'redirect_uri',
      'state',
    ]);
    expect(url.searchParams.get('login_type')).toBe('CorpApp');
    expect(url.searchParams.get('redirect_uri')).toBe(
      `${PUBLIC}/sys/thirdLogin/oauth2/wechat_enterprise/callback`,
    );
  });

  it('explains a tenant without WeCom, a disabled one and a malformed tenant id', async () => {
    const other = await t.factories.tenant();
    const none = await hop(t, startUrl({ tenantId: other.id }));
    expect(none.location).toBe(
      `${PUBLIC}/oauth2-app/login#error=not_configured&tenantId=${other.id}`,
    );
    expect(none.setCookie).toBeNull();
    const bad = await hop(t, startUrl({ tenantId: 'abc' }));
    expect(bad.location).toBe(`${PUBLIC}/oauth2-app/login#error=tenant_invalid`);
    const missing = await hop(t, '/sys/thirdLogin/oauth2/wechat_enterprise/login');
    expect(fragmentOf(missing.location).error).toBe('tenant_invalid');

    const otherAdmin = await t.factories.user(other.id, { role: 'admin' });
    const otherSim = await startSimulator({ users: 3, departments: 1, seed: 5, latencyMs: 0 });
    try {
      await configureWeCom(t, otherSim, otherAdmin.token, other.id, { enabled: false });
      const off = await hop(t, startUrl({ tenantId: other.id }));
      expect(fragmentOf(off.location)).toEqual({ error: 'disabled', tenantId: String(other.id) });
    } finally {
      await otherSim.close();
    }
  });
});

describe('sign-in paths take the thirdType', () => {
  it('answers 404 naming the supported thirdTypes for an unknown one, setting no state', async () => {
    for (const step of ['login', 'callback']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/sys/thirdLogin/oauth2/nosuchprovider/${step}?tenantId=${tenant.id}&state=abc&code=c`,
      });
      expect(res.statusCode, step).toBe(404);
      expect(res.headers['set-cookie'], step).toBeUndefined();
      const body = res.json<{ errorCode: string; message: string }>();
      expect(body.errorCode, step).toBe('third_login.unsupported_type');
      expect(body.message, step).toContain('nosuchprovider');
      expect(body.message, step).toContain('wechat_enterprise');
    }
  });
});

describe('WeCom sign-in outcomes', () => {
  it('signs a bound active member in to that tenant through a one-time ticket', async () => {
    const userid = freshUserid();
    // Bound with different letter case: WeCom userids are case-insensitive.
    const user = await boundMember(userid.toUpperCase());
    const { landing, fragment } = await weComSignIn(t, {
      tenantId: tenant.id,
      userid,
      redirect: '/system/users?page=2',
    });
    expect(landing.startsWith(`${PUBLIC}/oauth2-app/login#ticket=`)).toBe(true);
    expect(new URL(landing).search).toBe('');
    expect(fragment.ticket).toMatch(/^[0-9a-f]{64}$/);

    const res = await t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
    expect(res.status).toBe(200);
    expect(res.body.result.loginTenantId).toBe(tenant.id);
    expect(res.body.result.userInfo.username).toBe(user.username);
    expect(res.body.result.redirect).toBe('/system/users?page=2');
    expect(res.body.result.tenantList.map((x: { id: number }) => x.id)).toContain(tenant.id);
    expect(landing).not.toContain(res.body.result.token);

    const me = await t.call('GET', '/sys/user/me', undefined, { token: res.body.result.token });
    expect(me.body.result.currentTenantId).toBe(tenant.id);

    const again = await t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
    expect(again.status).toBe(401);
    expect(again.body.errorCode).toBe('third_login.ticket_invalid');

    const audit = await t.db.execute(
      sql`select action, details from audit_log where tenant_id = ${tenant.id} and actor_user_id = ${user.id}`,
    );
    expect(rowsOf<{ action: string }>(audit).map((r) => r.action)).toContain('auth.login_wecom');
  });

  it('signs in through QR login from a normal browser too', async () => {
    const userid = freshUserid();
    await boundMember(userid);
    const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid, qr: true });
    const res = await t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
    expect(res.status).toBe(200);
    expect(res.body.result.redirect).toBe('/');
  });

  it('refuses a ticket after 60 seconds', async () => {
    const userid = freshUserid();
    await boundMember(userid);
    const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid });
    await t.db.execute(
      sql`update login_tickets set expires_at = now() - interval '1 second' where kind = 'session'`,
    );
    const res = await t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('third_login.ticket_invalid');
  });

  it('lets exactly one of two simultaneous exchanges of a ticket win', async () => {
    const userid = freshUserid();
    await boundMember(userid);
    const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid });
    const both = await Promise.all([
      t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket }),
      t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('tells an unbound member to ask for a sync (default policy: refuse)', async () => {
    const userid = freshUserid();
    const { landing, fragment } = await weComSignIn(t, { tenantId: tenant.id, userid });
    expect(fragment).toEqual({ error: 'unbound', tenantId: String(tenant.id), userid });
    expect(landing.startsWith(`${PUBLIC}/oauth2-app/login#`)).toBe(true);
  });

  it('tells pending, quit and frozen members why they cannot enter', async () => {
    const cases: [string, (u: TestUser) => Promise<unknown>][] = [
      // Quitting also ends the member's bindings in that tenant (PRODUCT.md §7: a member who left
      // is not the tenant's to bind again), so WeCom sign-in meets an ended binding.
      [
        'binding_inactive',
        (u) => t.call('POST', '/sys/tenant/quit', {}, { token: u.token, tenantId: tenant.id }),
      ],
      [
        'member_frozen',
        (u) =>
          t.call(
            'POST',
            '/sys/user/freeze',
            { userId: u.id, frozen: true },
            { token: admin.token },
          ),
      ],
    ];
    for (const [reason, arrange] of cases) {
      const userid = freshUserid();
      const user = await boundMember(userid);
      await arrange(user);
      const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid });
      expect(fragment.error).toBe(reason);
    }
    // Pending (审核中): an account of another tenant asked to join and was bound by sync.
    const home = await t.factories.tenant();
    const outsider = await t.factories.user(home.id);
    const join = await t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: tenant.houseNumber },
      { token: outsider.token },
    );
    expect(join.status).toBe(200);
    const userid = freshUserid();
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: outsider.id,
      corpId: sim.credentials.corpId,
      extUserId: userid,
    });
    const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid });
    expect(fragment.error).toBe('pending');
  });

  it('refuses an inactive binding and a non-member of the corp (outsider)', async () => {
    const userid = freshUserid();
    await boundMember(userid, { active: false });
    expect((await weComSignIn(t, { tenantId: tenant.id, userid })).fragment.error).toBe(
      'binding_inactive',
    );

    const start = await hop(t, startUrl({ tenantId: tenant.id }));
    const url = new URL(start.location);
    url.hash = '';
    url.searchParams.set('sim_visitor', '1');
    const res = await fetch(url, { redirect: 'manual' });
    const back = await hop(t, pathOf(res.headers.get('location')!), start.setCookie);
    expect(fragmentOf(back.location).error).toBe('outsider');
  });

  it('explains a cancelled QR login (WeCom returns only the state)', async () => {
    const start = await hop(t, startUrl({ tenantId: tenant.id, qr: 1 }));
    const state = new URL(start.location).searchParams.get('state')!;
    const back = await hop(
      t,
      `/sys/thirdLogin/oauth2/wechat_enterprise/callback?state=${state}`,
      start.setCookie,
    );
    expect(fragmentOf(back.location).error).toBe('cancelled');
  });
});

describe('unbound-member policies', () => {
  it('link: the member proves an existing account by password, then is bound', async () => {
    await setPolicy('link');
    try {
      const user = await t.factories.user(tenant.id);
      const userid = freshUserid();
      const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid });
      expect(fragment.link).toMatch(/^[0-9a-f]{64}$/);
      expect(fragment.userid).toBe(userid);
      const body = { linkToken: fragment.link, username: user.username };
      const wrong = await t.call('POST', '/sys/thirdLogin/link', {
        ...body,
        password: 'nope-nope',
      });
      expect(wrong.status).toBe(401);
      const ok = await t.call('POST', '/sys/thirdLogin/link', {
        ...body,
        password: DEFAULT_PASSWORD,
      });
      expect(ok.status).toBe(200);
      expect(ok.body.result.loginTenantId).toBe(tenant.id);
      expect(ok.body.result.userInfo.id).toBe(user.id);
      const reuse = await t.call('POST', '/sys/thirdLogin/link', {
        ...body,
        password: DEFAULT_PASSWORD,
      });
      expect(reuse.body.errorCode).toBe('third_login.link_invalid');

      // Bound now: the next sign-in goes straight in.
      const again = await weComSignIn(t, { tenantId: tenant.id, userid });
      expect(again.fragment.ticket).toBeDefined();
      const mine = await t.call('GET', '/sys/user/wecomBinding', undefined, { token: user.token });
      expect(mine.body.result.wechatUserId).toBe(userid);
      expect(mine.body.result.wechatName).toBe(sim.admin.getUser(userid)!.name);
    } finally {
      await setPolicy('refuse');
    }
  });

  it('link: refuses an account that is not a member of the tenant', async () => {
    await setPolicy('link');
    try {
      const elsewhere = await t.factories.user((await t.factories.tenant()).id);
      const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid: freshUserid() });
      const res = await t.call('POST', '/sys/thirdLogin/link', {
        linkToken: fragment.link,
        username: elsewhere.username,
        password: DEFAULT_PASSWORD,
      });
      expect(res.status).toBe(403);
      expect(res.body.errorCode).toBe('third_login.link_not_member');
    } finally {
      await setPolicy('refuse');
    }
  });

  it('create: makes houseNumber+userid an active, bound member at first sign-in', async () => {
    await setPolicy('create');
    try {
      const userid = freshUserid();
      const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid });
      const res = await t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
      expect(res.status).toBe(200);
      expect(res.body.result.userInfo.username).toBe(tenant.houseNumber + userid);
      expect(res.body.result.userInfo.realname).toBe(sim.admin.getUser(userid)!.name);
      const binding = await t.call('GET', '/sys/user/wecomBinding', undefined, {
        token: res.body.result.token,
      });
      expect(binding.body.result).toMatchObject({ wechatUserId: userid, active: true });
      // A second sign-in reuses the account.
      const again = await weComSignIn(t, { tenantId: tenant.id, userid });
      const second = await t.call('POST', '/sys/thirdLogin/exchange', {
        ticket: again.fragment.ticket,
      });
      expect(second.body.result.userInfo.id).toBe(res.body.result.userInfo.id);
    } finally {
      await setPolicy('refuse');
    }
  });
});

describe('public tenant info and a member’s own binding', () => {
  it('says whether a tenant offers WeCom sign-in, naming it only then', async () => {
    const on = await t.call('GET', `/sys/thirdLogin/tenant/${tenant.id}`);
    expect(on.body.result).toEqual({ tenantId: tenant.id, name: tenant.name, wecomEnabled: true });
    const plain = await t.factories.tenant();
    const off = await t.call('GET', `/sys/thirdLogin/tenant/${plain.id}`);
    expect(off.body.result).toEqual({ tenantId: plain.id, name: null, wecomEnabled: false });
    const nowhere = await t.call('GET', '/sys/thirdLogin/tenant/999999');
    expect(nowhere.body.result).toEqual({ tenantId: 999999, name: null, wecomEnabled: false });
    expect(JSON.stringify(on.body)).not.toContain(sim.credentials.secret);
  });

  it('shows and unbinds the caller’s own binding; sign-in then refuses', async () => {
    const userid = freshUserid();
    const user = await boundMember(userid);
    const got = await t.call('GET', '/sys/user/wecomBinding', undefined, { token: user.token });
    expect(got.body.result).toMatchObject({ wechatUserId: userid, corpId: sim.credentials.corpId });
    const del = await t.call('DELETE', '/sys/user/wecomBinding', undefined, { token: user.token });
    expect(del.status).toBe(200);
    const none = await t.call('GET', '/sys/user/wecomBinding', undefined, { token: user.token });
    expect(none.body.result).toBeNull();
    const twice = await t.call('DELETE', '/sys/user/wecomBinding', undefined, {
      token: user.token,
    });
    expect(twice.status).toBe(404);
    expect((await weComSignIn(t, { tenantId: tenant.id, userid })).fragment.error).toBe(
      'self_unbound',
    );
  });
});
