/**
 * One suite, every connector (issue 19): configure a tenant through the API, run 测试连接, preview
 * and apply a full sync against the provider's simulator, and find the accounts and bindings.
 */
import { present, withTenant, type Tenancy } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../src/lib/sql';
import { buildTestApp, type TestApp } from '../build-test-app';
import { CONNECTOR_CASES, type CaseSim } from './connector-cases';

describe.each(CONNECTOR_CASES)('$name', ({ thirdType, start }) => {
  let sim: CaseSim;
  let t: TestApp;
  let tn: Tenancy;
  const as = () => ({ token: tn.admin.token });

  beforeAll(async () => {
    sim = await start();
    t = await buildTestApp({ config: sim.config });
    tn = await withTenant(t);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('is configured through the API and passes 测试连接', async () => {
    const saved = await t.call(
      'POST',
      '/sys/thirdApp/config',
      { thirdType, ...sim.settings },
      as(),
    );
    expect(saved.status, saved.body.message).toBe(200);
    expect(saved.body.result.thirdType).toBe(thirdType);
    const read = await t.call(
      'GET',
      `/sys/thirdApp/config?thirdType=${thirdType}`,
      undefined,
      as(),
    );
    expect(read.status, read.body.message).toBe(200);
    expect(read.body.result.thirdType).toBe(thirdType);

    const diag = await t.call(
      'POST',
      `/sys/thirdApp/config/test?thirdType=${thirdType}`,
      undefined,
      as(),
    );
    expect(diag.status, diag.body.message).toBe(200);
    const failed = diag.body.result.checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failed, JSON.stringify(failed)).toEqual([]);
    expect(diag.body.result.ok).toBe(true);
  });

  it('previews and applies a full sync that creates and binds every member', async () => {
    const pv = await t.call('POST', '/sys/thirdApp/sync/preview', { thirdType }, as());
    expect(pv.status, pv.body.message).toBe(200);
    const plan = pv.body.result;
    const members = sim.members();
    expect(members.length).toBeGreaterThan(0);
    expect(plan.counts.create).toBe(members.length);

    const ap = await t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: plan.planId, pairs: [], exclude: [] },
      as(),
    );
    expect(ap.status, ap.body.message).toBe(200);
    const run = await vi.waitFor(
      async () => {
        const res = await t.call(
          'GET',
          `/sys/thirdApp/sync/runs/${ap.body.result.runId}`,
          undefined,
          as(),
        );
        expect(res.status).toBe(200);
        return present(res.body.result.status !== 'running' && res.body.result, 'sync run');
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.account_created).toBe(members.length);

    // Accounts: houseNumber + external userid, members of the tenant.
    const usernames = rowsOf<{ username: string }>(
      await t.db.execute(
        sql`select u.username from users u join memberships m on m.user_id = u.id where m.tenant_id = ${tn.tenant.id}`,
      ),
    ).map((r) => r.username.toLowerCase());
    for (const userid of members)
      expect(usernames).toContain((tn.tenant.houseNumber + userid).toLowerCase());

    // Bindings, as the console lists them for this thirdType.
    const list = await t.call(
      'GET',
      `/sys/thirdApp/bindings?thirdType=${thirdType}&pageSize=100`,
      undefined,
      as(),
    );
    expect(list.status, list.body.message).toBe(200);
    const records = list.body.result.records as { wechatUserId: string; active: boolean }[];
    expect(records.map((r) => r.wechatUserId).sort()).toEqual([...members].sort());
    for (const r of records) expect(r.active).toBe(true);
  });
});
