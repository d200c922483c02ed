/** Shared arrangement and probes of the sync attack suites (PRODUCT.md §7). */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { rowsOf } from '../../src/lib/sql';
import {
  fullSync,
  syncWorld,
  type SyncWorld,
} from '../../src/modules/directory-sync/sync.test-harness';
import { DEFAULT_PASSWORD, uniq, type TestTenant } from '../factories';

type World = Pick<SyncWorld, 't' | 'tenant' | 'sim'>;

/** The simulated corp of the attack suites: no leavers, nobody disabled, all created recently. */
export interface CorpShape {
  seed: number;
  users: number;
  departments: number;
}

/** A sync world (simulator, app, WeCom-configured tenant and its admin) over a plain corp. */
export const attackWorld = (corp: CorpShape, opts: Parameters<typeof syncWorld>[1] = {}) =>
  syncWorld({ ...corp, leavers: 0, disabled: 0, createdAfter20220620: false }, opts);

/**
 * The suite's sync world, made in `beforeAll` (after a first full sync when `synced`) and closed
 * in `afterAll`. The returned object is filled in by `beforeAll`: use it inside hooks and tests.
 */
export function useAttackWorld(
  corp: CorpShape,
  opts: Parameters<typeof syncWorld>[1] & { synced?: boolean } = {},
): SyncWorld {
  const { synced, ...worldOpts } = opts;
  const w = {} as SyncWorld;
  beforeAll(async () => {
    Object.assign(w, await attackWorld(corp, worldOpts));
    if (synced) expect((await fullSync(w)).run.status).toBe('succeeded');
  });
  afterAll(async () => {
    if (typeof w.close === 'function') await w.close();
  });
  return w;
}

export interface Account {
  id: number;
  username: string;
  realname: string;
}

/** The platform administrator as the API describes it. */
export async function platformAdmin(w: World): Promise<Account> {
  const res = await w.t.call('GET', '/sys/user/me', undefined, { token: w.t.adminToken });
  expect(res.status, res.body.message).toBe(200);
  const me = res.body.result as Record<string, unknown>;
  const info = (me.userInfo ?? me) as Account;
  return { id: info.id, username: info.username, realname: info.realname };
}

/** An account of another tenant (made by the platform admin), with the given contact data. */
export async function strangerIn(
  w: World,
  tenant: TestTenant,
  over: { username?: string; phone?: string; email?: string; realname?: string } = {},
): Promise<Account & { password: string }> {
  const username = over.username ?? uniq('victim');
  const realname = over.realname ?? `Victim ${username}`;
  const res = await w.t.call(
    'POST',
    '/sys/user/add',
    {
      username,
      realname,
      password: DEFAULT_PASSWORD,
      ...(over.phone ? { phone: over.phone } : {}),
      ...(over.email ? { email: over.email } : {}),
    },
    { token: w.t.adminToken, tenantId: tenant.id },
  );
  expect(res.status, res.body.message).toBe(200);
  return { id: res.body.result.id as number, username, realname, password: DEFAULT_PASSWORD };
}

/** A fresh WeCom member of the simulated corp (what the attacking tenant's corp admin controls). */
export function weComMember(
  w: World,
  userid: string,
  fields: { name?: string; mobile?: string; email?: string } = {},
) {
  const dept = w.sim.admin.listDepartments()[0]!.id;
  return w.sim.admin.addUser({
    userid,
    name: fields.name ?? userid,
    department: [dept],
    ...fields,
  });
}

/** Starts a sync run through the API, as the tenant's admin; the run's id. */
export async function startRun(w: SyncWorld): Promise<number> {
  const started = await w.t.call(
    'POST',
    '/sys/thirdApp/sync/run',
    { thirdType: 'wechat_enterprise' },
    { token: w.admin.token },
  );
  expect(started.status, started.body.message).toBe(200);
  return started.body.result.runId as number;
}

/** Runs a sync through the API and waits for it as the platform admin (the tenant's admin may lose access in it). */
export async function runAsApi(w: SyncWorld) {
  const id = await startRun(w);
  for (let i = 0; i < 400; i++) {
    const res = await w.t.call('GET', `/sys/thirdApp/sync/runs/${id}`, undefined, {
      token: w.t.adminToken,
      tenantId: w.tenant.id,
    });
    expect(res.status, res.body.message).toBe(200);
    if (res.body.result.status !== 'running') return res.body.result;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${id} did not finish`);
}

export async function q<T>(w: World, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await w.t.db.execute(query));
}

/** Bindings of `userId` in any tenant. */
export const bindingsOf = (w: World, userId: number) =>
  q<{ tenant_id: number; ext_user_id: string }>(
    w,
    sql`select tenant_id, ext_user_id from third_accounts where user_id = ${userId}`,
  );

export const membershipIn = async (w: World, tenantId: number, userId: number) =>
  (
    await q<{ status: number; display_name: string | null; position: string | null }>(
      w,
      sql`select status, display_name, position from memberships where tenant_id = ${tenantId} and user_id = ${userId}`,
    )
  )[0] ?? null;

export const accountRow = async (w: World, userId: number) =>
  (
    await q<{ realname: string; position: string | null; password_hash: string | null }>(
      w,
      sql`select realname, position, password_hash from users where id = ${userId}`,
    )
  )[0]!;

export interface LinkRequestRow {
  id: number;
  user_id: number;
  ext_user_id: string;
  ext_name: string;
  status: string;
  requested_by: number | null;
  run_id: number | null;
}

export const linkRequestsOf = (w: World, userId: number) =>
  q<LinkRequestRow>(
    w,
    sql`select id, user_id, ext_user_id, ext_name, status, requested_by, run_id
      from link_requests where tenant_id = ${w.tenant.id} and user_id = ${userId} order by id`,
  );

export interface PairView {
  wechatUserId: string;
  userId: number | null;
  username: string | null;
  realname: string | null;
  match: string;
  candidates?: number[];
  outsider?: boolean;
  awaitingOwner?: boolean;
  ownerRefused?: boolean;
}

export const pairOf = (plan: { members: { pairs: PairView[] } }, wechatUserId: string) =>
  plan.members.pairs.find((p) => p.wechatUserId === wechatUserId);

/** Every user id a plan names anywhere (pairs, candidates, unmatched, updates, leavers). */
export function idsIn(plan: {
  members: {
    pairs: PairView[];
    unmatchedLocal: { userId: number }[];
    toUpdate: { userId: number }[];
    leavers: { userId: number }[];
  };
}): Set<number> {
  const m = plan.members;
  return new Set([
    ...m.pairs.flatMap((p) => [...(p.userId === null ? [] : [p.userId]), ...(p.candidates ?? [])]),
    ...m.unmatchedLocal.map((u) => u.userId),
    ...m.toUpdate.map((u) => u.userId),
    ...m.leavers.map((u) => u.userId),
  ]);
}
