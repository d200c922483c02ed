import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  invalidates,
  queryKeys,
  RESOURCES,
  sameScope,
  type Change,
  type QueryScope,
} from './query-keys';

const admin: QueryScope = { userId: 1, tenantId: 7 };

/** A cache holding fresh answers for the given keys, as the console would after showing them. */
function cacheWith(keys: readonly (readonly unknown[])[]): QueryClient {
  const client = new QueryClient();
  for (const key of keys) client.setQueryData(key, { records: [], total: 0 });
  return client;
}

/** What `useInvalidate()(change)` does, on a plain client. */
async function apply(client: QueryClient, change: Change) {
  for (const resource of invalidates[change])
    await client.invalidateQueries({ queryKey: queryKeys.all(resource) });
}

const stale = (client: QueryClient, key: readonly unknown[]) =>
  client.getQueryState(key)?.isInvalidated ?? false;

describe('query keys and what changes invalidate', () => {
  it('approving a member makes the members lists, the pending count and users stale, nothing else', async () => {
    const membersPending = queryKeys.list('members', admin, { status: 3, page: 1, pageSize: 10 });
    const membersAll = queryKeys.list('members', admin, { page: 2, pageSize: 10 });
    const pendingCount = queryKeys.pendingMembers(admin);
    const users = queryKeys.list('users', admin, { page: 1, pageSize: 10 });
    const apiKeys = queryKeys.list('apiKeys', admin, { page: 1, pageSize: 10 });
    const messages = queryKeys.list('messages', admin, { page: 1, pageSize: 10 });
    const client = cacheWith([membersPending, membersAll, pendingCount, users, apiKeys, messages]);

    await apply(client, 'memberReviewed');

    for (const key of [membersPending, membersAll, pendingCount, users])
      expect(stale(client, key), JSON.stringify(key)).toBe(true);
    for (const key of [apiKeys, messages])
      expect(stale(client, key), JSON.stringify(key)).toBe(false);
  });

  it('a department change makes the tree and the users (their departments) stale', async () => {
    const tree = queryKeys.departmentTree(admin);
    const users = queryKeys.list('users', admin, { page: 1, pageSize: 10 });
    const bindings = queryKeys.list('bindings', admin, { page: 1, pageSize: 10 });
    const client = cacheWith([tree, users, bindings]);
    await apply(client, 'departmentChanged');
    expect([stale(client, tree), stale(client, users), stale(client, bindings)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("another tenant's or another user's rows are other cache entries", () => {
    const page = { page: 1, pageSize: 10 };
    const client = cacheWith([queryKeys.list('members', admin, page)]);
    expect(client.getQueryData(queryKeys.list('members', { ...admin, tenantId: 8 }, page))).toBe(
      undefined,
    );
    expect(client.getQueryData(queryKeys.list('members', { ...admin, userId: 2 }, page))).toBe(
      undefined,
    );
    expect(client.getQueryData(queryKeys.list('members', admin, { ...page }))).toEqual({
      records: [],
      total: 0,
    });
  });

  it('every key starts with its resource, so invalidating the resource reaches it', () => {
    const keys = [
      queryKeys.pendingMembers(admin),
      queryKeys.departmentTree(admin),
      queryKeys.thirdAppConfig(admin, 'wechat_enterprise'),
      queryKeys.connectors(admin),
      queryKeys.linkRequests(admin),
      queryKeys.tenantDomain(admin),
      queryKeys.verifyFiles(admin),
      queryKeys.auditActions(admin),
      queryKeys.myWecomBinding(admin),
      queryKeys.tenantSignIn(7),
    ];
    for (const key of keys) expect(RESOURCES).toContain(key[0]);
  });

  it('a page shown while the next loads must be of the same resource, user and tenant', () => {
    const page1 = queryKeys.list('members', admin, { page: 1 });
    expect(sameScope(page1, queryKeys.list('members', admin, { page: 2, status: 3 }))).toBe(true);
    expect(
      sameScope(page1, queryKeys.list('members', { ...admin, tenantId: 8 }, { page: 1 })),
    ).toBe(false);
    expect(sameScope(page1, queryKeys.list('members', { ...admin, userId: 2 }, { page: 1 }))).toBe(
      false,
    );
    expect(sameScope(page1, queryKeys.list('users', admin, { page: 1 }))).toBe(false);
  });
});
