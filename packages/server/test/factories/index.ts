import type { ApiResponse, CallOptions } from '../build-test-app';

type Call = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  opts?: CallOptions,
) => Promise<ApiResponse>;

let counter = 0;
/** Unique per process and call, so test files sharing nothing still never collide. */
export const uniq = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

export const DEFAULT_PASSWORD = 'password-123';

function expectOk(res: ApiResponse, what: string) {
  if (res.status !== 200)
    throw new Error(`${what}: ${res.status} ${res.body.errorCode} ${res.body.message}`);
  return res.body.result;
}

export interface TestTenant {
  id: number;
  name: string;
  houseNumber: string;
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
  token: string;
  tenantId: number;
}

/** Builds data through the public API, like a real administrator would. */
export function createFactories(deps: {
  call: Call;
  login: (u: string, p: string) => Promise<string>;
  adminToken: string;
}) {
  const { call, login, adminToken } = deps;
  return {
    async tenant(name = uniq('Tenant ')): Promise<TestTenant> {
      return expectOk(
        await call('POST', '/sys/tenant/add', { name }, { token: adminToken }),
        'create tenant',
      );
    },

    /** A signed-in active member of `tenantId` (created by the platform admin). */
    async user(
      tenantId: number,
      opts: { role?: 'admin' | 'member'; departmentIds?: number[]; realname?: string } = {},
    ): Promise<TestUser> {
      const username = uniq('user');
      const body = {
        username,
        realname: opts.realname ?? `Real ${username}`,
        password: DEFAULT_PASSWORD,
        role: opts.role,
        departmentIds: opts.departmentIds,
      };
      const created = expectOk(
        await call('POST', '/sys/user/add', body, { token: adminToken, tenantId }),
        'create user',
      );
      return {
        id: created.id,
        username,
        password: DEFAULT_PASSWORD,
        token: await login(username, DEFAULT_PASSWORD),
        tenantId,
      };
    },

    async department(
      tenantId: number,
      opts: { name?: string; parentId?: number | null; token?: string } = {},
    ) {
      const body = { name: opts.name ?? uniq('Dept '), parentId: opts.parentId ?? null };
      return expectOk(
        await call('POST', '/sys/depart/add', body, { token: opts.token ?? adminToken, tenantId }),
        'create department',
      ) as { id: number; name: string; parentId: number | null; order: number };
    },
  };
}
