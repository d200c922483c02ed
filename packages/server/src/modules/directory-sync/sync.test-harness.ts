/** Shared arrangement of the directory-sync suites: a simulator, an app, a configured tenant. */
import { present, simEndpoints, withSimulator, withWeComTenant } from '@orgbridge/test-world';
import type { SimOptions, Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { rowsOf } from '../../lib/sql';
import type { JobsOptions } from '../jobs/jobs.types';

export interface SyncWorld {
  sim: Simulator;
  t: TestApp;
  tenant: TestTenant;
  admin: TestUser;
  close(): Promise<void>;
}

export async function syncWorld(
  sim: SimOptions,
  opts: { policy?: Record<string, unknown>; contactSecret?: boolean; jobs?: JobsOptions } = {},
): Promise<SyncWorld> {
  const s = await withSimulator({ seed: 3, ...sim });
  const t = await buildTestApp({
    config: { wecom: simEndpoints(s) },
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
  });
  const { tenant, admin } = await withWeComTenant(t, s, {
    policy: opts.policy,
    contactSecret: opts.contactSecret,
  });
  return {
    sim: s,
    t,
    tenant,
    admin,
    async close() {
      await t.close();
      await s.close();
    },
  };
}

export async function preview(w: SyncWorld) {
  const res = await w.t.call(
    'POST',
    '/sys/thirdApp/sync/preview',
    { thirdType: 'wechat_enterprise' },
    { token: w.admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  return res.body.result;
}

export async function waitRun(w: SyncWorld, runId: number) {
  return vi.waitFor(
    async () => {
      const res = await w.t.call('GET', `/sys/thirdApp/sync/runs/${runId}`, undefined, {
        token: w.admin.token,
      });
      expect(res.status).toBe(200);
      return present(res.body.result.status !== 'running' && res.body.result, `run ${runId}`);
    },
    { timeout: 30_000, interval: 50 },
  );
}

export async function apply(
  w: SyncWorld,
  planId: string,
  decisions: { pairs?: unknown[]; exclude?: string[] } = {},
) {
  const res = await w.t.call(
    'POST',
    '/sys/thirdApp/sync/apply',
    { planId, pairs: decisions.pairs ?? [], exclude: decisions.exclude ?? [] },
    { token: w.admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  return waitRun(w, res.body.result.runId);
}

/** Preview + apply with the proposal as is. */
export async function fullSync(w: SyncWorld) {
  const plan = await preview(w);
  return { plan, run: await apply(w, plan.planId) };
}

export async function runNow(w: SyncWorld) {
  const res = await w.t.call(
    'POST',
    '/sys/thirdApp/sync/run',
    { thirdType: 'wechat_enterprise' },
    { token: w.admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  return waitRun(w, res.body.result.runId);
}

/**
 * Every row the sync may write for the tenant, with its `xmin` (the id of the transaction that
 * last wrote the row): equal dumps prove that nothing was inserted, updated or deleted.
 */
export async function dumpTenant(w: SyncWorld): Promise<string> {
  const id = w.tenant.id;
  const q = async (query: ReturnType<typeof sql>) => rowsOf(await w.t.db.execute(query));
  return JSON.stringify({
    users: await q(
      sql`select u.xmin::text as x, u.id from users u join memberships m on m.user_id = u.id and m.tenant_id = ${id} order by u.id`,
    ),
    memberships: await q(
      sql`select xmin::text as x, id, status, frozen from memberships where tenant_id = ${id} order by id`,
    ),
    departments: await q(
      sql`select xmin::text as x, id, parent_id, name from departments where tenant_id = ${id} order by id`,
    ),
    links: await q(
      sql`select xmin::text as x, user_id, department_id, is_main from user_departments where tenant_id = ${id} order by user_id, department_id`,
    ),
    bindings: await q(
      sql`select xmin::text as x, id, user_id, active from third_accounts where tenant_id = ${id} order by id`,
    ),
  });
}

export async function scalar(w: SyncWorld, query: ReturnType<typeof sql>): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(await w.t.db.execute(query));
  return Number(rows[0]?.n ?? 0);
}
