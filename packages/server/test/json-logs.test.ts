import {
  httpCaller,
  spawnServer,
  withWeComTenant,
  type Caller,
  type ServerProcess,
} from '@orgbridge/test-world';
// Issue 16 item 4 (PRODUCT.md §10): every line the production server writes is pino JSON — at
// start (the generated admin password included), during a sync, when PostgreSQL's LISTEN
// connection is terminated, and at shutdown — and no connection password reaches a line. The only
// plain text is the startup-error paragraph (lib/startup-errors.ts; test/startup-errors.test.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LISTENER_NAME } from '../src/db/changes';
import { asAdmin } from './own-pg-database';
import { usePostgres } from './test-db';

const adminUrl = process.env.TEST_DATABASE_URL ?? '';
/** Trust auth ignores it; it must still never appear in a log line. */
const DB_PASSWORD = 'pw-must-not-leak-1f9c';

describe('the production server logs JSON only', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgbridge-json-logs-'));
  const dbName = `orgbridge_t_logs_${randomBytes(5).toString('hex')}`;
  let sim: Simulator;
  let server: ServerProcess | undefined;

  const waitForLine = (re: RegExp, timeout = 60_000) =>
    vi.waitFor(
      () => {
        const line = server!.lines().find((l) => re.test(l.text));
        if (!line) throw new Error(`no line matching ${re}:\n${server!.log().slice(-2000)}`);
        return line.text;
      },
      { timeout, interval: 50 },
    );

  const call: Caller = (...args) => httpCaller(server!.url)(...args);
  const login = async (username: string, password: string) => {
    const res = await call('POST', '/sys/login', { username, password });
    expect(res.status, res.body?.message).toBe(200);
    return res.body.result.token as string;
  };

  beforeAll(async () => {
    sim = await startSimulator({ users: 20, departments: 4, seed: 7, latencyMs: 0 });
    let databaseUrl: string | undefined;
    if (usePostgres()) {
      await asAdmin((c) => c.query(`create database ${dbName}`));
      const url = new URL(adminUrl);
      url.pathname = `/${dbName}`;
      url.username = url.username || 'postgres';
      url.password = DB_PASSWORD;
      databaseUrl = url.toString();
    }
    server = await spawnServer({
      simUrl: sim.url,
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      adminPassword: '',
      env: { SECRET_KEY_FILE: '', LOG_LEVEL: 'info', SHUTDOWN_GRACE_S: '5' },
    });
  }, 90_000);

  afterAll(async () => {
    await server?.kill();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (usePostgres()) {
      await asAdmin((c) => c.query(`drop database if exists ${dbName} with (force)`));
    }
  });

  it('at start, in a sync, on a lost LISTEN connection and at shutdown', async () => {
    // The generated admin password is announced once, as a log line like every other.
    const announced = await waitForLine(/Platform administrator created/);
    const { msg } = JSON.parse(announced) as { msg: string };
    const generated = /password "([^"]+)"/.exec(msg)![1]!;
    const first = await login('admin', generated);
    const changed = await call(
      'POST',
      '/sys/user/changePassword',
      { oldPassword: generated, newPassword: 'Json-logs-admin-2' },
      { token: first },
    );
    expect(changed.status, changed.body?.message).toBe(200);
    const adminToken = await login('admin', 'Json-logs-admin-2');
    const { admin: tenantAdmin } = await withWeComTenant({ call, adminToken }, sim);

    const started = await call(
      'POST',
      '/sys/thirdApp/sync/run',
      { thirdType: 'wechat_enterprise' },
      { token: tenantAdmin.token },
    );
    expect(started.status, started.body?.message).toBe(200);
    const runId = started.body.result.runId as number;
    await expect
      .poll(
        async () =>
          (
            await call('GET', `/sys/thirdApp/sync/runs/${runId}`, undefined, {
              token: tenantAdmin.token,
            })
          ).body.result.status,
        { timeout: 30_000, interval: 100 },
      )
      .not.toBe('running');

    if (usePostgres()) {
      const killed = await asAdmin(
        async (c) =>
          (
            await c.query(
              'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = $2',
              [dbName, LISTENER_NAME],
            )
          ).rowCount,
      );
      expect(killed).toBe(1);
      await waitForLine(/change listener/, 10_000);
    }

    expect(await server!.terminate()).toBe(0);

    const lines = server!.lines();
    const plain = lines.filter((l) => {
      try {
        const parsed = JSON.parse(l.text) as { level?: unknown; msg?: unknown };
        return typeof parsed.level !== 'number' || typeof parsed.msg !== 'string';
      } catch {
        return true;
      }
    });
    expect(plain, 'lines that are not pino JSON').toEqual([]);
    expect(lines.some((l) => /SIGTERM received/.test(l.text))).toBe(true);
    expect(lines.filter((l) => l.text.includes(DB_PASSWORD))).toEqual([]);
  }, 120_000);
});
