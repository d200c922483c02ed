import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  startSimulator as startDingTalkSimulator,
  type Simulator as DingTalkSimulator,
} from '@orgbridge/dingtalk-sim';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { ConfigError } from './config';
import { DEMO, DEMO_DINGTALK, prepareDemoTenant, prepareDingTalkDemoTenant } from './demo-tenant';
import { createLogger } from './lib/log';
import { startServer, type RunningServer } from './start';

/**
 * `npm run demo`: OrgBridge on an embedded database in ./data/demo plus the bundled WeCom
 * simulator (2,000 members, 200 departments, 20 ms latency), with a demo tenant already
 * connected to it, so the whole seed walkthrough (configure → test → sync → bindings → messages)
 * can be clicked through without a real WeCom corp; and beside it the bundled DingTalk simulator
 * (500 members, 50 departments, 20 calls a second per interface like the standard edition) with
 * a second tenant connected to it, its event subscription pointing at that tenant's callback URL.
 */
const PASSWORD = 'OrgBridge-demo1';

/** The process's one logger; startServer sets its level (LOG_LEVEL, default warn here). */
const log = createLogger({ level: 'info' });

/** `preferred` (4100, 4200) when free, else any free port (a second demo or a CLI simulator may hold it). */
async function simulatorPort(preferred: number): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(0));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => done(preferred)));
  });
}

function banner(
  server: RunningServer,
  sim: Simulator,
  dingtalk: DingTalkSimulator,
  admin: string,
  tenantId: number | null,
  dingtalkTenantId: number | null,
): void {
  const dt = dingtalk.credentials;
  const url = server.config.publicUrl;
  const lines = [
    '',
    'OrgBridge demo is running.',
    `  Console            ${url}/`,
    `  Tenant admin       ${DEMO.adminUsername} / ${PASSWORD}  (tenant ${DEMO.tenantName}, id ${tenantId ?? '?'})`,
    `  Platform admin     admin / ${admin}`,
    `  WeCom integration  ${url}/third-app/wecom`,
    `  WeCom simulator    ${sim.url}  (2,000 members, 200 departments, 20 ms latency)`,
    `  Simulated members  ${sim.url}/sim/  (messages received, "open the app as this member")`,
    `  Simulator corp     CorpID ${DEMO.corpId}, AgentId ${DEMO.agentId}, Secret ${DEMO.secret}, contacts-sync Secret ${DEMO.contactSecret}`,
    `  Data               ${server.config.dataDir}`,
    tenantId !== null
      ? `  Sign in as ${DEMO.adminUsername}, open 第三方配置 → 企业微信集成, click 测试连接, then sync.`
      : '  The demo tenant could not be prepared (see the warning above); enter the simulator corp yourself.',
    '',
    `  DingTalk tenant    ${DEMO_DINGTALK.adminUsername} / ${PASSWORD}  (tenant ${DEMO_DINGTALK.tenantName}, id ${dingtalkTenantId ?? '?'})`,
    `  DingTalk integr.   ${url}/third-app/dingtalk`,
    `  DingTalk simulator ${dingtalk.url}  (500 members, 50 departments, 20 calls/s per interface)`,
    `  Simulated members  ${dingtalk.url}/sim/`,
    `  Simulator app      Client ID ${dt.appKey}, Client Secret ${dt.appSecret}, AgentId ${dt.agentId}, CorpId ${dt.corpId}`,
    dingtalkTenantId !== null
      ? `  Sign in as ${DEMO_DINGTALK.adminUsername}, open 第三方配置 → 钉钉集成, click 测试连接, then sync.`
      : '  The DingTalk demo tenant could not be prepared (see the warning above); enter the simulator app yourself.',
    '',
  ];
  // The demo's banner is for the person who ran `npm run demo` (URLs and demo credentials), not
  // for a log shipper: plain text by design, once, after the server and simulator are up.
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const password = process.env.ADMIN_PASSWORD ?? PASSWORD;
  const sim = await startSimulator({
    port: await simulatorPort(4100),
    users: 2000,
    departments: 200,
    seed: 1,
    latencyMs: 20,
    corpId: DEMO.corpId,
    agentId: DEMO.agentId,
    secret: DEMO.secret,
    contactSecret: DEMO.contactSecret,
    trustedDomain: new URL(publicUrl).hostname,
  });
  const dingtalk = await startDingTalkSimulator({
    port: await simulatorPort(4200),
    users: 500,
    departments: 50,
    seed: 1,
    latencyMs: 20,
    qps: 20,
    corpId: DEMO_DINGTALK.corpId,
    appKey: DEMO_DINGTALK.appKey,
    appSecret: DEMO_DINGTALK.appSecret,
    agentId: DEMO_DINGTALK.agentId,
  });
  // startServer takes WeCom's endpoints as an option; DingTalk's come from the environment
  // (DINGTALK_*_BASE), which the demo points at its own simulator.
  Object.assign(process.env, {
    DINGTALK_API_BASE: dingtalk.url,
    DINGTALK_OAPI_BASE: dingtalk.url,
    DINGTALK_LOGIN_BASE: dingtalk.url,
  });
  const server = await startServer({
    port,
    publicUrl,
    // ./data/demo of the repository, whichever directory npm runs the workspace script in.
    dataDir: process.env.DATA_DIR ?? fileURLToPath(new URL('../../../data/demo', import.meta.url)),
    adminPassword: password,
    log,
    // Request logs would bury the banner; LOG_LEVEL=info brings them back.
    logLevel: process.env.LOG_LEVEL ?? 'warn',
    wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url },
  });
  let tenantId: number | null = null;
  try {
    tenantId = await prepareDemoTenant(server, { platformAdmin: password, demoAdmin: PASSWORD });
    sim.admin.setHomeUrl(`${publicUrl}/tenantId/${tenantId}`);
  } catch (err) {
    server.app.log.warn({ err }, 'demo tenant not prepared');
  }
  let dingtalkTenantId: number | null = null;
  try {
    const connection = await prepareDingTalkDemoTenant(server, {
      platformAdmin: password,
      demoAdmin: PASSWORD,
    });
    dingtalkTenantId = connection.tenantId;
    dingtalk.admin.setHomeUrl(`${publicUrl}/tenantId/${connection.tenantId}`);
    // The app's event subscription (事件订阅): the simulator's check_url push must be answered.
    const check = await dingtalk.admin.configureCallback({
      url: connection.callbackUrl,
      token: connection.callbackToken,
      aesKey: connection.callbackAesKey,
    });
    if (!check.ok) server.app.log.warn({ check }, 'the DingTalk simulator’s check_url push failed');
  } catch (err) {
    server.app.log.warn({ err }, 'DingTalk demo tenant not prepared');
  }
  banner(server, sim, dingtalk, password, tenantId, dingtalkTenantId);

  const shutdown = () => {
    void Promise.allSettled([server.close(), sim.close(), dingtalk.close()]).then(() =>
      process.exit(0),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  // A configuration or database error to fix is a plain paragraph for the person at the terminal
  // (lib/startup-errors.ts); anything else is a log line.
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else log.fatal({ err }, 'the demo could not start');
  process.exit(1);
});
