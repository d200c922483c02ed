import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { DEFAULT_PASSWORD, uniq } from '../../../test/factories';
import { TEST_ADMIN_PASSWORD } from '../../../test/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('POST /sys/login', () => {
  it('returns a token, the tenant list and the login tenant for the bootstrap admin', async () => {
    const res = await t.call('POST', '/sys/login', {
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, code: 200 });
    const r = res.body.result;
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.userInfo).toMatchObject({
      username: 'admin',
      isPlatformAdmin: true,
      mustChangePassword: false,
    });
    expect(r.tenantList).toEqual([
      expect.objectContaining({
        id: 0,
        name: '默认租户',
        role: 'admin',
        status: 1,
        houseNumber: expect.stringMatching(/^[A-Z0-9]{6}$/),
      }),
    ]);
    expect(r.loginTenantId).toBe(0);
  });

  it('answers unknown user and wrong password with the same 401', async () => {
    const unknown = await t.call('POST', '/sys/login', {
      username: uniq('nobody'),
      password: 'whatever-1',
    });
    const wrong = await t.call('POST', '/sys/login', {
      username: 'admin',
      password: 'not-the-password',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.errorCode).toBe('auth.invalid_credentials');
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.requestId).toBeTruthy();
  });

  it('throttles a username after 5 failures with 429 and Retry-After, even for the right password', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.call('POST', '/sys/login', { username: user.username, password: 'wrong-pass' }))
          .status,
      ).toBe(401);
    }
    const res = await t.call('POST', '/sys/login', {
      username: user.username,
      password: DEFAULT_PASSWORD,
    });
    expect(res.status).toBe(429);
    expect(res.body.errorCode).toBe('auth.too_many_attempts');
    expect(res.body.message).toMatch(/Try again in \d+ minute/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('refuses a frozen account with 403', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    await t.db.update(users).set({ status: 2 }).where(eq(users.id, user.id));
    const res = await t.call('POST', '/sys/login', {
      username: user.username,
      password: DEFAULT_PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('auth.user_frozen');
    expect((await t.call('GET', '/sys/user/me', undefined, { token: user.token })).status).toBe(
      403,
    );
  });
});

describe('sessions', () => {
  it('logout revokes the token', async () => {
    const token = await t.login('admin', TEST_ADMIN_PASSWORD);
    expect((await t.call('GET', '/sys/user/me', undefined, { token })).status).toBe(200);
    expect((await t.call('POST', '/sys/logout', undefined, { token })).status).toBe(200);
    const after = await t.call('GET', '/sys/user/me', undefined, { token });
    expect(after.status).toBe(401);
    expect(after.body.errorCode).toBe('auth.token_invalid');
  });

  it('rejects missing and malformed tokens with 401', async () => {
    expect((await t.call('GET', '/sys/user/me')).body.errorCode).toBe('auth.token_missing');
    for (const token of ['x', 'a'.repeat(43), '../../etc/passwd', "' or 1=1 --"]) {
      const res = await t.call('GET', '/sys/user/me', undefined, { token });
      expect(res.status).toBe(401);
    }
  });

  it('GET /sys/user/me lists every membership including pending ones', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const other = await t.factories.tenant();
    expect(
      (
        await t.call(
          'POST',
          '/sys/tenant/join',
          { houseNumber: other.houseNumber },
          { token: user.token },
        )
      ).status,
    ).toBe(200);
    const me = await t.call('GET', '/sys/user/me', undefined, { token: user.token });
    expect(me.body.result.currentTenantId).toBe(tenant.id);
    expect(me.body.result.tenantList).toEqual([
      expect.objectContaining({ id: tenant.id, status: 1, role: 'member' }),
      expect.objectContaining({ id: other.id, status: 3 }),
    ]);
  });
});

describe('POST /sys/user/changePassword', () => {
  it('checks the old password, enforces 8 characters and signs out other sessions', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const second = await t.login(user.username, user.password);

    const wrongOld = await t.call(
      'POST',
      '/sys/user/changePassword',
      { oldPassword: 'nope-nope', newPassword: 'brand-new-1' },
      { token: user.token },
    );
    expect(wrongOld.body.errorCode).toBe('auth.wrong_password');
    const short = await t.call(
      'POST',
      '/sys/user/changePassword',
      { oldPassword: user.password, newPassword: 'short' },
      { token: user.token },
    );
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('newPassword');

    const ok = await t.call(
      'POST',
      '/sys/user/changePassword',
      { oldPassword: user.password, newPassword: 'brand-new-1' },
      { token: user.token },
    );
    expect(ok.status).toBe(200);
    expect((await t.call('GET', '/sys/user/me', undefined, { token: second })).status).toBe(401);
    expect((await t.call('GET', '/sys/user/me', undefined, { token: user.token })).status).toBe(
      200,
    );
    expect(
      (await t.call('POST', '/sys/login', { username: user.username, password: user.password }))
        .status,
    ).toBe(401);
    await t.login(user.username, 'brand-new-1');
  });

  it('blocks everything but me/logout/changePassword until a required change is done', async () => {
    const tenant = await t.factories.tenant();
    const username = uniq('forced');
    await t.call(
      'POST',
      '/sys/user/add',
      { username, realname: 'Forced', password: DEFAULT_PASSWORD, mustChangePassword: true },
      { token: t.adminToken, tenantId: tenant.id },
    );
    const login = await t.call('POST', '/sys/login', { username, password: DEFAULT_PASSWORD });
    expect(login.body.result.userInfo.mustChangePassword).toBe(true);
    const token = login.body.result.token;

    const blocked = await t.call('GET', '/sys/user/list', undefined, { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.errorCode).toBe('auth.password_change_required');
    expect((await t.call('GET', '/sys/user/me', undefined, { token })).status).toBe(200);

    await t.call(
      'POST',
      '/sys/user/changePassword',
      { oldPassword: DEFAULT_PASSWORD, newPassword: 'changed-pass-1' },
      { token },
    );
    expect((await t.call('GET', '/sys/user/list', undefined, { token })).status).toBe(200);
    const me = await t.call('GET', '/sys/user/me', undefined, { token });
    expect(me.body.result.userInfo.mustChangePassword).toBe(false);
  });
});

describe('X-Tenant-Id', () => {
  it('rejects a non-integer header with 400, an unknown tenant and a foreign one with 403', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const foreign = await t.factories.tenant();
    const bad = await t.call('GET', '/sys/tenant/current', undefined, {
      token: user.token,
      tenantId: 'abc',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('tenant.invalid_id');
    const unknown = await t.call('GET', '/sys/tenant/current', undefined, {
      token: user.token,
      tenantId: 987654,
    });
    const notMine = await t.call('GET', '/sys/tenant/current', undefined, {
      token: user.token,
      tenantId: foreign.id,
    });
    expect(unknown.status).toBe(403);
    expect(notMine.status).toBe(403);
    expect(unknown.body.errorCode).toBe(notMine.body.errorCode);
    const huge = await t.call('GET', '/sys/tenant/current', undefined, {
      token: user.token,
      tenantId: '99999999999',
    });
    expect(huge.status).toBe(403);
  });

  it('defaults to the session tenant and lets a platform admin act in any tenant', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    expect(
      (await t.call('GET', '/sys/tenant/current', undefined, { token: user.token })).body.result,
    ).toMatchObject({ id: tenant.id, role: 'member' });
    const asAdmin = await t.call('GET', '/sys/tenant/current', undefined, {
      token: t.adminToken,
      tenantId: tenant.id,
    });
    expect(asAdmin.body.result).toMatchObject({ id: tenant.id, role: 'admin' });
  });
});
