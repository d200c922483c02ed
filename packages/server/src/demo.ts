import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { ConfigError } from './config';
import { startServer, type RunningServer } from './start';

/**
 * `npm run demo`: OrgBridge on an embedded database in ./data/demo plus the bundled WeCom
 * simulator, with the default tenant already connected to it, so the whole seed walkthrough
 * (configure → test → sync → bindings) can be clicked through without a real WeCom corp.
 * Fixed simulator credentials and a deterministic organisation make restarts idempotent.
 */
const DEMO = {
  tenantId: 0,
  adminPassword: 'OrgBridge-demo1',
  corpId: 'ww0de00000000000a1',
  agentId: 1000002,
  secret: 'DemoAppSecretValue0001',
  contactSecret: 'DemoContactSecretValue1',
} as const;

/** 4100 when free, else any free port (a second demo or the CLI simulator may hold it). */
async function simulatorPort(preferred: number): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(0));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => done(preferred)));
  });
}

async function api(
  server: RunningServer,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  token?: string,
  body?: unknown,
) {
  const res = await server.app.inject({
    method,
    url,
    headers: {
      'x-tenant-id': String(DEMO.tenantId),
      ...(token ? { 'x-access-token': token } : {}),
    },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  const envelope = res.json() as { success: boolean; message: string; result: unknown };
  if (!envelope.success) throw new Error(`${method} ${url}: ${res.statusCode} ${envelope.message}`);
  return envelope.result;
}

/** Points the demo tenant's WeCom configuration at the simulator, through the real API. */
async function configureTenant(server: RunningServer, password: string): Promise<void> {
  const login = (await api(server, 'POST', '/sys/login', undefined, {
    username: 'admin',
    password,
  })) as { token: string };
  const wanted = {
    thirdType: 'wechat_enterprise',
    agentId: DEMO.agentId,
    clientId: DEMO.corpId,
    clientSecret: DEMO.secret,
    contactSecret: DEMO.contactSecret,
    enabled: true,
  };
  const current = await api(
    server,
    'GET',
    '/sys/thirdApp/config?thirdType=wechat_enterprise',
    login.token,
  );
  // An existing configuration (e.g. edited in the console) is reset to the simulator's values.
  await api(server, current ? 'PUT' : 'POST', '/sys/thirdApp/config', login.token, wanted);
}

function banner(server: RunningServer, sim: Simulator, password: string, configured: boolean) {
  const lines = [
    '',
    'OrgBridge demo is running.',
    `  Console            ${server.config.publicUrl}/  (admin / ${password})`,
    `  WeCom integration  ${server.config.publicUrl}/third-app/wecom  (默认租户, id ${DEMO.tenantId})`,
    `  WeCom simulator    ${sim.url}  (2,000 members, 200 departments, 20 ms latency)`,
    `  Simulated members  ${sim.url}/sim/  (messages received, "open the app as this member")`,
    `  Simulator corp     CorpID ${DEMO.corpId}, AgentId ${DEMO.agentId}, Secret ${DEMO.secret}, contacts-sync Secret ${DEMO.contactSecret}`,
    `  Data               ${server.config.dataDir}`,
    configured
      ? '  The default tenant is connected to the simulator: open 企业微信集成, click 测试连接, then 同步.'
      : '  Could not sign in as admin to configure the tenant (password changed?); enter the simulator corp above in 企业微信集成 yourself.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const password = process.env.ADMIN_PASSWORD ?? DEMO.adminPassword;
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
    homeUrl: `${publicUrl}/tenantId/${DEMO.tenantId}`,
  });
  const server = await startServer({
    port,
    publicUrl,
    // ./data/demo of the repository, whichever directory npm runs the workspace script in.
    dataDir: process.env.DATA_DIR ?? fileURLToPath(new URL('../../../data/demo', import.meta.url)),
    adminPassword: password,
    // Request logs would bury the banner; LOG_LEVEL=info brings them back.
    logLevel: process.env.LOG_LEVEL ?? 'warn',
    wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url },
  });
  let configured = true;
  try {
    await configureTenant(server, password);
  } catch (err) {
    configured = false;
    server.app.log.warn({ err }, 'demo tenant not configured');
  }
  banner(server, sim, password, configured);

  const shutdown = () => {
    void Promise.allSettled([server.close(), sim.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
