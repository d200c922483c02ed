import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../src/app';
import type { AppConfig } from '../src/config';
import type { Database, Db } from '../src/db/client';
import { createFactories } from './factories';
import { openTestDatabase, TEST_ADMIN_PASSWORD } from './test-db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read result fields freely and assert them
type AnyResult = any;

export interface ApiResponse {
  status: number;
  body: {
    success: boolean;
    message: string;
    code: number;
    result: AnyResult;
    errorCode?: string;
    requestId?: string;
    details?: Record<string, unknown>;
    /** Text of a non-JSON response (redirects, HTML pages). */
    raw?: string;
  };
  headers: Record<string, unknown>;
}

export interface CallOptions {
  token?: string;
  tenantId?: number | string;
  headers?: Record<string, string>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:3000',
    dataDir: '/nonexistent',
    secretKey: randomBytes(32),
    wecom: {
      apiBase: 'http://127.0.0.1:9',
      oauthBase: 'http://127.0.0.1:9',
      loginBase: 'http://127.0.0.1:9',
    },
    logLevel: 'silent',
    ...overrides,
  };
}

/** Sends one request through `app.inject()` and parses the JSON envelope. */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  opts: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers['x-access-token'] = opts.token;
  if (opts.tenantId !== undefined) headers['x-tenant-id'] = String(opts.tenantId);
  const res = await app.inject({
    method,
    url,
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });
  // Browser routes (redirects, HTML pages) answer without the JSON envelope.
  const isJson = String(res.headers['content-type'] ?? '').includes('application/json');
  const parsed = isJson ? res.json() : { raw: res.body };
  return { status: res.statusCode, body: parsed, headers: res.headers };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  database: Database;
  adminToken: string;
  call: (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    opts?: CallOptions,
  ) => Promise<ApiResponse>;
  login(username: string, password: string): Promise<string>;
  factories: ReturnType<typeof createFactories>;
  close(): Promise<void>;
}

/** One app on its own migrated database, with the platform admin already signed in. */
export async function buildTestApp(
  opts: {
    config?: Partial<AppConfig>;
    onRoute?: BuildAppOptions['onRoute'];
    jobs?: BuildAppOptions['jobs'];
    messages?: BuildAppOptions['messages'];
    database?: Database;
  } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await openTestDatabase());
  const app = await buildApp({
    onRoute: opts.onRoute,
    jobs: opts.jobs,
    messages: opts.messages,
    config: testConfig(opts.config),
    database,
    logger: false,
    webDist: null,
  });
  await app.ready();
  const bound: TestApp['call'] = (method, url, body, o) => call(app, method, url, body, o);
  const login = async (username: string, password: string) => {
    const res = await bound('POST', '/sys/login', { username, password });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${res.body.message}`);
    return res.body.result.token as string;
  };
  const adminToken = await login('admin', TEST_ADMIN_PASSWORD);
  return {
    app,
    db: database.db,
    database,
    adminToken,
    call: bound,
    login,
    factories: createFactories({ call: bound, login, adminToken }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
