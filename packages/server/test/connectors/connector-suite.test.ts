/**
 * One suite, every connector (issue 19): configure a tenant through the API, run 测试连接, preview
 * and apply a full sync against the provider's simulator, and find the accounts and bindings.
 */
import { present, withTenant, type Tenancy } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../src/lib/sql';
import { buildTestApp, type TestApp } from '../build-test-app';
import { fragmentOf, pathOf } from '../factories/wecom-login';
import { CONNECTOR_CASES, type CaseSim } from './connector-cases';

/** GET through the app without following redirects, as a browser with `cookie` and `userAgent`. */
async function hop(t: TestApp, url: string, o: { cookie?: string; userAgent?: string } = {}) {
  const headers: Record<string, string> = {};
  if (o.cookie) headers.cookie = o.cookie;
  if (o.userAgent) headers['user-agent'] = o.userAgent;
  const res = await t.app.inject({ method: 'GET', url, headers });
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return {
    status: res.statusCode,
    location: String(res.headers.location ?? ''),
    cookie: first ? first.split(';')[0]! : undefined,
  };
}

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

describe.each(CONNECTOR_CASES)('$name', ({ thirdType, start }) => {
  let sim: CaseSim;
  let t: TestApp;
  let tn: Tenancy;
  const as = () => ({ token: tn.admin.token });

  beforeAll(async () => {
    sim = await start();
    t = await buildTestApp({ config: sim.config });
    tn = await withTenant(t);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('is configured through the API and passes 测试连接', async () => {
    const saved = await t.call(
      'POST',
      '/sys/thirdApp/config',
      { thirdType, ...sim.settings },
      as(),
    );
    expect(saved.status, saved.body.message).toBe(200);
    expect(saved.body.result.thirdType).toBe(thirdType);
    const read = await t.call(
      'GET',
      `/sys/thirdApp/config?thirdType=${thirdType}`,
      undefined,
      as(),
    );
    expect(read.status, read.body.message).toBe(200);
    expect(read.body.result.thirdType).toBe(thirdType);

    const diag = await t.call(
      'POST',
      `/sys/thirdApp/config/test?thirdType=${thirdType}`,
      undefined,
      as(),
    );
    expect(diag.status, diag.body.message).toBe(200);
    const failed = diag.body.result.checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failed, JSON.stringify(failed)).toEqual([]);
    expect(diag.body.result.ok).toBe(true);
  });

  it('previews and applies a full sync that creates and binds every member', async () => {
    const pv = await t.call('POST', '/sys/thirdApp/sync/preview', { thirdType }, as());
    expect(pv.status, pv.body.message).toBe(200);
    const plan = pv.body.result;
    const members = sim.members();
    expect(members.length).toBeGreaterThan(0);
    expect(plan.counts.create).toBe(members.length);

    const ap = await t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: plan.planId, pairs: [], exclude: [] },
      as(),
    );
    expect(ap.status, ap.body.message).toBe(200);
    const run = await vi.waitFor(
      async () => {
        const res = await t.call(
          'GET',
          `/sys/thirdApp/sync/runs/${ap.body.result.runId}`,
          undefined,
          as(),
        );
        expect(res.status).toBe(200);
        return present(res.body.result.status !== 'running' && res.body.result, 'sync run');
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.account_created).toBe(members.length);

    // Accounts: houseNumber + external userid, members of the tenant.
    const usernames = rowsOf<{ username: string }>(
      await t.db.execute(
        sql`select u.username from users u join memberships m on m.user_id = u.id where m.tenant_id = ${tn.tenant.id}`,
      ),
    ).map((r) => r.username.toLowerCase());
    for (const userid of members)
      expect(usernames).toContain((tn.tenant.houseNumber + userid).toLowerCase());

    // Bindings, as the console lists them for this thirdType.
    const list = await t.call(
      'GET',
      `/sys/thirdApp/bindings?thirdType=${thirdType}&pageSize=100`,
      undefined,
      as(),
    );
    expect(list.status, list.body.message).toBe(200);
    const records = list.body.result.records as { wechatUserId: string; active: boolean }[];
    expect(records.map((r) => r.wechatUserId).sort()).toEqual([...members].sort());
    for (const r of records) expect(r.active).toBe(true);
  });

  /** Our login redirect for `via`, as the provider's app or a desktop browser opens it. */
  async function startSignIn(via: 'qr' | 'in-app', o: { qrParam?: boolean } = {}) {
    const q = new URLSearchParams({ tenantId: String(tn.tenant.id) });
    if (o.qrParam ?? via === 'qr') q.set('qr', '1');
    const res = await hop(t, `/sys/thirdLogin/oauth2/${thirdType}/login?${q.toString()}`, {
      userAgent: via === 'in-app' ? sim.inAppUserAgent : BROWSER_UA,
    });
    expect(res.status).toBe(302);
    expect(res.cookie, res.location).toBeTruthy();
    return res;
  }

  it.each(['qr', 'in-app'] as const)(
    'a bound member signs in (%s) and exchanges the one-time ticket for a session',
    async (via) => {
      const userid = present(sim.activeMembers()[0], 'an active member');
      const started = await startSignIn(via);
      const back = await sim.authorize(started.location, userid, via);
      expect(new URL(back).pathname).toBe(`/sys/thirdLogin/oauth2/${thirdType}/callback`);
      const landed = await hop(t, pathOf(back), { cookie: started.cookie });
      expect(landed.status).toBe(302);
      const fragment = fragmentOf(landed.location);
      expect(fragment.error, JSON.stringify(fragment)).toBeUndefined();
      const ticket = present(fragment.ticket, 'ticket');
      const ex = await t.call('POST', '/sys/thirdLogin/exchange', { ticket });
      expect(ex.status, ex.body.message).toBe(200);
      expect(ex.body.result.userInfo.username.toLowerCase()).toBe(
        (tn.tenant.houseNumber + userid).toLowerCase(),
      );
      expect(ex.body.result.loginTenantId).toBe(tn.tenant.id);
      // One time only.
      const again = await t.call('POST', '/sys/thirdLogin/exchange', { ticket });
      expect(again.status).toBe(401);
    },
  );

  it("a plain browser without ?qr=1 goes to the provider's default sign-in; its app to the in-app one", async () => {
    const started = await startSignIn('qr', { qrParam: false });
    const inApp = await startSignIn('in-app', { qrParam: false });
    const qr = await startSignIn('qr');
    const origin = (u: string) => new URL(u).origin + new URL(u).pathname;
    // From the provider's own app: its in-app sign-in, never the QR page.
    expect(origin(inApp.location)).not.toBe(origin(qr.location));
    if (sim.browserDefault === 'qr') expect(origin(started.location)).toBe(origin(qr.location));
    else expect(origin(started.location)).toBe(origin(inApp.location));
  });

  it('refuses a state issued for this provider on another provider’s callback', async () => {
    const other = present(
      CONNECTOR_CASES.find((c) => c.thirdType !== thirdType),
      'another connector',
    ).thirdType;
    const userid = present(sim.activeMembers()[0], 'an active member');
    const started = await startSignIn('qr');
    const back = new URL(await sim.authorize(started.location, userid, 'qr'));
    back.pathname = `/sys/thirdLogin/oauth2/${other}/callback`;
    const landed = await hop(t, pathOf(back.toString()), { cookie: started.cookie });
    expect(fragmentOf(landed.location)).toMatchObject({ error: 'state_invalid' });
    // …and the state is used up: it does not work on its own callback afterwards either.
    back.pathname = `/sys/thirdLogin/oauth2/${thirdType}/callback`;
    const retried = await hop(t, pathOf(back.toString()), { cookie: started.cookie });
    expect(fragmentOf(retried.location).ticket).toBeUndefined();
  });

  it('sendMessageTest with the connector’s app name lands in a synced member’s inbox', async () => {
    const userid = present(sim.activeMembers()[1], 'an active member');
    const content = `维护通知 ${thirdType} ${Date.now()}`;
    const res = await t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      { app: sim.appName, receiver: tn.tenant.houseNumber + userid, content },
      as(),
    );
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.result.unbound).toEqual([]);
    await vi.waitFor(() => expect(sim.inbox(userid).join('\n')).toContain(content), {
      timeout: 5_000,
    });
  });
});
