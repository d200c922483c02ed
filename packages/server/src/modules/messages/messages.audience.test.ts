import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { activeSimUserIds, wecomTenant } from '../../../test/factories/messages';

/**
 * The head-count an @all send is confirmed with (issue 18, finding 2): the tenant's bound,
 * active, unfrozen members on the configured corp — and the @all result says what WeCom took.
 */
let sim: Simulator;
let t: TestApp;
let a: { tenant: TestTenant; admin: TestUser };
beforeAll(async () => {
  sim = await startSimulator({ users: 12, departments: 2, seed: 31, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  a = await wecomTenant(t, sim);
  const ext = activeSimUserIds(sim);
  const corpId = sim.credentials.corpId;
  // Three bound and active; one bound but frozen; one bound but inactive binding; one unbound.
  for (let i = 0; i < 6; i++) {
    const u = await t.factories.user(a.tenant.id);
    if (i === 5) continue;
    await bindMember(t.db, {
      tenantId: a.tenant.id,
      userId: u.id,
      corpId,
      extUserId: ext[i]!,
      active: i !== 4,
    });
    if (i === 3)
      await t.db.execute(
        sql`update memberships set frozen = true where tenant_id = ${a.tenant.id} and user_id = ${u.id}`,
      );
  }
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const audience = (who: TestUser, tenantId?: number) =>
  t.call('GET', '/sys/thirdApp/messages/audience?thirdType=wechat_enterprise', undefined, {
    token: who.token,
    ...(tenantId ? { tenantId } : {}),
  });

describe('GET /sys/thirdApp/messages/audience', () => {
  it('counts the bound active members an @all send reaches in this tenant', async () => {
    const res = await audience(a.admin);
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.result).toEqual({ thirdType: 'wechat_enterprise', boundActive: 3 });
  });

  it('is for tenant admins of this tenant only; unconfigured tenants are told so', async () => {
    const member = await t.factories.user(a.tenant.id);
    expect((await audience(member)).status).toBe(403);
    const other = await t.factories.tenant();
    const otherAdmin = await t.factories.user(other.id, { role: 'admin' });
    expect((await audience(otherAdmin, a.tenant.id)).status).toBe(403);
    const unconfigured = await audience(otherAdmin);
    expect(unconfigured.status).toBe(400);
    expect(unconfigured.body.errorCode).toMatch(/not_configured/);
  });

  it('an @all send and push answer say that WeCom took it for everyone, not "0 delivered"', async () => {
    const res = await t.call(
      'POST',
      '/sys/thirdApp/messages',
      { msgtype: 'text', content: '全员通知', toAll: true },
      { token: a.admin.token },
    );
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.result).toMatchObject({ status: 'sent', toAll: true });
    expect(res.body.result.msgid).not.toBe('');
    const push = await t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      { app: 'WECHAT_ENTERPRISE', sendAll: true, content: '全员通知' },
      { token: a.admin.token },
    );
    expect(push.status, push.body.message).toBe(200);
    expect(push.body.result).toMatchObject({ errcode: 0, toAll: true, sent: [] });
  });
});
