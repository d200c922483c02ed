import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';

/**
 * Review 18 (batch routes). Two administrators freeze the same members at the same moment with
 * POST /sys/user/batchFreeze (a double click, or two admins on one list). The single freeze
 * re-reads the membership "after the lock" and skips a member already frozen — but the lock it
 * takes is on the tenant's active admins only, so for a plain member nothing serialised the two
 * and on PostgreSQL both transactions saw "not frozen yet" and both wrote a `user.freeze` audit
 * entry; unfreezing took no lock at all.
 *
 * Expected: one `user.freeze` entry per member frozen, then one `user.unfreeze` per member
 * unfrozen, however many identical batches run at once.
 */
let t: TestApp;
let c: TestTenant;
let admin1: TestUser;
let admin2: TestUser;
const members: TestUser[] = [];
const N = 30;

beforeAll(async () => {
  t = await buildTestApp();
  c = await t.factories.tenant();
  admin1 = await t.factories.user(c.id, { role: 'admin' });
  admin2 = await t.factories.user(c.id, { role: 'admin' });
  for (let i = 0; i < N; i++) members.push(await t.factories.user(c.id));
});
afterAll(() => t?.close());

async function concurrently(frozen: boolean) {
  const userIds = members.map((u) => u.id);
  const batch = (token: string) =>
    t.call('POST', '/sys/user/batchFreeze', { userIds, frozen }, { token, tenantId: c.id });
  const answers = await Promise.all([
    batch(admin1.token),
    batch(admin2.token),
    batch(admin1.token),
  ]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
}

async function audited(action: string) {
  const rows = await t.db
    .select({ targetId: auditLog.targetId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, c.id),
        eq(auditLog.action, action),
        inArray(
          auditLog.targetId,
          members.map((m) => String(m.id)),
        ),
      ),
    );
  return rows.length;
}

it('audits one freeze and one unfreeze per member when identical batches race', async () => {
  await concurrently(true);
  await concurrently(false);
  expect({
    freeze: await audited('user.freeze'),
    unfreeze: await audited('user.unfreeze'),
  }).toEqual({ freeze: N, unfreeze: N });
});
