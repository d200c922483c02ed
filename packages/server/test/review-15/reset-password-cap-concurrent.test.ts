import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema';
import { RESET_LIMIT } from '../../src/modules/users/users.reset-password';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';

/**
 * Review of issue 15 (password help). The reset cap (RESET_LIMIT: 20 per admin and tenant per
 * hour) exists so that a stolen admin session cannot sign a whole tenant out in a loop
 * (users.reset-password.ts). Attack: send the resets in parallel instead of in a loop. The cap
 * is counted from the audit trail before the ~100 ms scrypt hash and outside the transaction
 * that writes the entry, so every request counts the same "0 so far" and all of them pass.
 *
 * Expected: whatever the concurrency, at most RESET_LIMIT resets succeed within the hour; the
 * rest answer 429 `users.too_many_password_resets`.
 */
let t: TestApp;
let c: TestTenant;
let adminC: TestUser;
const victims: TestUser[] = [];
const N = RESET_LIMIT.perHour + 10;

beforeAll(async () => {
  t = await buildTestApp();
  c = await t.factories.tenant();
  adminC = await t.factories.user(c.id, { role: 'admin' });
  for (let i = 0; i < N; i++) victims.push(await t.factories.user(c.id));
});
afterAll(() => t?.close());

it(`lets no more than ${RESET_LIMIT.perHour} parallel resets through`, async () => {
  const answers = await Promise.all(
    victims.map((v) =>
      t.call(
        'POST',
        '/sys/user/resetPassword',
        { userId: v.id },
        {
          token: adminC.token,
          tenantId: c.id,
        },
      ),
    ),
  );
  const ok = answers.filter((r) => r.status === 200).length;
  const capped = answers.filter((r) => r.status === 429).length;
  const [row] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, c.id), eq(auditLog.action, 'user.reset_password')));
  expect({ ok, capped, audited: row!.n }).toEqual({
    ok: RESET_LIMIT.perHour,
    capped: N - RESET_LIMIT.perHour,
    audited: RESET_LIMIT.perHour,
  });
});
