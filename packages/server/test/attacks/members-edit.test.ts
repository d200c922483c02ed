import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBERSHIP_STATUS, memberships, users } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';

/**
 * PRODUCT.md §7: a tenant admin governs memberships, not people. Global fields of an account
 * (realname, phone, email, position) are the tenant's to change only when the account is its own
 * (active here and nowhere else); a shared account keeps a tenant-scoped name and position on the
 * membership; pending, refused and quit members and platform administrators are not editable.
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

const asAdminA = {
  get token() {
    return adminA.token;
  },
  get tenantId() {
    return a.id;
  },
};
const edit = (body: Record<string, unknown>, by: TestUser = adminA, tenantId = a.id) =>
  t.call('POST', '/sys/user/edit', body, { token: by.token, tenantId });
const account = async (id: number) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;

/** A member of B who asked to join A: pending (审核中) in A. */
async function joinerOfA(): Promise<TestUser> {
  const u = await t.factories.user(b.id);
  const res = await t.call(
    'POST',
    '/sys/tenant/join',
    { houseNumber: a.houseNumber },
    {
      token: u.token,
    },
  );
  expect(res.status).toBe(200);
  return u;
}

/** Active in B and, after A's approval, in A: shared. */
async function sharedAccount(): Promise<TestUser> {
  const u = await joinerOfA();
  const ok = await t.call(
    'POST',
    '/sys/tenant/members/approve',
    { userId: u.id },
    {
      token: adminA.token,
      tenantId: a.id,
    },
  );
  expect(ok.status).toBe(200);
  return u;
}

async function setStatusInA(userId: number, status: number) {
  await t.db
    .update(memberships)
    .set({ status })
    .where(and(eq(memberships.tenantId, a.id), eq(memberships.userId, userId)));
}

const listRecord = async (tenantId: number, by: TestUser, username: string) =>
  (
    await t.call('GET', `/sys/user/list?keyword=${username}`, undefined, {
      token: by.token,
      tenantId,
    })
  ).body.result.records[0];

describe('member edits follow the trust model', () => {
  it('a pending member: no field can be edited (403 policy.membership_inactive)', async () => {
    const u = await joinerOfA();
    const before = await account(u.id);
    for (const body of [
      { id: u.id, realname: 'Renamed by A' },
      { id: u.id, phone: '+86 666' },
      { id: u.id, email: 'taken-over@a.example' },
    ]) {
      const res = await edit(body);
      expect(res.status).toBe(403);
      expect(res.body.errorCode).toBe('policy.membership_inactive');
    }
    expect(await account(u.id)).toEqual(before);
  });

  it('refused and quit members are not editable either', async () => {
    for (const status of [MEMBERSHIP_STATUS.refused, MEMBERSHIP_STATUS.quit]) {
      const u = await sharedAccount();
      await setStatusInA(u.id, status);
      const before = await account(u.id);
      const res = await edit({ id: u.id, email: 'match-key@a.example' });
      expect(res.status).toBe(403);
      expect(res.body.errorCode).toBe('policy.membership_inactive');
      expect(await account(u.id)).toEqual(before);
      const freeze = await t.call(
        'POST',
        '/sys/user/freeze',
        { userId: u.id, frozen: true },
        {
          token: adminA.token,
          tenantId: a.id,
        },
      );
      expect(freeze.status).toBe(403);
    }
  });

  it('a shared account: phone and e-mail are refused (403 policy.not_own_account)', async () => {
    const u = await sharedAccount();
    const before = await account(u.id);
    for (const body of [
      { id: u.id, phone: '+86 777' },
      { id: u.id, email: 'other@a.example' },
      { id: u.id, realname: 'Fine', email: 'other@a.example' },
    ]) {
      const res = await edit(body);
      expect(res.status).toBe(403);
      expect(res.body.errorCode).toBe('policy.not_own_account');
    }
    expect(await account(u.id)).toEqual(before);
  });

  it("a shared account: name and position stay in this tenant, B's view is unchanged", async () => {
    const u = await sharedAccount();
    const dept = await t.factories.department(a.id);
    const before = await account(u.id);
    const res = await edit({
      id: u.id,
      realname: 'A calls him 小王',
      position: 'A position',
      departmentIds: [dept.id],
    });
    expect(res.status).toBe(200);
    expect(await account(u.id)).toEqual(before);
    expect(await listRecord(a.id, adminA, u.username)).toMatchObject({
      realname: 'A calls him 小王',
      position: 'A position',
      departmentIds: [dept.id],
      ownership: 'shared',
    });
    expect(await listRecord(b.id, adminB, u.username)).toMatchObject({
      realname: before.realname,
      position: before.position,
      ownership: 'shared',
    });
    const members = await t.call('GET', `/sys/tenant/members?keyword=${u.username}`, undefined, {
      token: adminA.token,
      tenantId: a.id,
    });
    expect(members.body.result.records[0]).toMatchObject({
      realname: 'A calls him 小王',
      ownership: 'shared',
    });
  });

  it("the tenant's own account: global fields are edited as before", async () => {
    const u = await t.factories.user(a.id);
    const res = await edit({
      id: u.id,
      realname: 'Own name',
      phone: '+86 1',
      email: 'o@a.example',
    });
    expect(res.status).toBe(200);
    expect(await account(u.id)).toMatchObject({
      realname: 'Own name',
      phone: '+86 1',
      email: 'o@a.example',
    });
    expect(await listRecord(a.id, adminA, u.username)).toMatchObject({
      realname: 'Own name',
      ownership: 'own',
    });
  });

  it('a platform administrator: no tenant admin edits, freezes or demotes it', async () => {
    // The platform admin created tenant A and is its administrator.
    const [pa] = await t.db.select().from(users).where(eq(users.username, 'admin'));
    const before = await account(pa!.id);
    const attempts = [
      ['/sys/user/edit', { id: pa!.id, email: 'mine@a.example' }],
      ['/sys/user/edit', { id: pa!.id, realname: 'Not the boss' }],
      ['/sys/user/freeze', { userId: pa!.id, frozen: true }],
      ['/sys/tenant/members/role', { userId: pa!.id, role: 'member' }],
    ] as const;
    for (const [url, body] of attempts) {
      const res = await t.call('POST', url, body, asAdminA);
      expect(res.status, url).toBe(403);
      expect(res.body.errorCode, url).toBe('policy.platform_admin');
    }
    expect(await account(pa!.id)).toEqual(before);
    const m = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, a.id), eq(memberships.userId, pa!.id)));
    expect(m[0]).toMatchObject({ role: 'admin', frozen: false });
    expect(await listRecord(a.id, adminA, 'admin')).toMatchObject({ ownership: 'platform_admin' });
  });

  it('a shared account: its membership is managed (freeze, role) in this tenant only', async () => {
    const u = await sharedAccount();
    const freeze = await t.call(
      'POST',
      '/sys/user/freeze',
      { userId: u.id, frozen: true },
      asAdminA,
    );
    expect(freeze.status).toBe(200);
    const role = await t.call(
      'POST',
      '/sys/tenant/members/role',
      { userId: u.id, role: 'admin' },
      asAdminA,
    );
    expect(role.status).toBe(200);
    expect((await listRecord(b.id, adminB, u.username)).status).toBe(1);
  });

  it('a pending member: role change is refused', async () => {
    const u = await joinerOfA();
    const res = await t.call(
      'POST',
      '/sys/tenant/members/role',
      { userId: u.id, role: 'admin' },
      asAdminA,
    );
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('policy.membership_inactive');
  });

  it('a platform administrator acting in the tenant is not limited', async () => {
    const u = await sharedAccount();
    const res = await edit(
      { id: u.id, email: 'fixed-by-platform@a.example' },
      {
        ...adminA,
        token: t.adminToken,
      },
    );
    expect(res.status).toBe(200);
    expect((await account(u.id)).email).toBe('fixed-by-platform@a.example');
  });
});
