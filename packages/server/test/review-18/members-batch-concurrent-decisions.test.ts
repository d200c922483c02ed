import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MEMBERSHIP_STATUS, auditLog, memberships } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';

/**
 * Review 18 (batch routes). Two administrators of one tenant review the same pending members
 * (审核中) at the same moment: one approves the lot with POST /sys/tenant/members/batch, the
 * other refuses it. Each item is meant to be decided once — the second decision reads
 * `members.not_pending`. Attack: a refusal took no lock and its update had no status
 * condition, so on PostgreSQL a refusal racing an approval (or another refusal) both "won":
 * two audit entries for one member, and the membership ended in whichever wrote last.
 *
 * Expected: per member exactly one decision is applied and audited, it matches the final
 * status, and the two answers together report each member done once.
 */
let t: TestApp;
let c: TestTenant;
let admin1: TestUser;
let admin2: TestUser;
const pending: TestUser[] = [];
const N = 30;

beforeAll(async () => {
  t = await buildTestApp();
  c = await t.factories.tenant();
  admin1 = await t.factories.user(c.id, { role: 'admin' });
  admin2 = await t.factories.user(c.id, { role: 'admin' });
  for (let i = 0; i < N; i++) pending.push(await t.factories.user(c.id));
  await t.db
    .update(memberships)
    .set({ status: MEMBERSHIP_STATUS.pending })
    .where(
      and(
        eq(memberships.tenantId, c.id),
        inArray(
          memberships.userId,
          pending.map((u) => u.id),
        ),
      ),
    );
});
afterAll(() => t?.close());

it('decides each pending member once when two admins approve and refuse it concurrently', async () => {
  const userIds = pending.map((u) => u.id);
  const batch = (token: string, action: 'approve' | 'refuse') =>
    t.call('POST', '/sys/tenant/members/batch', { action, userIds }, { token, tenantId: c.id });
  const answers = await Promise.all([
    batch(admin1.token, 'approve'),
    batch(admin2.token, 'refuse'),
    batch(admin1.token, 'refuse'),
  ]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  const done = answers.reduce(
    (n, a) => n + (a.body as { result: { done: number } }).result.done,
    0,
  );

  const entries = await t.db
    .select({ action: auditLog.action, targetId: auditLog.targetId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, c.id),
        inArray(auditLog.action, ['member.approve', 'member.refuse']),
      ),
    );
  const rows = await t.db
    .select({ userId: memberships.userId, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.tenantId, c.id), inArray(memberships.userId, userIds)));

  const wrong = rows.filter((r) => {
    const mine = entries.filter((e) => e.targetId === String(r.userId));
    const expected =
      mine.length === 1
        ? mine[0]!.action === 'member.approve'
          ? MEMBERSHIP_STATUS.normal
          : MEMBERSHIP_STATUS.refused
        : null;
    return mine.length !== 1 || r.status !== expected;
  });
  expect({ done, audited: entries.length, wrong: wrong.length }).toEqual({
    done: N,
    audited: N,
    wrong: 0,
  });
});
