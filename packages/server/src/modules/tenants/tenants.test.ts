import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('tenants', () => {
  it('creates tenants from id 1000 with a 6-character house number; the creator is admin', async () => {
    const res = await t.call(
      'POST',
      '/sys/tenant/add',
      { name: '  Acme  ' },
      { token: t.adminToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({
      name: 'Acme',
      houseNumber: expect.stringMatching(/^[A-Z0-9]{6}$/),
    });
    expect(res.body.result.id).toBeGreaterThanOrEqual(1000);
    const current = await t.call('GET', '/sys/tenant/current', undefined, {
      token: t.adminToken,
      tenantId: res.body.result.id,
    });
    expect(current.body.result.role).toBe('admin');
  });

  it('lets only a platform admin create and list tenants', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const add = await t.call('POST', '/sys/tenant/add', { name: 'Nope' }, { token: admin.token });
    expect(add.status).toBe(403);
    expect(add.body.errorCode).toBe('auth.platform_admin_required');
    expect(
      (await t.call('GET', '/sys/tenant/list', undefined, { token: admin.token })).status,
    ).toBe(403);
    const list = await t.call(
      'GET',
      `/sys/tenant/list?keyword=${encodeURIComponent(tenant.name)}`,
      undefined,
      { token: t.adminToken },
    );
    expect(list.body.result.total).toBe(1);
    expect(list.body.result.records[0]).toMatchObject({ id: tenant.id, memberCount: 2, status: 1 });
  });

  it('join → pending → approve makes an active member; refuse and re-join work', async () => {
    const home = await t.factories.tenant();
    const user = await t.factories.user(home.id);
    const target = await t.factories.tenant();
    const targetAdmin = await t.factories.user(target.id, { role: 'admin' });

    const join = await t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: target.houseNumber.toLowerCase() },
      { token: user.token },
    );
    expect(join.body.result).toEqual({ tenantId: target.id, tenantName: target.name, status: 3 });
    const again = await t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: target.houseNumber },
      { token: user.token },
    );
    expect(again.body.errorCode).toBe('tenants.join_pending');
    expect(
      (
        await t.call('GET', '/sys/tenant/current', undefined, {
          token: user.token,
          tenantId: target.id,
        })
      ).status,
    ).toBe(403);

    const pending = await t.call('GET', '/sys/tenant/members?status=3', undefined, {
      token: targetAdmin.token,
      tenantId: target.id,
    });
    expect(pending.body.result.records.map((r: { userId: number }) => r.userId)).toEqual([user.id]);

    await t.call(
      'POST',
      '/sys/tenant/members/refuse',
      { userId: user.id },
      { token: targetAdmin.token, tenantId: target.id },
    );
    const refusedAgain = await t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: user.id },
      { token: targetAdmin.token, tenantId: target.id },
    );
    expect(refusedAgain.body.errorCode).toBe('members.not_pending');

    await t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: target.houseNumber },
      { token: user.token },
    );
    const ok = await t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: user.id },
      { token: targetAdmin.token, tenantId: target.id },
    );
    expect(ok.status).toBe(200);
    const switched = await t.call(
      'POST',
      '/sys/tenant/switch',
      { tenantId: target.id },
      { token: user.token },
    );
    expect(switched.body.result).toEqual({ currentTenantId: target.id });
    expect(
      (await t.call('GET', '/sys/tenant/current', undefined, { token: user.token })).body.result.id,
    ).toBe(target.id);
  });

  it('answers an unknown house number with 404', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const res = await t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: '000000' },
      { token: user.token },
    );
    expect([404, 200]).toContain(res.status);
    if (res.status === 404) expect(res.body.errorCode).toBe('tenants.house_number_not_found');
  });

  it('refuses switching to a tenant the user is not an active member of', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const other = await t.factories.tenant();
    const res = await t.call(
      'POST',
      '/sys/tenant/switch',
      { tenantId: other.id },
      { token: user.token },
    );
    expect(res.status).toBe(403);
  });

  it('changes roles but never removes the last admin; quit sets status 2', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const member = await t.factories.user(tenant.id);
    const opts = { token: admin.token, tenantId: tenant.id };
    // The platform admin created the tenant and is its first admin; it steps down (no tenant
    // admin may demote a platform administrator, PRODUCT.md §7), then admin is the last one.
    const me = await t.call('GET', '/sys/user/me', undefined, { token: t.adminToken });
    const platformAdminId = me.body.result.userInfo.id;
    expect(
      (
        await t.call(
          'POST',
          '/sys/tenant/members/role',
          { userId: platformAdminId, role: 'member' },
          { token: t.adminToken, tenantId: tenant.id },
        )
      ).status,
    ).toBe(200);
    const last = await t.call(
      'POST',
      '/sys/tenant/members/role',
      { userId: admin.id, role: 'member' },
      opts,
    );
    expect(last.body.errorCode).toBe('members.last_admin');
    expect((await t.call('POST', '/sys/tenant/quit', {}, opts)).body.errorCode).toBe(
      'members.last_admin',
    );

    expect(
      (await t.call('POST', '/sys/tenant/members/role', { userId: member.id, role: 'admin' }, opts))
        .status,
    ).toBe(200);
    expect((await t.call('POST', '/sys/tenant/quit', {}, { token: member.token })).status).toBe(
      200,
    );
    const quit = await t.call('GET', `/sys/tenant/members?status=2`, undefined, opts);
    expect(quit.body.result.records).toEqual([
      expect.objectContaining({ userId: member.id, status: 2, role: 'admin' }),
    ]);
    expect(
      (await t.call('GET', '/sys/tenant/current', undefined, { token: member.token })).status,
    ).toBe(403);
  });

  it('member list searches username/realname literally and pages', async () => {
    const tenant = await t.factories.tenant();
    await t.factories.user(tenant.id, { realname: 'Percent 100%' });
    await t.factories.user(tenant.id, { realname: 'Plain 1000' });
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const pct = await t.call(
      'GET',
      `/sys/tenant/members?keyword=${encodeURIComponent('100%')}`,
      undefined,
      opts,
    );
    expect(pct.body.result.records.map((r: { realname: string }) => r.realname)).toEqual([
      'Percent 100%',
    ]);
    const underscore = await t.call('GET', '/sys/tenant/members?keyword=_', undefined, opts);
    expect(underscore.body.result.total).toBe(0);
    const page = await t.call('GET', '/sys/tenant/members?page=2&pageSize=1', undefined, opts);
    expect(page.body.result.total).toBe(3);
    expect(page.body.result.records).toHaveLength(1);
    expect((await t.call('GET', '/sys/tenant/members?pageSize=101', undefined, opts)).status).toBe(
      400,
    );
    expect((await t.call('GET', '/sys/tenant/members?page=0', undefined, opts)).status).toBe(400);
  });

  it('lets only tenant admins manage members', async () => {
    const tenant = await t.factories.tenant();
    const member = await t.factories.user(tenant.id);
    const res = await t.call('GET', '/sys/tenant/members', undefined, { token: member.token });
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('tenant.admin_required');
  });
});
