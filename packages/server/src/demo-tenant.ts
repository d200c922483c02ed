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

/**
 * The demo tenant with its admin `demo_admin` and a WeCom configuration pointing at the
 * simulator; found again (not duplicated) on later starts. Returns the tenant id.
 */
export async function prepareDemoTenant(
  server: RunningServer,
  passwords: { platformAdmin: string; demoAdmin: string },
): Promise<number> {
  const call = caller(server);
  const login = must(
    await call('POST', '/sys/login', {
      body: { username: 'admin', password: passwords.platformAdmin },
    }),
    'sign in as admin',
  ) as { token: string };
  const token = login.token;

  const list = must(
    await call(
      'GET',
      `/sys/tenant/list?pageSize=100&keyword=${encodeURIComponent(DEMO.tenantName)}`,
      {
        token,
      },
    ),
    'list tenants',
  ) as { records: { id: number; name: string }[] };
  const found = list.records.find((r) => r.name === DEMO.tenantName);
  const tenantId =
    found?.id ??
    (
      must(
        await call('POST', '/sys/tenant/add', { token, body: { name: DEMO.tenantName } }),
        'create tenant',
      ) as { id: number }
    ).id;

  const added = await call('POST', '/sys/user/add', {
    token,
    tenantId,
    body: {
      username: DEMO.adminUsername,
      realname: '演示管理员',
      password: passwords.demoAdmin,
      role: 'admin',
    },
  });
  if (!added.success && added.errorCode !== 'users.username_taken')
    must(added, 'create demo_admin');

  const wanted = {
    thirdType: 'wechat_enterprise',
    agentId: DEMO.agentId,
    clientId: DEMO.corpId,
    clientSecret: DEMO.secret,
    contactSecret: DEMO.contactSecret,
    enabled: true,
  };
  const current = must(
    await call('GET', '/sys/thirdApp/config?thirdType=wechat_enterprise', { token, tenantId }),
    'read config',
  );
  // A configuration edited in the console meanwhile is reset to the simulator's values.
  must(
    await call(current ? 'PUT' : 'POST', '/sys/thirdApp/config', { token, tenantId, body: wanted }),
    'configure WeCom',
  );
  return tenantId;
}
