import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { buildTree } from './departments.service';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('buildTree', () => {
  it('nests children under parents and keeps orphans as roots', () => {
    const row = (id: number, parentId: number | null) => ({
      id,
      parentId,
      name: `d${id}`,
      order: 0,
      memberCount: 0,
    });
    const tree = buildTree([row(1, null), row(2, 1), row(3, 2), row(4, 99)]);
    expect(tree.map((n) => n.id)).toEqual([1, 4]);
    expect(tree[0]!.children[0]!.children[0]!.id).toBe(3);
  });
});

describe('departments', () => {
  it('builds a tree with member counts, ordered by order then id', async () => {
    const tenant = await t.factories.tenant();
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const root = await t.factories.department(tenant.id, { name: 'Root' });
    const second = (
      await t.call('POST', '/sys/depart/add', { name: 'B', parentId: root.id, order: 2 }, opts)
    ).body.result;
    const first = (
      await t.call('POST', '/sys/depart/add', { name: 'A', parentId: root.id, order: 1 }, opts)
    ).body.result;
    await t.factories.user(tenant.id, { departmentIds: [first.id] });
    const tree = await t.call('GET', '/sys/depart/tree', undefined, opts);
    expect(tree.status).toBe(200);
    expect(tree.body.result).toEqual([
      {
        id: root.id,
        name: 'Root',
        parentId: null,
        order: 0,
        memberCount: 0,
        children: [
          { id: first.id, name: 'A', parentId: root.id, order: 1, memberCount: 1, children: [] },
          { id: second.id, name: 'B', parentId: root.id, order: 2, memberCount: 0, children: [] },
        ],
      },
    ]);
  });

  it('moves departments but refuses cycles and unknown parents', async () => {
    const tenant = await t.factories.tenant();
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const a = await t.factories.department(tenant.id);
    const b = await t.factories.department(tenant.id, { parentId: a.id });
    const c = await t.factories.department(tenant.id, { parentId: b.id });
    expect(
      (await t.call('POST', '/sys/depart/edit', { id: a.id, parentId: c.id }, opts)).body.errorCode,
    ).toBe('departments.cycle');
    expect(
      (await t.call('POST', '/sys/depart/edit', { id: a.id, parentId: a.id }, opts)).body.errorCode,
    ).toBe('departments.cycle');
    expect(
      (await t.call('POST', '/sys/depart/edit', { id: a.id, parentId: 2_000_000_000 }, opts)).body
        .errorCode,
    ).toBe('departments.parent_not_found');
    const moved = await t.call(
      'POST',
      '/sys/depart/edit',
      { id: c.id, parentId: null, name: 'Top' },
      opts,
    );
    expect(moved.body.result).toMatchObject({ id: c.id, parentId: null, name: 'Top' });
  });

  it('deletes only empty departments', async () => {
    const tenant = await t.factories.tenant();
    const opts = { token: t.adminToken, tenantId: tenant.id };
    const parent = await t.factories.department(tenant.id);
    const child = await t.factories.department(tenant.id, { parentId: parent.id });
    const user = await t.factories.user(tenant.id, { departmentIds: [child.id] });
    expect(
      (await t.call('DELETE', `/sys/depart/${parent.id}`, undefined, opts)).body.errorCode,
    ).toBe('departments.not_empty');
    expect((await t.call('DELETE', `/sys/depart/${child.id}`, undefined, opts)).body).toMatchObject(
      { errorCode: 'departments.not_empty', details: { members: true } },
    );
    await t.call('POST', '/sys/user/edit', { id: user.id, departmentIds: [] }, opts);
    expect((await t.call('DELETE', `/sys/depart/${child.id}`, undefined, opts)).status).toBe(200);
    expect((await t.call('DELETE', `/sys/depart/${parent.id}`, undefined, opts)).status).toBe(200);
    expect((await t.call('DELETE', `/sys/depart/${parent.id}`, undefined, opts)).status).toBe(404);
  });
});
