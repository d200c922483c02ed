import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, withDingTalkSimulator, type DingTalkSimulator } from '@orgbridge/test-world';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_DINGTALK, prepareDingTalkDemoTenant } from './demo-tenant';
import { startServer, type RunningServer } from './start';

/*
 * `npm run demo`'s DingTalk tenant (issue 19): a tenant with its own admin, connected to the
 * demo's dingtalk-sim, whose event subscription the simulator can verify, found again (same
 * generated Token and aes_key) when the demo restarts on the same data.
 */
const PASSWORD = 'OrgBridge-demo1';
let dir: string;
let sim: DingTalkSimulator;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgbridge-demo-dingtalk-'));
  sim = await withDingTalkSimulator({
    users: 30,
    departments: 5,
    corpId: DEMO_DINGTALK.corpId,
    appKey: DEMO_DINGTALK.appKey,
    appSecret: DEMO_DINGTALK.appSecret,
    agentId: DEMO_DINGTALK.agentId,
  });
  vi.stubEnv('DINGTALK_API_BASE', sim.url);
  vi.stubEnv('DINGTALK_OAPI_BASE', sim.url);
  vi.stubEnv('DINGTALK_LOGIN_BASE', sim.url);
  const port = await freePort();
  server = await startServer({
    port,
    host: '127.0.0.1',
    publicUrl: `http://127.0.0.1:${port}`,
    dataDir: dir,
    secretKey: randomBytes(32).toString('hex'),
    adminPassword: PASSWORD,
    logger: false,
    webDist: null,
    jobs: false,
    announce: () => {},
  });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

async function signIn(username: string): Promise<string> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/sys/login',
    payload: { username, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { result: { token: string } }).result.token;
}

describe('the DingTalk demo tenant', () => {
  it('is connected to the simulator: its admin signs in, 测试连接 passes, the simulator’s check_url push is answered', async () => {
    const connection = await prepareDingTalkDemoTenant(server, {
      platformAdmin: PASSWORD,
      demoAdmin: PASSWORD,
    });
    expect(connection.callbackUrl).toBe(
      `${server.config.publicUrl}/sys/thirdApp/callback/dingtalk/${connection.tenantId}`,
    );

    const token = await signIn(DEMO_DINGTALK.adminUsername);
    const test = await server.app.inject({
      method: 'POST',
      url: '/sys/thirdApp/config/test?thirdType=dingtalk',
      headers: { 'x-access-token': token, 'x-tenant-id': String(connection.tenantId) },
    });
    expect(test.statusCode, test.body).toBe(200);
    const result = (test.json() as { result: { ok: boolean; checks: unknown[] } }).result;
    expect(result.ok, JSON.stringify(result.checks)).toBe(true);

    const check = await sim.admin.configureCallback({
      url: connection.callbackUrl,
      token: connection.callbackToken,
      aesKey: connection.callbackAesKey,
    });
    expect(check.ok, JSON.stringify(check)).toBe(true);
  });

  it('is found again on a restart: one tenant, the same generated Token and aes_key', async () => {
    const passwords = { platformAdmin: PASSWORD, demoAdmin: PASSWORD };
    const first = await prepareDingTalkDemoTenant(server, passwords);
    const again = await prepareDingTalkDemoTenant(server, passwords);
    expect(again).toEqual(first);
  });
});
