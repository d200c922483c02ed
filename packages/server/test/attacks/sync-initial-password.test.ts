import { madeUpCorp, withWeComTenant } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { buildTestApp, type TestApp } from '../build-test-app';
import { THIRD_TYPE } from '../../src/modules/jobs/jobs.test-harness';
import { rowsOf } from '../../src/lib/sql';
import type { TestUser } from '../factories';

/**
 * Finding 4: accounts created by sync defaulted to password = username, so anyone who knows the
 * house number and a WeCom userid could claim the account first. New connections default to
 * `wecom-only`; connections made before keep what they had (§7 "Initial passwords").
 */
let sim: Simulator;
let t: TestApp;
beforeAll(async () => {
  sim = await startSimulator({ latencyMs: 0, seed: 47, users: 4, departments: 2, leavers: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

async function policyOf(admin: TestUser) {
  const res = await t.call('GET', `/sys/thirdApp/config?thirdType=${THIRD_TYPE}`, undefined, {
    token: admin.token,
  });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result.syncPolicy as Record<string, unknown>;
}

async function syncOnce(admin: TestUser) {
  const res = await t.call(
    'POST',
    '/sys/thirdApp/sync/run',
    { thirdType: THIRD_TYPE },
    {
      token: admin.token,
    },
  );
  expect(res.status, res.body.message).toBe(200);
  for (let i = 0; i < 400; i++) {
    const r = await t.call('GET', `/sys/thirdApp/sync/runs/${res.body.result.runId}`, undefined, {
      token: admin.token,
    });
    if (r.body.result.status !== 'running') return r.body.result;
    await new Promise((x) => setTimeout(x, 50));
  }
  throw new Error('run did not finish');
}

const createdAccounts = async (tenantId: number, houseNumber: string) =>
  rowsOf<{ username: string; password_hash: string | null }>(
    await t.db.execute(sql`select u.username, u.password_hash from users u
      join memberships m on m.user_id = u.id and m.tenant_id = ${tenantId}
      where u.username ilike ${houseNumber + '%'}`),
  );

describe('initial passwords of synced accounts', () => {
  it('a new connection defaults to wecom-only: synced accounts have no password to guess', async () => {
    const { tenant, admin } = await withWeComTenant(t, sim);
    expect(await policyOf(admin)).toMatchObject({ initialPassword: 'wecom-only' });
    expect((await syncOnce(admin)).status).toBe('succeeded');
    const created = await createdAccounts(tenant.id, tenant.houseNumber);
    expect(created.length).toBeGreaterThan(0);
    for (const a of created) {
      expect(a.password_hash).toBeNull();
      const res = await t.call('POST', '/sys/login', {
        username: a.username,
        password: a.username,
      });
      expect(res.status).toBe(401);
    }
  });

  it('an existing connection keeps its stored policy, and one stored before the key existed keeps the old default', async () => {
    // The simulator's corp is taken by the first tenant: these never call WeCom.
    const kept = await withWeComTenant(t, madeUpCorp(), { policy: { initialPassword: 'random' } });
    const legacy = await withWeComTenant(t, madeUpCorp());
    // A row written before `initialPassword` existed (the seed's default applied then).
    await t.db
      .execute(sql`update third_app_configs set sync_policy = sync_policy - 'initialPassword'
      where tenant_id = ${legacy.tenant.id}`);
    expect(await policyOf(kept.admin)).toMatchObject({ initialPassword: 'random' });
    expect(await policyOf(legacy.admin)).toMatchObject({ initialPassword: 'same-as-username' });
    // Editing another knob does not switch the old connection to the new default either.
    const res = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: THIRD_TYPE, syncPolicy: { massChangeThreshold: 0.5 } },
      { token: legacy.admin.token },
    );
    expect(res.status, res.body.message).toBe(200);
    expect(await policyOf(legacy.admin)).toMatchObject({
      initialPassword: 'same-as-username',
      massChangeThreshold: 0.5,
    });
  });
});
