import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, testConfig, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { activeSimUserIds } from '../../../test/factories/messages';
import {
  authorizeAt,
  fragmentOf,
  hop,
  pathOf,
  startUrl,
} from '../../../test/factories/wecom-login';
import { buildApp } from '../../app';

const PUBLIC = 'http://localhost:3000';
const CALLBACK = '/sys/thirdLogin/oauth2/wechat_enterprise/callback';

let sim: Simulator;
let simB: Simulator;
let t: TestApp;
let a: { tenant: TestTenant; admin: TestUser };
let b: { tenant: TestTenant; admin: TestUser };
let seq = 0;
/** A fresh host name per test, so tests do not depend on each other's domains. */
const fresh = (label: string) => `${label}-${process.pid}-${++seq}.corp.example.com`;

beforeAll(async () => {
  sim = await startSimulator({ users: 20, departments: 3, seed: 41, latencyMs: 0 });
  simB = await startSimulator({ users: 10, departments: 2, seed: 42, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  a = await withWeComTenant(t, sim);
  b = await withWeComTenant(t, simB);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
  await simB?.close();
});

const setDomain = (who: TestUser, customDomain: unknown) =>
  t.call('PUT', '/sys/tenant/domain', { customDomain }, { token: who.token });

/** GET through the app on the given Host, without following redirects. */
async function onHost(host: string, url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers: { host, ...headers } });
  return { status: res.statusCode, location: String(res.headers.location ?? ''), res };
}

describe('PUT /sys/tenant/domain', () => {
  it('stores the host name lower-cased, shows it, and null clears it', async () => {
    const host = fresh('Sso');
    const res = await setDomain(a.admin, `  ${host.toUpperCase()} `);
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.result).toEqual({
      customDomain: host.toLowerCase(),
      host: host.toLowerCase(),
      sharedHost: 'localhost',
    });
    const got = await t.call('GET', '/sys/tenant/domain', undefined, { token: a.admin.token });
    expect(got.body.result.customDomain).toBe(host.toLowerCase());
    const cleared = await setDomain(a.admin, null);
    expect(cleared.status).toBe(200);
    expect(cleared.body.result).toEqual({
      customDomain: null,
      host: 'localhost',
      sharedHost: 'localhost',
    });
  });

  it('refuses what is not a plain DNS host name with a 400 saying what to give', async () => {
    const bad = [
      'https://sso.example.com',
      'sso.example.com:8443',
      'sso.example.com/path',
      'user@sso.example.com',
      '10.0.0.7',
      '[::1]',
      'under_score.example.com',
      'a..example.com',
      '-lead.example.com',
      'intranet',
      'app.localhost',
      '',
      'x'.repeat(64) + '.example.com',
      42,
    ];
    for (const customDomain of bad) {
      const res = await setDomain(a.admin, customDomain);
      expect(res.status, String(customDomain)).toBe(400);
      expect(res.body.success).toBe(false);
    }
    const res = await setDomain(a.admin, 'sso.example.com:8443');
    expect(res.body.errorCode).toBe('tenant.domain_invalid');
    expect(res.body.message).toMatch(/不是域名.*host name/);
  });

  it("refuses PUBLIC_URL's own host (the shared host belongs to no tenant)", async () => {
    const app = await buildTestApp({ config: { publicUrl: 'https://orgbridge.example.com' } });
    try {
      const tenant = await app.factories.tenant();
      const admin = await app.factories.user(tenant.id, { role: 'admin' });
      const res = await app.call(
        'PUT',
        '/sys/tenant/domain',
        { customDomain: 'OrgBridge.example.com' },
        { token: admin.token },
      );
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('tenant.domain_is_public_host');
    } finally {
      await app.close();
    }
  });

  it('a host name another tenant uses answers 409; free again once cleared', async () => {
    const host = fresh('taken');
    expect((await setDomain(a.admin, host)).status).toBe(200);
    const res = await setDomain(b.admin, host.toUpperCase());
    expect(res.status).toBe(409);
    expect(res.body.errorCode).toBe('tenant.domain_taken');
    expect(res.body.message).toMatch(/另一个租户.*another tenant/);
    expect((await setDomain(a.admin, host)).status).toBe(200);
    expect((await setDomain(a.admin, null)).status).toBe(200);
    expect((await setDomain(b.admin, host)).status).toBe(200);
    expect((await setDomain(b.admin, null)).status).toBe(200);
  });

  it('is for the tenant admin only (a member gets 403)', async () => {
    const member = await t.factories.user(a.tenant.id);
    const res = await setDomain(member, fresh('member'));
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('tenant.admin_required');
    const read = await t.call('GET', '/sys/tenant/domain', undefined, { token: member.token });
    expect(read.status).toBe(403);
  });
});

describe('tenant resolved from the Host header', () => {
  let hostA: string;
  beforeAll(async () => {
    hostA = fresh('a');
    expect((await setDomain(a.admin, hostA)).status).toBe(200);
  });
  afterAll(async () => {
    await setDomain(a.admin, null);
  });

  it("sends `/` on a tenant's host to that tenant's home page", async () => {
    const res = await onHost(hostA, '/');
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/tenantId/${a.tenant.id}`);
    // PUBLIC_URL's host is nobody's: the console as before.
    expect((await onHost('localhost:3000', '/')).status).toBe(200);
  });

  it("refuses another tenant's home page, sign-in info and callback URL on a tenant's host", async () => {
    expect((await onHost(hostA, `/tenantId/${b.tenant.id}`)).status).toBe(404);
    expect((await onHost(hostA, `/tenantId/${b.tenant.id}/messages`)).status).toBe(404);
    expect((await onHost(hostA, `/sys/thirdLogin/tenant/${b.tenant.id}`)).status).toBe(404);
    const own = await onHost(hostA, `/sys/thirdLogin/tenant/${a.tenant.id}`);
    expect(own.status).toBe(200);
    const cb = `/sys/thirdApp/callback/wechat_enterprise/${b.tenant.id}?echostr=x&msg_signature=y&timestamp=1&nonce=2`;
    expect((await onHost(hostA, cb)).status).toBe(404);
    expect((await onHost('localhost:3000', cb)).status).not.toBe(404);
  });

  it("never starts another tenant's WeCom sign-in on a tenant's host", async () => {
    const res = await onHost(hostA, startUrl({ tenantId: b.tenant.id }));
    expect(res.status).toBe(404);
    expect(res.location).toBe('');
  });

  it("starts the host's own tenant sign-in with redirect_uri on its host (tenantId optional)", async () => {
    for (const url of [startUrl({ tenantId: a.tenant.id }), startUrl({ qr: 1 })]) {
      const res = await onHost(hostA, url);
      expect(res.status, url).toBe(302);
      const to = new URL(res.location);
      expect(to.origin).toBe(sim.url);
      expect(to.searchParams.get('redirect_uri')).toBe(`http://${hostA}${CALLBACK}`);
    }
  });

  it("moves a sign-in started on PUBLIC_URL's host to the tenant's host", async () => {
    const res = await onHost('localhost:3000', startUrl({ tenantId: a.tenant.id, redirect: '/x' }));
    expect(res.status).toBe(302);
    const to = new URL(res.location);
    expect(to.origin).toBe(`http://${hostA}`);
    expect(to.searchParams.get('tenantId')).toBe(String(a.tenant.id));
    expect(to.searchParams.get('redirect')).toBe('/x');
  });

  it('signs a member in end to end on the custom host and lands there', async () => {
    sim.admin.setTrustedDomain(hostA);
    try {
      const userid = activeSimUserIds(sim)[0]!;
      const user = await t.factories.user(a.tenant.id);
      await bindMember(t.db, {
        tenantId: a.tenant.id,
        userId: user.id,
        corpId: sim.credentials.corpId,
        extUserId: userid,
      });
      const start = await t.app.inject({
        method: 'GET',
        url: startUrl({ tenantId: a.tenant.id }),
        headers: { host: hostA },
      });
      const cookie = String(start.headers['set-cookie']).split(';')[0]!;
      const back = await authorizeAt(String(start.headers.location), userid);
      expect(new URL(back).host).toBe(hostA);
      const done = await t.app.inject({
        method: 'GET',
        url: pathOf(back),
        headers: { host: hostA, cookie },
      });
      const landing = String(done.headers.location);
      expect(landing.startsWith(`http://${hostA}/oauth2-app/login#`)).toBe(true);
      expect(fragmentOf(landing).ticket).toMatch(/^[A-Za-z0-9]+$/);
    } finally {
      sim.admin.setTrustedDomain('localhost');
    }
  });

  it("refuses on a tenant's host a callback whose state belongs to another tenant", async () => {
    // B's sign-in started on the shared host; its state is replayed at A's host before WeCom.
    const start = await hop(t, startUrl({ tenantId: b.tenant.id }));
    const state = new URL(start.location).searchParams.get('state')!;
    const done = await t.app.inject({
      method: 'GET',
      url: `${CALLBACK}?code=anything&state=${state}`,
      headers: { host: hostA, cookie: start.setCookie! },
    });
    const fragment = fragmentOf(String(done.headers.location));
    expect(fragment.ticket).toBeUndefined();
    expect(fragment.error).toBe('state_invalid');
  });

  it('shows the callback URL and home page URL on the custom host', async () => {
    const res = await t.call('GET', '/sys/thirdApp/config?thirdType=wechat_enterprise', undefined, {
      token: a.admin.token,
    });
    expect(res.body.result.callbackUrl).toBe(
      `http://${hostA}/sys/thirdApp/callback/wechat_enterprise/${a.tenant.id}`,
    );
    expect(res.body.result.homeUrl).toBe(`http://${hostA}/tenantId/${a.tenant.id}`);
    const other = await t.call(
      'GET',
      '/sys/thirdApp/config?thirdType=wechat_enterprise',
      undefined,
      {
        token: b.admin.token,
      },
    );
    expect(other.body.result.homeUrl).toBe(`${PUBLIC}/tenantId/${b.tenant.id}`);
  });

  it("wraps links in that tenant's messages on its host (either host's absolute URL counts)", async () => {
    const userid = activeSimUserIds(sim)[1]!;
    const user = await t.factories.user(a.tenant.id);
    await bindMember(t.db, {
      tenantId: a.tenant.id,
      userId: user.id,
      corpId: sim.credentials.corpId,
      extUserId: userid,
    });
    const res = await t.call(
      'POST',
      '/sys/thirdApp/messages',
      {
        msgtype: 'news',
        news: {
          articles: [
            { title: 'rel', url: '/tenantId/1/x' },
            { title: 'shared', url: `${PUBLIC}/y` },
            { title: 'own', url: `http://${hostA}/z` },
          ],
        },
        toUsers: [user.username],
      },
      { token: a.admin.token },
    );
    expect(res.status, res.body.message).toBe(200);
    const got = sim.admin.messagesFor(userid).at(-1)!.content as { articles: { url: string }[] };
    const login = `http://${hostA}/sys/thirdLogin/oauth2/wechat_enterprise/login?tenantId=${a.tenant.id}&redirect=`;
    expect(got.articles.map((x) => x.url)).toEqual([
      `${login}${encodeURIComponent('/tenantId/1/x')}`,
      `${login}${encodeURIComponent('/y')}`,
      `${login}${encodeURIComponent('/z')}`,
    ]);
  });

  it('believes X-Forwarded-Host only from a trusted proxy (TRUST_PROXY)', async () => {
    expect((await onHost('localhost:3000', '/', { 'x-forwarded-host': hostA })).status).toBe(200);
    const proxied = await buildApp({
      config: testConfig({ trustProxy: ['127.0.0.1'] }),
      database: t.database,
      logger: false,
      webDist: null,
    });
    try {
      const res = await call(proxied, 'GET', '/', undefined, {
        headers: { host: 'localhost:3000', 'x-forwarded-host': hostA },
      });
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`/tenantId/${a.tenant.id}`);
    } finally {
      await proxied.close();
    }
  });
});
