import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { DEFAULT_PASSWORD, uniq } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('users', () => {
  it('adds a user with several departments, exactly one main, and lists it', async () => {
    const tenant = await t.factories.tenant();
    const a = await t.factories.department(tenant.id);
    const b = await t.factories.department(tenant.id);
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const username = uniq('multi');
    const add = await t.call(
      'POST',
      '/sys/user/add',
      {
        username,
        realname: '张三',
        password: DEFAULT_PASSWORD,
        departmentIds: [a.id, b.id],
        mainDepartmentId: b.id,
        phone: '+86 138',
        email: 'z@example.com',
      },
      opts,
    );
    expect(add.status).toBe(200);
    const list = await t.call('GET', `/sys/user/list?departmentId=${a.id}`, undefined, opts);
    expect(list.body.result.records).toEqual([
      expect.objectContaining({
        id: add.body.result.id,
        username,
        realname: '张三',
        status: 1,
        membershipStatus: 1,
        role: 'member',
        departmentIds: [a.id, b.id].sort((x, y) => x - y),
        mainDepartmentId: b.id,
        wechatUserId: null,
        email: 'z@example.com',
      }),
    ]);
  });

  it('rejects a taken username (any case) with 409 and writes nothing', async () => {
    const tenant = await t.factories.tenant();
    const existing = await t.factories.user(tenant.id);
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const res = await t.call(
      'POST',
      '/sys/user/add',
      { username: existing.username.toUpperCase(), realname: 'Dup', password: DEFAULT_PASSWORD },
      opts,
    );
    expect(res.status).toBe(409);
    expect(res.body.errorCode).toBe('users.username_taken');
    const list = await t.call('GET', '/sys/user/list?keyword=Dup', undefined, opts);
    expect(list.body.result.total).toBe(0);
  });

  it('rejects departments of another tenant and a main department outside the list', async () => {
    const tenant = await t.factories.tenant();
    const other = await t.factories.tenant();
    const foreign = await t.factories.department(other.id);
    const own = await t.factories.department(tenant.id);
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const res = await t.call(
      'POST',
      '/sys/user/add',
      {
        username: uniq('x'),
        realname: 'X',
        password: DEFAULT_PASSWORD,
        departmentIds: [foreign.id],
      },
      opts,
    );
    expect(res.status).toBe(404);
    const main = await t.call(
      'POST',
      '/sys/user/add',
      {
        username: uniq('x'),
        realname: 'X',
        password: DEFAULT_PASSWORD,
        departmentIds: [own.id],
        mainDepartmentId: foreign.id,
      },
      opts,
    );
    expect(main.status).toBe(400);
  });

  it('edits profile fields and departments; clears with empty strings', async () => {
    const tenant = await t.factories.tenant();
    const d1 = await t.factories.department(tenant.id);
    const d2 = await t.factories.department(tenant.id);
    const user = await t.factories.user(tenant.id, { departmentIds: [d1.id] });
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const edit = await t.call(
      'POST',
      '/sys/user/edit',
      {
        id: user.id,
        realname: 'Renamed',
        position: 'Lead',
        phone: '',
        departmentIds: [d1.id, d2.id],
        mainDepartmentId: d2.id,
      },
      opts,
    );
    expect(edit.status).toBe(200);
    const list = await t.call('GET', `/sys/user/list?keyword=${user.username}`, undefined, opts);
    expect(list.body.result.records[0]).toMatchObject({
      realname: 'Renamed',
      position: 'Lead',
      phone: null,
      mainDepartmentId: d2.id,
    });
    expect(list.body.result.records[0].departmentIds).toHaveLength(2);
  });

  it('freezes a member in the current tenant only', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const user = await t.factories.user(tenant.id);
    const other = await t.factories.tenant();
    await t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: other.houseNumber },
      { token: user.token },
    );
    await t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: user.id },
      { token: t.adminToken, tenantId: other.id },
    );

    const opts = { token: admin.token, tenantId: tenant.id };
    expect(
      (await t.call('POST', '/sys/user/freeze', { userId: user.id, frozen: true }, opts)).status,
    ).toBe(200);
    const list = await t.call('GET', `/sys/user/list?keyword=${user.username}`, undefined, opts);
    expect(list.body.result.records[0].status).toBe(2);
    const blocked = await t.call('GET', '/sys/tenant/current', undefined, {
      token: user.token,
      tenantId: tenant.id,
    });
    expect(blocked.body.errorCode).toBe('tenant.member_frozen');
    expect(
      (
        await t.call('GET', '/sys/tenant/current', undefined, {
          token: user.token,
          tenantId: other.id,
        })
      ).status,
    ).toBe(200);

    expect(
      (await t.call('POST', '/sys/user/freeze', { userId: admin.id, frozen: true }, opts)).body
        .errorCode,
    ).toBe('users.cannot_freeze_self');
    await t.call('POST', '/sys/user/freeze', { userId: user.id, frozen: false }, opts);
    expect(
      (
        await t.call('GET', '/sys/tenant/current', undefined, {
          token: user.token,
          tenantId: tenant.id,
        })
      ).status,
    ).toBe(200);
  });

  it('lets members list users but not add them', async () => {
    const tenant = await t.factories.tenant();
    const member = await t.factories.user(tenant.id);
    expect((await t.call('GET', '/sys/user/list', undefined, { token: member.token })).status).toBe(
      200,
    );
    const add = await t.call(
      'POST',
      '/sys/user/add',
      { username: uniq('x'), realname: 'X', password: DEFAULT_PASSWORD },
      { token: member.token },
    );
    expect(add.status).toBe(403);
  });
});
