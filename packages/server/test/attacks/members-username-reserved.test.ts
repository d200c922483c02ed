import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { DEFAULT_PASSWORD, uniq, type TestTenant, type TestUser } from '../factories';

/**
 * A tenant's house number (门牌号) is its username namespace: the sync and the WeCom `create`
 * sign-in policy name the accounts they make `<house number><userid>`. An admin of another tenant
 * who could pick such a username (`POST /sys/user/add`) would squat this tenant's members before
 * they arrive — the owner of the squatted account (the attacker) then accepts the link request the
 * member's sync sends to it. A username whose first 6 characters are another tenant's house number
 * (in any case) is refused; the tenant's own prefix and ordinary names are not.
 */
let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let adminA: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  a = await t.factories.tenant();
  b = await t.factories.tenant();
  adminA = await t.factories.user(a.id, { role: 'admin' });
});
afterAll(() => t?.close());

const addAsAdminA = (username: string) =>
  t.call(
    'POST',
    '/sys/user/add',
    { username, realname: 'Someone', password: DEFAULT_PASSWORD },
    { token: adminA.token, tenantId: a.id },
  );

describe("another tenant's house number is not a username prefix a tenant admin may pick", () => {
  it("an admin of tenant A cannot add <B's house number>abc (any case): 400 users.username_reserved", async () => {
    for (const username of [
      `${b.houseNumber}abc`,
      `${b.houseNumber.toLowerCase()}abc`,
      b.houseNumber.toLowerCase(),
    ]) {
      const res = await addAsAdminA(username);
      expect(res.status, username).toBe(400);
      expect(res.body.errorCode).toBe('users.username_reserved');
      expect(res.body.message).toMatch(/another username/i);
    }
    // Nothing was created.
    const list = await t.call('GET', `/sys/user/list?keyword=${b.houseNumber}`, undefined, {
      token: adminA.token,
      tenantId: a.id,
    });
    expect(list.body.result?.total ?? 0).toBe(0);
  });

  it("nor can the platform administrator acting in tenant A (B's namespace is B's)", async () => {
    const res = await t.call(
      'POST',
      '/sys/user/add',
      { username: `${b.houseNumber}xyz`, realname: 'Someone', password: DEFAULT_PASSWORD },
      { token: t.adminToken, tenantId: a.id },
    );
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('users.username_reserved');
  });

  it("an admin of tenant A can add <A's house number>abc and ordinary names", async () => {
    for (const username of [
      `${a.houseNumber}abc`,
      `${a.houseNumber.toLowerCase()}def`,
      uniq('plain'),
      'ab',
    ]) {
      const res = await addAsAdminA(username);
      expect(res.status, `${username}: ${res.body.message}`).toBe(200);
    }
  });

  it('the same prefix is free again in the right tenant: B’s admin adds <B’s house number>own', async () => {
    const adminB = await t.factories.user(b.id, { role: 'admin' });
    const res = await t.call(
      'POST',
      '/sys/user/add',
      { username: `${b.houseNumber}own`, realname: 'Member', password: DEFAULT_PASSWORD },
      { token: adminB.token, tenantId: b.id },
    );
    expect(res.status, res.body.message).toBe(200);
  });
});
