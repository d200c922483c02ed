import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import {
  activeSimUsers,
  authorizeAt,
  configureWeCom,
  fragmentOf,
  hop,
  pathOf,
  startUrl,
  weComSignIn,
} from '../../../test/factories/wecom-login';
import { sha256 } from './third-login.crypto';

/**
 * The anchor system's holes (reference/jeecgboot-anchor.md §5): an unchecked state that sent the
 * session token to any site, tokens in query strings, and tenant 0 failing. Tenant A uses corp
 * `simA`; the default tenant 0 uses another corp, `simB`.
 */
let simA: Simulator;
let simB: Simulator;
let t: TestApp;
let tenantA: TestTenant;
let adminA: TestUser;
let usersA: string[];
let usersB: string[];
const PUBLIC = 'http://localhost:3000';
const CALLBACK = '/sys/thirdLogin/oauth2/wechat_enterprise/callback';
/** Every Location header any test saw, checked at the end for leaked tokens. */
const seen: string[] = [];
const issuedTokens: string[] = [];

async function see<T extends { location: string }>(p: Promise<T>): Promise<T> {
  const r = await p;
  seen.push(r.location);
  return r;
}

beforeAll(async () => {
  [simA, simB] = await Promise.all([
    startSimulator({ users: 20, departments: 3, seed: 21, latencyMs: 0 }),
    startSimulator({ users: 20, departments: 3, seed: 22, latencyMs: 0 }),
  ]);
  t = await buildTestApp({
    config: { wecom: { apiBase: simA.url, oauthBase: simA.url, loginBase: simA.url } },
  });
  tenantA = await t.factories.tenant();
  adminA = await t.factories.user(tenantA.id, { role: 'admin' });
  await configureWeCom(t, simA, adminA.token, tenantA.id);
  usersA = activeSimUsers(simA);
  usersB = activeSimUsers(simB);
});
afterAll(async () => {
  await t?.close();
  await simA?.close();
  await simB?.close();
});

/** A started in-app sign-in for tenant A: state, cookie, and WeCom's redirect back (with a code). */
async function started(userid = usersA[0]!) {
  const start = await see(hop(t, startUrl({ tenantId: tenantA.id })));
  const state = new URL(start.location).searchParams.get('state')!;
  const callback = await authorizeAt(start.location, userid);
  return { start, state, cookie: start.setCookie!, callback: pathOf(callback) };
}

const errorOf = async (url: string, cookie?: string | null) =>
  fragmentOf((await see(hop(t, url, cookie))).location).error;

describe('state', () => {
  it('refuses a tampered, malformed or missing state', async () => {
    const { state, cookie } = await started();
    const flipped = state.slice(0, -1) + (state.endsWith('a') ? 'b' : 'a');
    expect(await errorOf(`${CALLBACK}?code=x&state=${flipped}`, cookie)).toBe('state_invalid');
    expect(await errorOf(`${CALLBACK}?code=x&state=ab-cd_ef.gh`, cookie)).toBe('state_invalid');
    expect(await errorOf(`${CALLBACK}?code=x`, cookie)).toBe('state_invalid');
    expect(await errorOf(`${CALLBACK}?code=x&state=${'a'.repeat(129)}`, cookie)).toBe(
      'state_invalid',
    );
  });

  it('refuses an expired state (10 minutes)', async () => {
    const { state, cookie, callback } = await started();
    await t.db.execute(
      sql`update oauth_states set expires_at = now() - interval '1 second' where state_hash = ${sha256(state)}`,
    );
    expect(await errorOf(callback, cookie)).toBe('state_expired');
  });

  it('refuses a replayed state', async () => {
    const { cookie, callback } = await started();
    expect(fragmentOf((await see(hop(t, callback, cookie))).location).error).toBe('unbound');
    expect(await errorOf(callback, cookie)).toBe('state_replayed');
  });

  it('refuses a state brought by another browser (no or another nonce cookie)', async () => {
    const first = await started();
    expect(await errorOf(first.callback)).toBe('state_browser_mismatch');
    const second = await started();
    const stranger = await see(hop(t, startUrl({ tenantId: tenantA.id })));
    expect(stranger.setCookie).not.toBe(second.cookie);
    expect(await errorOf(second.callback, stranger.setCookie)).toBe('state_browser_mismatch');
  });

  it('keeps one nonce per browser so two tabs can sign in at once', async () => {
    const one = await see(hop(t, startUrl({ tenantId: tenantA.id })));
    const two = await see(hop(t, startUrl({ tenantId: tenantA.id }), one.setCookie));
    expect(two.setCookie).toBe(one.setCookie);
    const userid = usersA[1]!;
    const member = await t.factories.user(tenantA.id);
    await bindMember(t.db, {
      tenantId: tenantA.id,
      userId: member.id,
      corpId: simA.credentials.corpId,
      extUserId: userid,
    });
    const back1 = await see(hop(t, pathOf(await authorizeAt(one.location, userid)), one.setCookie));
    const back2 = await see(hop(t, pathOf(await authorizeAt(two.location, userid)), one.setCookie));
    expect(fragmentOf(back1.location).ticket).toBeDefined();
    expect(fragmentOf(back2.location).ticket).toBeDefined();
  });
});

describe('return path', () => {
  it.each([
    'https://evil.example/steal',
    '//evil.example/steal',
    '/\\evil.example',
    '/%09/evil.example'.replace('%09', '\t'),
    'javascript:alert(document.cookie)',
  ])('refuses %j without starting a sign-in', async (redirect) => {
    const res = await see(hop(t, startUrl({ tenantId: tenantA.id, redirect })));
    expect(res.location).toBe(
      `${PUBLIC}/oauth2-app/login#error=return_path_invalid&tenantId=${tenantA.id}`,
    );
    expect(res.setCookie).toBeNull();
  });
});

describe('code exchange', () => {
  it('explains a reused code (WeCom 40029)', async () => {
    const first = await started();
    await see(hop(t, first.callback, first.cookie));
    const code = new URL(first.callback, PUBLIC).searchParams.get('code')!;
    const second = await started();
    const res = await see(hop(t, `${CALLBACK}?code=${code}&state=${second.state}`, second.cookie));
    expect(fragmentOf(res.location)).toMatchObject({ error: 'code_invalid', errcode: '40029' });
  });

  it('explains a redirect domain WeCom no longer trusts (50001)', async () => {
    const { cookie, callback } = await started();
    simA.admin.setTrustedDomain('other.example.com');
    try {
      const res = await see(hop(t, callback, cookie));
      expect(fragmentOf(res.location)).toMatchObject({
        error: 'domain_untrusted',
        errcode: '50001',
      });
    } finally {
      simA.admin.setTrustedDomain('localhost');
    }
  });
});

describe('tenants', () => {
  it('the default tenant 0 works like any other; a tenant-A member cannot enter through it', async () => {
    // One simulator is one corp, and a server has one WECOM_*_BASE: tenant 0 with corp B
    // therefore runs in a second app whose WeCom is simB.
    const t0 = await buildTestApp({
      config: { wecom: { apiBase: simB.url, oauthBase: simB.url, loginBase: simB.url } },
    });
    try {
      await configureWeCom(t0, simB, t0.adminToken, 0);
      const member0 = await t0.factories.user(0);
      await bindMember(t0.db, {
        tenantId: 0,
        userId: member0.id,
        corpId: simB.credentials.corpId,
        extUserId: usersB[0]!,
      });
      const ok = await weComSignIn(t0, { tenantId: 0, userid: usersB[0]! });
      seen.push(ok.landing);
      const res = await t0.call('POST', '/sys/thirdLogin/exchange', { ticket: ok.fragment.ticket });
      expect(res.status).toBe(200);
      expect(res.body.result.loginTenantId).toBe(0);
      issuedTokens.push(res.body.result.token);

      // userid U is bound in tenant X (corp A) and also exists in corp B, unbound in tenant 0.
      const u = usersA[2]!;
      simB.admin.addUser({ userid: u, name: '跨租户成员', department: [1] });
      const tenantX = await t0.factories.tenant();
      const memberX = await t0.factories.user(tenantX.id);
      await bindMember(t0.db, {
        tenantId: tenantX.id,
        userId: memberX.id,
        corpId: simA.credentials.corpId,
        extUserId: u,
      });
      const via0 = await weComSignIn(t0, { tenantId: 0, userid: u });
      seen.push(via0.landing);
      expect(via0.fragment).toMatchObject({ error: 'unbound', tenantId: '0' });

      // A code that corp A's app issued, presented with tenant 0's state: WeCom refuses it.
      const a = await started(u);
      const codeA = new URL(a.callback, PUBLIC).searchParams.get('code')!;
      const start0 = await hop(t0, startUrl({ tenantId: 0 }));
      const state0 = new URL(start0.location).searchParams.get('state')!;
      const refused = await hop(t0, `${CALLBACK}?code=${codeA}&state=${state0}`, start0.setCookie);
      seen.push(refused.location);
      expect(fragmentOf(refused.location)).toMatchObject({
        error: 'code_invalid',
        errcode: '40029',
        tenantId: '0',
      });
    } finally {
      await t0.close();
    }
  });
});

describe('leaks', () => {
  it('never puts a session token or ticket in a Location query, nor leaves PUBLIC_URL but for WeCom', () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const location of seen) {
      const url = new URL(location);
      expect([PUBLIC, simA.url, simB.url]).toContain(url.origin);
      for (const key of url.searchParams.keys()) expect(key).not.toMatch(/token|ticket/i);
      for (const token of issuedTokens) expect(location).not.toContain(token);
    }
  });
});
