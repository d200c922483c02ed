import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { DEFAULT_SYNC_POLICY, auditLog, syncRuns, thirdAppConfigs } from '../../db/schema';

let t: TestApp;
let a: TestTenant;
let adminA: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  a = await t.factories.tenant();
  adminA = await t.factories.user(a.id, { role: 'admin' });
});
afterAll(() => t?.close());

const summaryOf = async (user: TestUser, tenantId: number) => {
  const res = await t.call('GET', '/sys/home/summary', undefined, { token: user.token, tenantId });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result;
};

/** Someone outside the tenant asks to join it: a pending (审核中) membership. */
async function joinA() {
  const outsider = await t.factories.user((await t.factories.tenant()).id);
  const res = await t.call(
    'POST',
    '/sys/tenant/join',
    { houseNumber: a.houseNumber },
    { token: outsider.token },
  );
  expect(res.status, res.body.message).toBe(200);
  return outsider;
}

describe('admin home summary', () => {
  it('counts members, pending approvals, bindings and departments of the current tenant', async () => {
    const before = await summaryOf(adminA, a.id);
    expect(before).toMatchObject({
      members: { active: 2, pending: 0, bound: 0 },
      departments: 0,
      connection: { configured: false, enabled: false, lastTest: null },
      lastSync: null,
    });
    // The platform admin who made the tenant is a member too (its creator): count what is there.
    const member = await t.factories.user(a.id);
    await t.factories.department(a.id);
    await joinA();
    await joinA();
    await bindMember(t.db, {
      tenantId: a.id,
      userId: member.id,
      corpId: 'wwhome',
      extUserId: 'm1',
    });
    const after = await summaryOf(adminA, a.id);
    expect(after.members).toEqual({
      active: before.members.active + 1,
      pending: 2,
      bound: 1,
    });
    expect(after.departments).toBe(1);
  });

  it('approving a request takes it off the pending count', async () => {
    const { pending } = (await summaryOf(adminA, a.id)).members;
    const joiner = await joinA();
    expect((await summaryOf(adminA, a.id)).members.pending).toBe(pending + 1);
    const res = await t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: joiner.id },
      { token: adminA.token, tenantId: a.id },
    );
    expect(res.status, res.body.message).toBe(200);
    expect((await summaryOf(adminA, a.id)).members.pending).toBe(pending);
  });

  it('reports the connection, its last test result and the latest sync run', async () => {
    const [config] = await t.db
      .insert(thirdAppConfigs)
      .values({
        tenantId: a.id,
        thirdType: 'wechat_enterprise',
        settingsEnc: 'x',
        accountKey: 'wwhome',
        syncPolicy: DEFAULT_SYNC_POLICY,
      })
      .returning({ id: thirdAppConfigs.id });
    const tested = (ok: boolean, at: string) => ({
      tenantId: a.id,
      action: 'third_app.config_tested',
      targetType: 'third_app_config',
      targetId: String(config!.id),
      details: { ok },
      createdAt: new Date(at),
    });
    await t.db
      .insert(auditLog)
      .values([tested(true, '2026-01-01T00:00:00Z'), tested(false, '2026-01-02T00:00:00Z')]);
    const run = (status: 'succeeded' | 'failed', at: string) => ({
      tenantId: a.id,
      thirdType: 'wechat_enterprise' as const,
      trigger: 'manual' as const,
      status,
      createdAt: new Date(at),
      finishedAt: new Date(at),
    });
    const [, last] = await t.db
      .insert(syncRuns)
      .values([run('failed', '2026-01-01T00:00:00Z'), run('succeeded', '2026-01-03T00:00:00Z')])
      .returning({ id: syncRuns.id });
    const summary = await summaryOf(adminA, a.id);
    expect(summary.connection).toEqual({
      configured: true,
      enabled: true,
      lastTest: { ok: false, at: '2026-01-02T00:00:00.000Z' },
    });
    expect(summary.lastSync).toMatchObject({
      id: last!.id,
      status: 'succeeded',
      trigger: 'manual',
    });
  });

  it("tenant B's admin sees none of A's members, bindings, config or runs", async () => {
    const b = await t.factories.tenant();
    const adminB = await t.factories.user(b.id, { role: 'admin' });
    const summary = await summaryOf(adminB, b.id);
    expect(summary).toMatchObject({
      members: { pending: 0, bound: 0 },
      departments: 0,
      connection: { configured: false, lastTest: null },
      lastSync: null,
    });
    // Asking with A's tenant header is refused: B's admin is no member of A.
    const res = await t.call('GET', '/sys/home/summary', undefined, {
      token: adminB.token,
      tenantId: a.id,
    });
    expect(res.status).toBe(403);
  });

  it('refuses a plain member (admins only)', async () => {
    const member = await t.factories.user(a.id);
    const res = await t.call('GET', '/sys/home/summary', undefined, {
      token: member.token,
      tenantId: a.id,
    });
    expect(res.status).toBe(403);
    expect(res.body.success).toBe(false);
  });
});
