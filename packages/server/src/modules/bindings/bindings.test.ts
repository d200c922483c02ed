import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, syncUnpaired, thirdAccounts } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { bindMember } from '../../../test/factories/bindings';
import type { TestTenant, TestUser } from '../../../test/factories';
import { createBindingsRepo } from './bindings.repo';

let t: TestApp;
/** Two tenants read (never changed) by several tests; tests that change bindings make their own. */
let a: Org;
let b: Org;
beforeAll(async () => {
  t = await buildTestApp();
  a = await org('alpha');
  b = await org('beta');
});
afterAll(() => t?.close());

const CORP = 'ww00000000000000b1';

interface Org {
  tenant: TestTenant;
  admin: TestUser;
  members: TestUser[];
  bindingIds: number[];
}

/** A tenant with an admin and three members bound to WeCom userids with awkward names. */
async function org(prefix: string): Promise<Org> {
  const tenant = await t.factories.tenant();
  const admin = await t.factories.user(tenant.id, { role: 'admin' });
  const names = ['张三', '100%_done', '李　娜'];
  const members: TestUser[] = [];
  const bindingIds: number[] = [];
  for (const [i, extName] of names.entries()) {
    const m = await t.factories.user(tenant.id, { realname: `${prefix} member ${i}` });
    members.push(m);
    bindingIds.push(
      await bindMember(t.db, {
        tenantId: tenant.id,
        userId: m.id,
        corpId: CORP,
        extUserId: `${prefix}User${i}`,
        extName,
      }),
    );
  }
  return { tenant, admin, members, bindingIds };
}

const list = async (o: Org, query = '') =>
  t.call('GET', `/sys/thirdApp/bindings${query}`, undefined, { token: o.admin.token });

/** 移出 markers of a tenant: the WeCom members syncs must leave unbound. */
const markers = (tenantId: number) =>
  t.db
    .select({
      thirdType: syncUnpaired.thirdType,
      corpId: syncUnpaired.corpId,
      extUserId: syncUnpaired.extUserId,
      userId: syncUnpaired.userId,
      createdBy: syncUnpaired.createdBy,
    })
    .from(syncUnpaired)
    .where(eq(syncUnpaired.tenantId, tenantId));

describe('bindings (查看已绑定 / 移出)', () => {
  it('lists only the current tenant’s bindings, searchable on both sides and paged', async () => {
    const all = await list(a);
    expect(all.status).toBe(200);
    expect(all.body.result.total).toBe(3);
    const first = all.body.result.records.find((r: { id: number }) => r.id === a.bindingIds[0]);
    expect(first).toMatchObject({
      userId: a.members[0]!.id,
      username: a.members[0]!.username,
      realname: 'alpha member 0',
      wechatUserId: 'alphaUser0',
      wechatName: '张三',
      membershipStatus: 1,
      active: true,
    });
    expect(new Date(first.boundAt).getTime()).toBeGreaterThan(0);

    const search = async (keyword: string) =>
      (await list(a, `?keyword=${encodeURIComponent(keyword)}`)).body.result.records.map(
        (r: { wechatUserId: string }) => r.wechatUserId,
      );
    expect(await search('ALPHAUSER1')).toEqual(['alphaUser1']);
    expect(await search('张三')).toEqual(['alphaUser0']);
    expect(await search(a.members[2]!.username)).toEqual(['alphaUser2']);
    expect(await search('member 2')).toEqual(['alphaUser2']);
    // LIKE wildcards match literally: "%" and "_" only find the name that contains them.
    expect(await search('%')).toEqual(['alphaUser1']);
    expect(await search('0%_')).toEqual(['alphaUser1']);
    expect(await search('beta')).toEqual([]);

    const page2 = await list(a, '?page=2&pageSize=2');
    expect(page2.body.result.total).toBe(3);
    expect(page2.body.result.records).toHaveLength(1);
  });

  it('移出 deletes the binding, keeps the member, is audited, and 404s a second time', async () => {
    const g = await org('gamma');
    const id = g.bindingIds[1]!;
    const del = await t.call('DELETE', `/sys/thirdApp/bindings/${id}`, undefined, {
      token: g.admin.token,
    });
    expect(del.status).toBe(200);
    expect((await list(g)).body.result.total).toBe(2);
    const users = await t.call('GET', '/sys/user/list?pageSize=100', undefined, {
      token: g.admin.token,
    });
    const member = users.body.result.records.find((u: { id: number }) => u.id === g.members[1]!.id);
    expect(member).toMatchObject({ membershipStatus: 1, wechatUserId: null });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.tenantId, g.tenant.id), eq(auditLog.action, 'third_app.binding_removed')),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: g.admin.id, targetId: String(id) });
    expect(audit[0]!.details).toMatchObject({ extUserId: 'gammaUser1', userId: g.members[1]!.id });
    // Written with the delete: syncs leave the member unbound until it is paired by hand.
    expect(await markers(g.tenant.id)).toEqual([
      {
        thirdType: 'wechat_enterprise',
        corpId: CORP,
        extUserId: 'gammaUser1',
        userId: g.members[1]!.id,
        createdBy: g.admin.id,
      },
    ]);

    const again = await t.call('DELETE', `/sys/thirdApp/bindings/${id}`, undefined, {
      token: g.admin.token,
    });
    expect(again.status).toBe(404);
    expect(again.body.errorCode).toBe('bindings.not_found');
  });

  it('移出 of a member bound again another way keeps one marker, naming the latest account', async () => {
    const g = await org('epsilon');
    await t.call('DELETE', `/sys/thirdApp/bindings/${g.bindingIds[0]}`, undefined, {
      token: g.admin.token,
    });
    // Bound again outside the sync dialog (e.g. WeCom sign-in linking), with the userid in
    // another case: WeCom userids are case-insensitive, so it is the same member.
    const other = await t.factories.user(g.tenant.id);
    const rebound = await bindMember(t.db, {
      tenantId: g.tenant.id,
      userId: other.id,
      corpId: CORP,
      extUserId: 'EPSILONUSER0',
    });
    const del = await t.call('DELETE', `/sys/thirdApp/bindings/${rebound}`, undefined, {
      token: g.admin.token,
    });
    expect(del.status, del.body.message).toBe(200);
    expect(await markers(g.tenant.id)).toEqual([
      expect.objectContaining({ extUserId: 'EPSILONUSER0', userId: other.id }),
    ]);
  });

  it('fills wechatUserId in the user list from live bindings only', async () => {
    const d = await org('delta');
    await t.db
      .update(thirdAccounts)
      .set({ active: false })
      .where(eq(thirdAccounts.id, d.bindingIds[2]!));
    const res = await t.call('GET', '/sys/user/list?pageSize=100', undefined, {
      token: d.admin.token,
    });
    const byId = new Map(
      res.body.result.records.map((u: { id: number; wechatUserId: string | null }) => [
        u.id,
        u.wechatUserId,
      ]),
    );
    expect(byId.get(d.members[0]!.id)).toBe('deltaUser0');
    expect(byId.get(d.members[2]!.id)).toBeNull();
    expect(byId.get(d.admin.id)).toBeNull();
    // The list still shows inactive bindings, flagged.
    const rows = (await list(d)).body.result.records;
    expect(rows.find((r: { id: number }) => r.id === d.bindingIds[2])?.active).toBe(false);
  });

  it('is for tenant admins only', async () => {
    const member = a.members[0]!;
    const read = await t.call('GET', '/sys/thirdApp/bindings', undefined, { token: member.token });
    expect(read.status).toBe(403);
    const del = await t.call('DELETE', `/sys/thirdApp/bindings/${a.bindingIds[0]}`, undefined, {
      token: member.token,
    });
    expect(del.status).toBe(403);
    expect((await list(a)).body.result.total).toBe(3);
  });

  it('tenant B cannot see or modify tenant A’s bindings (API and repository)', async () => {
    const target = a.bindingIds[0]!;
    const res = await t.call('DELETE', `/sys/thirdApp/bindings/${target}`, undefined, {
      token: b.admin.token,
    });
    expect(res.status).toBe(404);
    expect(await markers(a.tenant.id)).toEqual([]);
    expect(await markers(b.tenant.id)).toEqual([]);
    const seen = await list(b, '?keyword=alpha');
    expect(seen.body.result).toEqual({ records: [], total: 0 });

    const repo = createBindingsRepo(t.db);
    expect(await repo.findBindingById(b.tenant.id, target)).toBeNull();
    expect(await repo.deleteBindingById(b.tenant.id, target)).toBe(false);
    const page = await repo.listBindings(b.tenant.id, {
      thirdType: 'wechat_enterprise',
      page: 1,
      pageSize: 100,
    });
    expect(page.records.map((r) => r.id)).not.toContain(target);
    expect(await repo.findBindingById(a.tenant.id, target)).not.toBeNull();
    expect((await list(a)).body.result.total).toBe(3);
  });
});
