import { eq } from 'drizzle-orm';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_PERMISSIONS } from '../../src/db/schema/api-keys';
import { apiKeys, auditLog, memberships, users } from '../../src/db/schema';
import { API_KEY_PATTERN } from '../../src/modules/api-keys/api-keys.format';
import { createKey, type CreatedKey } from '../../src/modules/api-keys/api-keys.test-harness';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';

/**
 * PRODUCT.md §11 with the trust rules of §7: a key acts for a system, in one tenant, with its
 * permissions only. It never manages keys, users, memberships, tenants or configuration, never
 * signs in or becomes a session, never borrows its creator's powers, never reaches another tenant.
 */
let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let adminA: TestUser;
let memberA: TestUser;
/** Holds every permission there is. */
let key: CreatedKey;
const routes: { method: string; url: string; access: string; apiKey?: string }[] = [];

beforeAll(async () => {
  t = await buildTestApp({
    onRoute: (r: RouteOptions) => {
      const methods = Array.isArray(r.method) ? r.method : [r.method];
      const config = (r.config ?? {}) as { access?: string; apiKey?: string };
      for (const method of methods) {
        if (config.access && method !== 'HEAD')
          routes.push({ method, url: r.url!, access: config.access, apiKey: config.apiKey });
      }
    },
  });
  a = await t.factories.tenant();
  b = await t.factories.tenant();
  adminA = await t.factories.user(a.id, { role: 'admin' });
  memberA = await t.factories.user(a.id);
  await t.factories.user(b.id, { role: 'admin' });
  key = await createKey(t, adminA.token, [...API_KEY_PERMISSIONS]);
});
afterAll(() => t?.close());

const asKey = (tenantId?: number) => ({
  token: key.key,
  ...(tenantId !== undefined ? { tenantId } : {}),
});

describe('an API key holding every permission', () => {
  it('is refused (403) by every route that declares no key permission, before anything runs', async () => {
    const closed = routes.filter((r) => r.access !== 'public' && !r.apiKey);
    // Key, user, membership, tenant and config management are all among them.
    for (const op of [
      '/sys/apiKeys',
      '/sys/user/add',
      '/sys/user/edit',
      '/sys/tenant/members/role',
      '/sys/tenant/switch',
      '/sys/thirdApp/config',
      '/sys/logout',
    ])
      expect(closed.map((r) => r.url)).toContain(op);
    for (const r of closed) {
      const url = r.url.replace(/:\w+/g, '1');
      const res = await t.call(r.method as 'GET', url, {}, asKey());
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
      expect(res.body.errorCode, `${r.method} ${r.url}`).toBe('auth.api_key_forbidden');
    }
  });

  it('only routes of members or admins of a tenant declare a key permission', () => {
    const open = routes.filter((r) => r.apiKey);
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) expect(['member', 'admin'], r.url).toContain(r.access);
  });

  it('cannot create another key, list keys or revoke one', async () => {
    const victim = await createKey(t, adminA.token, ['messages:read']);
    const before = await t.db.select({ id: apiKeys.id }).from(apiKeys);
    const mint = await t.call(
      'POST',
      '/sys/apiKeys',
      { name: 'mine', permissions: ['sync:run'] },
      asKey(),
    );
    expect(mint.status).toBe(403);
    expect(await t.db.select({ id: apiKeys.id }).from(apiKeys)).toHaveLength(before.length);
    expect((await t.call('GET', '/sys/apiKeys', undefined, asKey())).status).toBe(403);
    expect((await t.call('DELETE', `/sys/apiKeys/${victim.id}`, undefined, asKey())).status).toBe(
      403,
    );
    expect((await t.call('DELETE', `/sys/apiKeys/${key.id}`, undefined, asKey())).status).toBe(403);
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, victim.id));
    expect(row!.revokedAt).toBeNull();
  });

  it("cannot edit, freeze or promote accounts, nor reset the creator's password", async () => {
    const attempts: [string, unknown][] = [
      ['/sys/user/edit', { id: memberA.id, realname: 'Owned' }],
      ['/sys/user/freeze', { userId: adminA.id, frozen: true }],
      ['/sys/tenant/members/role', { userId: memberA.id, role: 'admin' }],
      [
        '/sys/user/add',
        { username: 'planted', realname: 'Planted', password: 'password-123', role: 'admin' },
      ],
      ['/sys/user/changePassword', { oldPassword: 'x'.repeat(8), newPassword: 'y'.repeat(12) }],
      ['/sys/user/resetPassword', { userId: adminA.id }],
    ];
    for (const [url, body] of attempts) {
      const res = await t.call('POST', url, body, asKey());
      // 403 from the access hook; 404 only where the route does not exist on this build.
      expect([403, 404], url).toContain(res.status);
      if (res.status === 403) expect(res.body.errorCode).toBe('auth.api_key_forbidden');
    }
    const [m] = await t.db.select().from(memberships).where(eq(memberships.userId, memberA.id));
    expect(m!.role).toBe('member');
    const [u] = await t.db.select().from(users).where(eq(users.id, memberA.id));
    expect(u!.realname).not.toBe('Owned');
    expect(await t.db.select().from(users).where(eq(users.username, 'planted'))).toHaveLength(0);
  });

  it('cannot read the audit log', async () => {
    for (const url of ['/sys/audit', '/sys/audit/export']) {
      const res = await t.call('GET', url, undefined, asKey());
      expect([403, 404], url).toContain(res.status);
      if (res.status === 403) expect(res.body.errorCode).toBe('auth.api_key_forbidden');
    }
  });

  it('cannot switch tenant, join one, or act in another through X-Tenant-Id', async () => {
    const sw = await t.call('POST', '/sys/tenant/switch', { tenantId: b.id }, asKey());
    expect(sw.status).toBe(403);
    const join = await t.call('POST', '/sys/tenant/join', { houseNumber: b.houseNumber }, asKey());
    expect(join.status).toBe(403);
    for (const url of [
      '/sys/user/list',
      '/sys/depart/tree',
      '/sys/thirdApp/messages',
      '/sys/thirdApp/bindings',
    ]) {
      const res = await t.call('GET', url, undefined, asKey(b.id));
      expect(res.status, url).toBe(403);
      expect(res.body.errorCode).toBe('tenant.api_key_scoped');
    }
  });

  it('cannot sign in or act as a session', async () => {
    const asPassword = await t.call('POST', '/sys/login', {
      username: adminA.username,
      password: key.key,
    });
    expect(asPassword.status).toBe(401);
    const asUser = await t.call('POST', '/sys/login', {
      username: `apikey:${key.prefix}`,
      password: key.key,
    });
    expect([400, 401]).toContain(asUser.status);
    for (const [method, url] of [
      ['GET', '/sys/user/me'],
      ['POST', '/sys/logout'],
      ['GET', '/sys/tenant/list'],
    ] as const) {
      const res = await t.call(method, url, undefined, asKey());
      expect(res.status, url).toBe(403);
    }
    // The key still works after all that: logout did not touch it, nothing signed it out.
    expect((await t.call('GET', '/sys/depart/tree', undefined, asKey())).status).toBe(200);
  });

  it('does not carry its creator’s powers: a platform admin’s key is a plain key of one tenant', async () => {
    const platformKey = await createKey(t, t.adminToken, ['directory:read'], { tenantId: a.id });
    const list = await t.call('GET', '/sys/tenant/list', undefined, { token: platformKey.key });
    expect(list.status).toBe(403);
    const add = await t.call(
      'POST',
      '/sys/tenant/add',
      { name: 'Annexed' },
      { token: platformKey.key },
    );
    expect(add.status).toBe(403);
    const other = await t.call('GET', '/sys/user/list', undefined, {
      token: platformKey.key,
      tenantId: b.id,
    });
    expect(other.status).toBe(403);
    const own = await t.call('GET', '/sys/user/list', undefined, { token: platformKey.key });
    expect(own.status).toBe(200);
  });

  it('is recorded when refused, naming the key and never its secret', async () => {
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'api_key.use_denied'));
    const mine = entries.filter((e) => e.actorApiKeyId === key.id);
    expect(mine.length).toBeGreaterThan(5);
    for (const e of mine) {
      expect(e.actorUserId).toBeNull();
      expect(e.details).toMatchObject({ prefix: key.prefix });
      expect(JSON.stringify(e)).not.toContain(key.key.slice(13));
    }
  });
});

describe('key and session tokens', () => {
  it('neither pattern accepts the other, and a session token dressed as a key is refused', async () => {
    expect(API_KEY_PATTERN.test(adminA.token)).toBe(false);
    expect(/^[A-Za-z0-9_-]{43}$/.test(key.key)).toBe(false);
    const dressed = `${key.prefix}_${adminA.token}`;
    expect(API_KEY_PATTERN.test(dressed)).toBe(true);
    const res = await t.call('GET', '/sys/depart/tree', undefined, { token: dressed });
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('auth.api_key_invalid');
  });

  it("no account can take a key's sender name", async () => {
    const res = await t.call(
      'POST',
      '/sys/user/add',
      { username: `apikey:${key.prefix}`, realname: 'Impostor', password: 'password-123' },
      { token: adminA.token },
    );
    expect(res.status).toBe(400);
  });
});
