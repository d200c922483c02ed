import {
  createMember,
  createTenant,
  ok,
  uniq,
  type Caller,
  type TestTenant,
  type TestUser,
} from '@orgbridge/test-world';

// The world's names, where the suites have always found them.
export { DEFAULT_PASSWORD, uniq, type TestTenant, type TestUser } from '@orgbridge/test-world';

/** Builds data through the public API, like a real administrator would (the shared test world). */
export function createFactories(deps: {
  call: Caller;
  login?: (u: string, p: string) => Promise<string>;
  adminToken: string;
}) {
  const { call, adminToken } = deps;
  const platform = { call, adminToken };
  return {
    tenant: (name?: string): Promise<TestTenant> => createTenant(platform, name),

    /** A signed-in active member of `tenantId` (created by the platform admin). */
    user: (
      tenantId: number,
      opts: { role?: 'admin' | 'member'; departmentIds?: number[]; realname?: string } = {},
    ): Promise<TestUser> => createMember(platform, tenantId, opts),

    async department(
      tenantId: number,
      opts: { name?: string; parentId?: number | null; token?: string } = {},
    ) {
      const body = { name: opts.name ?? uniq('Dept '), parentId: opts.parentId ?? null };
      return ok(
        await call('POST', '/sys/depart/add', body, { token: opts.token ?? adminToken, tenantId }),
        'create department',
      ) as { id: number; name: string; parentId: number | null; order: number };
    },
  };
}
