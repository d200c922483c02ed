import type { RunningServer } from './start';

/** What the demo sets up; fixed values make restarts on the same DATA_DIR idempotent. */
export const DEMO = {
  tenantName: '演示租户',
  adminUsername: 'demo_admin',
  corpId: 'ww0de00000000000a1',
  agentId: 1000002,
  secret: 'DemoAppSecretValue0001',
  contactSecret: 'DemoContactSecretValue1',
} as const;

/** The DingTalk demo tenant and the app of the dingtalk-sim the demo starts beside WeCom's. */
export const DEMO_DINGTALK = {
  tenantName: '钉钉演示租户',
  adminUsername: 'dingtalk_admin',
  corpId: 'dingde00000000000a1',
  appKey: 'dingdemoappkey000001',
  appSecret: 'DemoDingTalkAppSecretValue000000000000000001',
  agentId: 3000000001,
} as const;

interface Answer {
  status: number;
  success: boolean;
  message: string;
  errorCode?: string;
  result: unknown;
}

/** Calls the app in-process through its real routes (validation, auth, audit all apply). */
function caller(server: RunningServer) {
  return async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    opts: { token?: string; tenantId?: number; body?: unknown } = {},
  ): Promise<Answer> => {
    const res = await server.app.inject({
      method,
      url,
      headers: {
        ...(opts.tenantId !== undefined ? { 'x-tenant-id': String(opts.tenantId) } : {}),
        ...(opts.token ? { 'x-access-token': opts.token } : {}),
      },
      ...(opts.body === undefined ? {} : { payload: opts.body as object }),
    });
    return { status: res.statusCode, ...(res.json() as Omit<Answer, 'status'>) };
  };
}

function must(answer: Answer, what: string): unknown {
  if (!answer.success) throw new Error(`${what}: ${answer.status} ${answer.message}`);
  return answer.result;
}

/** Signs in as the platform admin; answers the call function and the token. */
async function platformAdmin(server: RunningServer, password: string) {
  const call = caller(server);
  const login = must(
    await call('POST', '/sys/login', { body: { username: 'admin', password } }),
    'sign in as admin',
  ) as { token: string };
  return { call, token: login.token };
}

/** The tenant `name` with its admin `username`, created unless there; answers its id. */
async function ensureTenant(
  admin: Awaited<ReturnType<typeof platformAdmin>>,
  o: { name: string; username: string; realname: string; password: string },
): Promise<number> {
  const { call, token } = admin;
  const list = must(
    await call('GET', `/sys/tenant/list?pageSize=100&keyword=${encodeURIComponent(o.name)}`, {
      token,
    }),
    'list tenants',
  ) as { records: { id: number; name: string }[] };
  const found = list.records.find((r) => r.name === o.name);
  const tenantId =
    found?.id ??
    (
      must(
        await call('POST', '/sys/tenant/add', { token, body: { name: o.name } }),
        'create tenant',
      ) as { id: number }
    ).id;

  const added = await call('POST', '/sys/user/add', {
    token,
    tenantId,
    body: { username: o.username, realname: o.realname, password: o.password, role: 'admin' },
  });
  if (!added.success && added.errorCode !== 'users.username_taken')
    must(added, `create ${o.username}`);
  return tenantId;
}

/** Stores `wanted` as the tenant's `thirdType` connection (a console edit is reset); answers its view. */
async function ensureConnection(
  admin: Awaited<ReturnType<typeof platformAdmin>>,
  tenantId: number,
  wanted: { thirdType: string } & Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { call, token } = admin;
  const current = must(
    await call('GET', `/sys/thirdApp/config?thirdType=${wanted.thirdType}`, { token, tenantId }),
    'read config',
  );
  return must(
    await call(current ? 'PUT' : 'POST', '/sys/thirdApp/config', { token, tenantId, body: wanted }),
    `configure ${wanted.thirdType}`,
  ) as Record<string, unknown>;
}

/**
 * The demo tenant with its admin `demo_admin` and a WeCom configuration pointing at the
 * simulator; found again (not duplicated) on later starts. Returns the tenant id.
 */
export async function prepareDemoTenant(
  server: RunningServer,
  passwords: { platformAdmin: string; demoAdmin: string },
): Promise<number> {
  const admin = await platformAdmin(server, passwords.platformAdmin);
  const tenantId = await ensureTenant(admin, {
    name: DEMO.tenantName,
    username: DEMO.adminUsername,
    realname: '演示管理员',
    password: passwords.demoAdmin,
  });
  await ensureConnection(admin, tenantId, {
    thirdType: 'wechat_enterprise',
    agentId: DEMO.agentId,
    clientId: DEMO.corpId,
    clientSecret: DEMO.secret,
    contactSecret: DEMO.contactSecret,
    enabled: true,
  });
  return tenantId;
}

/** The DingTalk connection as stored: where pushes go and the generated Token / aes_key. */
export interface DingTalkDemoConnection {
  tenantId: number;
  callbackUrl: string;
  callbackToken: string;
  callbackAesKey: string;
}

/**
 * The DingTalk demo tenant with its admin `dingtalk_admin` and a DingTalk connection to the
 * demo's dingtalk-sim (its app's Client ID, Client Secret, AgentId and CorpId); found again on
 * later starts, where the generated callback Token and aes_key are kept. The answer is what the
 * simulator's event subscription needs (`sim.admin.configureCallback`).
 */
export async function prepareDingTalkDemoTenant(
  server: RunningServer,
  passwords: { platformAdmin: string; demoAdmin: string },
): Promise<DingTalkDemoConnection> {
  const admin = await platformAdmin(server, passwords.platformAdmin);
  const tenantId = await ensureTenant(admin, {
    name: DEMO_DINGTALK.tenantName,
    username: DEMO_DINGTALK.adminUsername,
    realname: '钉钉演示管理员',
    password: passwords.demoAdmin,
  });
  const view = await ensureConnection(admin, tenantId, {
    thirdType: 'dingtalk',
    clientId: DEMO_DINGTALK.appKey,
    clientSecret: DEMO_DINGTALK.appSecret,
    agentId: DEMO_DINGTALK.agentId,
    corpId: DEMO_DINGTALK.corpId,
    enabled: true,
  });
  const text = (key: string): string => {
    const value = view[key];
    if (typeof value !== 'string' || !value)
      throw new Error(`the DingTalk connection has no ${key}`);
    return value;
  };
  return {
    tenantId,
    callbackUrl: text('callbackUrl'),
    callbackToken: text('callbackToken'),
    callbackAesKey: text('callbackAesKey'),
  };
}
