import { freePort, startNode } from '@orgbridge/test-world';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDatabaseError } from '../src/lib/startup-errors';
import { startServer } from '../src/start';
import pg from 'pg';
import { usePostgres } from './test-db';

/**
 * Issue 13 item 6 (startup): the entry script, run as `npm start` runs it, refuses a bad
 * configuration with one paragraph naming the variable to fix, no stack dump, and a non-zero exit.
 */
const root = await mkdtemp(join(tmpdir(), 'orgbridge-startup-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The entry script as `npm start` runs it; its exit code and what it wrote to stderr. */
async function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = startNode(['packages/server/src/server.ts'], {
    DATABASE_URL: '',
    SECRET_KEY: '',
    SECRET_KEY_FILE: '',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: await mkdtemp(join(root, 'data-')),
    LOG_LEVEL: 'warn',
    ...env,
  });
  const timer = setTimeout(() => void child.kill(), 60_000);
  const code = await child.exited;
  clearTimeout(timer);
  const stderr = child
    .lines()
    .filter((l) => l.stream === 'stderr')
    .map((l) => l.text)
    .join('\n');
  return { code, stderr };
}

function expectOperatorMessage(r: { code: number | null; stderr: string }, variable: RegExp) {
  expect(r.code, r.stderr).not.toBe(0);
  expect(r.code, r.stderr).not.toBeNull();
  expect(r.stderr).toMatch(variable);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/change listener/i);
}

const KEY = randomBytes(32).toString('hex');

describe('startup errors name the variable to fix', { timeout: 90_000 }, () => {
  it('DATABASE_URL at a closed port', async () => {
    const port = await freePort();
    const r = await run({
      DATABASE_URL: `postgres://u:pw-not-shown@127.0.0.1:${port}/x`,
      SECRET_KEY: KEY,
    });
    expectOperatorMessage(r, /DATABASE_URL/);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).not.toContain('pw-not-shown');
  });

  it('DATABASE_URL naming a host that does not resolve', async () => {
    const r = await run({ DATABASE_URL: 'postgres://nowhere.invalid:5432/x', SECRET_KEY: KEY });
    expectOperatorMessage(r, /DATABASE_URL/);
    expect(r.stderr).toContain('nowhere.invalid');
  });

  it('DATABASE_URL at a port where something else answers (it hangs up)', async () => {
    const sockets: Socket[] = [];
    const other = createServer((s) => {
      sockets.push(s);
      s.destroy();
    });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    const port = (other.address() as { port: number }).port;
    try {
      const r = await run({ DATABASE_URL: `postgres://127.0.0.1:${port}/x`, SECRET_KEY: KEY });
      expectOperatorMessage(r, /DATABASE_URL/);
      expect(r.stderr).toContain(`127.0.0.1:${port}`);
    } finally {
      await new Promise((done) => other.close(done));
    }
  });

  it.runIf(usePostgres())('another SECRET_KEY than the database was set up with', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `orgbridge_start_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const first = await startServer({
        databaseUrl: url.toString(),
        secretKey: KEY,
        port: 0,
        host: '127.0.0.1',
        adminPassword: 'admin-pass-123',
        logger: false,
        webDist: null,
        jobs: false,
        announce: () => {},
      });
      await first.close();
      const r = await run({
        DATABASE_URL: url.toString(),
        SECRET_KEY: randomBytes(32).toString('base64'),
      });
      expectOperatorMessage(r, /SECRET_KEY/);
      expect(r.stderr).toMatch(/secret\.key/);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it.runIf(usePostgres())('DATABASE_URL naming a database that does not exist', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/orgbridge_missing_${randomBytes(4).toString('hex')}`;
    const r = await run({ DATABASE_URL: url.toString(), SECRET_KEY: KEY });
    expectOperatorMessage(r, /DATABASE_URL/);
    expect(r.stderr).toContain(url.pathname.slice(1));
  });

  it('DATABASE_URL without SECRET_KEY', async () => {
    const port = await freePort();
    const r = await run({ DATABASE_URL: `postgres://127.0.0.1:${port}/x` });
    expectOperatorMessage(r, /SECRET_KEY_FILE/);
  });

  it('a malformed SECRET_KEY', async () => {
    const r = await run({
      SECRET_KEY: 'not base64!! but long enough to pass the length check easily, surely by now',
    });
    expectOperatorMessage(r, /SECRET_KEY/);
    expect(r.stderr).not.toContain('not base64!!');
  });
});

describe('describeDatabaseError: what each failure asks the operator to fix', () => {
  const url = 'postgres://orgbridge:secret-pw@db.example:5433/orgbridge';
  const cases: [string, Partial<NodeJS.ErrnoException> & { message: string }, RegExp][] = [
    ['refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, /db\.example:5433/],
    [
      'unknown host',
      { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.example' },
      /db\.example/,
    ],
    ['password', { code: '28P01', message: 'password authentication failed' }, /orgbridge/],
    ['no access', { code: '28000', message: 'no pg_hba.conf entry' }, /orgbridge/],
    ['no database', { code: '3D000', message: 'database "orgbridge" does not exist' }, /orgbridge/],
    ['timeout', { message: 'Connection terminated due to connection timeout' }, /db\.example:5433/],
  ];
  for (const [name, error, detail] of cases) {
    it(name, () => {
      const text = describeDatabaseError(Object.assign(new Error(error.message), error), url);
      expect(text).toMatch(/DATABASE_URL/);
      expect(text).toMatch(detail);
      expect(text).not.toContain('secret-pw');
      expect(text).toMatch(/[\u4e00-\u9fff]/); // Chinese first, English complete
    });
  }

  it('anything else is not mapped (its stack is printed), unless it ended the first connection', () => {
    expect(describeDatabaseError(new Error('relation "x" does not exist'), url)).toBeUndefined();
    const hangUp = new Error('Connection terminated unexpectedly');
    expect(describeDatabaseError(hangUp, url)).toBeUndefined();
    expect(describeDatabaseError(hangUp, url, { connecting: true })).toMatch(/DATABASE_URL/);
  });
});
