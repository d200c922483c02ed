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

describe('provider settings (issue 19: one sealed JSON column, the connector’s schema and form)', () => {
  it('validates the settings with the connector’s schema: 400 naming the field', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const cases: [Record<string, unknown>, string][] = [
      [{ clientId: 'ww<script>' }, 'clientId'],
      [{ agentId: -1 }, 'agentId'],
      [{ clientSecret: 'short' }, 'clientSecret'],
      [{ clientSecret: undefined }, 'clientSecret'],
      [{ agentId: undefined }, 'agentId'],
      [{ contactSecret: 'has spaces in it' }, 'contactSecret'],
      [{ callbackToken: 'x'.repeat(33) }, 'callbackToken'],
      [{ encodingAesKey: 'a'.repeat(42) }, 'encodingAesKey'],
      // DingTalk's account field is no WeCom setting.
      [{ corpId: 'ding123' }, 'corpId'],
    ];
    for (const [over, field] of cases) {
      const res = await t.call('POST', '/sys/thirdApp/config', body(over), { token: admin.token });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.errorCode, JSON.stringify(over)).toBe('request.invalid');
      expect(res.body.details?.field, JSON.stringify(over)).toBe(field);
      expect(res.body.message, JSON.stringify(over)).toContain(`"${field}"`);
    }
    // Nothing was stored by any of them.
    const got = await t.call('GET', '/sys/thirdApp/config', undefined, { token: admin.token });
    expect(got.body.result).toBeNull();
    // PUT validates the merged settings the same way.
    expect(
      (await t.call('POST', '/sys/thirdApp/config', body(), { token: admin.token })).status,
    ).toBe(200);
    const put = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', agentId: 0 },
      { token: admin.token },
    );
    expect(put.status).toBe(400);
    expect(put.body.details?.field).toBe('agentId');
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: admin.token });
  });

  it('keeps every setting in settings_enc, sealed; masked secrets sent back keep the stored ones', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const contactSecret = sim.credentials.contactSecret;
    const created = await t.call('POST', '/sys/thirdApp/config', body({ contactSecret }), {
      token: admin.token,
    });
    expect(created.status).toBe(200);
    const view = created.body.result;
    expect(view.contactSecret).toBe('******' + contactSecret.slice(-4));
    expect(view.agentId).toBe(sim.credentials.agentId);
    expect(view.clientId).toBe(sim.credentials.corpId);

    const stored = await rowOf(tenant.id);
    expect(stored.settings_enc).toMatch(/^v1\./);
    expect(stored.account_key).toBe(sim.credentials.corpId);
    // The legacy columns stay empty.
    expect(stored.agent_id).toBeNull();
    expect(stored.client_id).toBeNull();
    expect(stored.client_secret_enc).toBeNull();
    const dump = JSON.stringify(stored);
    for (const secret of [sim.credentials.secret, contactSecret, view.callbackToken])
      expect(dump).not.toContain(secret);

    // The form sends back what it read (masks included) with one field changed: secrets kept.
    const put = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', agentId: view.agentId, enabled: true, ...pick(view) },
      { token: admin.token },
    );
    expect(put.status, put.body.message).toBe(200);
    expect(put.body.result.clientSecret).toBe(view.clientSecret);
    expect(put.body.result.contactSecret).toBe(view.contactSecret);
    const diag = await t.call('POST', '/sys/thirdApp/config/test', undefined, {
      token: admin.token,
    });
    expect(diag.body.result.ok).toBe(true);

    // A mask that is not the stored secret's is no secret: refused, nothing changed.
    const wrongMask = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', clientSecret: '******zzzz' },
      { token: admin.token },
    );
    expect(wrongMask.status).toBe(400);
    expect(wrongMask.body.details?.field).toBe('clientSecret');

    // contactSecret null removes it.
    const cleared = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', contactSecret: null },
      { token: admin.token },
    );
    expect(cleared.body.result.contactSecret).toBeNull();
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: admin.token });
  });

  it('generates the callback Token and EncodingAESKey when omitted, and takes given ones', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const callbackToken = 'GivenToken123';
    const encodingAesKey = 'b'.repeat(43);
    const created = await t.call(
      'POST',
      '/sys/thirdApp/config',
      body({ callbackToken, encodingAesKey }),
      { token: admin.token },
    );
    expect(created.body.result).toMatchObject({ callbackToken, encodingAesKey });
    // Omitted or empty on PUT: kept.
    const kept = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', callbackToken: '', agentId: 1000009 },
      { token: admin.token },
    );
    expect(kept.body.result).toMatchObject({ callbackToken, encodingAesKey, agentId: 1000009 });
    const changed = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', callbackToken: 'Other42' },
      { token: admin.token },
    );
    expect(changed.body.result.callbackToken).toBe('Other42');
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: admin.token });

    // Two new connections get different generated values.
    const a = await t.call('POST', '/sys/thirdApp/config', body(), { token: admin.token });
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: admin.token });
    const b = await t.call('POST', '/sys/thirdApp/config', body(), { token: admin.token });
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: admin.token });
    expect(a.body.result.callbackToken).toMatch(/^[A-Za-z0-9]{1,32}$/);
    expect(a.body.result.encodingAesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(a.body.result.callbackToken).not.toBe(b.body.result.callbackToken);
    expect(a.body.result.encodingAesKey).not.toBe(b.body.result.encodingAesKey);
  });

  it('409 names the account field when another tenant has the accountKey (also on PUT)', async () => {
    const one = await t.factories.tenant();
    const oneAdmin = await t.factories.user(one.id, { role: 'admin' });
    const two = await t.factories.tenant();
    const twoAdmin = await t.factories.user(two.id, { role: 'admin' });
    expect(
      (await t.call('POST', '/sys/thirdApp/config', body(), { token: oneAdmin.token })).status,
    ).toBe(200);
    const dup = await t.call('POST', '/sys/thirdApp/config', body(), { token: twoAdmin.token });
    expect(dup.status).toBe(409);
    expect(dup.body.errorCode).toBe('third_app.corp_id_taken');
    expect(dup.body.message).toContain('clientId');
    expect(dup.body.details?.field).toBe('clientId');
    // Tenant two connects another corp, then tries to move onto tenant one's.
    expect(
      (
        await t.call('POST', '/sys/thirdApp/config', body({ clientId: 'wwother000001' }), {
          token: twoAdmin.token,
        })
      ).status,
    ).toBe(200);
    const moved = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', clientId: sim.credentials.corpId },
      { token: twoAdmin.token },
    );
    expect(moved.status).toBe(409);
    expect(moved.body.errorCode).toBe('third_app.corp_id_taken');
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: oneAdmin.token });
    await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: twoAdmin.token });
  });

  it('a thirdType without a registered connector is a 400 naming the supported ones', async () => {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const res = await t.call(
      'POST',
      '/sys/thirdApp/config',
      { thirdType: 'feishu', clientId: 'cli_abc', clientSecret: 'x'.repeat(20) },
      { token: admin.token },
    );
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('third_app.unsupported_type');
    expect(res.body.message).toContain('wechat_enterprise');
    expect(res.body.details).toMatchObject({
      field: 'thirdType',
      supported: ['wechat_enterprise', 'dingtalk'],
    });
    const diag = await t.call('POST', '/sys/thirdApp/config/test?thirdType=feishu', undefined, {
      token: admin.token,
    });
    expect(diag.status).toBe(400);
    expect(diag.body.errorCode).toBe('third_app.unsupported_type');
  });

  it('GET /sys/thirdApp/connectors lists each connector’s form and capabilities, for tenant admins', async () => {
    const tenant = await t.factories.tenant();
    const member = await t.factories.user(tenant.id);
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    expect((await t.call('GET', '/sys/thirdApp/connectors')).status).toBe(401);
    expect(
      (await t.call('GET', '/sys/thirdApp/connectors', undefined, { token: member.token })).status,
    ).toBe(403);
    const res = await t.call('GET', '/sys/thirdApp/connectors', undefined, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const list = res.body.result as Record<string, unknown>[];
    expect(list.map((c) => c.thirdType)).toEqual(['wechat_enterprise', 'dingtalk']);
    const wecom = list[0]!;
    expect(Object.keys(wecom).sort()).toEqual(
      ['appName', 'capabilities', 'formItems', 'names', 'thirdType'].sort(),
    );
    expect(wecom).toMatchObject({
      appName: 'WECHAT_ENTERPRISE',
      names: { 'zh-CN': '企业微信', en: 'WeCom' },
      capabilities: {
        messaging: { maxUsersPerCall: 1000, recall: true, outcome: 'sync' },
        consentedDetail: true,
      },
    });
    const items = wecom.formItems as { key: string; type: string; required: boolean }[];
    expect(items.map((i) => [i.key, i.type, i.required])).toEqual([
      ['agentId', 'number', true],
      ['clientId', 'text', true],
      ['clientSecret', 'secret', true],
      ['contactSecret', 'secret', false],
      ['callbackToken', 'generated', false],
      ['encodingAesKey', 'generated', false],
    ]);
    for (const item of wecom.formItems as { label: Record<string, string> }[]) {
      expect(item.label['zh-CN']!.length).toBeGreaterThan(0);
      expect(item.label.en!.length).toBeGreaterThan(0);
    }
  });
});

/** The view fields a form sends back as read (secrets masked). */
function pick(view: Record<string, unknown>) {
  const { clientId, clientSecret, contactSecret, callbackToken, encodingAesKey } = view;
  return { clientId, clientSecret, contactSecret, callbackToken, encodingAesKey };
}

async function rowOf(tenantId: number): Promise<Record<string, unknown>> {
  const res = (await t.db.execute(
    sql`select settings_enc, account_key, agent_id, client_id, client_secret_enc
          from third_app_configs where tenant_id = ${tenantId}`,
  )) as unknown as { rows: Record<string, unknown>[] };
  return res.rows[0]!;
}
