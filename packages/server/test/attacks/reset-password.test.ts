import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/db/schema';
import { hashToken } from '../../src/modules/auth/auth.service';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';

/**
 * Who may reset whose password (PRODUCT.md §7, §11): a tenant admin, on the tenant's own
 * accounts only. Never another tenant's account, a shared one, a pending one, a platform
 * administrator, or from a member; a connector-scoped session stays in its tenant; resets are
 * capped per admin so a stolen admin session cannot lock a whole tenant out in a loop.
 */
let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let adminA: TestUser;
let adminB: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  a = await t.factories.tenant();
  b = await t.factories.tenant();
  adminA = await t.factories.user(a.id, { role: 'admin' });
  adminB = await t.factories.user(b.id, { role: 'admin' });
});
afterAll(() => t?.close());

const reset = (userId: number, token: string, tenantId: number) =>
  t.call('POST', '/sys/user/resetPassword', { userId }, { token, tenantId });
const hashOf = async (id: number) =>
  (await t.db.select().from(users).where(eq(users.id, id)))[0]!.passwordHash;

/** Pending in A after asking to join, active in B. */
async function joinerOfA(): Promise<TestUser> {
  const u = await t.factories.user(b.id);
  const res = await t.call(
    'POST',
    '/sys/tenant/join',
    { houseNumber: a.houseNumber },
    { token: u.token },
  );
  expect(res.status).toBe(200);
  return u;
}

/** A session a WeCom sign-in would open: scoped to `tenantId` (written as auth.service does). */
async function connectorSession(userId: number, tenantId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await t.db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    currentTenantId: tenantId,
    scopeTenantId: tenantId,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  return token;
}

async function expectRefused(
  res: Awaited<ReturnType<typeof reset>>,
  status: number,
  code: string,
  userId: number,
  before: string | null,
) {
  expect(res.status, res.body.message).toBe(status);
  expect(res.body.errorCode).toBe(code);
  expect(res.body.result).toBeNull();
  expect(await hashOf(userId)).toBe(before);
}

describe('password reset refuses what is not the tenant’s own', () => {
  it('another tenant’s user reads as not found', async () => {
    const victim = await t.factories.user(b.id);
    const before = await hashOf(victim.id);
    await expectRefused(
      await reset(victim.id, adminA.token, a.id),
      404,
      'users.not_found',
      victim.id,
      before,
    );
    // Still usable by its owner.
    expect((await t.call('GET', '/sys/user/me', undefined, { token: victim.token })).status).toBe(
      200,
    );
  });

  it('a shared account (active in another tenant too) is its owner’s', async () => {
    const u = await joinerOfA();
    const ok = await t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: u.id },
      { token: adminA.token, tenantId: a.id },
    );
    expect(ok.status).toBe(200);
    const before = await hashOf(u.id);
    await expectRefused(
      await reset(u.id, adminA.token, a.id),
      403,
      'policy.not_own_account',
      u.id,
      before,
    );
    await expectRefused(
      await reset(u.id, adminB.token, b.id),
      403,
      'policy.not_own_account',
      u.id,
      before,
    );
  });

  it('a pending member is not the tenant’s to edit', async () => {
    const u = await joinerOfA();
    const before = await hashOf(u.id);
    await expectRefused(
      await reset(u.id, adminA.token, a.id),
      403,
      'policy.membership_inactive',
      u.id,
      before,
    );
  });

  it('a platform administrator’s account, even by another platform administrator', async () => {
    const adminRow = (await t.db.select().from(users).where(eq(users.username, 'admin')))[0]!;
    // The platform admin created tenant A, so it is an active admin member there.
    const before = await hashOf(adminRow.id);
    await expectRefused(
      await reset(adminRow.id, adminA.token, a.id),
      403,
      'policy.platform_admin',
      adminRow.id,
      before,
    );

    const other = await t.factories.user(a.id);
    await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, other.id));
    const otherBefore = await hashOf(other.id);
    await expectRefused(
      await reset(other.id, t.adminToken, a.id),
      403,
      'policy.platform_admin',
      other.id,
      otherBefore,
    );
  });

  it('a member is not an admin', async () => {
    const member = await t.factories.user(a.id);
    const victim = await t.factories.user(a.id);
    const before = await hashOf(victim.id);
    await expectRefused(
      await reset(victim.id, member.token, a.id),
      403,
      'tenant.admin_required',
      victim.id,
      before,
    );
  });

  it('a connector-scoped admin session acts in its tenant only, without platform rights', async () => {
    const own = await t.factories.user(a.id);
    const scopedAdminA = await connectorSession(adminA.id, a.id);
    expect((await reset(own.id, scopedAdminA, a.id)).status).toBe(200);

    const inB = await t.factories.user(b.id);
    const before = await hashOf(inB.id);
    const other = await reset(inB.id, scopedAdminA, b.id);
    expect(other.status).toBe(403);
    expect(await hashOf(inB.id)).toBe(before);

    // The platform admin signed in through A's connector is just A's admin: no shared accounts.
    const adminRow = (await t.db.select().from(users).where(eq(users.username, 'admin')))[0]!;
    const scopedPlatform = await connectorSession(adminRow.id, a.id);
    const shared = await joinerOfA();
    await t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: shared.id },
      { token: adminA.token, tenantId: a.id },
    );
    const sharedBefore = await hashOf(shared.id);
    await expectRefused(
      await reset(shared.id, scopedPlatform, a.id),
      403,
      'policy.not_own_account',
      shared.id,
      sharedBefore,
    );
  });

  it('caps resets per admin and tenant (429), and says when to retry', async () => {
    const c = await t.factories.tenant();
    const adminC = await t.factories.user(c.id, { role: 'admin' });
    const victim = await t.factories.user(c.id);
    let last = await reset(victim.id, adminC.token, c.id);
    for (let i = 0; i < 30 && last.status === 200; i++)
      last = await reset(victim.id, adminC.token, c.id);
    expect(last.status).toBe(429);
    expect(last.body.errorCode).toBe('users.too_many_password_resets');
    expect(last.body.details?.retryAfterSeconds).toBeGreaterThan(0);
    // Another admin's budget is their own.
    const adminC2 = await t.factories.user(c.id, { role: 'admin' });
    expect((await reset(victim.id, adminC2.token, c.id)).status).toBe(200);
  });
});
