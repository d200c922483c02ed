import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBERSHIP_STATUS, memberships } from '../../src/db/schema';
import { buildTestApp, type ApiResponse, type TestApp } from '../build-test-app';
import type { TestUser } from '../factories';

/**
 * A tenant never loses its last administrator, also when two admins act at once: the check runs
 * inside the transaction that demotes, freezes or ends the membership, under a lock of the
 * tenant's admin rows. Checked outside it, both of two concurrent demotions saw "two admins" and
 * both went through, leaving the tenant with none.
 */
let t: TestApp;
let platformAdminId: number;
beforeAll(async () => {
  t = await buildTestApp();
  const me = await t.call('GET', '/sys/user/me', undefined, { token: t.adminToken });
  platformAdminId = me.body.result.userInfo.id;
});
afterAll(() => t?.close());

const ROUNDS = 6;

/** A tenant whose only admins are `x` and `y` (the creating platform admin stepped down). */
async function twoAdmins() {
  const tenant = await t.factories.tenant();
  const x = await t.factories.user(tenant.id, { role: 'admin' });
  const y = await t.factories.user(tenant.id, { role: 'admin' });
  const down = await t.call(
    'POST',
    '/sys/tenant/members/role',
    { userId: platformAdminId, role: 'member' },
    { token: t.adminToken, tenantId: tenant.id },
  );
  expect(down.status).toBe(200);
  return { tenantId: tenant.id, x, y };
}

const activeAdmins = async (tenantId: number) =>
  (
    await t.db
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.tenantId, tenantId),
          eq(memberships.role, 'admin'),
          eq(memberships.status, MEMBERSHIP_STATUS.normal),
          eq(memberships.frozen, false),
        ),
      )
  ).length;

type Act = (by: TestUser, other: TestUser, tenantId: number) => Promise<ApiResponse>;

/** Both admins act against each other (or themselves) at once, several times over. */
async function race(act: Act) {
  for (let round = 0; round < ROUNDS; round++) {
    const { tenantId, x, y } = await twoAdmins();
    const results = await Promise.all([act(x, y, tenantId), act(y, x, tenantId)]);
    expect(await activeAdmins(tenantId), `round ${round}`).toBeGreaterThanOrEqual(1);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0], `round ${round}: one went through`).toBe(200);
    // The other is refused: the last admin (409), or no longer an admin at all (403).
    expect([403, 409], `round ${round}`).toContain(statuses[1]);
  }
}

describe('the last administrator under concurrency', () => {
  it('two admins demoting each other at once leave one admin', async () => {
    await race((by, other, tenantId) =>
      t.call(
        'POST',
        '/sys/tenant/members/role',
        { userId: other.id, role: 'member' },
        { token: by.token, tenantId },
      ),
    );
  });

  it('two admins quitting at once leave one admin', async () => {
    await race((by, _other, tenantId) =>
      t.call('POST', '/sys/tenant/quit', {}, { token: by.token, tenantId }),
    );
  });

  it('two admins freezing each other at once leave one admin', async () => {
    await race((by, other, tenantId) =>
      t.call(
        'POST',
        '/sys/user/freeze',
        { userId: other.id, frozen: true },
        { token: by.token, tenantId },
      ),
    );
  });

  it('the last admin is refused with members.last_admin, sequentially too', async () => {
    const { tenantId, x, y } = await twoAdmins();
    const opts = { token: x.token, tenantId };
    expect(
      (await t.call('POST', '/sys/tenant/members/role', { userId: y.id, role: 'member' }, opts))
        .status,
    ).toBe(200);
    for (const [url, body] of [
      ['/sys/tenant/members/role', { userId: x.id, role: 'member' }],
      ['/sys/tenant/quit', {}],
    ] as const) {
      const res = await t.call('POST', url, body, opts);
      expect(res.status, url).toBe(409);
      expect(res.body.errorCode, url).toBe('members.last_admin');
    }
    expect(await activeAdmins(tenantId)).toBe(1);
  });
});
