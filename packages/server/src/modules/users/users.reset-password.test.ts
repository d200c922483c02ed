import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';

/**
 * PRODUCT.md §11 password help: a tenant admin resets the password of the tenant's own account;
 * the answer is a one-time password shown once, every session of that person ends, and the next
 * sign-in must change it. Works for WeCom-only accounts (no password before).
 */
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  tenant = await t.factories.tenant();
  admin = await t.factories.user(tenant.id, { role: 'admin' });
});
afterAll(() => t?.close());

const reset = (userId: number, by: TestUser = admin) =>
  t.call('POST', '/sys/user/resetPassword', { userId }, { token: by.token, tenantId: tenant.id });

const loginRaw = (username: string, password: string) =>
  t.call('POST', '/sys/login', { username, password });

describe('POST /sys/user/resetPassword', () => {
  it('answers a readable one-time password, shown once and not cached', async () => {
    const u = await t.factories.user(tenant.id);
    const res = await reset(u.id);
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.result.password).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{16}$/);
    expect(res.headers['cache-control']).toBe('no-store');
    // Each reset is a fresh secret.
    const again = await reset(u.id);
    expect(again.body.result.password).not.toBe(res.body.result.password);
  });

  it('ends every session of the person; the one-time password forces a change at sign-in', async () => {
    const u = await t.factories.user(tenant.id);
    const second = await t.login(u.username, u.password);
    const res = await reset(u.id);
    const otp = res.body.result.password as string;
    for (const token of [u.token, second]) {
      expect((await t.call('GET', '/sys/user/me', undefined, { token })).status).toBe(401);
    }
    expect((await loginRaw(u.username, u.password)).status).toBe(401);

    const signedIn = await loginRaw(u.username, otp);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.result.userInfo.mustChangePassword).toBe(true);
    const token = signedIn.body.result.token as string;
    const blocked = await t.call('GET', '/sys/user/list', undefined, {
      token,
      tenantId: tenant.id,
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body.errorCode).toBe('auth.password_change_required');

    const changed = await t.call(
      'POST',
      '/sys/user/changePassword',
      { oldPassword: otp, newPassword: 'my-own-secret-9' },
      { token },
    );
    expect(changed.status, changed.body.message).toBe(200);
    const list = await t.call('GET', '/sys/user/list', undefined, { token, tenantId: tenant.id });
    expect(list.status).toBe(200);
    expect((await loginRaw(u.username, otp)).status).toBe(401);
  });

  it('gives a WeCom-only account (no password) one to sign in with', async () => {
    const u = await t.factories.user(tenant.id);
    await t.db.update(users).set({ passwordHash: null }).where(eq(users.id, u.id));
    const res = await reset(u.id);
    expect(res.status).toBe(200);
    const signedIn = await loginRaw(u.username, res.body.result.password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.result.userInfo).toMatchObject({
      mustChangePassword: true,
      hasPassword: true,
    });
  });

  it('writes exactly one audit entry, with actor and target and never the password', async () => {
    const u = await t.factories.user(tenant.id);
    const res = await reset(u.id);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.reset_password'), eq(auditLog.targetId, String(u.id))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenantId: tenant.id,
      actorUserId: admin.id,
      actorApiKeyId: null,
      targetType: 'user',
    });
    expect(JSON.stringify(rows[0])).not.toContain(res.body.result.password);
  });

  it('refuses the caller’s own account: they change it with the current one', async () => {
    const res = await reset(admin.id);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('users.reset_own_password');
  });

  it('refuses a bad body with 400', async () => {
    for (const body of [{}, { userId: 'x' }, { userId: -1 }]) {
      const res = await t.call('POST', '/sys/user/resetPassword', body, {
        token: admin.token,
        tenantId: tenant.id,
      });
      expect(res.status).toBe(400);
    }
  });
});
