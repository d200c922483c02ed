import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { createProxy } from 'proxy';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
import { ConfigError, loadConfig } from '../../config';
import { rowsOf } from '../../lib/sql';

/**
 * Egress proxy and the trusted-IP doctor (PRODUCT.md §8) against the simulator and a real HTTP
 * proxy (the `proxy` package) listening on 127.0.0.2 and connecting out from 127.0.0.2: the
 * simulator sees 127.0.0.1 for direct calls and 127.0.0.2 for proxied ones, like WeCom would see
 * the server's own address or the proxy's fixed one.
 */

const PROXY_HOST = '127.0.0.2';
const PROXY_USER = 'alice';
const PROXY_PASSWORD = 'pr0xyS3cret';

interface CountingProxy {
  url: string;
  /** Requests the proxy forwarded (absolute-form) plus CONNECT tunnels it opened. */
  seen: () => number;
  /** Requests refused for missing/wrong credentials (407). */
  refused: () => number;
  close(): Promise<void>;
}

async function startProxy(opts: { auth?: boolean } = {}): Promise<CountingProxy> {
  const server = createProxy(http.createServer());
  // The proxy's outgoing connections leave from its own address, as a real egress proxy's do.
  server.localAddress = PROXY_HOST;
  let seen = 0;
  let refused = 0;
  const expected = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`;
  server.authenticate = (req) => {
    const ok = !opts.auth || req.headers['proxy-authorization'] === expected;
    if (ok) seen++;
    else refused++;
    return ok;
  };
  server.listen(0, PROXY_HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${PROXY_HOST}:${port}`,
    seen: () => seen,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

let sim: Simulator;
let proxy: CountingProxy;
let authProxy: CountingProxy;
let t: TestApp;
let admin: TestUser;
let tenantId: number;

const good = () => ({
  thirdType: 'wechat_enterprise',
  agentId: sim.credentials.agentId,
  clientId: sim.credentials.corpId,
  clientSecret: sim.credentials.secret,
});

beforeAll(async () => {
  sim = await startSimulator({ users: 20, departments: 4, seed: 5, latencyMs: 0 });
  proxy = await startProxy();
  authProxy = await startProxy({ auth: true });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  const tenant = await t.factories.tenant();
  tenantId = tenant.id;
  admin = await t.factories.user(tenant.id, { role: 'admin' });
  const res = await t.call('POST', '/sys/thirdApp/config', good(), { token: admin.token });
  expect(res.status, res.body.message).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await proxy?.close();
  await authProxy?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.admin.reset();
});

async function put(over: Record<string, unknown>) {
  return t.call('PUT', '/sys/thirdApp/config', { ...good(), ...over }, { token: admin.token });
}

async function getConfig() {
  const res = await t.call('GET', '/sys/thirdApp/config', undefined, { token: admin.token });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result;
}

async function diagnose() {
  const res = await t.call('POST', '/sys/thirdApp/config/test', undefined, { token: admin.token });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result as {
    ok: boolean;
    egressIp?: string | null;
    checks: {
      id: string;
      status: string;
      facts?: Record<string, unknown>;
      error?: { providerCode: number; fromIp?: string };
      explanation?: Record<'zh-CN' | 'en', { title: string; cause: string; fix: string }>;
    }[];
  };
}

async function auditRows(action: string) {
  return rowsOf<{ details: Record<string, unknown> | string }>(
    await t.db.execute(
      sql`select details from audit_log where tenant_id = ${tenantId} and action = ${action} order by id`,
    ),
  ).map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details));
}

async function runSync() {
  const res = await t.call(
    'POST',
    '/sys/thirdApp/sync/run',
    { thirdType: 'wechat_enterprise' },
    { token: admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  const runId = res.body.result.runId as number;
  for (let i = 0; i < 400; i++) {
    const r = await t.call('GET', `/sys/thirdApp/sync/runs/${runId}`, undefined, {
      token: admin.token,
    });
    if (r.body.result.status !== 'running') return r.body.result;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('sync did not finish');
}

describe('egress proxy and trusted-IP doctor', () => {
  it('without a proxy, 60020 names 127.0.0.1: diagnostics report it, the alert is stored and audited', async () => {
    expect((await put({ egressProxy: null })).status).toBe(200);
    sim.admin.setTrustedIps([PROXY_HOST]);

    const d = await diagnose();
    expect(d.egressIp).toBe('127.0.0.1');
    const ip = d.checks.find((c) => c.id === 'trusted_ip');
    expect(ip?.status).toBe('fail');
    expect(ip?.error?.fromIp).toBe('127.0.0.1');

    await vi.waitFor(async () => expect((await getConfig()).trustedIpAlert).toBeTruthy());
    const view = await getConfig();
    expect(view.egressIp).toBe('127.0.0.1');
    expect(typeof view.egressIpSeenAt).toBe('string');
    expect(view.trustedIpAlert).toMatchObject({ ip: '127.0.0.1', api: 'department/list' });
    expect(await auditRows('third_app.untrusted_ip')).toEqual([
      expect.objectContaining({ ip: '127.0.0.1', api: 'department/list' }),
    ]);

    // A sync hitting the same refusal keeps the one alert (same IP) and writes no second entry.
    const run = await runSync();
    expect(run.status).toBe('failed');
    expect(run.error.fromIp).toBe('127.0.0.1');
    expect(await auditRows('third_app.untrusted_ip')).toHaveLength(1);
  });

  it('a 60020 met by a sync alone records the alert and the audit entry', async () => {
    // Clear the previous test's alert by a successful call.
    sim.admin.setTrustedIps(null);
    await diagnose();
    await vi.waitFor(async () => expect((await getConfig()).trustedIpAlert).toBeNull());
    const before = (await auditRows('third_app.untrusted_ip')).length;

    sim.admin.setTrustedIps(['10.9.9.9']);
    const run = await runSync();
    expect(run.status).toBe('failed');
    await vi.waitFor(async () => expect((await getConfig()).trustedIpAlert).toBeTruthy());
    expect((await getConfig()).trustedIpAlert.ip).toBe('127.0.0.1');
    expect(await auditRows('third_app.untrusted_ip')).toHaveLength(before + 1);
  });

  it('with egressProxy every call goes through the proxy and WeCom sees the proxy address', async () => {
    sim.admin.setTrustedIps([PROXY_HOST]);
    const res = await put({ egressProxy: proxy.url });
    expect(res.status, res.body.message).toBe(200);
    const seenBefore = proxy.seen();

    const d = await diagnose();
    expect(d.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(d.egressIp).toBe(PROXY_HOST);
    // The change from the direct address is flagged, in both languages.
    const egress = d.checks.find((c) => c.id === 'egress_ip');
    expect(egress?.status).toBe('warn');
    expect(egress?.facts).toMatchObject({ ip: PROXY_HOST, previous: '127.0.0.1' });
    expect(egress?.explanation?.['zh-CN'].title).toContain('出口 IP 已从 127.0.0.1 变为 127.0.0.2');
    expect(egress?.explanation?.en.title).toContain('127.0.0.1');
    expect(proxy.seen()).toBeGreaterThan(seenBefore);

    // gettoken included: a fresh token through the proxy, then a sync through it too.
    const run = await runSync();
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');

    const view = await getConfig();
    expect(view.egressIp).toBe(PROXY_HOST);
    // The successful calls cleared the alert.
    await vi.waitFor(async () => expect((await getConfig()).trustedIpAlert).toBeNull());
    // Diagnostics again: same IP, no change flagged.
    const again = await diagnose();
    expect(again.checks.find((c) => c.id === 'egress_ip')?.status).toBe('ok');
  });

  it('a proxy with credentials: they are sent, sealed at rest and never shown', async () => {
    const withAuth = authProxy.url.replace('http://', `http://${PROXY_USER}:${PROXY_PASSWORD}@`);
    const res = await put({ egressProxy: withAuth });
    expect(res.status, res.body.message).toBe(200);
    const masked = authProxy.url.replace('http://', `http://${PROXY_USER}:******@`);
    expect(res.body.result.egressProxy).toBe(masked);
    expect(JSON.stringify(res.body)).not.toContain(PROXY_PASSWORD);
    expect((await getConfig()).egressProxy).toBe(masked);

    const raw = JSON.stringify(
      await t.db.execute(sql`select * from third_app_configs where tenant_id = ${tenantId}`),
    );
    expect(raw).not.toContain(PROXY_PASSWORD);
    expect(raw).not.toContain(authProxy.url.slice('http://'.length));

    sim.admin.setTrustedIps([PROXY_HOST]);
    const seen = authProxy.seen();
    const d = await diagnose();
    expect(d.egressIp).toBe(PROXY_HOST);
    expect(d.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(authProxy.seen()).toBeGreaterThan(seen);
    expect(authProxy.refused()).toBe(0);

    // Sending the masked value back (an unchanged form) keeps the stored proxy.
    expect((await put({ egressProxy: masked })).status).toBe(200);
    expect((await diagnose()).egressIp).toBe(PROXY_HOST);
    expect(authProxy.refused()).toBe(0);
  });

  it('validates egressProxy (400 saying what to fix) and clears it with null or ""', async () => {
    for (const bad of [
      'ftp://127.0.0.2:8080',
      'http://127.0.0.2',
      'http://127.0.0.2:8080/path',
      'http://127.0.0.2:8080/?q=1',
      'not a url',
      'socks5://127.0.0.2:1080',
    ]) {
      const res = await put({ egressProxy: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.errorCode, bad).toBe('third_app.egress_proxy_invalid');
      expect(res.body.message).toMatch(/http:\/\/\[?user:pass@\]?host:port|代理/);
    }
    expect((await put({ egressProxy: proxy.url })).body.result.egressProxy).toBe(proxy.url);
    expect((await put({ egressProxy: '' })).body.result.egressProxy).toBeNull();
    expect((await put({ egressProxy: proxy.url })).status).toBe(200);
    expect((await put({ egressProxy: null })).body.result.egressProxy).toBeNull();
    const rows = rowsOf<{ egress_proxy_enc: string | null }>(
      await t.db.execute(
        sql`select egress_proxy_enc from third_app_configs where tenant_id = ${tenantId}`,
      ),
    );
    expect(rows[0]?.egress_proxy_enc).toBeNull();

    // POST validates too.
    const other = await t.factories.tenant();
    const otherAdmin = await t.factories.user(other.id, { role: 'admin' });
    const post = await t.call(
      'POST',
      '/sys/thirdApp/config',
      { ...good(), clientId: 'wwother0001', egressProxy: 'http://h' },
      { token: otherAdmin.token },
    );
    expect(post.status).toBe(400);
    expect(post.body.errorCode).toBe('third_app.egress_proxy_invalid');
  });
});

describe('WECOM_PROXY', () => {
  it('is read from the environment and validated', () => {
    const env = { SECRET_KEY: 'ab'.repeat(32), DATA_DIR: '/tmp/orgbridge-egress-test' };
    expect(loadConfig({ ...env, WECOM_PROXY: 'http://u:p@10.1.2.3:3128' }).wecom.proxy).toBe(
      'http://u:p@10.1.2.3:3128',
    );
    expect(loadConfig(env).wecom.proxy).toBeUndefined();
    expect(() => loadConfig({ ...env, WECOM_PROXY: 'http://10.1.2.3' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, WECOM_PROXY: 'http://10.1.2.3' })).toThrow(/WECOM_PROXY/);
  });

  it('routes a connection without its own proxy through WECOM_PROXY; its own proxy wins', async () => {
    const direct = await startProxy();
    const app = await buildTestApp({
      config: {
        wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url, proxy: proxy.url },
      },
    });
    try {
      const tenant = await app.factories.tenant();
      const a = await app.factories.user(tenant.id, { role: 'admin' });
      const created = await app.call('POST', '/sys/thirdApp/config', good(), { token: a.token });
      expect(created.status, created.body.message).toBe(200);
      expect(created.body.result.egressProxy).toBeNull();
      sim.admin.setTrustedIps([PROXY_HOST]);

      const seen = proxy.seen();
      const res = await app.call('POST', '/sys/thirdApp/config/test', undefined, {
        token: a.token,
      });
      expect(res.status).toBe(200);
      expect(res.body.result.egressIp).toBe(PROXY_HOST);
      expect(res.body.result.ok).toBe(true);
      expect(proxy.seen()).toBeGreaterThan(seen);

      // The connection's own proxy is used instead of WECOM_PROXY.
      const put2 = await app.call(
        'PUT',
        '/sys/thirdApp/config',
        { ...good(), egressProxy: direct.url },
        { token: a.token },
      );
      expect(put2.status, put2.body.message).toBe(200);
      const envSeen = proxy.seen();
      const ownSeen = direct.seen();
      const res2 = await app.call('POST', '/sys/thirdApp/config/test', undefined, {
        token: a.token,
      });
      expect(res2.body.result.ok).toBe(true);
      expect(direct.seen()).toBeGreaterThan(ownSeen);
      expect(proxy.seen()).toBe(envSeen);
    } finally {
      await app.close();
      await direct.close();
    }
  });
});
