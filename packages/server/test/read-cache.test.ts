import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { Changes } from '../src/db/changes';
import { memberships, sessions, tenants, thirdAppConfigs, users } from '../src/db/schema';
import { cacheReads } from '../src/lib/read-cache';
import { buildTestApp, type ApiResponse, type TestApp } from './build-test-app';
import { bindMember } from './factories/bindings';
import { activeSimUserIds } from './factories/messages';
import { usePostgres } from './test-db';

describe('cacheReads', () => {
  it('serves hits until the clock moves, drops a value read across a change, keeps no misses', async () => {
    let version = 0;
    const clock: Changes = {
      ttlMs: 60_000,
      stamp: () => version,
      changed: () => void (version += 1),
      listening: () => true,
      recheck: async () => {},
      close: async () => {},
    };
    const store = new Map([['a', 1]]);
    let loads = 0;
    const get = cacheReads(
      async (k: string) => {
        loads += 1;
        const v = store.get(k);
        if (k === 'slow') version += 1; // a write lands while this read runs
        return v;
      },
      (k) => k,
      clock,
      { tables: ['users'] },
    );
    expect(await get('a')).toBe(1);
    expect(await get('a')).toBe(1);
    expect(loads).toBe(1);
    store.set('a', 2);
    version += 1;
    expect(await get('a')).toBe(2);
    expect(loads).toBe(2);
    expect(await get('missing')).toBeUndefined();
    expect(await get('missing')).toBeUndefined();
    expect(loads).toBe(4);
    store.set('slow', 9);
    await get('slow');
    await get('slow');
    expect(loads).toBe(6);
  });

  it('is the loader itself without a change feed', () => {
    const load = async () => 1;
    expect(cacheReads(load, String, undefined, { tables: ['users'] })).toBe(load);
  });

  it('keeps nothing past its TTL, even when no change was heard', async () => {
    {
      const clock: Changes = {
        ttlMs: 60_000,
        stamp: () => 0,
        changed: () => {},
        listening: () => true,
        recheck: async () => {},
        close: async () => {},
      };
      let loads = 0;
      const get = cacheReads(async () => ++loads, String, clock, { tables: ['users'], ttlMs: 60 });
      expect(await get('a')).toBe(1);
      expect(await get('a')).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(await get('a')).toBe(2);
    }
  });
});

/**
 * The request path's session, tenant and config lookups are cached on both databases; every
 * revocation made through the API applies to the very next request, and one written straight to
 * the database as soon as its notification is heard.
 */
describe('request-path lookups and revocation', () => {
  let t: TestApp;
  let sim: Simulator;
  /** A push by the admin of a tenant connected to the simulator, to themselves. */
  let send: () => Promise<ApiResponse>;
  let wecomTenantId: number;
  beforeAll(async () => {
    sim = await startSimulator({ users: 20, departments: 3, seed: 5, latencyMs: 0 });
    t = await buildTestApp({
      config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
    });
    const { tenant, admin } = await withWeComTenant(t, sim);
    wecomTenantId = tenant.id;
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: admin.id,
      corpId: sim.credentials.corpId,
      extUserId: activeSimUserIds(sim)[0]!,
    });
    send = () =>
      t.call(
        'POST',
        '/sys/thirdApp/sendMessageTest',
        { app: 'WECHAT_ENTERPRISE', receiver: admin.username, content: 'hi' },
        { token: admin.token },
      );
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  const me = (token: string) => t.call('GET', '/sys/user/me', undefined, { token });

  it.skipIf(usePostgres())(
    'a repeated request reads no session, tenant or config row',
    async () => {
      expect((await send()).status).toBe(200);
      const client = (t.db as unknown as { $client: PGlite }).$client;
      const spy = vi.spyOn(client, 'query');
      // The message log goes through prepared statements (db/prepared.ts): raw protocol messages.
      const protocol = vi.spyOn(client, 'execProtocol');
      try {
        expect((await send()).status).toBe(200);
        const texts = spy.mock.calls.map((c) => String(c[0]));
        expect(texts.filter((q) => /from "sessions"/.test(q))).toEqual([]);
        expect(texts.filter((q) => /join "tenants"/.test(q))).toEqual([]);
        expect(texts.filter((q) => /from "third_app_configs"/.test(q))).toEqual([]);
        const sent = protocol.mock.calls.map((c) => Buffer.from(c[0]).toString('latin1'));
        expect(sent.some((m) => /sessions|third_app_configs|tenants/.test(m))).toBe(false);
        expect(sent.length).toBeGreaterThan(0); // the message log is still written
      } finally {
        spy.mockRestore();
        protocol.mockRestore();
      }
    },
  );

  /**
   * A write made straight to the database (not through a service, which says what it changed) is
   * heard through the table's notification: before the write's call returns on PGlite, within
   * milliseconds on PostgreSQL.
   */
  async function heard<T>(fn: () => Promise<T>, expected: T) {
    if (usePostgres()) await expect.poll(fn, { timeout: 1_000, interval: 5 }).toEqual(expected);
    else expect(await fn()).toEqual(expected);
  }

  it('sign-out, an expired session and a frozen account apply to the next request', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const user = await t.factories.user(tenant.id);
    expect((await me(user.token)).status).toBe(200);
    await t.db.update(users).set({ status: 2 }).where(eq(users.id, user.id));
    await heard(async () => (await me(user.token)).body.errorCode, 'auth.user_frozen');
    await t.db.update(users).set({ status: 1 }).where(eq(users.id, user.id));
    await heard(async () => (await me(user.token)).status, 200);

    // Through the API: the very next request, on both databases.
    const freeze = (frozen: boolean) =>
      t.call(
        'POST',
        '/sys/user/freeze',
        { userId: user.id, frozen },
        { token: admin.token, tenantId: tenant.id },
      );
    // Freezing is per tenant: the member can no longer act in it.
    const current = () =>
      t.call('GET', '/sys/tenant/current', undefined, { token: user.token, tenantId: tenant.id });
    expect((await current()).status).toBe(200);
    expect((await freeze(true)).status).toBe(200);
    expect((await current()).status).toBe(403);
    expect((await freeze(false)).status).toBe(200);
    expect((await current()).status).toBe(200);

    const second = await t.login(user.username, user.password);
    expect((await me(second)).status).toBe(200);
    expect((await t.call('POST', '/sys/logout', undefined, { token: second })).status).toBe(200);
    expect((await me(second)).status).toBe(401);

    expect((await me(user.token)).status).toBe(200);
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    await heard(async () => (await me(user.token)).status, 401);
  });

  it('a lost admin role, a quit membership and a frozen tenant apply to the next request', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id, { role: 'admin' });
    const other = await t.factories.user(tenant.id, { role: 'admin' });
    const members = () =>
      t.call('GET', '/sys/tenant/members', undefined, { token: user.token, tenantId: tenant.id });
    expect((await members()).status).toBe(200);
    const mine = and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id));
    await t.db.update(memberships).set({ role: 'member' }).where(mine);
    await heard(async () => (await members()).body.errorCode, 'tenant.admin_required');
    await t.db.update(memberships).set({ role: 'admin' }).where(mine);
    await heard(async () => (await members()).status, 200);
    await t.db.update(tenants).set({ status: 2 }).where(eq(tenants.id, tenant.id));
    await heard(async () => (await members()).body.errorCode, 'tenant.frozen');
    await t.db.update(tenants).set({ status: 1 }).where(eq(tenants.id, tenant.id));
    await heard(async () => (await members()).status, 200);
    // Through the API: the very next request, on both databases.
    const role = (r: 'admin' | 'member') =>
      t.call(
        'POST',
        '/sys/tenant/members/role',
        { userId: user.id, role: r },
        { token: other.token, tenantId: tenant.id },
      );
    expect((await role('member')).status).toBe(200);
    expect((await members()).body.errorCode).toBe('tenant.admin_required');
    expect((await role('admin')).status).toBe(200);
    expect((await members()).status).toBe(200);
    const quit = await t.call(
      'POST',
      '/sys/tenant/quit',
      {},
      { token: user.token, tenantId: tenant.id },
    );
    expect(quit.status).toBe(200);
    expect((await members()).body.errorCode).toBe('tenant.not_member');
  });

  it.runIf(usePostgres())(
    'another process’s freeze and sign-out apply within a second (PostgreSQL)',
    async () => {
      const tenant = await t.factories.tenant();
      const user = await t.factories.user(tenant.id);
      expect((await me(user.token)).status).toBe(200);
      expect((await me(user.token)).status).toBe(200); // now served from memory
      const url = (t.db as unknown as { $client: pg.Pool }).$client.options.connectionString;
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query('update users set status = 2 where id = $1', [user.id]);
        await expect
          .poll(async () => (await me(user.token)).body.errorCode, { timeout: 900, interval: 20 })
          .toBe('auth.user_frozen');
        await other.query('update users set status = 1 where id = $1', [user.id]);
        await expect.poll(async () => (await me(user.token)).status, { timeout: 900 }).toBe(200);
        await other.query('update sessions set revoked_at = now() where user_id = $1', [user.id]);
        await expect.poll(async () => (await me(user.token)).status, { timeout: 900 }).toBe(401);
      } finally {
        await other.end();
      }
    },
  );

  it('a disabled WeCom config applies to the next send', async () => {
    expect((await send()).status).toBe(200);
    await t.db
      .update(thirdAppConfigs)
      .set({ enabled: false })
      .where(eq(thirdAppConfigs.tenantId, wecomTenantId));
    await heard(async () => (await send()).body.errorCode, 'third_app.disabled');
  });
});
