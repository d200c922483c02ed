import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';

let sim: Simulator;
let t: TestApp;

beforeAll(async () => {
  sim = await startSimulator({ users: 30, departments: 5, seed: 7, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  thirdType: 'wechat_enterprise',
  agentId: sim.credentials.agentId,
  clientId: sim.credentials.corpId,
  clientSecret: sim.credentials.secret,
  ...over,
});

describe('third-app config', () => {
  it('stores secrets encrypted, returns them masked, and generates callback values', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const res = await t.call('POST', '/sys/thirdApp/config', body(), { token: admin.token });
    expect(res.status).toBe(200);
    const view = res.body.result;
    expect(view.clientSecret).toBe('******' + sim.credentials.secret.slice(-4));
    expect(JSON.stringify(res.body)).not.toContain(sim.credentials.secret);
    expect(view.callbackToken).toMatch(/^[A-Za-z0-9]{1,32}$/);
    expect(view.encodingAesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(view.homeUrl).toBe(`http://localhost:3000/tenantId/${tenant.id}`);
    expect(view.callbackUrl).toBe(
      `http://localhost:3000/sys/thirdApp/callback/wechat_enterprise/${tenant.id}`,
    );
    const raw = await t.db.execute(
      sql`select * from third_app_configs where tenant_id = ${tenant.id}`,
    );
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain(sim.credentials.secret);
    expect(dump).not.toContain(view.encodingAesKey);

    const got = await t.call('GET', '/sys/thirdApp/config', undefined, { token: admin.token });
    expect(got.body.result).toEqual(view);

    // A second config for the same tenant is refused.
    const again = await t.call('POST', '/sys/thirdApp/config', body(), { token: admin.token });
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe('third_app.already_configured');

    // The CorpID belongs to this tenant now: another tenant gets "AppKey重复".
    const other = await t.factories.tenant();
    const otherAdmin = await t.factories.user(other.id, { role: 'admin' });
    const dup = await t.call('POST', '/sys/thirdApp/config', body(), { token: otherAdmin.token });
    expect(dup.status).toBe(409);
    expect(dup.body.errorCode).toBe('third_app.corp_id_taken');
    expect(dup.body.message).toContain('AppKey重复');

    // Diagnostics against the simulator pass.
    const diag = await t.call('POST', '/sys/thirdApp/config/test', undefined, {
      token: admin.token,
    });
    expect(diag.status).toBe(200);
    expect(diag.body.result.ok).toBe(true);
    expect(diag.body.result.checks.map((c: { id: string }) => c.id)).toContain('token');

    // PUT without secrets keeps them; with a wrong secret diagnostics explain 40001.
    const put = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', enabled: false },
      { token: admin.token },
    );
    expect(put.status).toBe(200);
    expect(put.body.result.clientSecret).toBe(view.clientSecret);
    expect(put.body.result.enabled).toBe(false);
    await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', clientSecret: 'wrong-secret-value' },
      { token: admin.token },
    );
    const bad = await t.call('POST', '/sys/thirdApp/config/test', undefined, {
      token: admin.token,
    });
    const token = bad.body.result.checks.find((c: { id: string }) => c.id === 'token');
    expect(bad.body.result.ok).toBe(false);
    expect(token.error.providerCode).toBe(40001);
    expect(token.explanation['zh-CN'].fix.length).toBeGreaterThan(0);

    // 取消绑定 removes it; then the CorpID is free for another tenant.
    const del = await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: admin.token });
    expect(del.status).toBe(200);
    expect(
      (await t.call('GET', '/sys/thirdApp/config', undefined, { token: admin.token })).body.result,
    ).toBeNull();
    const moved = await t.call('POST', '/sys/thirdApp/config', body(), { token: otherAdmin.token });
    expect(moved.status).toBe(200);
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: otherAdmin.token });
  });

  it('is for tenant admins only and validates every field', async () => {
    const tenant = await t.factories.tenant();
    const member = await t.factories.user(tenant.id);
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    expect(
      (await t.call('GET', '/sys/thirdApp/config', undefined, { token: member.token })).status,
    ).toBe(403);
    const cases: Record<string, unknown>[] = [
      { agentId: 'abc' },
      { agentId: -1 },
      { clientId: 'ww<script>' },
      { clientSecret: '' },
      { encodingAesKey: 'short' },
      { callbackToken: 'has-dash' },
      { thirdType: 'dingtalk' },
    ];
    for (const over of cases) {
      const res = await t.call('POST', '/sys/thirdApp/config', body(over), { token: admin.token });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.message.length).toBeGreaterThan(0);
    }
    const missing = await t.call('POST', '/sys/thirdApp/config/test', undefined, {
      token: admin.token,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errorCode).toBe('third_app.not_configured');
    expect(missing.body.message).toContain('企业微信尚未配置');
  });
});
