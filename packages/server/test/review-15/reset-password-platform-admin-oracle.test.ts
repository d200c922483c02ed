import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';

/**
 * Review of issue 15 (password help). Attack: a tenant admin of B walks user ids through
 * POST /sys/user/resetPassword. Ids of accounts outside B answer 404 `users.not_found`
 * (PRODUCT.md §7: an account outside the tenant is not shown to it at all) — except a platform
 * administrator's, which answers 403 `policy.platform_admin` even when that administrator is no
 * member of B. The tenant admin learns which accounts run the platform (the targets worth
 * phishing) without any membership in common.
 *
 * Expected: an account outside the tenant reads as not found whatever it is, as for any other
 * outsider; `policy.platform_admin` only for a platform administrator who is a member here.
 */
let t: TestApp;
let b: TestTenant;
let adminB: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  await t.factories.tenant();
  b = await t.factories.tenant();
  adminB = await t.factories.user(b.id, { role: 'admin' });
});
afterAll(() => t?.close());

it('a platform administrator outside the tenant reads as not found, like any outsider', async () => {
  // A platform administrator who is no member of B (the seeded one created only the first tenant).
  const other = await t.factories.tenant();
  const pa = await t.factories.user(other.id);
  await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, pa.id));
  const plain = await t.factories.user(other.id);

  const outsider = await t.call(
    'POST',
    '/sys/user/resetPassword',
    { userId: plain.id },
    { token: adminB.token, tenantId: b.id },
  );
  expect(outsider.status).toBe(404);
  expect(outsider.body.errorCode).toBe('users.not_found');

  const platformAdmin = await t.call(
    'POST',
    '/sys/user/resetPassword',
    { userId: pa.id },
    { token: adminB.token, tenantId: b.id },
  );
  // Today: 403 policy.platform_admin — the id is revealed as a platform administrator's.
  expect(platformAdmin.status).toBe(outsider.status);
  expect(platformAdmin.body.errorCode).toBe(outsider.body.errorCode);
});
