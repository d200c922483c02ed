import { randomBytes } from 'node:crypto';
import { ok, signIn, type CallAs, type Caller, type Platform } from './api';

let counter = 0;
/** Unique per process and call, so suites sharing a server or a database never collide. */
export const uniq = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

export const DEFAULT_PASSWORD = 'password-123';
export const THIRD_TYPE = 'wechat_enterprise' as const;

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

export async function createTenant(p: Platform, name = uniq('Tenant ')): Promise<TestTenant> {
  return ok(
    await p.call('POST', '/sys/tenant/add', { name }, { token: p.adminToken }),
    'create tenant',
  );
}

/** A signed-in active member of `tenantId`, created by the platform admin. */
export async function createMember(
  p: Platform,
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
  const created = ok(
    await p.call('POST', '/sys/user/add', body, { token: p.adminToken, tenantId }),
    'create user',
  ) as { id: number };
  return {
    id: created.id,
    username,
    password: DEFAULT_PASSWORD,
    token: await signIn(p.call, username, DEFAULT_PASSWORD),
    tenantId,
  };
}

export interface Tenancy {
  tenant: TestTenant;
  admin: TestUser;
}

/** A new tenant with a signed-in tenant admin. */
export async function withTenant(p: Platform, name?: string): Promise<Tenancy> {
  const tenant = await createTenant(p, name);
  const admin = await createMember(p, tenant.id, { role: 'admin' });
  return { tenant, admin };
}

/** What a WeCom corp gives its administrator: the simulator's, or a made-up one. */
export interface WeComCredentials {
  corpId: string;
  agentId: number;
  secret: string;
  contactSecret?: string;
}

/** Anything that carries credentials: an in-process Simulator, a SimProcess, e2e's SIM. */
export type HasCredentials = { credentials: WeComCredentials };

/**
 * A corp no simulator answers for, for tests that never call WeCom (a CorpID belongs to one
 * tenant only, so every call makes a new one).
 */
export const madeUpCorp = (): HasCredentials => ({
  credentials: {
    corpId: `ww${randomBytes(8).toString('hex')}`,
    agentId: 1000002,
    secret: randomBytes(16).toString('hex'),
  },
});

export interface ConnectOptions {
  /** The tenant's `syncPolicy`. */
  policy?: Record<string, unknown>;
  /** Also store the contacts-sync Secret. */
  contactSecret?: boolean;
  /** Any other config fields (enabled, egressProxy, …), or overrides of the credentials. */
  over?: Record<string, unknown>;
}

export function weComConfigBody(c: WeComCredentials, o: ConnectOptions = {}) {
  return {
    thirdType: THIRD_TYPE,
    agentId: c.agentId,
    clientId: c.corpId,
    clientSecret: c.secret,
    ...(o.contactSecret ? { contactSecret: c.contactSecret } : {}),
    ...(o.policy ? { syncPolicy: o.policy } : {}),
    ...o.over,
  };
}

/**
 * Connects a tenant to a WeCom corp the way its administrator does (POST /sys/thirdApp/config,
 * as `as`); answers the stored config (callback URL, Token, EncodingAESKey, …).
 */
export async function connectWeCom(
  call: Caller,
  as: CallAs,
  corp: HasCredentials,
  o: ConnectOptions = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- config fields are read freely
): Promise<Record<string, any>> {
  return ok(
    await call('POST', '/sys/thirdApp/config', weComConfigBody(corp.credentials, o), as),
    'connect WeCom',
  );
}

/**
 * The same for a tenant other runs may have connected (or removed) already, like the default
 * tenant of a shared server: created when missing, else updated with the policy and `over`.
 */
export async function ensureWeCom(
  call: Caller,
  as: CallAs,
  corp: HasCredentials,
  o: ConnectOptions = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- config fields are read freely
): Promise<Record<string, any>> {
  const current = ok(
    await call('GET', `/sys/thirdApp/config?thirdType=${THIRD_TYPE}`, undefined, as),
    'read WeCom config',
  );
  if (!current) return connectWeCom(call, as, corp, o);
  const update = { ...(o.policy ? { syncPolicy: o.policy } : {}), ...o.over };
  if (Object.keys(update).length === 0) return current;
  return ok(
    await call('PUT', '/sys/thirdApp/config', { thirdType: THIRD_TYPE, ...update }, as),
    'update WeCom config',
  );
}

/** A new tenant with an admin, connected by that admin to `corp` (a simulator, or madeUpCorp()). */
export async function withWeComTenant(
  p: Platform,
  corp: HasCredentials,
  o: ConnectOptions = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- config fields are read freely
): Promise<Tenancy & { config: Record<string, any> }> {
  const { tenant, admin } = await withTenant(p);
  const config = await connectWeCom(p.call, { token: admin.token }, corp, o);
  return { tenant, admin, config };
}

/**
 * Edits a tenant's WeCom config (PUT /sys/thirdApp/config with `fields`, e.g. `{ syncPolicy }`)
 * and answers the raw response, so a test can assert a refusal as well as a success.
 */
export const updateWeCom = (call: Caller, as: CallAs, fields: Record<string, unknown>) =>
  call('PUT', '/sys/thirdApp/config', { thirdType: THIRD_TYPE, ...fields }, as);
