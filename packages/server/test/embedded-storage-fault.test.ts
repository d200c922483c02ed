// Issue 13 item 5: the embedded database's disk fails (ENOSPC) during writes. Writes answer 503
// with the storage cause, the server keeps answering, writes work again once the disk does (no
// restart), and SIGTERM ends the process. The app runs in a child process: before the fix a
// PANIC left PGlite spinning inside WASM, blocking the event loop for good.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMSCRIPTEN_ERRNO } from './storage-fault';
import { usePostgres } from './test-db';

const PASSWORD = 'storage-fault-admin-1';
const harness = fileURLToPath(new URL('./storage-fault-server.ts', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- envelope results are asserted field by field
type Any = any;

describe.runIf(!usePostgres())('embedded database storage errors', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgbridge-storage-fault-'));
  let child: ChildProcess;
  let url = '';
  let token = '';
  let stderr = '';

  const setFault = (errno: number | null) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send({ errno });
    });

  /** One request; a server that does not answer within `ms` fails the test instead of hanging it. */
  async function call(method: string, path: string, body?: unknown, ms = 5_000) {
    const res = await fetch(`${url}${path}`, {
      method,
      signal: AbortSignal.timeout(ms),
      headers: {
        ...(token ? { 'x-access-token': token } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Any };
  }
  const addUser = (username: string) =>
    call('POST', '/sys/user/add', { username, realname: username, password: 'Passw0rd-123456' });

  beforeAll(async () => {
    child = fork(harness, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-5000)));
    url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { url: string }) => resolve(m.url));
      child.once('exit', (code) => reject(new Error(`harness exited ${code}: ${stderr}`)));
    });
    const login = await call('POST', '/sys/login', { username: 'admin', password: PASSWORD });
    token = login.body.result.token;
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with the storage cause, keeps answering, and writes again once the disk works', async () => {
    expect((await addUser('before_fault')).status).toBe(200);

    await setFault(EMSCRIPTEN_ERRNO.ENOSPC);
    const failed = await addUser('during_fault');
    expect(failed.status).toBe(503);
    expect(failed.body.errorCode).toMatch(/^db\.(storage|unavailable)$/);
    expect(failed.body.message).toMatch(/disk|storage/i);
    expect(Number(failed.headers.get('retry-after'))).toBeGreaterThan(0);

    // Still responsive while the disk fails: each answer comes at once (503 or 200), never a hang.
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const read = await call('GET', '/sys/user/list', undefined, 2_000);
      expect([200, 503]).toContain(read.status);
      expect(Date.now() - started).toBeLessThan(1_000);
      const write = await addUser(`still_failing_${i}`);
      expect(write.status).toBe(503);
    }

    await setFault(null);
    await expect
      .poll(async () => (await addUser('after_fault')).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
    const list = await call('GET', '/sys/user/list?pageSize=100');
    const names = (list.body.result.records as { username: string }[]).map((r) => r.username);
    expect(names).toEqual(expect.arrayContaining(['before_fault', 'after_fault']));
    expect(names).not.toContain('during_fault');
  }, 60_000);

  it('honours SIGTERM while the disk fails', async () => {
    await setFault(EMSCRIPTEN_ERRNO.ENOSPC);
    expect((await addUser('panic_again')).status).toBe(503);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const started = Date.now();
    child.kill('SIGTERM');
    await expect(
      Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10_000))]),
    ).resolves.not.toBe('still running');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
