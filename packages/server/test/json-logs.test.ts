import { withWeComTenant } from '@orgbridge/test-world';
// Issue 16 item 4 (PRODUCT.md §10): every line the production server writes is pino JSON — at
// start (the generated admin password included), during a sync, when PostgreSQL's LISTEN
// connection is terminated, and at shutdown — and no connection password reaches a line. The only
// plain text is the startup-error paragraph (lib/startup-errors.ts; test/startup-errors.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LISTENER_NAME } from '../src/db/changes';
import type { ApiResponse, TestApp } from './build-test-app';
import { asAdmin } from './own-pg-database';
import { usePostgres } from './test-db';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const adminUrl = process.env.TEST_DATABASE_URL ?? '';
/** Trust auth ignores it; it must still never appear in a log line. */
const DB_PASSWORD = 'pw-must-not-leak-1f9c';

describe('the production server logs JSON only', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgbridge-json-logs-'));
  const dbName = `orgbridge_t_logs_${randomBytes(5).toString('hex')}`;
  const lines: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  let sim: Simulator;
  let child: ChildProcess;
  let base = '';

  const waitForLine = (re: RegExp, timeout = 60_000) =>
    vi.waitFor(
      () => {
        const line = lines.find((l) => re.test(l.text));
        if (!line) {
          if (child.exitCode !== null) throw new Error(`server exited: ${JSON.stringify(lines)}`);
          throw new Error(`no line matching ${re}`);
        }
        return line.text;
      },
      { timeout, interval: 50 },
    );

  const call: TestApp['call'] = async (method, url, body, opts = {}) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(opts.token ? { 'x-access-token': opts.token } : {}),
        ...(opts.tenantId !== undefined ? { 'x-tenant-id': String(opts.tenantId) } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: text ? JSON.parse(text) : undefined,
    } as ApiResponse;
  };
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
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? '',
        ADMIN_PASSWORD: '',
        SECRET_KEY: randomBytes(32).toString('hex'),
        SECRET_KEY_FILE: '',
        LOG_LEVEL: 'info',
        WECOM_API_BASE: sim.url,
        WECOM_OAUTH_BASE: sim.url,
        WECOM_LOGIN_BASE: sim.url,
        SHUTDOWN_GRACE_S: '5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      let rest = '';
      child[stream]!.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString()).split('\n');
        rest = parts.pop()!;
        for (const text of parts) if (text.trim()) lines.push({ stream, text });
      });
    }
    const listening = await waitForLine(/OrgBridge listening on/);
    base = /listening on (http:\/\/\S+)/.exec(listening)![1]!;
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
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

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

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
